#include <finml/analytics/budget/optimize.hpp>
#include <finml/http/handlers/handlers.hpp>
#include <finml/http/json/budget_json.hpp>

namespace finml::http::handlers {

Handler budget_optimize_post(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    auto input = json::read_budget_optimize_request(context.request.body, deps.default_currency);
    if (!input) return std::unexpected(std::move(input.error()));
    const core::Date today = input->base.as_of.value_or(deps.today());
    auto optimization = analytics::budget::optimize_budget(input->base.transactions, input->options, today);
    if (!optimization) return std::unexpected(std::move(optimization.error()));
    Response response;
    response.body = json::write_budget_optimization(input->base.user_id, *optimization);
    return response;
  };
}

}  // namespace finml::http::handlers
