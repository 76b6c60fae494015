#include <finml/http/handlers/handlers.hpp>
#include <finml/http/json/budget_json.hpp>
#include <finml/http/json/insights_json.hpp>
#include <finml/service/insights_service.hpp>

namespace finml::http::handlers {

Handler insights_post(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    auto request = json::read_insights_request(context.request.body, deps.default_currency);
    if (!request) return std::unexpected(std::move(request.error()));
    const core::Timestamp now = deps.now();
    const core::Date today = request->as_of.value_or(core::utc_date(now));
    const core::UserId user = request->user_id;
    const core::Currency currency = request->currency;
    auto computed = service::compute_and_keep_insights(
        deps.database, user, request->transactions, today, now, {.currency_label = json::currency_label(currency)},
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
