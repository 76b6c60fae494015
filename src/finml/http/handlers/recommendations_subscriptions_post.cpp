#include <finml/analytics/recurring/streams.hpp>
#include <finml/http/handlers/handlers.hpp>
#include <finml/http/handlers/stored_inputs.hpp>
#include <finml/http/json/recurring_json.hpp>
#include <finml/service/stored_data.hpp>

namespace finml::http::handlers {

// POST /api/v1/recommendations/subscriptions: recurring charges and income streams in the
// transactions sent, or without `transactions` in the body in the user's stored ones
// (service/stored_data.hpp). Every row given counts, however old: an annual stream needs more
// than a year of history, so `analysis_months` (validated, 1..12) does not cut the history here
// (B15: the original had no window either). Rows dated after "today" are left out.
Handler recommendations_subscriptions_post(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    auto input = json::read_subscriptions_request(context.request.body, deps.default_currency);
    if (!input) return std::unexpected(std::move(input.error()));
    const core::Date today = input->as_of.value_or(deps.today());
    Response response;
    if (input->has_transactions) {
      // The reader interns texts: the detector groups rows by where their texts live.
      const auto streams = analytics::recurring::detect_streams(
          std::span<const analytics::recurring::RowView>(input->rows), today, analytics::recurring::Texts::kInterned);
      response.body = json::write_subscriptions(input->user_id, streams, input->currency, today);
      return response;
    }
    auto data = service::analytics_transactions(deps.database, input->user_id, std::nullopt, input->currency,
                                                service::CategoryOverrides::kIgnore);
    if (!data) return std::unexpected(std::move(data.error()));
    const auto streams = analytics::recurring::detect_streams(std::span<const core::Transaction>(data->rows), today);
    response.body = json::write_subscriptions(input->user_id, streams, data->currency, today);
    return response;
  };
}

}  // namespace finml::http::handlers
