#include <finml/http/auth_middleware.hpp>

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>

#include <finml/core/text.hpp>
#include <finml/http/error_response.hpp>
#include <finml/http/json/auth_json.hpp>

namespace finml::http {
namespace {

/// The key sent in X-API-Key, else in Authorization: Bearer; empty when none.
[[nodiscard]] std::string_view presented_key(const Request& request) {
  if (const auto header = request.header("x-api-key")) {
    if (const auto key = trim_ows(*header); !key.empty()) return key;
  }
  if (const auto header = request.header("authorization")) {
    const std::string_view value = trim_ows(*header);
    const auto space = value.find(' ');
    if (space != std::string_view::npos && core::equals_ignoring_ascii_case(value.substr(0, space), "bearer")) {
      return trim_ows(value.substr(space + 1));
    }
  }
  return {};
}

[[nodiscard]] Response unauthorized(std::string_view message, std::string_view challenge,
                                    std::string_view request_id) {
  Response response = status_response(401, message, request_id);
  response.with_header("WWW-Authenticate", std::string(challenge));
  return response;
}

[[nodiscard]] Response forbidden(std::string_view message, std::string_view request_id) {
  return status_response(403, message, request_id);
}

[[nodiscard]] std::string naming_another_user(const Caller& caller, std::string_view where,
                                              std::int64_t named) {
  return "This API key acts only for user " + caller.user_id + "; the request names user " +
         std::to_string(named) + " in " + std::string(where);
}

/// The first user id the request names that is not the caller's, with where it was found.
[[nodiscard]] std::optional<std::string> other_user_named(const Exchange& exchange, std::int64_t own) {
  for (const auto& [name, value] : exchange.path_parameters) {
    if (name != "user_id") continue;
    if (const auto id = parse_decimal_integer(value); id && *id != own) {
      return naming_another_user(exchange.caller, "the path", *id);
    }
  }
  // Every user_id of the query, not only the first one that the handlers read.
  std::string_view rest(exchange.request.query);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    const auto key = percent_decode(pair.substr(0, eq), true);
    if (!key || *key != "user_id") continue;
    const auto value = percent_decode(pair.substr(eq + 1), true);
    if (!value) continue;
    if (const auto id = parse_decimal_integer(*value); id && *id != own) {
      return naming_another_user(exchange.caller, "the query string", *id);
    }
  }
  if (exchange.request.body.find_first_not_of(" \t\r\n") != std::string::npos) {
    for (const core::UserId id : json::user_ids_in_body(exchange.request.body)) {
      if (id.value() != own) return naming_another_user(exchange.caller, "the body", id.value());
    }
  }
  return std::nullopt;
}

}  // namespace

Response AuthenticationMiddleware::handle(Exchange& exchange, Next next) {
  const std::string_view key = presented_key(exchange.request);
  if (!key.empty()) {
    auto verified = verifier_.verify(key);
    if (!verified) return error_response(verified.error(), exchange.request_id);
    if (!*verified) {
      return unauthorized("Invalid or revoked API key", "Bearer error=\"invalid_token\"", exchange.request_id);
    }
    const service::VerifiedKey& owner = **verified;
    exchange.caller.kind = owner.admin() ? Caller::Kind::kAdmin : Caller::Kind::kUser;
    exchange.caller.key_id = owner.key_id;
    exchange.caller.user_id = owner.user_id ? std::to_string(owner.user_id->value()) : std::string{};
    return next(exchange);
  }
  if (exchange.route != nullptr) {
    const Access access = exchange.route->access;
    const bool needs_key = access == Access::kAdmin || (access == Access::kUser && options_.keys_required) ||
                           (access == Access::kMetrics && options_.metrics_require_key);
    if (needs_key) {
      return unauthorized(access == Access::kAdmin ? "API key missing: this route needs an admin key"
                                                   : "API key missing: send it as X-API-Key or Authorization: Bearer",
                          "Bearer", exchange.request_id);
    }
  }
  return next(exchange);
}

Response AuthorizationMiddleware::handle(Exchange& exchange, Next next) {
  if (exchange.route == nullptr) return next(exchange);
  const Caller& caller = exchange.caller;
  if (exchange.route->access == Access::kAdmin) {
    if (caller.kind == Caller::Kind::kAdmin) return next(exchange);
    if (caller.kind == Caller::Kind::kAnonymous) {
      return unauthorized("API key missing: this route needs an admin key", "Bearer", exchange.request_id);
    }
    return forbidden("This route needs an admin key; a user's key may not use it", exchange.request_id);
  }
  if (caller.kind != Caller::Kind::kUser) return next(exchange);
  const auto own = parse_decimal_integer(caller.user_id);
  if (!own) return forbidden("This API key names no user", exchange.request_id);
  if (const auto problem = other_user_named(exchange, *own)) return forbidden(*problem, exchange.request_id);
  return next(exchange);
}

}  // namespace finml::http
