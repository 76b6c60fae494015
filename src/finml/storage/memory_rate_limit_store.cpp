#include <finml/storage/memory_rate_limit_store.hpp>

#include <algorithm>

namespace finml::storage {

MemoryRateLimitStore::MemoryRateLimitStore(Clock clock) : clock_(std::move(clock)) {}

core::Result<WindowCount> MemoryRateLimitStore::hit(std::string_view key, std::chrono::milliseconds window) {
  const auto now = clock_ ? clock_() : std::chrono::steady_clock::now();
  Shard& shard = shards_[std::hash<std::string_view>{}(key) % kShards];
  std::lock_guard lock(shard.mutex);
  if (shard.windows.size() >= shard.sweep_at) {
    std::erase_if(shard.windows, [now](const auto& item) { return item.second.ends <= now; });
    shard.sweep_at = std::max<std::size_t>(1024, shard.windows.size() * 2);
  }
  auto found = shard.windows.find(key);
  if (found == shard.windows.end()) found = shard.windows.emplace(std::string(key), Window{}).first;
  Window& current = found->second;
  if (current.ends <= now) current = {.hits = 0, .ends = now + window};
  current.hits += 1;
  return WindowCount{.hits = current.hits,
                     .reset_in = std::chrono::ceil<std::chrono::milliseconds>(current.ends - now)};
}

std::size_t MemoryRateLimitStore::size() const {
  std::size_t total = 0;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    total += shard.windows.size();
  }
  return total;
}

}  // namespace finml::storage
