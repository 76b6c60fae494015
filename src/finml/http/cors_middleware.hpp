#pragma once
/// @file finml/http/cors_middleware.hpp
/// Cross-origin resource sharing (CORS_ORIGINS, CORS_ALLOW_CREDENTIALS): the outermost step.
/// It answers preflight requests of allowed origins with 204 and the path's methods, and adds
/// Access-Control-Allow-Origin and Access-Control-Expose-Headers to every answer (errors too)
/// for an allowed Origin, including refusals while the request was read (408, 413, 431) and
/// 500s from an exception.
/// An origin not listed gets no CORS header: the browser then refuses.
#include <optional>
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
  /// A browser reads a 408, 413, 431 or 500 only with the same headers as any other answer.
  void amend_direct_answer(const Request& request, Response& response) const override;

  /// Seconds a browser may keep a preflight answer.
  static constexpr int kMaxAgeSeconds = 600;

 private:
  [[nodiscard]] bool allowed(std::string_view origin) const;
  /// The answer depends on Origin unless every origin gets the same "*".
  [[nodiscard]] bool varies_by_origin() const { return !any_origin_ || allow_credentials_; }
  void add_origin_headers(Response& response, std::string_view origin) const;
  /// Allow-Origin, Expose-Headers and Vary for an answer to `origin` (absent or not allowed:
  /// Vary only).
  void add_answer_headers(Response& response, std::optional<std::string_view> origin) const;

  std::vector<std::string> origins_;
  bool any_origin_ = false;
  bool allow_credentials_ = false;
};

}  // namespace finml::http
