#include <finml/http/handlers/handlers.hpp>
#include <finml/http/json/ml_json.hpp>
#include <finml/service/model_service.hpp>

namespace finml::http::handlers {
namespace {
/// The original's default window: the year before end_date.
constexpr int kDefaultWindowDays = 365;
}  // namespace

Handler ml_train_post(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    auto input = json::read_train_request(context.request.body);
    if (!input) return std::unexpected(std::move(input.error()));
    const core::Date today = deps.today();
    const core::Date end = input->end_date.value_or(today);
    const core::Date start = input->start_date.value_or(end.plus_days(-kDefaultWindowDays));
    auto model = service::train_savings_model(deps.database, input->user_id, start, end,
                                              {.min_months = deps.min_training_months,
                                               .max_months = deps.max_training_months,
                                               .level = deps.confidence_level,
                                               .today = today},
                                              json::model_state_codec());
    if (!model) return std::unexpected(std::move(model.error()));
    Response response;
    response.body = json::write_train_response(*model);
    return response;
  };
}

}  // namespace finml::http::handlers
