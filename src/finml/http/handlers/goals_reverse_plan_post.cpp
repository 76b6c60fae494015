#include <finml/analytics/goals/goal_plan.hpp>
#include <finml/http/handlers/handlers.hpp>
#include <finml/http/json/goal_json.hpp>

namespace finml::http::handlers {

Handler goals_reverse_plan_post(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    auto input = json::read_reverse_plan_request(context.request.body, deps.default_currency);
    if (!input) return std::unexpected(std::move(input.error()));
    const core::Date today = input->as_of.value_or(deps.today());
    auto plan = analytics::goals::plan_reverse(input->request, today);
    if (!plan) return std::unexpected(std::move(plan.error()));
    Response response;
    response.body = json::write_reverse_plan(*plan, input->request.growth);
    return response;
  };
}

}  // namespace finml::http::handlers
