#pragma once
/// @file finml/http/rate_limit_middleware.hpp
/// RATE_LIMIT_REQUESTS per RATE_LIMIT_PERIOD per API key (the caller's key id), or per client
/// address when no key was sent (X-Forwarded-For believed only from TRUSTED_PROXIES). Limited
/// responses carry RateLimit-Limit, -Remaining, -Reset and their X-RateLimit-* twins; a
/// refused request gets 429 with Retry-After. GET /health (liveness probes) and /metrics
/// (scrapers) are not limited.
#include <finml/http/middleware.hpp>
#include <finml/http/trusted_proxies.hpp>
#include <finml/service/rate_limiter.hpp>

namespace finml::http {

class RateLimitMiddleware final : public Middleware {
 public:
  RateLimitMiddleware(service::RateLimiter& limiter, TrustedProxies proxies)
      : limiter_(limiter), proxies_(std::move(proxies)) {}

  Response handle(Exchange& exchange, Next next) override;

  /// The key requests are counted under: "key:<id>" or "address:<client address>".
  [[nodiscard]] std::string key_of(const Exchange& exchange) const;

 private:
  service::RateLimiter& limiter_;
  TrustedProxies proxies_;
};

}  // namespace finml::http
