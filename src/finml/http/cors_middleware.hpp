#pragma once
/// @file finml/http/cors_middleware.hpp
/// Cross-origin resource sharing (CORS_ORIGINS, CORS_ALLOW_CREDENTIALS): the outermost step.
/// It answers preflight requests of allowed origins with 204 and the path's methods, and adds
/// Access-Control-Allow-Origin and Access-Control-Expose-Headers to every answer (errors too)
/// for an allowed Origin. An origin not listed gets no CORS header: the browser then refuses.
#include <string>
#include <vector>

#include <finml/http/middleware.hpp>

namespace finml::http {

struct CorsOptions {
  std::vector<std::string> origins;  ///< "https://app.example"; "*" allows every origin
  /// Access-Control-Allow-Credentials: true. The origin is then always echoed, never "*"
  /// (the configuration refuses "*" with credentials before it gets here).
  bool allow_credentials = false;
};

class CorsMiddleware final : public Middleware {
 public:
  explicit CorsMiddleware(CorsOptions options);

  Response handle(Exchange& exchange, Next next) override;

  /// Seconds a browser may keep a preflight answer.
  static constexpr int kMaxAgeSeconds = 600;

 private:
  [[nodiscard]] bool allowed(std::string_view origin) const;
  void add_origin_headers(Response& response, std::string_view origin) const;

  std::vector<std::string> origins_;
  bool any_origin_ = false;
  bool allow_credentials_ = false;
};

}  // namespace finml::http
