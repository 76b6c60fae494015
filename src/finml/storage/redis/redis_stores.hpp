#pragma once
/// @file finml/storage/redis/redis_stores.hpp
/// The cache and the rate-limit counter in Redis, shared by every instance of the service.
#include <mutex>
#include <string>

#include <finml/storage/cache_store.hpp>
#include <finml/storage/rate_limit_store.hpp>
#include <finml/storage/redis/redis_client.hpp>

namespace finml::storage::redis {

/// Values under "finml:cache:<key>", expiring after their TTL (SET ... PX).
class RedisCacheStore final : public CacheStore {
 public:
  explicit RedisCacheStore(RedisClient& client) : client_(client) {}
  [[nodiscard]] std::string_view backend() const noexcept override { return "redis"; }
  [[nodiscard]] core::Result<std::optional<std::string>> get(std::string_view key) override;
  core::Result<void> put(std::string_view key, std::string_view value, std::chrono::milliseconds ttl) override;

 private:
  RedisClient& client_;
};

/// Counts under "finml:ratelimit:<key>" with one Lua script (INCR, PEXPIRE on the first hit,
/// PTTL), so that the count and the window are atomic across every instance. The script is
/// run by its SHA1 (EVALSHA) and sent whole (EVAL) when Redis does not know it, after a
/// restart for instance.
class RedisRateLimitStore final : public RateLimitStore {
 public:
  explicit RedisRateLimitStore(RedisClient& client) : client_(client) {}
  core::Result<WindowCount> hit(std::string_view key, std::chrono::milliseconds window) override;

  /// The script, for tests and for reading.
  static const std::string_view kScript;

 private:
  RedisClient& client_;
  std::mutex mutex_;
  std::string sha_;  // of kScript, as SCRIPT LOAD answered; empty until known
};

}  // namespace finml::storage::redis
