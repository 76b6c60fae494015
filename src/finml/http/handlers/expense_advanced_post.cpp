#include <memory>

#include <finml/analytics/predictions/monthly_forecast.hpp>
#include <finml/http/handlers/handlers.hpp>
#include <finml/http/handlers/stored_inputs.hpp>
#include <finml/http/json/prediction_json.hpp>
#include <finml/service/forecast_memo.hpp>
#include <finml/service/stored_data.hpp>

namespace finml::http::handlers {

// Without `transactions` in the body the user's stored transactions are forecast
// (service/stored_data.hpp).
Handler expense_advanced_post(const Dependencies& deps) {
  // The route's own memo of fits: repeated requests for the same months cost a lookup.
  auto memo = std::make_shared<service::ForecastMemo>(deps.forecast_memo_entries);
  return [&deps, memo](const RequestContext& context) -> core::Result<Response> {
    auto input = json::read_expense_advanced_request(context.request.body, deps.default_currency);
    if (!input) return std::unexpected(std::move(input.error()));
    if (input->has_transactions && input->items == 0) {
      return core::fail(core::ErrorCode::kInvalidArgument, "Invalid transaction data");
    }
    auto data = service::analytics_transactions(deps.database, input->user_id,
                                                given_rows(input->has_transactions, input->transactions),
                                                deps.default_currency, service::CategoryOverrides::kIgnore);
    if (!data) return std::unexpected(std::move(data.error()));
    auto forecast = analytics::predictions::forecast_spending(
        data->rows, {.horizon = input->horizon,
                     .level = input->confidence_level.value_or(deps.confidence_level),
                     .today = input->as_of.value_or(deps.today()),
                     .min_months = deps.min_training_months,
                     .max_months = deps.max_training_months,
                     .forecaster = memo->forecaster()});
    if (!forecast) return std::unexpected(std::move(forecast.error()));
    Response response;
    response.body = json::write_expense_advanced(input->user_id, *forecast, deps.now());
    return response;
  };
}

}  // namespace finml::http::handlers
