#include <finml/analytics/habits/nudges.hpp>
#include <finml/http/handlers/handlers.hpp>
#include <finml/http/handlers/stored_inputs.hpp>
#include <finml/http/json/recommendations_json.hpp>
#include <finml/service/stored_data.hpp>

namespace finml::http::handlers {

// POST /api/v1/recommendations/nudges (user_id in the body, the original's) and the client's
// POST /api/v1/recommendations/nudges/{user_id} (the path names the user; transactions and
// goals may be empty arrays). Without `transactions` in the body the user's stored
// transactions are read, and their stored goals unless the body has `goals`
// (service/stored_data.hpp).
Handler recommendations_nudges_post(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    auto inputs = recommendations_inputs(deps, context, json::FreeText::kSkip);
    if (!inputs) return std::unexpected(std::move(inputs.error()));
    auto& [input, data] = *inputs;
    if (data.from_storage && !input.has_goals) {
      auto goals = service::stored_goals(deps.database, input.user_id);
      if (!goals) return std::unexpected(std::move(goals.error()));
      input.goals = nudge_goals(*goals);
    }
    const auto report = analytics::habits::generate_nudges(data.rows, input.goals, input.as_of.value_or(deps.today()));
    Response response;
    response.body = json::write_nudges(input.user_id, report);
    return response;
  };
}

}  // namespace finml::http::handlers
