#include <finml/analytics/habits/habits.hpp>
#include <finml/http/handlers/handlers.hpp>
#include <finml/http/handlers/stored_inputs.hpp>
#include <finml/http/json/budget_json.hpp>
#include <finml/http/json/recommendations_json.hpp>
#include <finml/service/stored_data.hpp>

namespace finml::http::handlers {

// POST /api/v1/recommendations/habits (user_id in the body, the original's) and the client's
// POST /api/v1/recommendations/habits/{user_id} (the path names the user). Without
// `transactions` in the body the user's stored transactions are read (service/stored_data.hpp).
Handler recommendations_habits_post(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    auto inputs = recommendations_inputs(deps, context, json::FreeText::kSkip);
    if (!inputs) return std::unexpected(std::move(inputs.error()));
    const auto& [input, data] = *inputs;
    const auto report = analytics::habits::analyze_habits(
        data.rows, input.as_of.value_or(deps.today()),
        {.analysis_months = input.analysis_months, .currency_label = json::currency_label(data.currency)});
    Response response;
    response.body = json::write_habits(input.user_id, report, std::nullopt);
    return response;
  };
}

}  // namespace finml::http::handlers
