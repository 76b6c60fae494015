#pragma once
/// @file finml/storage/memory_cache_store.hpp
/// The in-process cache: at most `max_entries` values, the least recently used dropped first,
/// each forgotten once its time to live has passed.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

#include <finml/storage/cache_store.hpp>

namespace finml::storage {

class MemoryCacheStore final : public CacheStore {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  /// `clock` is for tests; by default the steady clock.
  explicit MemoryCacheStore(std::size_t max_entries, Clock clock = {});

  [[nodiscard]] std::string_view backend() const noexcept override { return "memory"; }
  [[nodiscard]] core::Result<std::optional<std::string>> get(std::string_view key) override;
  core::Result<void> put(std::string_view key, std::string_view value, std::chrono::milliseconds ttl) override;
  [[nodiscard]] std::uint64_t evictions() const noexcept override {
    return evictions_.load(std::memory_order_relaxed);
  }
  [[nodiscard]] std::size_t size() const;

 private:
  struct Entry {
    std::string key;
    std::string value;
    std::chrono::steady_clock::time_point expires;
  };
  [[nodiscard]] std::chrono::steady_clock::time_point now() const;

  std::size_t max_entries_;
  Clock clock_;
  mutable std::mutex mutex_;
  std::list<Entry> entries_;  // most recently used first
  // Keys view the strings of entries_, whose nodes never move.
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;
  std::atomic<std::uint64_t> evictions_{0};
};

}  // namespace finml::storage
