#pragma once
/// @file finml/storage/cache_store.hpp
/// The cache port: bytes by key, each with a time to live. Implemented in process
/// (memory_cache_store.hpp, a bounded LRU) and by Redis (storage/redis), which every instance
/// of the service shares.
///
/// Safe to call from many threads at once. A store that cannot be reached answers
/// kUnavailable; callers then go on without the cache.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <finml/core/error.hpp>

namespace finml::storage {

class CacheStore {
 public:
  virtual ~CacheStore() = default;
  /// "memory" or "redis".
  [[nodiscard]] virtual std::string_view backend() const noexcept = 0;
  /// The value stored under `key`, nullopt when there is none or it expired.
  [[nodiscard]] virtual core::Result<std::optional<std::string>> get(std::string_view key) = 0;
  /// Stores `value` under `key` for `ttl`, replacing what was there.
  virtual core::Result<void> put(std::string_view key, std::string_view value, std::chrono::milliseconds ttl) = 0;
  /// Entries dropped to make room for others since the start (expiry is not eviction); stores
  /// that evict on their own (Redis) answer 0.
  [[nodiscard]] virtual std::uint64_t evictions() const noexcept { return 0; }
};

}  // namespace finml::storage
