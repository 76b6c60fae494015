#include <finml/http/cors_middleware.hpp>

#include <algorithm>

namespace finml::http {
namespace {

// What a browser may send cross-origin besides the CORS-safelisted headers.
constexpr std::string_view kAllowedHeaders =
    "X-API-Key, Authorization, Content-Type, X-Request-ID, Idempotency-Key, If-Match, If-None-Match";
// What scripts of another origin may read of an answer besides the safelisted headers.
constexpr std::string_view kExposedHeaders =
    "RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, X-RateLimit-Limit, X-RateLimit-Remaining, "
    "X-RateLimit-Reset, Retry-After, X-Request-ID, X-Cache, ETag";

// "https://app.example/" and "https://app.example" name the same origin; browsers send the latter.
std::string without_trailing_slash(std::string origin) {
  while (origin.size() > 1 && origin.back() == '/') origin.pop_back();
  return origin;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

}  // namespace

CorsMiddleware::CorsMiddleware(CorsOptions options) : allow_credentials_(options.allow_credentials) {
  for (auto& origin : options.origins) {
    if (origin == "*") {
      any_origin_ = true;
    } else {
      origins_.push_back(without_trailing_slash(std::move(origin)));
    }
  }
}

bool CorsMiddleware::allowed(std::string_view origin) const {
  return any_origin_ || std::find(origins_.begin(), origins_.end(), origin) != origins_.end();
}

void CorsMiddleware::add_origin_headers(Response& response, std::string_view origin) const {
  if (any_origin_ && !allow_credentials_) {
    response.with_header("Access-Control-Allow-Origin", "*");
  } else {
    response.with_header("Access-Control-Allow-Origin", std::string(origin));
  }
  if (allow_credentials_) response.with_header("Access-Control-Allow-Credentials", "true");
}

Response CorsMiddleware::handle(Exchange& exchange, Next next) {
  if (origins_.empty() && !any_origin_) return next(exchange);  // CORS is off
  const auto origin = exchange.request.header("origin");
  // A preflight: OPTIONS with Access-Control-Request-Method, on a path that exists (no route
  // has OPTIONS, so the router reports the path's methods). Unknown paths fall through to 404.
  const bool preflight = origin && allowed(*origin) && exchange.request.method == "OPTIONS" &&
                         exchange.request.header("access-control-request-method").has_value();
  if (preflight && exchange.route == nullptr && !exchange.allowed_methods.empty()) {
    Response response;
    response.status = 204;
    response.content_type.clear();
    add_origin_headers(response, *origin);
    response.with_header("Access-Control-Allow-Methods", join(exchange.allowed_methods));
    response.with_header("Access-Control-Allow-Headers", std::string(kAllowedHeaders));
    response.with_header("Access-Control-Max-Age", std::to_string(kMaxAgeSeconds));
    if (varies_by_origin()) response.with_header("Vary", "Origin");
    return response;
  }
  Response response = next(exchange);
  add_answer_headers(response, origin);
  return response;
}

void CorsMiddleware::add_answer_headers(Response& response, std::optional<std::string_view> origin) const {
  if (origin && allowed(*origin)) {
    add_origin_headers(response, *origin);
    response.with_header("Access-Control-Expose-Headers", std::string(kExposedHeaders));
  }
  if (varies_by_origin()) response.with_header("Vary", "Origin");
}

void CorsMiddleware::amend_direct_answer(const Request& request, Response& response) const {
  if (origins_.empty() && !any_origin_) return;  // CORS is off
  add_answer_headers(response, request.header("origin"));
}

}  // namespace finml::http
