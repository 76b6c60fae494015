#include <finml/analytics/forecast/baseline.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>

#include <finml/analytics/forecast/distributions.hpp>
#include <finml/analytics/forecast/ets.hpp>
#include <finml/analytics/forecast/seasonal.hpp>

namespace finml::analytics::forecast {
namespace {

using core::ErrorCode;
using core::fail;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

core::Result<void> check(std::span<const double> y, std::size_t min_points, int horizon) {
  if (horizon < 1) return fail(ErrorCode::kInvalidArgument, "horizon must be at least 1");
  if (y.size() < min_points)
    return fail(ErrorCode::kInsufficientData, "not enough observations for this method");
  for (double v : y) {
    if (!std::isfinite(v)) return fail(ErrorCode::kInvalidArgument, "values must be finite");
  }
  return {};
}

double z_for(const IntervalOptions& intervals) {
  return normal_quantile(0.5 + 0.5 * intervals.level);
}

/// Root mean square of the finite residuals y - fitted, with `lost` degrees of freedom taken off.
double residual_sigma(std::span<const double> y, const std::vector<double>& fitted, double lost) {
  double ss = 0.0;
  double count = 0.0;
  for (std::size_t t = 0; t < y.size(); ++t) {
    if (std::isnan(fitted[t])) continue;
    ss += (y[t] - fitted[t]) * (y[t] - fitted[t]);
    count += 1.0;
  }
  if (count - lost <= 0.0) return 0.0;
  return std::sqrt(ss / (count - lost));
}

void fill_band(BaselineForecast& f, double z, const std::vector<double>& sd) {
  const std::size_t h = f.prediction.mean.size();
  f.prediction.lower.resize(h);
  f.prediction.upper.resize(h);
  for (std::size_t i = 0; i < h; ++i) {
    f.prediction.lower[i] = f.prediction.mean[i] - z * sd[i];
    f.prediction.upper[i] = f.prediction.mean[i] + z * sd[i];
  }
}

}  // namespace

core::Result<BaselineForecast> forecast_mean(std::span<const double> y, int horizon,
                                             const IntervalOptions& intervals) {
  if (auto ok = check(y, 1, horizon); !ok) return std::unexpected(ok.error());
  const double n = static_cast<double>(y.size());
  const double mean = std::accumulate(y.begin(), y.end(), 0.0) / n;
  BaselineForecast f;
  f.fitted.assign(y.size(), mean);
  double ss = 0.0;
  for (double v : y) ss += (v - mean) * (v - mean);
  f.sigma = y.size() > 1 ? std::sqrt(ss / (n - 1.0)) : 0.0;
  const auto h = static_cast<std::size_t>(horizon);
  f.prediction.mean.assign(h, mean);
  const double q = y.size() > 1 ? student_t_quantile(0.5 + 0.5 * intervals.level, n - 1.0) : 0.0;
  fill_band(f, q, std::vector<double>(h, f.sigma * std::sqrt(1.0 + 1.0 / n)));
  return f;
}

core::Result<BaselineForecast> forecast_naive(std::span<const double> y, int horizon,
                                              const IntervalOptions& intervals) {
  if (auto ok = check(y, 1, horizon); !ok) return std::unexpected(ok.error());
  BaselineForecast f;
  f.fitted.assign(y.size(), kNaN);
  for (std::size_t t = 1; t < y.size(); ++t) f.fitted[t] = y[t - 1];
  f.sigma = residual_sigma(y, f.fitted, 0.0);
  const auto h = static_cast<std::size_t>(horizon);
  f.prediction.mean.assign(h, y.back());
  std::vector<double> sd(h);
  for (std::size_t i = 0; i < h; ++i) sd[i] = f.sigma * std::sqrt(static_cast<double>(i + 1));
  fill_band(f, z_for(intervals), sd);
  return f;
}

core::Result<BaselineForecast> forecast_seasonal_naive(std::span<const double> y, int period,
                                                       int horizon,
                                                       const IntervalOptions& intervals) {
  if (period < 2) return forecast_naive(y, horizon, intervals);
  const auto m = static_cast<std::size_t>(period);
  if (auto ok = check(y, m, horizon); !ok) return std::unexpected(ok.error());
  BaselineForecast f;
  f.fitted.assign(y.size(), kNaN);
  for (std::size_t t = m; t < y.size(); ++t) f.fitted[t] = y[t - m];
  f.sigma = residual_sigma(y, f.fitted, 0.0);
  if (y.size() == m) {
    // No seasonal differences yet: borrow the scale of the one-step differences.
    std::vector<double> lag1(y.size(), kNaN);
    for (std::size_t t = 1; t < y.size(); ++t) lag1[t] = y[t - 1];
    f.sigma = residual_sigma(y, lag1, 0.0);
  }
  const auto h = static_cast<std::size_t>(horizon);
  f.prediction.mean.resize(h);
  std::vector<double> sd(h);
  const std::size_t n = y.size();
  for (std::size_t i = 0; i < h; ++i) {
    f.prediction.mean[i] = y[n - m + (i % m)];
    sd[i] = f.sigma * std::sqrt(static_cast<double>(i / m + 1));
  }
  fill_band(f, z_for(intervals), sd);
  return f;
}

core::Result<BaselineForecast> forecast_drift(std::span<const double> y, int horizon,
                                              const IntervalOptions& intervals) {
  if (auto ok = check(y, 2, horizon); !ok) return std::unexpected(ok.error());
  const std::size_t n = y.size();
  const double nd = static_cast<double>(n);
  const double slope = (y.back() - y.front()) / (nd - 1.0);
  BaselineForecast f;
  f.fitted.assign(n, kNaN);
  for (std::size_t t = 1; t < n; ++t) f.fitted[t] = y[t - 1] + slope;
  f.sigma = residual_sigma(y, f.fitted, n > 2 ? 1.0 : 0.0);
  const auto h = static_cast<std::size_t>(horizon);
  f.prediction.mean.resize(h);
  std::vector<double> sd(h);
  for (std::size_t i = 0; i < h; ++i) {
    const double steps = static_cast<double>(i + 1);
    f.prediction.mean[i] = y.back() + slope * steps;
    sd[i] = f.sigma * std::sqrt(steps * (1.0 + steps / (nd - 1.0)));
  }
  fill_band(f, z_for(intervals), sd);
  return f;
}

core::Result<BaselineForecast> forecast_linear_trend(std::span<const double> y, int horizon,
                                                     const IntervalOptions& intervals) {
  if (auto ok = check(y, 3, horizon); !ok) return std::unexpected(ok.error());
  const std::size_t n = y.size();
  const double nd = static_cast<double>(n);
  const double t_mean = (nd + 1.0) / 2.0;
  const double y_mean = std::accumulate(y.begin(), y.end(), 0.0) / nd;
  double sxx = 0.0;
  double sxy = 0.0;
  for (std::size_t t = 0; t < n; ++t) {
    const double dt = static_cast<double>(t + 1) - t_mean;
    sxx += dt * dt;
    sxy += dt * (y[t] - y_mean);
  }
  const double slope = sxy / sxx;
  const double intercept = y_mean - slope * t_mean;
  BaselineForecast f;
  f.fitted.resize(n);
  for (std::size_t t = 0; t < n; ++t) f.fitted[t] = intercept + slope * static_cast<double>(t + 1);
  f.sigma = residual_sigma(y, f.fitted, 2.0);
  const double q = student_t_quantile(0.5 + 0.5 * intervals.level, nd - 2.0);
  const auto h = static_cast<std::size_t>(horizon);
  f.prediction.mean.resize(h);
  std::vector<double> sd(h);
  for (std::size_t i = 0; i < h; ++i) {
    const double time = nd + static_cast<double>(i + 1);
    f.prediction.mean[i] = intercept + slope * time;
    sd[i] = f.sigma * std::sqrt(1.0 + 1.0 / nd + (time - t_mean) * (time - t_mean) / sxx);
  }
  fill_band(f, q, sd);
  return f;
}

core::Result<BaselineForecast> forecast_theta(std::span<const double> y, int period, int horizon,
                                              const IntervalOptions& intervals) {
  if (auto ok = check(y, 4, horizon); !ok) return std::unexpected(ok.error());
  const std::size_t n = y.size();
  const auto h = static_cast<std::size_t>(horizon);
  std::vector<double> x(y.begin(), y.end());
  std::optional<Decomposition> decomposition;
  bool multiplicative = true;
  if (period > 1 && seasonality_acf_test(y, period)) {
    multiplicative = *std::min_element(y.begin(), y.end()) > 0.0;
    decomposition = classical_decomposition(
        y, period, multiplicative ? DecompositionType::kMultiplicative : DecompositionType::kAdditive);
    if (decomposition && multiplicative &&
        std::any_of(decomposition->figure.begin(), decomposition->figure.end(),
                    [](double s) { return std::abs(s) < 1e-4; }))
      decomposition.reset();
    if (decomposition) {
      for (std::size_t t = 0; t < n; ++t)
        x[t] = multiplicative ? y[t] / decomposition->seasonal[t] : y[t] - decomposition->seasonal[t];
    }
  }
  EtsOptions ses;
  ses.spec = {};
  auto fit = fit_ets(x, ses);
  if (!fit) return std::unexpected(fit.error());
  // Half the slope of the least-squares line through (0..n-1, x).
  const double nd = static_cast<double>(n);
  const double t_mean = (nd - 1.0) / 2.0;
  const double x_mean = std::accumulate(x.begin(), x.end(), 0.0) / nd;
  double sxx = 0.0;
  double sxy = 0.0;
  for (std::size_t t = 0; t < n; ++t) {
    const double dt = static_cast<double>(t) - t_mean;
    sxx += dt * dt;
    sxy += dt * (x[t] - x_mean);
  }
  const double drift = 0.5 * sxy / sxx;
  const double alpha = std::max(1e-10, fit->parameters.alpha);
  const double level = fit->final_state[0];
  const double correction = (1.0 - std::pow(1.0 - alpha, nd)) / alpha;
  BaselineForecast f;
  f.prediction.mean.resize(h);
  std::vector<double> sd(h);
  const double sigma2 = fit->sigma2;
  for (std::size_t i = 0; i < h; ++i) {
    double mean = level + drift * (static_cast<double>(i) + correction);
    if (decomposition) {
      const auto m = static_cast<std::size_t>(period);
      const double s = decomposition->seasonal[n - m + (i % m)];
      mean = multiplicative ? mean * s : mean + s;
    }
    f.prediction.mean[i] = mean;
    sd[i] = std::sqrt(sigma2 * (static_cast<double>(i) * alpha * alpha + 1.0));
  }
  f.fitted = fit->fitted;
  if (decomposition) {
    for (std::size_t t = 0; t < n; ++t)
      f.fitted[t] = multiplicative ? f.fitted[t] * decomposition->seasonal[t]
                                   : f.fitted[t] + decomposition->seasonal[t];
  }
  f.sigma = std::sqrt(sigma2);
  fill_band(f, z_for(intervals), sd);
  return f;
}

}  // namespace finml::analytics::forecast
