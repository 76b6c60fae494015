#pragma once
/// @file test_series.hpp
/// Small deterministic series for the forecasting tests: the shapes users send (constant,
/// trending, seasonal, very short, zero-filled, spiky) and simulated processes.
#include <cmath>
#include <cstddef>
#include <numbers>
#include <string>
#include <vector>

#include <finml/analytics/forecast/distributions.hpp>

namespace finml::analytics::forecast::testing {

struct NamedSeries {
  std::string name;
  std::vector<double> values;
  int period = 1;
};

inline std::vector<double> seasonal_series(std::size_t n, double noise_sd, std::uint64_t seed) {
  RandomSource random(seed);
  std::vector<double> y(n);
  for (std::size_t t = 0; t < n; ++t) {
    const double angle = 2.0 * std::numbers::pi * static_cast<double>(t % 12) / 12.0;
    y[t] = 200.0 + 1.5 * static_cast<double>(t) + 30.0 * std::sin(angle) +
           noise_sd * random.normal();
  }
  return y;
}

inline std::vector<double> random_walk(std::size_t n, double sd, std::uint64_t seed) {
  RandomSource random(seed);
  std::vector<double> y(n);
  double level = 100.0;
  for (double& v : y) {
    level += sd * random.normal();
    v = level;
  }
  return y;
}

inline std::vector<double> white_noise(std::size_t n, double mean, double sd, std::uint64_t seed) {
  RandomSource random(seed);
  std::vector<double> y(n);
  for (double& v : y) v = mean + sd * random.normal();
  return y;
}

/// The shapes the engine must survive, each with the period a caller would pass.
inline std::vector<NamedSeries> awkward_series() {
  std::vector<NamedSeries> out;
  out.push_back({"constant", std::vector<double>(30, 42.0), 12});
  std::vector<double> trend(30);
  for (std::size_t t = 0; t < trend.size(); ++t) trend[t] = 10.0 + 3.0 * static_cast<double>(t);
  out.push_back({"trending", trend, 1});
  out.push_back({"seasonal", seasonal_series(48, 5.0, 7), 12});
  out.push_back({"three_points", {120.0, 95.5, 130.25}, 12});
  out.push_back({"one_point", {57.0}, 1});
  out.push_back({"two_points", {57.0, 61.0}, 12});
  std::vector<double> zeros(36, 0.0);
  zeros[5] = 120.0;
  zeros[17] = 80.0;
  zeros[29] = 95.0;
  out.push_back({"zero_filled", zeros, 12});
  out.push_back({"all_zero", std::vector<double>(20, 0.0), 12});
  std::vector<double> spiky = white_noise(40, 500.0, 20.0, 11);
  spiky[13] = 25'000.0;
  spiky[31] = -9'000.0;
  out.push_back({"spiky", spiky, 12});
  out.push_back({"negative_trend", random_walk(26, 40.0, 5), 12});
  std::vector<double> tiny(24);
  for (std::size_t t = 0; t < tiny.size(); ++t) tiny[t] = 1e-9 * static_cast<double>(t % 3 + 1);
  out.push_back({"tiny_values", tiny, 12});
  std::vector<double> huge = seasonal_series(40, 2.0, 3);
  for (double& v : huge) v *= 1e12;
  out.push_back({"huge_values", huge, 12});
  return out;
}

}  // namespace finml::analytics::forecast::testing
