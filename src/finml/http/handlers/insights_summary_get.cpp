#include <finml/http/handlers/handlers.hpp>
#include <finml/http/handlers/request_parameters.hpp>
#include <finml/service/insights_service.hpp>

namespace finml::http::handlers {

// The document POST /insights answered last for the user, as it was answered (it carries its
// user_id and computed_at).
Handler insights_summary_get(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    const auto user = user_id_parameter(context);
    if (!user) return std::unexpected(user.error());
    auto latest = service::latest_insights(deps.database, *user);
    if (!latest) return std::unexpected(std::move(latest.error()));
    Response response;
    response.body = std::move(latest->insights_json);
    return response;
  };
}

}  // namespace finml::http::handlers
