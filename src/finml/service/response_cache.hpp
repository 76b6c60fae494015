#pragma once
/// @file finml/service/response_cache.hpp
/// Cached answers of analytics routes over a cache store (in process or Redis), with the
/// counts that /health and /metrics report. A store that fails (Redis down) counts as a miss:
/// the answer is computed again and nothing is stored.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <finml/storage/cache_store.hpp>

namespace finml::service {

struct CachedAnswer {
  int status = 200;
  std::string content_type;
  std::string body;
  std::string etag{};  ///< the answer's ETag, when it has one (one row of a user's data)
};

struct CacheFigures {
  std::string_view backend;  ///< "memory" or "redis"
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
  std::uint64_t evictions = 0;
  std::uint64_t errors = 0;  ///< lookups and stores the store failed (Redis unreachable)
  [[nodiscard]] double hit_rate() const noexcept {
    const auto lookups = hits + misses;
    return lookups == 0 ? 0.0 : static_cast<double>(hits) / static_cast<double>(lookups);
  }
};

class ResponseCache {
 public:
  ResponseCache(storage::CacheStore& store, std::chrono::seconds ttl) : store_(store), ttl_(ttl) {}

  /// The answer stored under `key`; counts a hit or a miss.
  [[nodiscard]] std::optional<CachedAnswer> find(std::string_view key);
  /// Stores an answer for the configured TTL.
  void store(std::string_view key, const CachedAnswer& answer);
  [[nodiscard]] CacheFigures figures() const noexcept;

 private:
  storage::CacheStore& store_;
  std::chrono::seconds ttl_;
  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> misses_{0};
  std::atomic<std::uint64_t> errors_{0};
};

}  // namespace finml::service
