#include <finml/storage/memory_cache_store.hpp>

namespace finml::storage {

MemoryCacheStore::MemoryCacheStore(std::size_t max_entries, Clock clock)
    : max_entries_(max_entries), clock_(std::move(clock)) {
  index_.reserve(max_entries_);
}

std::chrono::steady_clock::time_point MemoryCacheStore::now() const {
  return clock_ ? clock_() : std::chrono::steady_clock::now();
}

core::Result<std::optional<std::string>> MemoryCacheStore::get(std::string_view key) {
  const auto at = now();
  std::lock_guard lock(mutex_);
  const auto found = index_.find(key);
  if (found == index_.end()) return std::nullopt;
  const auto entry = found->second;
  if (entry->expires <= at) {
    index_.erase(found);
    entries_.erase(entry);
    return std::nullopt;
  }
  entries_.splice(entries_.begin(), entries_, entry);
  return entry->value;
}

core::Result<void> MemoryCacheStore::put(std::string_view key, std::string_view value,
                                         std::chrono::milliseconds ttl) {
  if (max_entries_ == 0) return {};
  const auto expires = now() + ttl;
  std::lock_guard lock(mutex_);
  if (const auto found = index_.find(key); found != index_.end()) {
    const auto entry = found->second;
    entry->value.assign(value);
    entry->expires = expires;
    entries_.splice(entries_.begin(), entries_, entry);
    return {};
  }
  if (entries_.size() >= max_entries_) {
    // The least recently used entry makes room; it counts as evicted unless it had expired.
    const auto& oldest = entries_.back();
    if (oldest.expires > now()) evictions_.fetch_add(1, std::memory_order_relaxed);
    index_.erase(oldest.key);
    entries_.pop_back();
  }
  entries_.push_front({std::string(key), std::string(value), expires});
  index_.emplace(entries_.front().key, entries_.begin());
  return {};
}

std::size_t MemoryCacheStore::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace finml::storage
