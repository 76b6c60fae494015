#include <finml/http/handlers/handlers.hpp>
#include <finml/http/handlers/stored_inputs.hpp>
#include <finml/http/json/health_json.hpp>
#include <finml/service/health_service.hpp>
#include <finml/service/stored_data.hpp>

namespace finml::http::handlers {

// Without `transactions` in the body the user's stored transactions are read, and their stored
// goals unless the body has `goals`; the user's category overrides apply either way
// (service/stored_data.hpp).
Handler insights_health_score_post(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    auto request = json::read_health_score_request(context.request.body, deps.default_currency);
    if (!request) return std::unexpected(std::move(request.error()));
    auto data = rows_with_overrides(deps, context, request->user_id, request->has_transactions,
                                    request->transactions, request->currency);
    if (!data) return std::unexpected(std::move(data.error()));
    if (data->from_storage && !request->has_goals) {
      auto goals = service::stored_goals(deps.database, request->user_id);
      if (!goals) return std::unexpected(std::move(goals.error()));
      request->goals = health_goals(*goals);
    }
    const core::Timestamp now = deps.now();
    const analytics::health::HealthScoreInput input{
        .transactions = data->rows,
        .currency_exponent = data->currency.exponent(),
        // The original's messages say "Rs."; other currencies are named by their code.
        .currency_label = data->currency.code() == "INR" ? "Rs." : std::string(data->currency.code()),
        .emergency_savings = request->emergency_savings,
        .monthly_debt_payment = request->monthly_debt_payment,
        .goals = std::move(request->goals),
        .today = core::utc_date(now),
    };
    auto recorded = service::score_and_record_health(deps.database, request->user_id, input, now,
                                                     json::write_health_recommendations);
    if (!recorded) return std::unexpected(std::move(recorded.error()));
    Response response;
    response.body = json::write_health_score(request->user_id, recorded->score, recorded->calculated_at);
    return response;
  };
}

}  // namespace finml::http::handlers
