#include <limits>

#include <finml/http/handlers/handlers.hpp>
#include <finml/http/json/ml_json.hpp>
#include <finml/http/json/prediction_json.hpp>
#include <finml/service/model_service.hpp>

namespace finml::http::handlers {
namespace {
constexpr std::int64_t kDefaultMonths = 6;  // the original's default
}  // namespace

// GET /predictions?user_id=&months=: real forecasts from the stored transactions (the
// original answered constants for everyone, B1).
Handler predictions_get(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    auto user = json::read_integer_parameter(context.request.query_parameter("user_id"), "$.query.user_id",
                                             std::nullopt, std::numeric_limits<std::int64_t>::min(),
                                             std::numeric_limits<std::int64_t>::max());
    auto months = json::read_integer_parameter(context.request.query_parameter("months"), "$.query.months",
                                               kDefaultMonths, json::kMinHorizon, json::kMaxHorizon);
    if (!user || !months) {
      // One 422 naming every bad parameter.
      std::vector<core::FieldError> fields;
      if (!user) fields.insert(fields.end(), user.error().fields.begin(), user.error().fields.end());
      if (!months) fields.insert(fields.end(), months.error().fields.begin(), months.error().fields.end());
      return core::fail_validation(std::move(fields));
    }
    const core::UserId user_id(*user);
    auto forecast = service::forecast_user(deps.database, user_id, static_cast<int>(*months),
                                           {.min_months = deps.min_training_months,
                                            .max_months = deps.max_training_months,
                                            .level = deps.confidence_level,
                                            .today = deps.today()});
    if (!forecast) return std::unexpected(std::move(forecast.error()));
    Response response;
    response.body = json::write_user_predictions(user_id, *forecast);
    return response;
  };
}

}  // namespace finml::http::handlers
