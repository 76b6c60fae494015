#include <limits>

#include <finml/http/handlers/handlers.hpp>
#include <finml/http/json/ml_json.hpp>
#include <finml/service/model_service.hpp>

namespace finml::http::handlers {
namespace {
constexpr std::int64_t kDefaultMonths = 6;  // the client's default
}  // namespace

// The client's GET /predict/{user_id}?months=.
Handler predict_get(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    const auto path_user = context.path_parameter("user_id");
    auto user = json::read_integer_parameter(path_user ? std::optional<std::string>(*path_user) : std::nullopt,
                                             "$.path.user_id", std::nullopt,
                                             std::numeric_limits<std::int64_t>::min(),
                                             std::numeric_limits<std::int64_t>::max());
    if (!user) return std::unexpected(std::move(user.error()));
    auto months = json::read_integer_parameter(context.request.query_parameter("months"), "$.query.months",
                                               kDefaultMonths, json::kMinHorizon, json::kMaxHorizon);
    if (!months) return std::unexpected(std::move(months.error()));
    const core::UserId user_id(*user);
    auto prediction = service::predict_user_savings(deps.database, user_id, static_cast<int>(*months),
                                                    {.min_months = deps.min_training_months,
                                                     .max_months = deps.max_training_months,
                                                     .level = deps.confidence_level,
                                                     .today = deps.today()},
                                                    json::model_state_codec());
    if (!prediction) return std::unexpected(std::move(prediction.error()));
    Response response;
    response.body = json::write_predict_get_response(user_id, *prediction);
    return response;
  };
}

}  // namespace finml::http::handlers
