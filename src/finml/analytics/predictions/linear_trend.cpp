#include <finml/analytics/predictions/linear_trend.hpp>

#include <cmath>
#include <cstddef>

#include <finml/analytics/forecast/distributions.hpp>

namespace finml::analytics::predictions {

core::Result<LinearTrendModel> fit_linear_trend(std::span<const double> y) {
  if (y.size() < 2) return core::fail(core::ErrorCode::kInsufficientData, "a trend needs at least 2 points");
  const std::size_t n = y.size();
  const double nd = static_cast<double>(n);
  LinearTrendModel model;
  model.trained_months = static_cast<int>(n);
  model.x_mean = (nd - 1.0) / 2.0;
  double y_mean = 0.0;
  for (const double v : y) y_mean += v / nd;
  double sxy = 0.0;
  double syy = 0.0;
  for (std::size_t t = 0; t < n; ++t) {
    const double dx = static_cast<double>(t) - model.x_mean;
    model.sxx += dx * dx;
    sxy += dx * (y[t] - y_mean);
    syy += (y[t] - y_mean) * (y[t] - y_mean);
  }
  model.slope = sxy / model.sxx;
  model.intercept = y_mean - model.slope * model.x_mean;
  double sse = 0.0;
  for (std::size_t t = 0; t < n; ++t) {
    const double residual = y[t] - (model.intercept + model.slope * static_cast<double>(t));
    sse += residual * residual;
  }
  // sklearn's r2_score: a constant series scores 1 when fitted exactly, else 0.
  if (syy == 0.0) {
    model.r2_score = sse == 0.0 ? 1.0 : 0.0;
  } else {
    model.r2_score = 1.0 - sse / syy;
  }
  model.residual_sd = n > 2 ? std::sqrt(sse / (nd - 2.0)) : 0.0;
  return model;
}

Band predict_linear_trend(const LinearTrendModel& model, int horizon, double level) {
  Band band;
  const auto h = static_cast<std::size_t>(horizon > 0 ? horizon : 0);
  band.mean.resize(h);
  band.lower.resize(h);
  band.upper.resize(h);
  const double nd = static_cast<double>(model.trained_months);
  const double q = model.trained_months > 2 ? forecast::student_t_quantile(0.5 + 0.5 * level, nd - 2.0) : 0.0;
  for (std::size_t i = 0; i < h; ++i) {
    const double x = nd + static_cast<double>(i);
    const double mean = model.slope * x + model.intercept;
    double half_width = 0.0;
    if (model.trained_months > 2 && model.sxx > 0.0) {
      const double distance = x - model.x_mean;
      half_width = q * model.residual_sd * std::sqrt(1.0 + 1.0 / nd + distance * distance / model.sxx);
    }
    band.mean[i] = mean;
    band.lower[i] = mean - half_width;
    band.upper[i] = mean + half_width;
  }
  return band;
}

}  // namespace finml::analytics::predictions
