#pragma once
/// @file finml/http/application.hpp
/// What runs around every request: its id, routing (404, 405 with Allow), the middleware, the
/// handler, the mapping of errors and exceptions to responses, metrics and the access log line.
#include <memory>
#include <string>
#include <vector>

#include <finml/http/logger.hpp>
#include <finml/http/metrics.hpp>
#include <finml/http/middleware.hpp>
#include <finml/http/router.hpp>
#include <finml/http/server.hpp>

namespace finml::http {

struct ApplicationOptions {
  bool production = false;  ///< hides exception text from responses
  bool metrics_enabled = true;
  std::size_t max_body_bytes = 0;  ///< named in the 413 message
};

class Application final : public RequestHandler {
 public:
  Application(ApplicationOptions options, Metrics& metrics, Logger& logger);

  /// The route table, to fill before the server starts.
  [[nodiscard]] Router& router() noexcept { return router_; }
  [[nodiscard]] const Router& router() const noexcept { return router_; }

  /// Appends a middleware step; the first added is the outermost. Before the server starts.
  void use(std::unique_ptr<Middleware> middleware) { middleware_.push_back(std::move(middleware)); }

  Response handle(Request& request) override;
  Response reject(Rejection rejection, const Request& partial) override;

 private:
  /// Routes and runs the request; sets `route` to the matched template and `key_id` to the
  /// caller's key (empty: anonymous), for the access log.
  Response dispatch(const Request& request, const std::string& request_id, std::string_view& route,
                    std::string& key_id);
  Response run(Exchange& exchange, std::size_t step);
  Response invoke_handler(Exchange& exchange);
  /// Lets every step amend an answer that did not come back through the chain (Middleware).
  void amend_direct_answer(const Request& request, Response& response) const;
  void finish(const Request& request, Response& response, const std::string& request_id,
              std::string_view route, std::string_view key_id,
              std::chrono::steady_clock::time_point started);

  ApplicationOptions options_;
  Metrics& metrics_;
  Logger& logger_;
  Router router_;
  std::vector<std::unique_ptr<Middleware>> middleware_;
};

/// The caller's X-Request-ID when it is 1 to 128 characters of [A-Za-z0-9._:-], else a new
/// random 32-hex-digit id.
[[nodiscard]] std::string request_id_for(const Request& request);

}  // namespace finml::http
