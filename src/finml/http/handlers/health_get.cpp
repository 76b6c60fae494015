#include <finml/http/handlers/handlers.hpp>
#include <finml/http/json/system_json.hpp>

namespace finml::http::handlers {

Handler health_get(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    const auto now = std::chrono::steady_clock::now();
    const auto database = deps.system.database_health();
    const double uptime = std::chrono::duration<double>(now - deps.info.started).count();
    Response response;
    response.status = database.reachable ? 200 : 503;
    std::optional<service::CacheFigures> cache;
    if (deps.response_cache != nullptr) cache = deps.response_cache->figures();
    response.body = json::write_health(deps.info, uptime, database, cache ? &*cache : nullptr, context.request_id);
    return response;
  };
}

}  // namespace finml::http::handlers
