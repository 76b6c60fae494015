#include <finml/analytics/habits/habits.hpp>
#include <finml/http/handlers/handlers.hpp>
#include <finml/http/handlers/request_parameters.hpp>
#include <finml/http/json/budget_json.hpp>
#include <finml/http/json/recommendations_json.hpp>
#include <finml/service/habits_service.hpp>

namespace finml::http::handlers {

// GET /api/v1/recommendations/habits/{user_id}?analysis_months=3: the habits of the user's
// stored transactions. The original ignored the user and answered 400 unless the GET carried
// a JSON body (B27). A user with nothing stored in the window gets 200 with no habits and a
// message saying why, as the client tolerates best (client-contract.md 8.16).
Handler recommendations_habits_get(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    const auto user = user_id_parameter(context);
    if (!user) return std::unexpected(user.error());
    const auto months = bounded_integer_query(context, "analysis_months", json::kDefaultAnalysisMonths,
                                              json::kMinAnalysisMonths, json::kMaxAnalysisMonths);
    if (!months) return std::unexpected(months.error());
    const core::Date today = deps.today();
    const auto window = analytics::habits::analysis_window({}, today, *months);
    auto rows = service::stored_transactions(deps.database, *user, window.first, window.last);
    if (!rows) return std::unexpected(std::move(rows.error()));
    const core::Currency currency = rows->empty() ? deps.default_currency : rows->front().amount.currency();
    const auto report = analytics::habits::analyze_habits(
        *rows, today, {.analysis_months = *months, .currency_label = json::currency_label(currency)});
    std::optional<std::string> message;
    if (rows->empty()) {
      const std::string id = std::to_string(user->value());
      message = "No stored transactions for user " + id + " in the last " +
                std::to_string(*months * analytics::habits::kDaysPerMonth) +
                " days. Store them with POST /train or /ml/train-with-transactions, or send them to POST "
                "/api/v1/recommendations/habits/" + id + ".";
    }
    Response response;
    response.body = json::write_habits(*user, report, message);
    return response;
  };
}

}  // namespace finml::http::handlers
