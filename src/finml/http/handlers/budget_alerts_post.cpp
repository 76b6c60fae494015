#include <finml/analytics/budget/alerts.hpp>
#include <finml/http/handlers/handlers.hpp>
#include <finml/http/handlers/stored_inputs.hpp>
#include <finml/http/json/budget_json.hpp>
#include <finml/service/stored_data.hpp>

namespace finml::http::handlers {

// Without `transactions` in the body the user's stored transactions are read, and their stored
// overall budgets unless the body has `budgets`; the user's category overrides apply either
// way (service/stored_data.hpp).
Handler budget_alerts_post(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    auto input = json::read_budget_alerts_request(context.request.body, deps.default_currency);
    if (!input) return std::unexpected(std::move(input.error()));
    const core::UserId user = input->base.user_id;
    auto data = rows_with_overrides(deps, context, user, input->base.has_transactions, input->base.transactions,
                                    input->base.currency);
    if (!data) return std::unexpected(std::move(data.error()));
    if (data->from_storage && !input->has_budgets) {
      auto budgets = service::stored_budgets(deps.database, user);
      if (!budgets) return std::unexpected(std::move(budgets.error()));
      input->budgets = overall_budgets(*budgets);
    }
    const core::Date today = input->base.as_of.value_or(deps.today());
    const auto alerts = analytics::budget::detect_alerts(data->rows, input->budget, input->budgets, today,
                                                         {.currency_label = json::currency_label(data->currency)});
    Response response;
    response.body = json::write_budget_alerts(user, alerts);
    return response;
  };
}

}  // namespace finml::http::handlers
