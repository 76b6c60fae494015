#pragma once
/// @file finml/http/router.hpp
/// The route table: method plus path template ("/api/v1/insights/trends/{user_id}") to handler.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <finml/core/error.hpp>
#include <finml/http/message.hpp>

namespace finml::http {

/// Path parameters of a matched route, by name, in template order.
using PathParameters = std::vector<std::pair<std::string, std::string>>;

/// What a handler sees of its request.
struct RequestContext {
  const Request& request;
  const PathParameters& path_parameters;
  std::string_view request_id;

  [[nodiscard]] std::optional<std::string_view> path_parameter(std::string_view name) const;
};

/// Handlers answer with a response or an error; errors become responses in one place
/// (error_response.hpp), never inside a handler.
using Handler = std::function<core::Result<Response>(const RequestContext&)>;

struct Route {
  std::string method;         ///< "GET", "POST", ...; a GET route also answers HEAD
  std::string path_template;  ///< literal segments and {name} parameters
  std::string summary;        ///< one line, for GET / and the API docs
  Handler handler;
};

class Router {
 public:
  struct Match {
    const Route* route;
    PathParameters parameters;
  };
  /// No route for this method; `allowed_methods` lists the methods the path has (none: 404).
  struct Miss {
    std::vector<std::string> allowed_methods;
  };

  /// Adds a route; templates must start with "/".
  void add(Route route);
  [[nodiscard]] std::variant<Match, Miss> match(std::string_view method, std::string_view path) const;
  [[nodiscard]] const std::vector<Route>& routes() const noexcept { return routes_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{name}" marks a parameter
  };
  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
};

}  // namespace finml::http
