#include <finml/analytics/budget/recommend.hpp>
#include <finml/http/handlers/handlers.hpp>
#include <finml/http/json/budget_json.hpp>

namespace finml::http::handlers {

Handler budget_recommend_post(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    auto input = json::read_budget_recommend_request(context.request.body, deps.default_currency);
    if (!input) return std::unexpected(std::move(input.error()));
    const core::Date today = input->base.as_of.value_or(deps.today());
    auto plan = analytics::budget::recommend_budget(input->base.transactions, input->goals, input->options, today);
    if (!plan) return std::unexpected(std::move(plan.error()));
    Response response;
    response.body = json::write_budget_recommendation(input->base.user_id, *plan, deps.now());
    return response;
  };
}

}  // namespace finml::http::handlers
