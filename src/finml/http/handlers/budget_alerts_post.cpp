#include <finml/analytics/budget/alerts.hpp>
#include <finml/http/handlers/handlers.hpp>
#include <finml/http/json/budget_json.hpp>

namespace finml::http::handlers {

Handler budget_alerts_post(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    auto input = json::read_budget_alerts_request(context.request.body, deps.default_currency);
    if (!input) return std::unexpected(std::move(input.error()));
    const core::Date today = input->base.as_of.value_or(deps.today());
    const auto alerts = analytics::budget::detect_alerts(
        input->base.transactions, input->budget, input->budgets, today,
        {.currency_label = json::currency_label(input->base.currency)});
    Response response;
    response.body = json::write_budget_alerts(input->base.user_id, alerts);
    return response;
  };
}

}  // namespace finml::http::handlers
