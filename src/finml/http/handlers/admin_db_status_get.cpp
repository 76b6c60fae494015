#include <finml/http/handlers/handlers.hpp>
#include <finml/http/json/admin_json.hpp>
#include <finml/service/admin_service.hpp>

namespace finml::http::handlers {

Handler admin_db_status_get(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    // The storage error names the driver, the database and perhaps a host: logged, not shown.
    const auto log = [&](std::string_view action, const core::Error& error) {
      deps.log_hidden_error("admin_db_status_failed", std::string(action) + ": " + error.message,
                            context.request_id);
    };
    auto result = service::database_status(deps.database, log);
    if (!result) return std::unexpected(std::move(result.error()));
    Response response;
    response.body = json::write_db_status(*result);
    return response;
  };
}

}  // namespace finml::http::handlers
