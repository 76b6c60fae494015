#pragma once
/// @file finml/http/middleware.hpp
/// Steps that wrap every routed request, outermost first: CORS, authentication, rate limits,
/// authorization, the cache. Each sees the request, the route it matched (or none) and the
/// caller, and either answers itself or passes the exchange on and may amend the response.
#include <string>
#include <string_view>
#include <vector>

#include <finml/core/function_ref.hpp>
#include <finml/http/message.hpp>
#include <finml/http/router.hpp>

namespace finml::http {

/// One request on its way through the middleware.
struct Exchange {
  const Request& request;
  std::string_view request_id;
  const Route* route = nullptr;  ///< null: no route matched (the innermost step answers 404 or 405)
  const PathParameters& path_parameters;
  /// When no route matched: the methods the path has (empty: the path is unknown).
  const std::vector<std::string>& allowed_methods;
  Caller caller;  ///< anonymous until the authentication middleware sets it
};

class Middleware {
 public:
  /// The rest of the chain.
  using Next = core::FunctionRef<Response(Exchange&)>;

  virtual ~Middleware() = default;
  /// Answers the request itself, or calls `next` (at most once) and returns its response,
  /// amended as needed. Errors become responses here (error_response.hpp), never exceptions.
  virtual Response handle(Exchange& exchange, Next next) = 0;
  /// Amends an answer that did not come back through the chain: a refusal while the request was
  /// read (400, 408, 413, 431; `request` holds what was read) or a 500 from an exception.
  virtual void amend_direct_answer(const Request& /*request*/, Response& /*response*/) const {}
};

}  // namespace finml::http
