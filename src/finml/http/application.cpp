#include <finml/http/application.hpp>

#include <random>

#include <finml/http/entity_tags.hpp>
#include <finml/http/error_response.hpp>

namespace finml::http {
namespace {

constexpr std::string_view kUnmatchedRoute = "unmatched";
constexpr std::size_t kMaxRequestIdLength = 128;

bool valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxRequestIdLength) return false;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == ':' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

}  // namespace

std::string request_id_for(const Request& request) {
  if (const auto given = request.header("x-request-id"); given && valid_request_id(*given)) {
    return std::string(*given);
  }
  thread_local std::mt19937_64 generator{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(32, '0');
  std::uint64_t bits = 0;
  for (std::size_t i = 0; i < id.size(); ++i) {
    if (i % 16 == 0) bits = generator();
    id[i] = kHex[bits & 0xF];
    bits >>= 4;
  }
  return id;
}

Application::Application(ApplicationOptions options, Metrics& metrics, Logger& logger)
    : options_(options), metrics_(metrics), logger_(logger) {}

Response Application::handle(Request& request) {
  const auto started = std::chrono::steady_clock::now();
  metrics_.request_started();
  const std::string request_id = request_id_for(request);
  std::string_view route = kUnmatchedRoute;
  std::string key_id;
  Response response = dispatch(request, request_id, route, key_id);
  not_modified_when_unchanged(request, response);
  finish(request, response, request_id, route, key_id, started);
  return response;
}

Response Application::dispatch(const Request& request, const std::string& request_id,
                               std::string_view& route, std::string& key_id) {
  auto matched = router_.match(request.method, request.path);
  static const PathParameters kNoParameters;
  static const std::vector<std::string> kNoMethods;
  auto* match = std::get_if<Router::Match>(&matched);
  auto* miss = std::get_if<Router::Miss>(&matched);
  if (match != nullptr) route = match->route->path_template;
  Exchange exchange{.request = request,
                    .request_id = request_id,
                    .route = match != nullptr ? match->route : nullptr,
                    .path_parameters = match != nullptr ? match->parameters : kNoParameters,
                    .allowed_methods = miss != nullptr ? miss->allowed_methods : kNoMethods,
                    .caller = {}};
  Response response;
  try {
    response = run(exchange, 0);
  } catch (const std::exception& exception) {
    logger_.log(LogLevel::kError, "unhandled_exception", exception.what(),
                {{"request_id", std::string_view(request_id)}, {"route", route}});
    response = internal_error_response(&exception, options_.production, request_id);
    amend_direct_answer(request, response);
  } catch (...) {
    logger_.log(LogLevel::kError, "unhandled_exception", "non-standard exception",
                {{"request_id", std::string_view(request_id)}, {"route", route}});
    response = internal_error_response(nullptr, options_.production, request_id);
    amend_direct_answer(request, response);
  }
  key_id = std::move(exchange.caller.key_id);
  return response;
}

void Application::amend_direct_answer(const Request& request, Response& response) const {
  for (const auto& step : middleware_) step->amend_direct_answer(request, response);
}

Response Application::run(Exchange& exchange, std::size_t step) {
  if (step == middleware_.size()) return invoke_handler(exchange);
  return middleware_[step]->handle(exchange, [this, step](Exchange& next) { return run(next, step + 1); });
}

Response Application::invoke_handler(Exchange& exchange) {
  if (exchange.route == nullptr) {
    if (exchange.allowed_methods.empty()) return status_response(404, "Not Found", exchange.request_id);
    Response response = status_response(405, "Method Not Allowed", exchange.request_id);
    response.with_header("Allow", join(exchange.allowed_methods, ", "));
    return response;
  }
  const RequestContext context{exchange.request, exchange.path_parameters, exchange.request_id,
                               &exchange.caller};
  auto result = exchange.route->handler(context);
  if (!result) return error_response(result.error(), exchange.request_id);
  return std::move(*result);
}

void Application::finish(const Request& request, Response& response, const std::string& request_id,
                         std::string_view route, std::string_view key_id,
                         std::chrono::steady_clock::time_point started) {
  response.with_header("X-Request-ID", request_id);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  if (options_.metrics_enabled) {
    metrics_.request_finished(request.method, route, response.status, elapsed);
  }
  if (logger_.enabled(LogLevel::kInfo)) {
    const double duration_ms = std::chrono::duration<double, std::milli>(elapsed).count();
    logger_.log(LogLevel::kInfo, "request", "",
                {{"request_id", std::string_view(request_id)},
                 {"method", std::string_view(request.method)},
                 {"route", route},
                 {"path", std::string_view(request.path)},
                 {"status", static_cast<std::int64_t>(response.status)},
                 {"duration_ms", duration_ms},
                 {"bytes", static_cast<std::int64_t>(response.body.size())},
                 {"remote", std::string_view(request.remote_address)},
                 {"key_id", key_id}});
  }
}

Response Application::reject(Rejection rejection, const Request& partial) {
  const auto started = std::chrono::steady_clock::now();
  metrics_.request_started();
  const std::string request_id = request_id_for(partial);
  // Label the metrics by the route the request was for when its head was read.
  std::string_view route = kUnmatchedRoute;
  if (!partial.path.empty()) {
    if (const auto matched = router_.match(partial.method, partial.path);
        std::holds_alternative<Router::Match>(matched)) {
      route = std::get<Router::Match>(matched).route->path_template;
    }
  }
  Response response;
  switch (rejection) {
    case Rejection::kMalformedRequest:
      response = status_response(400, "Malformed HTTP request", request_id);
      break;
    case Rejection::kHeadersTooLarge:
      response = status_response(431, "Request header fields too large", request_id);
      break;
    case Rejection::kBodyTooLarge:
      response = status_response(
          413, "Request body too large: the limit is " + std::to_string(options_.max_body_bytes) + " bytes",
          request_id);
      break;
    case Rejection::kTimeout:
      response = status_response(408, "Request not received in time", request_id);
      break;
  }
  amend_direct_answer(partial, response);
  finish(partial, response, request_id, route, "", started);
  return response;
}

}  // namespace finml::http
