#pragma once
/// @file finml/analytics/predictions/backtest.hpp
/// Rolling-origin evaluation: refit a model on the first k points, forecast point k + 1, compare,
/// move the origin by one. What /ml/train reports instead of the original's constant accuracy
/// 0.87 (B2), and what /api/v1/models/performance serves.
#include <functional>
#include <optional>
#include <span>

#include <finml/analytics/predictions/linear_trend.hpp>
#include <finml/core/error.hpp>

namespace finml::analytics::predictions {

/// Errors of one-step-ahead forecasts from successive origins.
struct BacktestMetrics {
  int origins = 0;              ///< forecasts evaluated
  double mae = 0.0;             ///< mean absolute error, in the series' unit
  double rmse = 0.0;            ///< root mean squared error
  std::optional<double> mape;   ///< mean absolute percentage error in %, over non-zero actuals
  double coverage = 0.0;        ///< share of actuals inside the forecast's interval, 0..1
  double level = 0.95;          ///< the intervals' nominal coverage
};

/// Fits on a prefix and forecasts one step: mean[0], lower[0], upper[0] are used.
using OneStepForecaster = std::function<core::Result<Band>(std::span<const double> history)>;

/// Evaluates `forecaster` on the last `max_origins` points of `y` (fewer when the series is
/// short), each forecast made from all the points before it, and never from fewer than
/// `min_history` points. nullopt when no origin is possible or every refit failed.
[[nodiscard]] std::optional<BacktestMetrics> rolling_origin(std::span<const double> y, int min_history,
                                                            int max_origins, double level,
                                                            const OneStepForecaster& forecaster);

}  // namespace finml::analytics::predictions
