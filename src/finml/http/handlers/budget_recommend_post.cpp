#include <finml/analytics/budget/recommend.hpp>
#include <finml/http/handlers/handlers.hpp>
#include <finml/http/handlers/stored_inputs.hpp>
#include <finml/http/json/budget_json.hpp>
#include <finml/service/stored_data.hpp>

namespace finml::http::handlers {

// Without `transactions` in the body the user's stored transactions are read, and their stored
// goals unless the body has `goals`; the user's category overrides apply either way
// (service/stored_data.hpp).
Handler budget_recommend_post(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    auto input = json::read_budget_recommend_request(context.request.body, deps.default_currency);
    if (!input) return std::unexpected(std::move(input.error()));
    const core::UserId user = input->base.user_id;
    auto data = rows_with_overrides(deps, context, user, input->base.has_transactions, input->base.transactions,
                                    input->base.currency);
    if (!data) return std::unexpected(std::move(data.error()));
    if (data->from_storage && !input->has_goals) {
      auto goals = service::stored_goals(deps.database, user);
      if (!goals) return std::unexpected(std::move(goals.error()));
      input->goals = budget_goals(*goals);
    }
    const core::Date today = input->base.as_of.value_or(deps.today());
    auto plan = analytics::budget::recommend_budget(data->rows, input->goals, input->options, today);
    if (!plan) return std::unexpected(std::move(plan.error()));
    Response response;
    response.body = json::write_budget_recommendation(user, *plan, deps.now());
    return response;
  };
}

}  // namespace finml::http::handlers
