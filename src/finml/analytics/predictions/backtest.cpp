#include <finml/analytics/predictions/backtest.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace finml::analytics::predictions {

std::optional<BacktestMetrics> rolling_origin(std::span<const double> y, int min_history, int max_origins,
                                              double level, const OneStepForecaster& forecaster) {
  const int n = static_cast<int>(y.size());
  const int first_origin = std::max({1, min_history, n - max_origins});
  double absolute = 0.0;
  double squared = 0.0;
  double percentage = 0.0;
  int percentage_count = 0;
  int covered = 0;
  int evaluated = 0;
  for (int origin = first_origin; origin < n; ++origin) {
    auto band = forecaster(y.first(static_cast<std::size_t>(origin)));
    if (!band || band->mean.empty() || band->lower.empty() || band->upper.empty()) continue;
    const double actual = y[static_cast<std::size_t>(origin)];
    const double error = actual - band->mean.front();
    if (!std::isfinite(error)) continue;
    absolute += std::abs(error);
    squared += error * error;
    if (actual != 0.0) {
      percentage += std::abs(error / actual);
      ++percentage_count;
    }
    if (actual >= band->lower.front() && actual <= band->upper.front()) ++covered;
    ++evaluated;
  }
  if (evaluated == 0) return std::nullopt;
  const double count = static_cast<double>(evaluated);
  BacktestMetrics metrics;
  metrics.origins = evaluated;
  metrics.mae = absolute / count;
  metrics.rmse = std::sqrt(squared / count);
  if (percentage_count > 0) metrics.mape = 100.0 * percentage / static_cast<double>(percentage_count);
  metrics.coverage = static_cast<double>(covered) / count;
  metrics.level = level;
  return metrics;
}

}  // namespace finml::analytics::predictions
