#include <finml/http/handlers/handlers.hpp>
#include <finml/http/json/system_json.hpp>

namespace finml::http::handlers {

Handler root_get(const Dependencies& deps, const Router& router) {
  return [&deps, &router](const RequestContext&) -> core::Result<Response> {
    Response response;
    response.body = json::write_root(deps.info, router.routes());
    return response;
  };
}

}  // namespace finml::http::handlers
