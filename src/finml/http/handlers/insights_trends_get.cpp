#include <finml/http/handlers/handlers.hpp>
#include <finml/http/handlers/request_parameters.hpp>
#include <finml/http/json/health_json.hpp>
#include <finml/service/health_service.hpp>

namespace finml::http::handlers {

Handler insights_trends_get(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    const auto user = user_id_parameter(context);
    if (!user) return std::unexpected(user.error());
    const auto months = bounded_integer_query(context, "months", analytics::health::kDefaultTrendMonths, 1,
                                              analytics::health::kMaxTrendMonths);
    if (!months) return std::unexpected(months.error());
    auto trend = service::health_trend(deps.database, *user, *months, deps.now());
    if (!trend) return std::unexpected(std::move(trend.error()));
    Response response;
    response.body = json::write_health_trend(*user, *months, *trend);
    return response;
  };
}

}  // namespace finml::http::handlers
