#include <finml/http/handlers/handlers.hpp>
#include <finml/http/json/ml_json.hpp>
#include <finml/service/model_service.hpp>

namespace finml::http::handlers {
namespace {
/// The original refused fewer transactions than this before looking at them.
constexpr std::size_t kMinimumTransactions = 3;
}  // namespace

// Serves POST /ml/train-with-transactions and the client's POST /train.
Handler ml_train_with_transactions_post(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    auto input = json::read_train_with_transactions_request(context.request.body, deps.default_currency);
    if (!input) return std::unexpected(std::move(input.error()));
    if (input->items < kMinimumTransactions)
      return core::fail(core::ErrorCode::kInvalidArgument,
                        "Insufficient data: At least 3 transactions required for training");
    auto report = service::train_with_transactions(deps.database, input->user_id, input->transactions,
                                                   {.min_months = deps.min_training_months,
                                                    .max_months = deps.max_training_months,
                                                    .level = deps.confidence_level,
                                                    .today = deps.today()},
                                                   json::model_state_codec());
    if (!report) return std::unexpected(std::move(report.error()));
    Response response;
    response.body = json::write_train_with_transactions_response(*input, *report);
    return response;
  };
}

}  // namespace finml::http::handlers
