#pragma once
/// @file finml/analytics/forecast/forecaster.hpp
/// The forecasting engine's entry point: one call that fits the requested method (or chooses one)
/// and returns point forecasts, a prediction interval, fitted values and the model. It never fails
/// on a usable series: a model that cannot be fitted falls back to simpler ones (Theta, drift,
/// naive, mean). Pure: no I/O; simulated intervals take a seed.
///
/// @code
/// ForecastOptions options;
/// options.horizon = 12;
/// options.period = 12;
/// auto result = forecast(history, options);  // Result<ForecastResult>
/// @endcode
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <finml/core/error.hpp>

namespace finml::analytics::forecast {

enum class Method {
  kAuto,           ///< a combination chosen by history length (see docs/numerics.md)
  kEts,            ///< ETS chosen by AICc over all admissible classes
  kArima,          ///< auto ARIMA (Hyndman-Khandakar stepwise)
  kTheta,          ///< Theta method
  kSeasonalNaive,  ///< last season's values (naive without a period)
  kNaive,          ///< last value
  kDrift,          ///< random walk with drift
  kLinear,         ///< OLS linear trend
  kMean,           ///< historical mean
  kCombination,    ///< mean of the ETS, ARIMA and Theta forecasts
};

/// Returns the method's wire name: "auto", "ets", "arima", "theta", "snaive", "naive", "drift",
/// "linear", "mean", "combo".
[[nodiscard]] std::string_view method_name(Method method);
/// Parses a wire name; nullopt when unknown.
[[nodiscard]] std::optional<Method> parse_method(std::string_view name);

/// Season length meaning "detect it from the data".
inline constexpr int kDetectPeriod = 0;

struct ForecastOptions {
  int horizon = 0;  ///< steps ahead, at least 1
  /// Season length: >= 2 uses it, 1 means no seasonality, kDetectPeriod (0) looks for one.
  int period = kDetectPeriod;
  double level = 0.95;  ///< interval coverage, in (0, 1)
  Method method = Method::kAuto;
  std::uint64_t seed = 20'260'101;  ///< for simulated intervals (non-linear ETS)
  int simulation_paths = 2'000;
};

/// One named model parameter ("alpha", "ar1", "drift", ...).
struct ModelParameter {
  std::string name;
  double value = 0.0;
  friend bool operator==(const ModelParameter&, const ModelParameter&) = default;
};

struct ForecastResult {
  std::string model;  ///< "ETS(A,Ad,N)", "ARIMA(0,1,1)(0,1,1)[12]", "Combination(...)", ...
  Method method = Method::kAuto;  ///< the method that produced the result (after any fallback)
  std::vector<ModelParameter> parameters;
  std::vector<double> mean;
  std::vector<double> lower;
  std::vector<double> upper;
  double level = 0.95;
  std::vector<double> fitted;  ///< one-step fitted values; NaN where a method has none
  std::optional<double> sigma;  ///< residual standard deviation, where defined
  std::optional<double> aicc;   ///< for ETS and ARIMA
  int period = 1;               ///< the season length used (1: none)
  std::vector<std::string> notes;  ///< fallbacks taken, in order ("ets: ... ; used theta")
};

/// Forecasts `values` (oldest first, equally spaced). Fails only for unusable input:
/// kValidation/kInvalidArgument for an empty series, a non-finite value, horizon < 1 or a level
/// outside (0, 1).
[[nodiscard]] core::Result<ForecastResult> forecast(std::span<const double> values,
                                                    const ForecastOptions& options);

/// Returns the season length detected in `values`: the lag in 2..min(24, n/3) with the largest
/// autocorrelation that is a local peak and passes the 90% seasonality test; 1 when there is none.
[[nodiscard]] int detect_period(std::span<const double> values);

}  // namespace finml::analytics::forecast
