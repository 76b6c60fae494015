#pragma once
/// @file finml/service/rate_limiter.hpp
/// RATE_LIMIT_REQUESTS per RATE_LIMIT_PERIOD per key (an API key's id or a client address),
/// counted by the shared store (Redis) when there is one, and by the local store whenever the
/// shared one fails, so that an outage of Redis leaves every instance with its own limits
/// rather than none.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string_view>

#include <finml/storage/rate_limit_store.hpp>

namespace finml::service {

struct RateLimitDecision {
  bool allowed = true;
  std::int64_t limit = 0;
  std::int64_t remaining = 0;  ///< requests left in the window after this one
  std::chrono::seconds reset{0};  ///< until the window ends (rounded up)
};

class RateLimiter {
 public:
  /// `shared` may be the same object as `local` (no Redis).
  RateLimiter(storage::RateLimitStore& shared, storage::RateLimitStore& local, std::int64_t limit,
              std::chrono::seconds period)
      : shared_(shared), local_(local), limit_(limit), period_(period) {}

  /// Counts one request of `key` and says whether it is within the limit.
  [[nodiscard]] RateLimitDecision hit(std::string_view key);
  /// Requests refused since the start.
  [[nodiscard]] std::uint64_t refused() const noexcept { return refused_.load(std::memory_order_relaxed); }

 private:
  storage::RateLimitStore& shared_;
  storage::RateLimitStore& local_;
  std::int64_t limit_;
  std::chrono::seconds period_;
  std::atomic<std::uint64_t> refused_{0};
};

}  // namespace finml::service
