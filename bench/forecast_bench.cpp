// Speed of fit + forecast, per series, with Google Benchmark. The batch benchmarks run every
// benchmark case with at most 60 points (bench/forecast/data/cases.csv, both splits) one after
// the other on one thread, as `finml forecast --batch` does, and report the time per series.
//
//   forecast_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <cmath>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include <finml/analytics/forecast/forecaster.hpp>

namespace {

namespace fc = finml::analytics::forecast;

struct Series {
  std::vector<double> values;
  int period = 1;
  int horizon = 1;
};

/// The benchmark cases with at most `max_points` points of history.
const std::vector<Series>& short_series(std::size_t max_points = 60) {
  static const std::vector<Series> all = [max_points] {
    std::vector<Series> out;
    std::ifstream in(FINML_FORECAST_CASES);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      std::vector<std::string> f;
      std::stringstream row(line);
      std::string field;
      while (std::getline(row, field, ',')) f.push_back(field);
      if (f.size() < 9) continue;
      Series s;
      s.period = std::stoi(f[2]);
      s.horizon = std::stoi(f[5]);
      std::stringstream values(f[7]);
      double v = 0.0;
      while (values >> v) s.values.push_back(v);
      if (s.values.size() <= max_points) out.push_back(std::move(s));
    }
    return out;
  }();
  return all;
}

void run_batch(benchmark::State& state, fc::Method method) {
  const auto& batch = short_series();
  if (batch.empty()) {
    state.SkipWithError("no benchmark cases found");
    return;
  }
  for (auto _ : state) {
    for (const Series& s : batch) {
      fc::ForecastOptions options;
      options.horizon = s.horizon;
      options.period = s.period;
      options.method = method;
      auto result = fc::forecast(s.values, options);
      benchmark::DoNotOptimize(result);
    }
  }
  // Reported "series" rate is inverted: seconds per series.
  state.counters["per_series"] = benchmark::Counter(
      static_cast<double>(batch.size()),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["series"] = static_cast<double>(batch.size());
}

void BM_ForecastAuto_BatchUpTo60(benchmark::State& state) { run_batch(state, fc::Method::kAuto); }
void BM_ForecastEts_BatchUpTo60(benchmark::State& state) { run_batch(state, fc::Method::kEts); }
void BM_ForecastArima_BatchUpTo60(benchmark::State& state) { run_batch(state, fc::Method::kArima); }
void BM_ForecastTheta_BatchUpTo60(benchmark::State& state) { run_batch(state, fc::Method::kTheta); }

/// One monthly series of `n` points: trend, seasonality and deterministic noise.
std::vector<double> synthetic_monthly(std::size_t n) {
  std::vector<double> y(n);
  std::uint64_t state = 12345;
  for (std::size_t t = 0; t < n; ++t) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const double noise = static_cast<double>(state >> 11) * 0x1.0p-53 - 0.5;
    const double season = std::sin(2.0 * 3.141592653589793 * static_cast<double>(t % 12) / 12.0);
    y[t] = 100.0 + 0.5 * static_cast<double>(t) + 10.0 * season + 4.0 * noise;
  }
  return y;
}

void run_single(benchmark::State& state, fc::Method method) {
  const auto y = synthetic_monthly(static_cast<std::size_t>(state.range(0)));
  fc::ForecastOptions options;
  options.horizon = 12;
  options.period = 12;
  options.method = method;
  for (auto _ : state) {
    auto result = fc::forecast(y, options);
    benchmark::DoNotOptimize(result);
  }
}

void BM_ForecastAuto_Months(benchmark::State& state) { run_single(state, fc::Method::kAuto); }
void BM_ForecastEts_Months(benchmark::State& state) { run_single(state, fc::Method::kEts); }
void BM_ForecastArima_Months(benchmark::State& state) { run_single(state, fc::Method::kArima); }

}  // namespace

BENCHMARK(BM_ForecastAuto_BatchUpTo60)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ForecastEts_BatchUpTo60)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ForecastArima_BatchUpTo60)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ForecastTheta_BatchUpTo60)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ForecastAuto_Months)->Arg(24)->Arg(60)->Arg(120)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ForecastEts_Months)->Arg(24)->Arg(60)->Arg(120)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ForecastArima_Months)->Arg(24)->Arg(60)->Arg(120)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
