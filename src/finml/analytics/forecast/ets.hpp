#pragma once
/// @file finml/analytics/forecast/ets.hpp
/// Exponential smoothing state-space models ETS(error, trend, season) after Hyndman, Koehler, Ord
/// and Snyder (2008), "Forecasting with Exponential Smoothing", fitted by maximum likelihood in the
/// parameter region of R's forecast::ets (bounds = "both") and selected by AICc as it does.
///
/// The state is (level, trend, s_1..s_m) with s_1 the newest seasonal state and s_m the one used
/// by the next forecast, as in R. Pure: no I/O; simulation takes a seed.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <finml/analytics/forecast/prediction.hpp>
#include <finml/core/error.hpp>

namespace finml::analytics::forecast {

enum class Component { kNone, kAdditive, kMultiplicative };

/// The structure of an ETS model. `period` matters only with a seasonal component.
struct EtsSpec {
  Component error = Component::kAdditive;
  Component trend = Component::kNone;
  Component season = Component::kNone;
  bool damped = false;
  int period = 1;

  friend bool operator==(const EtsSpec&, const EtsSpec&) = default;
};

/// Returns the model's name as R prints it: "ETS(M,Ad,M)".
[[nodiscard]] std::string ets_name(const EtsSpec& spec);

/// Smoothing parameters. beta is on R's scale (the trend update is b + beta * e, so beta <= alpha);
/// beta, gamma and phi are ignored when the model lacks the component (phi = 1 when undamped).
struct EtsParameters {
  double alpha = 0.0;
  double beta = 0.0;
  double gamma = 0.0;
  double phi = 1.0;
};

/// The parameter box of R's ets() defaults: lower = (1e-4, 1e-4, 1e-4, 0.8),
/// upper = (0.9999, 0.9999, 0.9999, 0.98), plus beta <= alpha and gamma <= 1 - alpha.
struct EtsBounds {
  double alpha_lower = 1e-4, alpha_upper = 0.9999;
  double beta_lower = 1e-4, beta_upper = 0.9999;
  double gamma_lower = 1e-4, gamma_upper = 0.9999;
  double phi_lower = 0.8, phi_upper = 0.98;
};

struct EtsOptions {
  EtsSpec spec;
  EtsBounds bounds;
  /// Also require the admissible (forecastable) region of Hyndman et al. (2008, ch. 10).
  bool admissible = true;
  int max_evaluations = 2'000;  ///< Nelder-Mead function evaluations (R's maxit)
  int restarts = 2;  ///< Nelder-Mead restarts from the optimum while they still improve it
};

/// A fitted ETS model.
struct EtsFit {
  EtsSpec spec;
  EtsParameters parameters;
  std::vector<double> initial_state;  ///< (l0, b0, s_1..s_m), all m seasonal states
  std::vector<double> final_state;    ///< the state after the last observation
  std::vector<double> fitted;         ///< one-step-ahead fitted values
  std::vector<double> residuals;      ///< y - fitted, or (y - fitted) / fitted for M errors
  double log_likelihood = 0.0;        ///< -0.5 * lik as R reports it (constants dropped)
  double aic = 0.0;
  double aicc = 0.0;
  double bic = 0.0;
  double sigma2 = 0.0;  ///< residual variance, sum(residuals^2) / (n - free parameters)
  double mse = 0.0;     ///< mean squared one-step error on the data scale
  int parameter_count = 0;  ///< free parameters + 1 (for sigma), as in R's information criteria
};

/// Fits one ETS model by maximum likelihood (Nelder-Mead from R's heuristic starting values).
/// Fails with kInvalidArgument for an impossible specification (M error on non-positive data,
/// damped without trend, period outside 2..24 with a season) and kInsufficientData when the model
/// has as many parameters as data points less one.
[[nodiscard]] core::Result<EtsFit> fit_ets(std::span<const double> y, const EtsOptions& options);

/// Evaluates an ETS model with the given parameters and initial state (l0, b0, s_1..s_m), as R's
/// ets(y, model = fit, use.initial.values = TRUE) does; for checking against reference values.
[[nodiscard]] core::Result<EtsFit> evaluate_ets(std::span<const double> y, const EtsSpec& spec,
                                                const EtsParameters& parameters,
                                                std::span<const double> initial_state);

enum class InformationCriterion { kAicc, kAic, kBic };

struct AutoEtsOptions {
  int period = 1;
  bool allow_multiplicative = true;         ///< M errors and seasons (only for positive data)
  bool allow_multiplicative_trend = false;  ///< R's allow.multiplicative.trend
  std::optional<bool> damped;               ///< nullopt: try both
  std::optional<Component> season;          ///< nullopt: choose
  std::optional<Component> trend;           ///< nullopt: choose
  InformationCriterion criterion = InformationCriterion::kAicc;
  int max_evaluations = 2'000;
  int restarts = 2;
};

/// Fits every admissible ETS model (R's restrict = TRUE set) and keeps the one with the smallest
/// information criterion, as forecast::ets(y, model = "ZZZ") does.
[[nodiscard]] core::Result<EtsFit> auto_ets(std::span<const double> y,
                                            const AutoEtsOptions& options);

/// Forecasts `horizon` steps ahead. Means and intervals are analytic for classes 1-3 of
/// Hyndman et al. (2008, ch. 6): additive error and components, multiplicative error with
/// additive components, and multiplicative error and season (whose mean, like R's, exceeds the
/// point forecast once h > m). Models with a multiplicative trend get intervals from
/// `intervals.simulation_paths` simulated paths seeded with `intervals.seed`.
[[nodiscard]] core::Result<Prediction> forecast_ets(const EtsFit& fit, int horizon,
                                                    const IntervalOptions& intervals);

}  // namespace finml::analytics::forecast
