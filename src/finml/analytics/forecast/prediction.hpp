#pragma once
/// @file finml/analytics/forecast/prediction.hpp
/// Vocabulary shared by the forecasting models: a point forecast with its prediction interval,
/// and how intervals are computed.
#include <cstdint>
#include <vector>

namespace finml::analytics::forecast {

/// A forecast path: mean[h], lower[h] and upper[h] for h = 1..horizon (index h-1).
struct Prediction {
  std::vector<double> mean;
  std::vector<double> lower;
  std::vector<double> upper;
};

/// How prediction intervals are computed.
struct IntervalOptions {
  double level = 0.95;  ///< coverage probability of the central interval, in (0, 1)
  /// Seed of the simulation used by models without an analytic interval (non-linear ETS).
  std::uint64_t seed = 20'260'101;
  int simulation_paths = 2'000;  ///< sample paths for simulated intervals
};

}  // namespace finml::analytics::forecast
