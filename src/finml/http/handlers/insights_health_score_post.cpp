#include <finml/http/handlers/handlers.hpp>
#include <finml/http/json/health_json.hpp>
#include <finml/service/health_service.hpp>

namespace finml::http::handlers {

Handler insights_health_score_post(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    auto request = json::read_health_score_request(context.request.body, deps.default_currency);
    if (!request) return std::unexpected(std::move(request.error()));
    const core::Timestamp now = deps.now();
    const analytics::health::HealthScoreInput input{
        .transactions = request->transactions,
        .currency_exponent = request->currency.exponent(),
        // The original's messages say "Rs."; other currencies are named by their code.
        .currency_label = request->currency.code() == "INR" ? "Rs." : std::string(request->currency.code()),
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
