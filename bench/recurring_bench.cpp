// Recurring-charge detection on the heaviest realistic body (36 months, about 10,700
// transactions, 1.1 MB: ../shared/data/requests/heavy36.subscriptions.json): reading the body,
// detecting the streams, and writing the answer, each alone (bench/README.md).
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include <finml/analytics/recurring/streams.hpp>
#include <finml/http/json/recommendations_json.hpp>
#include <finml/http/json/recurring_json.hpp>
#include <finml/http/message.hpp>

namespace {

const finml::core::Currency kInr = *finml::core::Currency::from_code("INR");
const finml::core::Date kToday = *finml::core::Date::parse_iso("2025-11-01");

std::string load_body() {
  std::ifstream file(FINML_SHARED_DIR "/data/requests/heavy36.subscriptions.json");
  std::stringstream text;
  text << file.rdbuf();
  std::string body = text.str();
  body.reserve(body.size() + finml::http::kBodyPadding);
  return body;
}

finml::http::json::SubscriptionsRequest read(const std::string& body) {
  auto request = finml::http::json::read_subscriptions_request(body, kInr);
  if (!request) std::abort();
  return std::move(*request);
}

// The route's reader: rows whose texts are interned, one copy per distinct text.
void read_subscriptions_request(benchmark::State& state) {
  const std::string body = load_body();
  for (auto _ : state) benchmark::DoNotOptimize(read(body));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(body.size()));
}
BENCHMARK(read_subscriptions_request)->Unit(benchmark::kMillisecond);

// For comparison: the same body read into core::Transaction values (a string per description).
void read_as_transactions(benchmark::State& state) {
  const std::string body = load_body();
  for (auto _ : state) {
    benchmark::DoNotOptimize(finml::http::json::read_recommendations_request(body, kInr, std::nullopt,
                                                                             finml::http::json::FreeText::kKeep));
  }
}
BENCHMARK(read_as_transactions)->Unit(benchmark::kMillisecond);

void detect_streams_of_heavy_user(benchmark::State& state) {
  const auto request = read(load_body());
  const std::span<const finml::analytics::recurring::RowView> rows(request.rows);
  std::size_t streams = 0;
  for (auto _ : state) {
    const auto found = finml::analytics::recurring::detect_streams(rows, kToday, finml::analytics::recurring::Texts::kInterned);
    streams = found.size();
    benchmark::DoNotOptimize(found);
  }
  state.counters["transactions"] = static_cast<double>(request.rows.size());
  state.counters["streams"] = static_cast<double>(streams);
}
BENCHMARK(detect_streams_of_heavy_user)->Unit(benchmark::kMicrosecond);

void write_subscriptions_answer(benchmark::State& state) {
  const auto request = read(load_body());
  const auto streams = finml::analytics::recurring::detect_streams(
      std::span<const finml::analytics::recurring::RowView>(request.rows), kToday);
  for (auto _ : state) {
    benchmark::DoNotOptimize(finml::http::json::write_subscriptions(request.user_id, streams, kInr, kToday));
  }
}
BENCHMARK(write_subscriptions_answer)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
