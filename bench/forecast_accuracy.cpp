// Forecast accuracy benchmark: runs finml's forecasting methods on the cases of
// bench/forecast/data/cases.csv (splits dev and test, built by
// tools/forecast/make_benchmark_cases.R) and bench/forecast/data/fresh_cases.csv (split fresh,
// the clean holdout built by tools/forecast/make_fresh_cases.R), reads R's ets()/auto.arima()
// forecasts of the same cases (tools/forecast/run_r_benchmark.R: r_forecasts.csv and
// r_fresh_forecasts.csv), and prints a Markdown table of mean MASE, 95% interval coverage and
// milliseconds per series by method and history length. Other case files (the fresh2 and fresh3
// holdouts, the tuning windows) are named with --cases and --r-forecasts. See bench/README.md
// for the commands.
//
//   forecast_accuracy [--cases FILE] [--r-forecasts FILE] [--split NAME|all]
//                     [--methods auto,ets,...] [--dump FILE]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <finml/analytics/forecast/arima.hpp>
#include <finml/analytics/forecast/baseline.hpp>
#include <finml/analytics/forecast/ets.hpp>
#include <finml/analytics/forecast/forecaster.hpp>
#include <finml/analytics/forecast/seasonal.hpp>

namespace {

namespace fc = finml::analytics::forecast;

struct Case {
  std::string id, series, split;
  int period = 1, history = 0, horizon = 0;
  double scale = 1.0;
  std::vector<double> values, future;
};

struct Outcome {
  std::vector<double> mean, lower, upper;
  double seconds = 0.0;
};

std::vector<double> numbers(const std::string& text) {
  std::vector<double> out;
  std::stringstream in(text);
  double v = 0.0;
  while (in >> v) out.push_back(v);
  return out;
}

std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  std::string field;
  while (std::getline(in, field, ',')) out.push_back(field);
  return out;
}

void read_cases(const std::string& path, std::vector<Case>& cases) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    const auto f = split_csv(line);
    if (f.size() < 9) continue;
    Case c;
    c.id = f[0];
    c.series = f[1];
    c.period = std::stoi(f[2]);
    c.split = f[3];
    c.history = std::stoi(f[4]);
    c.horizon = std::stoi(f[5]);
    c.scale = std::stod(f[6]);
    c.values = numbers(f[7]);
    c.future = numbers(f[8]);
    cases.push_back(std::move(c));
  }
}

/// R's forecasts by method and case id.
void read_r(const std::string& path, std::map<std::string, std::map<std::string, Outcome>>& out) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    const auto f = split_csv(line);
    if (f.size() < 7) continue;
    Outcome o;
    o.seconds = std::stod(f[2]);
    o.mean = numbers(f[4]);
    o.lower = numbers(f[5]);
    o.upper = numbers(f[6]);
    out["R " + f[1]][f[0]] = std::move(o);
  }
}

struct Cell {
  double mase = 0.0, covered = 0.0, points = 0.0, seconds = 0.0, count = 0.0;
  std::vector<double> times;
  void add(const Case& c, const Outcome& o) {
    double error = 0.0;
    for (std::size_t h = 0; h < c.future.size(); ++h) {
      error += std::abs(o.mean[h] - c.future[h]);
      covered += (c.future[h] >= o.lower[h] && c.future[h] <= o.upper[h]) ? 1.0 : 0.0;
      points += 1.0;
    }
    mase += error / static_cast<double>(c.future.size()) / c.scale;
    seconds += o.seconds;
    times.push_back(o.seconds);
    count += 1.0;
  }
  [[nodiscard]] double median_ms() {
    if (times.empty()) return 0.0;
    std::sort(times.begin(), times.end());
    return 1e3 * times[times.size() / 2];
  }
};

/// Experimental members built from the public building blocks, for strategy exploration on the
/// tuning windows (methods named *_adj*): models on classically seasonally adjusted data.
/// A name ending in "_log" fits the member to log(y) when every value is positive and returns
/// exp of its mean and bounds (the median forecast, which absolute error rewards); "full_<method>"
/// runs a public method unadjusted (with "_log": that method on log(y)).
std::optional<Outcome> experiment(const std::string& requested, const Case& c) {
  const auto start = std::chrono::steady_clock::now();
  std::string name = requested;
  const bool log_requested = name.ends_with("_log");
  if (log_requested) name.resize(name.size() - 4);
  const bool logged =
      log_requested && *std::min_element(c.values.begin(), c.values.end()) > 0.0;
  std::vector<double> values = c.values;
  if (logged)
    for (double& v : values) v = std::log(v);
  const auto finish = [&](std::vector<double> mean, std::vector<double> lower, std::vector<double> upper) {
    if (logged)
      for (auto* v : {&mean, &lower, &upper})
        for (double& e : *v) e = std::exp(e);
    const auto stop = std::chrono::steady_clock::now();
    return Outcome{std::move(mean), std::move(lower), std::move(upper),
                   std::chrono::duration<double>(stop - start).count()};
  };
  if (name.starts_with("full_")) {
    const auto method = fc::parse_method(name.substr(5));
    if (!method) return std::nullopt;
    fc::ForecastOptions options;
    options.horizon = c.horizon;
    options.period = c.period;
    options.method = *method;
    const auto result = fc::forecast(values, options);
    if (!result) return std::nullopt;
    return finish(result->mean, result->lower, result->upper);
  }
  const std::size_t n = values.size();
  const auto m = static_cast<std::size_t>(c.period);
  std::vector<double> x = values;
  std::vector<double> ahead(static_cast<std::size_t>(c.horizon), 1.0);
  bool multiplicative = true;
  bool active = false;
  bool seasonal = false;
  if (m >= 2 && n >= 2 * m) {
    std::vector<double> diffs(n - 1);
    for (std::size_t t = 1; t < n; ++t) diffs[t - 1] = values[t] - values[t - 1];
    if (name.ends_with("_diff")) seasonal = fc::seasonality_acf_test(diffs, c.period);
    else if (name.ends_with("_str")) seasonal = fc::seasonal_strength(values, c.period) > 0.5;
    else if (name.ends_with("_always")) seasonal = true;
    else seasonal = fc::seasonality_acf_test(values, c.period);
  }
  if (seasonal) {
    multiplicative = !logged && *std::min_element(x.begin(), x.end()) > 0.0;
    const auto d = fc::classical_decomposition(
        values, c.period,
        multiplicative ? fc::DecompositionType::kMultiplicative : fc::DecompositionType::kAdditive);
    if (d) {
      active = true;
      for (std::size_t t = 0; t < n; ++t) x[t] = multiplicative ? x[t] / d->seasonal[t] : x[t] - d->seasonal[t];
      for (std::size_t h = 0; h < ahead.size(); ++h) ahead[h] = d->seasonal[n - m + (h % m)];
    }
  }
  fc::Prediction p;
  fc::IntervalOptions intervals;
  if (name.starts_with("ets_adj")) {
    fc::AutoEtsOptions options;
    options.period = 1;
    if (name.starts_with("ets_adj_fast")) {
      options.max_evaluations = 400;
      options.restarts = 0;
    }
    if (name.starts_with("ets_adj_fast_damped")) {  // the damped additive trend only
      options.trend = fc::Component::kAdditive;
      options.damped = true;
    }
    const auto fit = fc::auto_ets(x, options);
    if (!fit) return std::nullopt;
    auto f = fc::forecast_ets(*fit, c.horizon, intervals);
    if (!f) return std::nullopt;
    p = *f;
  } else if (name.starts_with("theta_adj")) {
    const auto f = fc::forecast_theta(x, 1, c.horizon, intervals);
    if (!f) return std::nullopt;
    p = f->prediction;
  } else if (name.starts_with("drift_adj")) {
    const auto f = fc::forecast_drift(x, c.horizon, intervals);
    if (!f) return std::nullopt;
    p = f->prediction;
  } else if (name.starts_with("arima_adj")) {
    fc::AutoArimaOptions options;
    options.period = 1;
    options.approximation = name.starts_with("arima_adj_fast");  // as auto's member
    const auto fit = fc::auto_arima(x, options);
    if (!fit) return std::nullopt;
    auto f = fc::forecast_arima(*fit, c.horizon, intervals);
    if (!f) return std::nullopt;
    p = *f;
  } else {
    return std::nullopt;
  }
  if (active) {
    for (std::size_t h = 0; h < ahead.size(); ++h) {
      for (auto* v : {&p.mean, &p.lower, &p.upper})
        (*v)[h] = multiplicative ? (*v)[h] * ahead[h] : (*v)[h] + ahead[h];
    }
  }
  return finish(p.mean, p.lower, p.upper);
}

const char* bucket_of(int history) {
  if (history < 24) return "<24";
  if (history < 60) return "24-59";
  return ">=60";
}

}  // namespace

int main(int argc, char** argv) {
  // Every file is read when present; --cases and --r-forecasts replace the lists.
  std::vector<std::string> cases_paths = {"bench/forecast/data/cases.csv",
                                          "bench/forecast/data/fresh_cases.csv"};
  std::vector<std::string> r_paths = {"bench/forecast/data/r_forecasts.csv",
                                      "bench/forecast/data/r_fresh_forecasts.csv"};
  std::string split = "test";
  std::string methods_arg = "auto,combo,ets,arima,theta,snaive,naive,drift,linear";
  std::string dump_path;  // per-case MASE and coverage, for analysis
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    if (key == "--cases") cases_paths = {argv[i + 1]};
    else if (key == "--r-forecasts") r_paths = {argv[i + 1]};
    else if (key == "--split") split = argv[i + 1];
    else if (key == "--methods") methods_arg = argv[i + 1];
    else if (key == "--dump") dump_path = argv[i + 1];
  }
  std::vector<Case> cases;
  for (const auto& path : cases_paths) read_cases(path, cases);
  std::erase_if(cases, [&](const Case& c) { return split != "all" && c.split != split; });
  if (cases.empty()) {
    std::fprintf(stderr, "no cases of split %s in %s\n", split.c_str(), cases_paths.front().c_str());
    return 2;
  }
  std::map<std::string, std::map<std::string, Outcome>> r;
  for (const auto& path : r_paths) read_r(path, r);

  std::vector<std::string> methods;
  {
    std::stringstream in(methods_arg);
    std::string m;
    while (std::getline(in, m, ',')) methods.push_back(m);
  }
  const char* buckets[] = {"<24", "24-59", ">=60", "all"};
  std::map<std::string, std::map<std::string, Cell>> table;
  std::ofstream dump;
  if (!dump_path.empty()) {
    dump.open(dump_path);
    dump << std::setprecision(10);
    dump << "method,id,series,period,history,horizon,mase,covered,mean,lower,upper\n";
  }
  const auto record = [&](const std::string& method, const Case& c, const Outcome& o) {
    table[method][bucket_of(c.history)].add(c, o);
    table[method]["all"].add(c, o);
    if (!dump.is_open()) return;
    double error = 0.0;
    int covered = 0;
    for (std::size_t h = 0; h < c.future.size(); ++h) {
      error += std::abs(o.mean[h] - c.future[h]);
      covered += (c.future[h] >= o.lower[h] && c.future[h] <= o.upper[h]) ? 1 : 0;
    }
    dump << method << ',' << c.id << ',' << c.series << ',' << c.period << ',' << c.history << ','
         << c.horizon << ',' << error / static_cast<double>(c.future.size()) / c.scale << ','
         << covered;
    for (const auto* v : {&o.mean, &o.lower, &o.upper}) {
      dump << ',';
      for (std::size_t h = 0; h < v->size(); ++h) dump << (h ? " " : "") << (*v)[h];
    }
    dump << '\n';
  };
  std::vector<std::string> rows;
  for (const std::string& name : methods) {
    if (name.find("_adj") != std::string::npos || name.starts_with("full_")) {
      rows.push_back(name);
      for (const Case& c : cases) {
        auto o = experiment(name, c);
        if (!o) {
          fc::ForecastOptions options;
          options.horizon = c.horizon;
          options.method = fc::Method::kNaive;
          const auto naive = fc::forecast(c.values, options);
          o = Outcome{naive->mean, naive->lower, naive->upper, 0.0};
        }
        record(name, c, *o);
      }
      continue;
    }
    const auto method = fc::parse_method(name);
    if (!method) {
      std::fprintf(stderr, "unknown method %s\n", name.c_str());
      return 2;
    }
    rows.push_back(name);
    for (const Case& c : cases) {
      fc::ForecastOptions options;
      options.horizon = c.horizon;
      options.period = c.period;
      options.method = *method;
      const auto start = std::chrono::steady_clock::now();
      const auto result = fc::forecast(c.values, options);
      const auto stop = std::chrono::steady_clock::now();
      if (!result) {
        std::fprintf(stderr, "%s failed on %s: %s\n", name.c_str(), c.id.c_str(),
                     result.error().message.c_str());
        return 1;
      }
      Outcome o{result->mean, result->lower, result->upper,
                std::chrono::duration<double>(stop - start).count()};
      record(name, c, o);
    }
  }
  for (const auto& [name, by_case] : r) {
    rows.push_back(name);
    for (const Case& c : cases) {
      const auto it = by_case.find(c.id);
      if (it == by_case.end()) continue;
      record(name, c, it->second);
    }
  }
  std::printf("Split: %s (%zu cases). MASE = mean absolute error / in-sample seasonal-naive MAE;\n",
              split.c_str(), cases.size());
  std::printf("cover = share of holdout points inside the 95%% interval; ms = median per series.\n\n");
  std::printf("| method |");
  for (const char* b : buckets) std::printf(" MASE %s | cover %s | ms %s |", b, b, b);
  std::printf("\n|---|");
  for (int i = 0; i < 4; ++i) std::printf("---:|---:|---:|");
  std::printf("\n");
  for (const std::string& name : rows) {
    std::printf("| %s |", name.c_str());
    for (const char* b : buckets) {
      Cell& cell = table[name][b];
      if (cell.count == 0.0) {
        std::printf(" - | - | - |");
        continue;
      }
      std::printf(" %.3f | %.1f%% | %.2f |", cell.mase / cell.count,
                  100.0 * cell.covered / cell.points, cell.median_ms());
    }
    std::printf("\n");
  }
  std::printf("\nMedian ms per series over histories of at most 60 points:");
  for (const std::string& name : rows) {
    std::vector<double> times;
    for (const char* b : {"<24", "24-59"}) {
      const auto& t = table[name][b].times;
      times.insert(times.end(), t.begin(), t.end());
    }
    for (const double t : table[name][">=60"].times) (void)t;  // >= 60 points: not counted
    std::sort(times.begin(), times.end());
    if (!times.empty()) std::printf(" %s=%.2f", name.c_str(), 1e3 * times[times.size() / 2]);
  }
  std::printf("\n(the 24-59 bucket holds histories up to 59 points; 60-point histories fall in >=60)\n");
  std::printf("\nCases per bucket:");
  for (const char* b : buckets) std::printf(" %s=%.0f", b, table[rows.front()][b].count);
  std::printf("\n");
  return 0;
}
