#pragma once
/// @file finml/analytics/forecast/baseline.hpp
/// Simple forecasting methods: mean, naive, seasonal naive, naive with drift, a linear trend
/// regression, and the Theta method. Each returns point forecasts with Gaussian intervals.
#include <span>
#include <vector>

#include <finml/analytics/forecast/prediction.hpp>
#include <finml/core/error.hpp>

namespace finml::analytics::forecast {

/// A forecast of a simple method, with its in-sample one-step fitted values where defined (NaN
/// for the first points that have none) and the residual standard deviation.
struct BaselineForecast {
  Prediction prediction;
  std::vector<double> fitted;
  double sigma = 0.0;
};

/// The historical mean, with t intervals sd * sqrt(1 + 1/n) (R's meanf). Needs 1 point.
[[nodiscard]] core::Result<BaselineForecast> forecast_mean(std::span<const double> y, int horizon,
                                                           const IntervalOptions& intervals);

/// The last value; intervals of a random walk, sigma * sqrt(h) (R's naive). Needs 1 point.
[[nodiscard]] core::Result<BaselineForecast> forecast_naive(std::span<const double> y, int horizon,
                                                            const IntervalOptions& intervals);

/// The value one season ago; sigma * sqrt(floor((h - 1) / m) + 1) (R's snaive). Needs m points.
[[nodiscard]] core::Result<BaselineForecast> forecast_seasonal_naive(
    std::span<const double> y, int period, int horizon, const IntervalOptions& intervals);

/// A random walk with drift (y_n - y_1) / (n - 1); sigma * sqrt(h (1 + h / (n - 1))) (R's rwf
/// with drift = TRUE). Needs 2 points.
[[nodiscard]] core::Result<BaselineForecast> forecast_drift(std::span<const double> y, int horizon,
                                                            const IntervalOptions& intervals);

/// Ordinary least squares on time, y = a + b t, with prediction intervals from the t distribution
/// with n - 2 degrees of freedom that widen with the distance from the mean time. Needs 3 points.
[[nodiscard]] core::Result<BaselineForecast> forecast_linear_trend(std::span<const double> y,
                                                                   int horizon,
                                                                   const IntervalOptions& intervals);

/// The Theta method (Assimakopoulos and Nikolopoulos, 2000) as Hyndman and Billah (2003) show it:
/// simple exponential smoothing plus half the regression slope, on data seasonally adjusted by a
/// classical decomposition when the 90% ACF test finds seasonality (R's thetaf). Needs 4 points.
[[nodiscard]] core::Result<BaselineForecast> forecast_theta(std::span<const double> y, int period,
                                                            int horizon,
                                                            const IntervalOptions& intervals);

}  // namespace finml::analytics::forecast
