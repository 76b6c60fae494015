#include <finml/http/handlers/handlers.hpp>
#include <finml/http/handlers/request_parameters.hpp>
#include <finml/http/json/health_json.hpp>
#include <finml/service/health_service.hpp>

namespace finml::http::handlers {

Handler insights_benchmark_get(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    const auto user = user_id_parameter(context);
    if (!user) return std::unexpected(user.error());
    json::BenchmarkQuery query{.age_group = context.request.query_parameter("age_group"),
                               .income_bracket = context.request.query_parameter("income_bracket"),
                               .income_range = std::nullopt};
    if (query.age_group && query.age_group->empty()) query.age_group.reset();
    if (query.income_bracket && query.income_bracket->empty()) query.income_bracket.reset();
    if (query.income_bracket) {
      query.income_range = analytics::health::parse_income_bracket(*query.income_bracket);
      if (!query.income_range) {
        return core::fail_validation({{"query.income_bracket",
                                       "must be an income range such as 50k-75k, 50-75k, 50000-75000 or 100k+, not '" +
                                           query.income_bracket->substr(0, 40) + "'",
                                       "value_error"}});
      }
    }
    std::optional<std::string_view> age_group;
    if (query.age_group) age_group = *query.age_group;
    auto benchmark = service::health_benchmark(deps.database, *user, age_group, query.income_range);
    if (!benchmark) return std::unexpected(std::move(benchmark.error()));
    Response response;
    response.body = json::write_health_benchmark(*user, query, benchmark->peers, benchmark->age_group);
    return response;
  };
}

}  // namespace finml::http::handlers
