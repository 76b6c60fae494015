#pragma once
/// @file finml/analytics/forecast/arima.hpp
/// Seasonal ARIMA(p,d,q)(P,D,Q)[m] by exact Gaussian maximum likelihood: the series is differenced,
/// and the ARMA part is written in Harvey's state-space form and run through a Kalman filter
/// started from its stationary covariance (Durbin and Koopman, 2012, sec. 3.4). The likelihood
/// equals R's stats::arima(method = "ML") up to its diffuse-prior approximation. Orders are chosen
/// by the stepwise search of Hyndman and Khandakar (2008), as forecast::auto.arima does.
#include <span>
#include <string>
#include <vector>

#include <finml/analytics/forecast/prediction.hpp>
#include <finml/core/error.hpp>

namespace finml::analytics::forecast {

struct ArimaOrder {
  int p = 0, d = 0, q = 0;
  int P = 0, D = 0, Q = 0;
  int period = 1;  ///< season length m; seasonal orders need m >= 2

  friend bool operator==(const ArimaOrder&, const ArimaOrder&) = default;
};

struct ArimaSpec {
  ArimaOrder order;
  /// A mean when d + D = 0, a drift (slope per step) when d + D = 1; not allowed when d + D > 1.
  bool include_constant = false;

  friend bool operator==(const ArimaSpec&, const ArimaSpec&) = default;
};

/// Returns the name as R prints it: "ARIMA(0,1,1)(0,1,1)[12]", "ARIMA(1,1,0) with drift".
[[nodiscard]] std::string arima_name(const ArimaSpec& spec);

/// Coefficients with R's sign conventions: (1 - sum ar_i B^i)(1 - sum sar_i B^(mi)) w_t =
/// (1 + sum ma_i B^i)(1 + sum sma_i B^(mi)) e_t.
struct ArimaCoefficients {
  std::vector<double> ar, ma, sar, sma;
  double constant = 0.0;  ///< mean or drift, per ArimaSpec::include_constant
};

struct ArimaFit {
  ArimaSpec spec;
  ArimaCoefficients coefficients;
  double sigma2 = 0.0;  ///< innovation variance: sum of squares / (n used - coefficients), as R
  double log_likelihood = 0.0;  ///< exact Gaussian log-likelihood of the differenced series
  double aic = 0.0;
  double aicc = 0.0;
  double bic = 0.0;
  std::vector<double> fitted;     ///< y minus the standardised innovations (R's fitted.Arima)
  std::vector<double> residuals;  ///< standardised innovations; 0 for the first d + mD points
  std::vector<double> y;          ///< the data, kept for forecasting
};

enum class ArimaEstimation {
  kCssMl,  ///< conditional sum of squares for starting values, then exact ML (R's default)
  kCss,    ///< conditional sum of squares only: fast, for ranking models (R's approximation)
};

struct ArimaOptions {
  ArimaSpec spec;
  ArimaEstimation estimation = ArimaEstimation::kCssMl;
  int max_evaluations = 3'000;  ///< per Nelder-Mead run (conditional sum of squares, then ML)
};

/// Fits one ARIMA model: conditional-sum-of-squares starting values, then exact ML (R's
/// method = "CSS-ML"), with AR parts kept stationary by the partial-autocorrelation transform of
/// Jones (1980). With ArimaEstimation::kCss it stops after the CSS stage: the fit then has no
/// fitted values and its likelihood and criteria are the CSS approximations (for ranking only).
/// Fails with kInvalidArgument for a bad specification and kInsufficientData when the
/// differenced series is too short for the parameters.
[[nodiscard]] core::Result<ArimaFit> fit_arima(std::span<const double> y,
                                               const ArimaOptions& options);

/// Evaluates the exact likelihood at given coefficients (sigma2 profiled out), to check against
/// R's arima(..., fixed = ...).
[[nodiscard]] core::Result<ArimaFit> evaluate_arima(std::span<const double> y,
                                                    const ArimaSpec& spec,
                                                    const ArimaCoefficients& coefficients);

struct AutoArimaOptions {
  int period = 1;
  int max_p = 5, max_q = 5, max_P = 2, max_Q = 2;
  int max_d = 2, max_D = 1;
  int max_models = 94;   ///< R's nmodels
  bool seasonal = true;  ///< consider seasonal differencing and seasonal ARMA terms
  /// Rank the candidates by their conditional-sum-of-squares fits and refit only the best by
  /// exact ML (R's approximation = TRUE, its default above 150 points or for m > 12).
  bool approximation = false;
};

/// Chooses d by repeated KPSS tests (5%), D by the seasonal-strength heuristic (> 0.64), and the
/// ARMA orders by the stepwise AICc search of forecast::auto.arima; models whose AR or MA roots
/// lie within 1.01 of the unit circle are rejected, as in R.
[[nodiscard]] core::Result<ArimaFit> auto_arima(std::span<const double> y,
                                                const AutoArimaOptions& options);

/// Forecasts `horizon` steps ahead with exact Gaussian intervals: the Kalman forecast of the
/// differenced series, integrated back with its full error covariance.
[[nodiscard]] core::Result<Prediction> forecast_arima(const ArimaFit& fit, int horizon,
                                                      const IntervalOptions& intervals);

}  // namespace finml::analytics::forecast
