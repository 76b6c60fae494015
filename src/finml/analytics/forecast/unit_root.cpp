#include <finml/analytics/forecast/unit_root.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>

#include <finml/analytics/forecast/seasonal.hpp>

namespace finml::analytics::forecast {
namespace {

/// Critical values of the KPSS level test at 10%, 5%, 2.5% and 1% (Kwiatkowski et al., 1992,
/// table 1), as urca uses them.
constexpr double kKpssCritical[] = {0.347, 0.463, 0.574, 0.739};
constexpr double kKpssLevels[] = {0.10, 0.05, 0.025, 0.01};
/// forecast::nsdiffs differences seasonally when the seasonal strength exceeds this.
constexpr double kSeasonalStrengthThreshold = 0.64;

}  // namespace

std::vector<double> difference(std::span<const double> y, int d, int D, int period) {
  std::vector<double> w(y.begin(), y.end());
  const auto step = [&w](std::size_t lag) {
    if (w.size() <= lag) {
      w.clear();
      return;
    }
    std::vector<double> next(w.size() - lag);
    for (std::size_t t = lag; t < w.size(); ++t) next[t - lag] = w[t] - w[t - lag];
    w = std::move(next);
  };
  for (int i = 0; i < D; ++i) step(static_cast<std::size_t>(period));
  for (int i = 0; i < d; ++i) step(1);
  return w;
}

double kpss_statistic(std::span<const double> y, int lags) {
  const auto n = y.size();
  if (n < 2) return 0.0;
  const double nd = static_cast<double>(n);
  const double mean = std::accumulate(y.begin(), y.end(), 0.0) / nd;
  std::vector<double> e(n);
  for (std::size_t t = 0; t < n; ++t) e[t] = y[t] - mean;
  double partial = 0.0;
  double numerator = 0.0;
  double s2 = 0.0;
  for (double v : e) {
    partial += v;
    numerator += partial * partial;
    s2 += v * v;
  }
  numerator /= nd * nd;
  s2 /= nd;
  double denominator = s2;
  const auto lmax = static_cast<std::size_t>(std::max(lags, 0));
  for (std::size_t l = 1; l <= lmax && l < n; ++l) {
    double cov = 0.0;
    for (std::size_t t = l; t < n; ++t) cov += e[t] * e[t - l];
    const double weight = 1.0 - static_cast<double>(l) / static_cast<double>(lmax + 1);
    denominator += 2.0 / nd * weight * cov;
  }
  return denominator > 0.0 ? numerator / denominator : 0.0;
}

double kpss_p_value(double statistic) {
  if (statistic <= kKpssCritical[0]) return kKpssLevels[0];
  for (std::size_t i = 1; i < 4; ++i) {
    if (statistic <= kKpssCritical[i]) {
      const double fraction =
          (statistic - kKpssCritical[i - 1]) / (kKpssCritical[i] - kKpssCritical[i - 1]);
      return kKpssLevels[i - 1] + fraction * (kKpssLevels[i] - kKpssLevels[i - 1]);
    }
  }
  return kKpssLevels[3];
}

int number_of_differences(std::span<const double> y, int max_d, double alpha) {
  std::vector<double> x(y.begin(), y.end());
  int d = 0;
  if (is_constant(x)) return d;
  const auto rejects = [alpha](const std::vector<double>& v) {
    const int lags =
        static_cast<int>(std::trunc(3.0 * std::sqrt(static_cast<double>(v.size())) / 13.0));
    return kpss_p_value(kpss_statistic(v, lags)) < alpha;
  };
  bool again = x.size() > 2 && rejects(x);
  while (again && d < max_d) {
    ++d;
    x = difference(x, 1, 0, 1);
    if (x.size() < 2 || is_constant(x)) return d;
    again = rejects(x);
  }
  return d;
}

int number_of_seasonal_differences(std::span<const double> y, int period, int max_D) {
  if (period < 2 || is_constant(y) || static_cast<std::size_t>(period) >= y.size()) return 0;
  std::vector<double> x(y.begin(), y.end());
  int D = 0;
  bool again = seasonal_strength(x, period) > kSeasonalStrengthThreshold;
  while (again && D < max_D) {
    ++D;
    x = difference(x, 0, 1, period);
    if (is_constant(x)) return D;
    again = x.size() >= 2 * static_cast<std::size_t>(period) && D < max_D &&
            seasonal_strength(x, period) > kSeasonalStrengthThreshold;
  }
  return D;
}

}  // namespace finml::analytics::forecast
