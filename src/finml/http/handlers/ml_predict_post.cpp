#include <finml/http/handlers/handlers.hpp>
#include <finml/http/json/ml_json.hpp>
#include <finml/service/model_service.hpp>

namespace finml::http::handlers {

Handler ml_predict_post(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    auto input = json::read_predict_request(context.request.body);
    if (!input) return std::unexpected(std::move(input.error()));
    auto prediction = service::predict_savings(deps.database, input->user_id, input->months_ahead,
                                               deps.confidence_level, json::model_state_codec());
    if (!prediction) return std::unexpected(std::move(prediction.error()));
    Response response;
    response.body = json::write_predict_response(input->user_id, *prediction);
    return response;
  };
}

}  // namespace finml::http::handlers
