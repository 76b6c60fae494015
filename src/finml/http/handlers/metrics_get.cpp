#include <finml/http/handlers/handlers.hpp>

namespace finml::http::handlers {

Handler metrics_get(const Dependencies& deps) {
  return [&deps](const RequestContext&) -> core::Result<Response> {
    if (!deps.metrics_enabled) {
      return core::fail(core::ErrorCode::kNotFound, "Metrics are disabled (ENABLE_METRICS=false)");
    }
    Response response;
    response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    response.body = deps.metrics.render();
    return response;
  };
}

}  // namespace finml::http::handlers
