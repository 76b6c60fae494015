#include <finml/http/handlers/handlers.hpp>
#include <finml/http/handlers/stored_inputs.hpp>
#include <finml/http/json/budget_json.hpp>
#include <finml/http/json/insights_json.hpp>
#include <finml/service/insights_service.hpp>
#include <finml/service/stored_data.hpp>

namespace finml::http::handlers {

// Without `transactions` in the body the user's stored transactions are read
// (service/stored_data.hpp).
Handler insights_post(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    auto request = json::read_insights_request(context.request.body, deps.default_currency);
    if (!request) return std::unexpected(std::move(request.error()));
    const core::UserId user = request->user_id;
    auto data = service::analytics_transactions(deps.database, user,
                                                given_rows(request->has_transactions, request->transactions),
                                                request->currency, service::CategoryOverrides::kIgnore);
    if (!data) return std::unexpected(std::move(data.error()));
    const core::Timestamp now = deps.now();
    const core::Date today = request->as_of.value_or(core::utc_date(now));
    const core::Currency currency = data->currency;
    auto computed = service::compute_and_keep_insights(
        deps.database, user, data->rows, today, now, {.currency_label = json::currency_label(currency)},
        [&](const analytics::insights::InsightsReport& report) {
          return json::write_insights(user, currency, report, now);
        });
    if (!computed) return std::unexpected(std::move(computed.error()));
    Response response;
    response.body = std::move(computed->document);
    return response;
  };
}

}  // namespace finml::http::handlers
