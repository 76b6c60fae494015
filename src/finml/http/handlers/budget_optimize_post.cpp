#include <finml/analytics/budget/optimize.hpp>
#include <finml/http/handlers/handlers.hpp>
#include <finml/http/handlers/stored_inputs.hpp>
#include <finml/http/json/budget_json.hpp>
#include <finml/service/stored_data.hpp>

namespace finml::http::handlers {

// Without `transactions` in the body the user's stored transactions are read; the user's
// category overrides apply either way (service/stored_data.hpp).
Handler budget_optimize_post(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    auto input = json::read_budget_optimize_request(context.request.body, deps.default_currency);
    if (!input) return std::unexpected(std::move(input.error()));
    const core::UserId user = input->base.user_id;
    auto data = rows_with_overrides(deps, context, user, input->base.has_transactions, input->base.transactions,
                                    input->base.currency);
    if (!data) return std::unexpected(std::move(data.error()));
    if (data->from_storage) input->options.currency_label = json::currency_label(data->currency);
    const core::Date today = input->base.as_of.value_or(deps.today());
    auto optimization = analytics::budget::optimize_budget(data->rows, input->options, today);
    if (!optimization) return std::unexpected(std::move(optimization.error()));
    Response response;
    response.body = json::write_budget_optimization(user, *optimization);
    return response;
  };
}

}  // namespace finml::http::handlers
