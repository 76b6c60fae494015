#include <finml/service/rate_limiter.hpp>

#include <algorithm>

namespace finml::service {

RateLimitDecision RateLimiter::hit(std::string_view key) {
  const auto window = std::chrono::duration_cast<std::chrono::milliseconds>(period_);
  auto count = shared_.hit(key, window);
  if (!count && &shared_ != &local_) count = local_.hit(key, window);
  if (!count) return {.allowed = true, .limit = limit_, .remaining = limit_, .reset = period_};
  RateLimitDecision decision{.allowed = count->hits <= limit_,
                             .limit = limit_,
                             .remaining = std::max<std::int64_t>(0, limit_ - count->hits),
                             .reset = std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(count->reset_in))};
  if (!decision.allowed) refused_.fetch_add(1, std::memory_order_relaxed);
  return decision;
}

}  // namespace finml::service
