// Speed of POST /api/v1/predictions/expense/advanced without the transport: reading the body,
// the total's auto forecast, the per-category forecasts and their reconciliation, and writing
// the answer. Target: well under 1 ms per request (2,000 requests/s on 2 cores).
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

#include <finml/analytics/predictions/monthly_forecast.hpp>
#include <finml/http/json/prediction_json.hpp>
#include <finml/http/message.hpp>
#include <finml/service/forecast_memo.hpp>

namespace {

using namespace finml;

std::string read_body(const std::string& name) {
  std::ifstream in(std::string(FINML_SHARED_DIR) + "/data/requests/" + name);
  std::stringstream text;
  text << in.rdbuf();
  std::string body = text.str();
  body.reserve(body.size() + http::kBodyPadding);
  return body;
}

const core::Currency kInr = *core::Currency::from_code("INR");

analytics::predictions::MonthlyForecastOptions options_for(const http::json::ExpenseAdvancedInput& input) {
  return {.horizon = input.horizon,
          .level = 0.95,
          .today = *core::Date::parse_iso("2025-12-08"),
          .min_months = 3,
          .max_months = 24};
}

void BM_ExpenseAdvanced_ReadBody_User24(benchmark::State& state) {
  const std::string body = read_body("user24.expense_advanced.json");
  for (auto _ : state) benchmark::DoNotOptimize(http::json::read_expense_advanced_request(body, kInr));
}
BENCHMARK(BM_ExpenseAdvanced_ReadBody_User24)->Unit(benchmark::kMicrosecond);

void BM_ExpenseAdvanced_Forecast_User24(benchmark::State& state) {
  const auto input = http::json::read_expense_advanced_request(read_body("user24.expense_advanced.json"), kInr);
  for (auto _ : state)
    benchmark::DoNotOptimize(analytics::predictions::forecast_spending(input->transactions, options_for(*input)));
}
BENCHMARK(BM_ExpenseAdvanced_Forecast_User24)->Unit(benchmark::kMicrosecond);

void request(benchmark::State& state, const std::string& file, service::ForecastMemo* memo = nullptr) {
  const std::string body = read_body(file);
  for (auto _ : state) {
    const auto input = http::json::read_expense_advanced_request(body, kInr);
    auto options = options_for(*input);
    if (memo != nullptr) options.forecaster = memo->forecaster();
    const auto forecast = analytics::predictions::forecast_spending(input->transactions, options);
    benchmark::DoNotOptimize(http::json::write_expense_advanced(input->user_id, *forecast, {}));
  }
}

void BM_ExpenseAdvanced_WholeRequest_User24(benchmark::State& state) { request(state, "user24.expense_advanced.json"); }
BENCHMARK(BM_ExpenseAdvanced_WholeRequest_User24)->Unit(benchmark::kMicrosecond);
void BM_ExpenseAdvanced_WholeRequest_Heavy36(benchmark::State& state) { request(state, "heavy36.expense_advanced.json"); }
BENCHMARK(BM_ExpenseAdvanced_WholeRequest_Heavy36)->Unit(benchmark::kMicrosecond);

// The route as served: its memo answers repeated fits of the same months.
void BM_ExpenseAdvanced_WholeRequestMemo_User24(benchmark::State& state) {
  service::ForecastMemo memo;
  request(state, "user24.expense_advanced.json", &memo);
}
BENCHMARK(BM_ExpenseAdvanced_WholeRequestMemo_User24)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
