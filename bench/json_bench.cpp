// Reading request bodies: the heaviest realistic request (36 months, about 10,700
// transactions, 1.1 MB) through finml's JSON reader into core::Transaction values.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include <finml/http/json/reader.hpp>
#include <finml/http/json/transaction_json.hpp>
#include <finml/http/message.hpp>

namespace {

std::string load_heavy_request() {
  std::ifstream file(FINML_SHARED_DIR "/data/requests/heavy36.health_score.json");
  std::stringstream text;
  text << file.rdbuf();
  std::string body = text.str();
  body.reserve(body.size() + finml::http::kBodyPadding);
  return body;
}

void read_transactions_of_heavy_request(benchmark::State& state) {
  const std::string body = load_heavy_request();
  const auto inr = *finml::core::Currency::from_code("INR");
  std::size_t count = 0;
  for (auto _ : state) {
    auto rows = finml::http::json::decode<std::vector<finml::core::Transaction>>(
        body, [&](finml::http::json::Value& root) {
          std::vector<finml::core::Transaction> transactions;
          finml::http::json::read_object(root, {"transactions"}, [&](std::string_view key, finml::http::json::Value& field) {
            if (key == "transactions") {
              transactions = finml::http::json::read_transactions(field, inr);
            } else {
              field.skip();
            }
          });
          return transactions;
        });
    if (!rows) state.SkipWithError("the heavy request did not read");
    count = rows ? rows->size() : 0;
    benchmark::DoNotOptimize(rows);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(body.size()));
  state.counters["transactions"] = static_cast<double>(count);
}
BENCHMARK(read_transactions_of_heavy_request)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
