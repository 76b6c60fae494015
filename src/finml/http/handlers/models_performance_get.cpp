#include <limits>

#include <finml/http/handlers/handlers.hpp>
#include <finml/http/json/ml_json.hpp>
#include <finml/service/model_service.hpp>

namespace finml::http::handlers {

// GET /api/v1/models/performance/{user_id}: the backtest metrics stored with each of the
// user's models; 200 with an empty list when there is none (the client shows non-2xx as errors).
Handler models_performance_get(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    const auto path_user = context.path_parameter("user_id");
    auto user = json::read_integer_parameter(path_user ? std::optional<std::string>(*path_user) : std::nullopt,
                                             "$.path.user_id", std::nullopt,
                                             std::numeric_limits<std::int64_t>::min(),
                                             std::numeric_limits<std::int64_t>::max());
    if (!user) return std::unexpected(std::move(user.error()));
    const core::UserId user_id(*user);
    auto models = service::list_models(deps.database, user_id, json::model_state_codec());
    if (!models) return std::unexpected(std::move(models.error()));
    Response response;
    response.body = json::write_performance_response(user_id, *models);
    return response;
  };
}

}  // namespace finml::http::handlers
