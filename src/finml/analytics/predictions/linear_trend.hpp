#pragma once
/// @file finml/analytics/predictions/linear_trend.hpp
/// The original's savings model (seed-api §3.2): ordinary least squares of the monthly totals on
/// the month's position 0..n-1, now with prediction intervals (the original had none, B23).
#include <span>
#include <vector>

#include <finml/core/error.hpp>

namespace finml::analytics::predictions {

/// A fitted straight line y = slope * x + intercept over x = 0..trained_months-1, with what its
/// prediction interval needs.
struct LinearTrendModel {
  double slope = 0.0;
  double intercept = 0.0;
  double r2_score = 0.0;     ///< in-sample R^2, sklearn's convention for a constant series
  int trained_months = 0;
  double residual_sd = 0.0;  ///< sqrt(SSE / (n - 2)); 0 for n <= 2
  double x_mean = 0.0;
  double sxx = 0.0;          ///< sum of (x - x_mean)^2
};

/// A forecast path with its interval, index h-1 for h steps ahead.
struct Band {
  std::vector<double> mean;
  std::vector<double> lower;
  std::vector<double> upper;
};

/// Fits the line; kInsufficientData for fewer than 2 points.
[[nodiscard]] core::Result<LinearTrendModel> fit_linear_trend(std::span<const double> y);

/// Predicts x = n .. n+horizon-1 (the original's indices) with Student-t prediction intervals
/// (n - 2 degrees of freedom) that widen with the distance from the mean position; zero width
/// when the fit has no residual degrees of freedom.
[[nodiscard]] Band predict_linear_trend(const LinearTrendModel& model, int horizon, double level);

}  // namespace finml::analytics::predictions
