#include <finml/analytics/forecast/seasonal.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>

namespace finml::analytics::forecast {
namespace {

double mean_of(std::span<const double> y) {
  return std::accumulate(y.begin(), y.end(), 0.0) / static_cast<double>(y.size());
}

double variance_ignoring_nan(const std::vector<double>& v) {
  double sum = 0.0;
  std::size_t count = 0;
  for (double x : v) {
    if (std::isnan(x)) continue;
    sum += x;
    ++count;
  }
  if (count < 2) return 0.0;
  const double mean = sum / static_cast<double>(count);
  double ss = 0.0;
  for (double x : v) {
    if (!std::isnan(x)) ss += (x - mean) * (x - mean);
  }
  return ss / static_cast<double>(count - 1);
}

}  // namespace

bool is_constant(std::span<const double> y) {
  if (y.empty()) return true;
  const auto [lo, hi] = std::minmax_element(y.begin(), y.end());
  return *hi - *lo <= 1e-10 * std::max(1.0, std::abs(*hi));
}

std::optional<Decomposition> classical_decomposition(std::span<const double> y, int period,
                                                     DecompositionType type) {
  const auto n = y.size();
  if (period < 2 || n < 2 * static_cast<std::size_t>(period)) return std::nullopt;
  const auto m = static_cast<std::size_t>(period);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Decomposition d;
  d.trend.assign(n, nan);
  // Centred moving average: weights 1/m, or (1/2, 1, ..., 1, 1/2)/m for an even period.
  const std::size_t half = m / 2;
  for (std::size_t t = half; t + half < n; ++t) {
    double sum = 0.0;
    if (m % 2 == 1) {
      for (std::size_t k = t - half; k <= t + half; ++k) sum += y[k];
      d.trend[t] = sum / static_cast<double>(m);
    } else {
      sum = 0.5 * (y[t - half] + y[t + half]);
      for (std::size_t k = t - half + 1; k < t + half; ++k) sum += y[k];
      d.trend[t] = sum / static_cast<double>(m);
    }
  }
  std::vector<double> sums(m, 0.0);
  std::vector<int> counts(m, 0);
  for (std::size_t t = 0; t < n; ++t) {
    if (std::isnan(d.trend[t])) continue;
    const double detrended =
        type == DecompositionType::kAdditive ? y[t] - d.trend[t] : y[t] / d.trend[t];
    sums[t % m] += detrended;
    ++counts[t % m];
  }
  d.figure.assign(m, 0.0);
  for (std::size_t i = 0; i < m; ++i) {
    if (counts[i] == 0) return std::nullopt;
    d.figure[i] = sums[i] / counts[i];
  }
  const double figure_mean = mean_of(d.figure);
  for (double& f : d.figure) {
    if (type == DecompositionType::kAdditive) f -= figure_mean;
    else f /= figure_mean;
  }
  if (type == DecompositionType::kMultiplicative &&
      std::any_of(d.figure.begin(), d.figure.end(), [](double f) { return !std::isfinite(f); }))
    return std::nullopt;
  d.seasonal.resize(n);
  for (std::size_t t = 0; t < n; ++t) d.seasonal[t] = d.figure[t % m];
  return d;
}

std::vector<double> autocorrelations(std::span<const double> y, int max_lag) {
  const auto n = y.size();
  std::vector<double> r;
  if (n < 2 || max_lag < 1) return r;
  const double mean = mean_of(y);
  double c0 = 0.0;
  for (double v : y) c0 += (v - mean) * (v - mean);
  r.reserve(static_cast<std::size_t>(max_lag));
  for (std::size_t k = 1; k <= static_cast<std::size_t>(max_lag); ++k) {
    double ck = 0.0;
    for (std::size_t t = k; t < n; ++t) ck += (y[t] - mean) * (y[t - k] - mean);
    r.push_back(c0 > 0.0 ? ck / c0 : 0.0);
  }
  return r;
}

bool seasonality_acf_test(std::span<const double> y, int period, double quantile) {
  const auto n = y.size();
  if (period < 2 || n <= 2 * static_cast<std::size_t>(period) || is_constant(y)) return false;
  const auto r = autocorrelations(y, period);
  double sum = 0.0;
  for (std::size_t k = 0; k + 1 < r.size(); ++k) sum += r[k] * r[k];
  const double standard_error = std::sqrt((1.0 + 2.0 * sum) / static_cast<double>(n));
  return std::abs(r.back()) / standard_error > quantile;
}

double seasonal_strength(std::span<const double> y, int period) {
  const auto d = classical_decomposition(y, period, DecompositionType::kAdditive);
  if (!d) return 0.0;
  std::vector<double> remainder(y.size());
  std::vector<double> seasonal_plus_remainder(y.size());
  for (std::size_t t = 0; t < y.size(); ++t) {
    remainder[t] = y[t] - d->trend[t] - d->seasonal[t];  // NaN where the trend is undefined
    seasonal_plus_remainder[t] = y[t] - d->trend[t];
  }
  const double total = variance_ignoring_nan(seasonal_plus_remainder);
  if (!(total > 0.0)) return 0.0;
  return std::clamp(1.0 - variance_ignoring_nan(remainder) / total, 0.0, 1.0);
}

}  // namespace finml::analytics::forecast
