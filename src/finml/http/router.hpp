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

/// Who is calling, as the authentication middleware found from the API key sent.
struct Caller {
  enum class Kind { kAnonymous, kUser, kAdmin };
  Kind kind = Kind::kAnonymous;
  std::string key_id;   ///< the key's public id; empty for anonymous callers
  std::string user_id;  ///< the user a kUser key acts for
};

/// What a handler sees of its request.
struct RequestContext {
  const Request& request;
  const PathParameters& path_parameters;
  std::string_view request_id;
  const Caller* caller = nullptr;  ///< null only in tests that call handlers directly

  [[nodiscard]] std::optional<std::string_view> path_parameter(std::string_view name) const;
};

/// Handlers answer with a response or an error; errors become responses in one place
/// (error_response.hpp), never inside a handler.
using Handler = std::function<core::Result<Response>(const RequestContext&)>;

/// Who may call a route (see the authentication middleware).
enum class Access {
  kUser,     ///< any valid key when keys are required; a user key only for its own user_id
  kPublic,   ///< never needs a key: /health, /docs, /openapi.json
  kMetrics,  ///< /metrics: public unless METRICS_REQUIRE_KEY
  kAdmin,    ///< always an admin key
};

/// Whether and how a route's answers may be cached (see the cache middleware).
enum class Caching {
  kNone,        ///< never: the route writes, or its answer is cheap or changes by itself
  kInput,       ///< the answer depends on the request only
  kStoredData,  ///< the answer depends on the request and the user's stored data
  /// Analytics that read the user's stored data when the body leaves it out, and their
  /// category overrides (issue 7, helper B): the request and, when it names a user (path or
  /// body user_id), that user's stored data.
  kInputOrStoredData,
};

struct Route {
  std::string method;         ///< "GET", "POST", ...; a GET route also answers HEAD
  std::string path_template;  ///< literal segments and {name} parameters
  std::string summary;        ///< one line, for GET / and the API docs
  Handler handler;
  Access access = Access::kUser;
  Caching caching = Caching::kNone;
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
