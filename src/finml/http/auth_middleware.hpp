#pragma once
/// @file finml/http/auth_middleware.hpp
/// API keys on the wire. Authentication finds who is calling from the key sent (X-API-Key, or
/// Authorization: Bearer) and answers 401 when a needed key is missing or a key is bad;
/// authorization, after the rate limit, answers 403 when the caller may not do what it asks.
#include <finml/http/middleware.hpp>
#include <finml/service/api_keys.hpp>

namespace finml::http {

struct AuthenticationOptions {
  bool keys_required = false;        ///< AUTH_REQUIRED: every kUser route needs a key
  bool metrics_require_key = false;  ///< METRICS_REQUIRE_KEY: /metrics needs a key
};

/// Sets Exchange::caller from the key sent. A key that is malformed, unknown or revoked gets
/// 401 on every route, public ones included (a client with a broken key should learn it at
/// once). Without a key: 401 on admin routes, on kUser routes when keys are required, and on
/// /metrics when METRICS_REQUIRE_KEY; other routes (and unknown paths) go on anonymously.
/// Every 401 carries `WWW-Authenticate: Bearer`.
class AuthenticationMiddleware final : public Middleware {
 public:
  AuthenticationMiddleware(service::ApiKeyVerifier& verifier, AuthenticationOptions options)
      : verifier_(verifier), options_(options) {}
  Response handle(Exchange& exchange, Next next) override;

 private:
  service::ApiKeyVerifier& verifier_;
  AuthenticationOptions options_;
};

/// Admin routes take only admin keys (403 for a user key, 401 without a key). A user key acts
/// only for its own user: a user_id in the path, in the query string or at the top of a JSON
/// body that names another user gets 403. Ids are compared as the handlers read them ("42",
/// 42 and 42.0 are the same user); a value that is no user id at all is left to the handler,
/// which refuses it (422) with the same reader.
class AuthorizationMiddleware final : public Middleware {
 public:
  Response handle(Exchange& exchange, Next next) override;
};

}  // namespace finml::http
