#include <finml/http/rate_limit_middleware.hpp>

#include <finml/http/error_response.hpp>

namespace finml::http {
namespace {

bool exempt(const Route* route) {
  return route != nullptr && (route->path_template == "/health" || route->access == Access::kMetrics);
}

}  // namespace

std::string RateLimitMiddleware::key_of(const Exchange& exchange) const {
  if (!exchange.caller.key_id.empty()) return "key:" + exchange.caller.key_id;
  return "address:" + proxies_.client_address(exchange.request);
}

Response RateLimitMiddleware::handle(Exchange& exchange, Next next) {
  if (exempt(exchange.route)) return next(exchange);
  const service::RateLimitDecision decision = limiter_.hit(key_of(exchange));
  Response response =
      decision.allowed
          ? next(exchange)
          : status_response(429,
                            "Rate limit exceeded: " + std::to_string(decision.limit) +
                                " requests per period; try again in " + std::to_string(decision.reset.count()) +
                                " seconds",
                            exchange.request_id);
  const std::string limit = std::to_string(decision.limit);
  const std::string remaining = std::to_string(decision.remaining);
  const std::string reset = std::to_string(decision.reset.count());
  response.with_header("RateLimit-Limit", limit)
      .with_header("RateLimit-Remaining", remaining)
      .with_header("RateLimit-Reset", reset)
      .with_header("X-RateLimit-Limit", limit)
      .with_header("X-RateLimit-Remaining", remaining)
      .with_header("X-RateLimit-Reset", reset);
  if (!decision.allowed) response.with_header("Retry-After", reset);
  return response;
}

}  // namespace finml::http
