#include <finml/analytics/forecast/forecaster.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <utility>

#include <finml/analytics/forecast/arima.hpp>
#include <finml/analytics/forecast/baseline.hpp>
#include <finml/analytics/forecast/ets.hpp>
#include <finml/analytics/forecast/seasonal.hpp>

namespace finml::analytics::forecast {
namespace {

using core::ErrorCode;
using core::fail;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
/// auto forecasts naively below this many points: no model can be estimated from fewer.
constexpr std::size_t kAutoMinimumPoints = 4;
/// auto adjusts for seasonality above this seasonal strength (classical decomposition, two full
/// seasons). Chosen on the benchmark's dev split over the 90% ACF test of the Theta method,
/// which trends hide; R's nsdiffs uses 0.64 for the stronger step of seasonal differencing.
constexpr double kAutoSeasonalStrength = 0.5;
/// auto scales the half-width of its interval at step h by sqrt(1 + kAutoIntervalInflation h / n)
/// (n points of history): the members' intervals leave out the uncertainty of estimating and
/// selecting a model, which grows with the horizon relative to the history, as the drift term
/// of the random walk with drift's error variance sigma^2 h (1 + h / n) does. The constant was
/// fitted on the benchmark's dev split only (95% coverage 95.0% there, 86.0% unscaled; v4's
/// pool gave 6.5, v5's 7.9); the rule was chosen there over 1 + c / sqrt(n), which overcovers
/// the first steps and undercovers the last (docs/numerics.md, "The auto strategy").
constexpr double kAutoIntervalInflation = 7.9;
/// From this many points (more than five years of months) auto combines full ETS, Theta and
/// ARIMA instead of seasonal naive, ETS on adjusted data and ARIMA (dev split, histories of 72
/// points and more: mean MASE 0.907 against 0.957). Up to 60 points auto stays on the fast pool
/// (the speed target is 1 ms per series of at most 60 points).
constexpr std::size_t kAutoLongHistory = 61;
/// Nelder-Mead evaluations per ETS model inside auto (no restarts): enough for <= 5 parameters.
constexpr int kAutoEtsEvaluations = 400;
/// Below kAutoLongHistory points, auto's third member is the seasonal naive forecast only when
/// the seasonal variance ratio (seasonal_variance_ratio) is below this; otherwise the naive one.
/// A random walk (with or without drift) has a ratio near 1 and a smooth trend one above 1; a
/// season that repeats makes the seasonal differences, and so the ratio, small. Chosen on the
/// dev split (docs/numerics.md, "Protocol", v5): the best of 0.05 to 1.5, in a flat region
/// (0.05 to 0.5 gave dev MASE 1.156 to 1.163; seasonal naive whenever a season is given, 1.180).
constexpr double kAutoSeasonalVarianceRatio = 0.25;

bool finite_result(const ForecastResult& r);

struct NamedMethod {
  Method method;
  std::string_view name;
};
constexpr std::array kMethodNames{
    NamedMethod{Method::kAuto, "auto"},     NamedMethod{Method::kEts, "ets"},
    NamedMethod{Method::kArima, "arima"},   NamedMethod{Method::kTheta, "theta"},
    NamedMethod{Method::kSeasonalNaive, "snaive"}, NamedMethod{Method::kNaive, "naive"},
    NamedMethod{Method::kDrift, "drift"},   NamedMethod{Method::kLinear, "linear"},
    NamedMethod{Method::kMean, "mean"},     NamedMethod{Method::kCombination, "combo"},
};

/// What every model run needs.
struct Context {
  std::span<const double> y;
  int period = 1;  // resolved: 1 or a season length >= 2
  int horizon = 1;
  IntervalOptions intervals;
};

ForecastResult from_prediction(std::string model, Method method, Prediction p,
                               std::vector<double> fitted, const Context& c) {
  ForecastResult r;
  r.model = std::move(model);
  r.method = method;
  r.mean = std::move(p.mean);
  r.lower = std::move(p.lower);
  r.upper = std::move(p.upper);
  r.level = c.intervals.level;
  r.fitted = std::move(fitted);
  r.period = c.period;
  return r;
}

ForecastResult from_baseline(std::string model, Method method, BaselineForecast f,
                             const Context& c) {
  ForecastResult r = from_prediction(std::move(model), method, std::move(f.prediction),
                                     std::move(f.fitted), c);
  r.sigma = f.sigma;
  return r;
}

bool seasonal_usable(const Context& c) {
  return c.period >= 2 && c.y.size() >= 2 * static_cast<std::size_t>(c.period);
}

core::Result<ForecastResult> run_ets(const Context& c) {
  AutoEtsOptions options;
  options.period = seasonal_usable(c) ? c.period : 1;
  auto fit = auto_ets(c.y, options);
  if (!fit) return std::unexpected(fit.error());
  auto p = forecast_ets(*fit, c.horizon, c.intervals);
  if (!p) return std::unexpected(p.error());
  ForecastResult r = from_prediction(ets_name(fit->spec), Method::kEts, std::move(*p), fit->fitted, c);
  r.parameters.push_back({"alpha", fit->parameters.alpha});
  if (fit->spec.trend != Component::kNone) r.parameters.push_back({"beta", fit->parameters.beta});
  if (fit->spec.season != Component::kNone) r.parameters.push_back({"gamma", fit->parameters.gamma});
  if (fit->spec.damped) r.parameters.push_back({"phi", fit->parameters.phi});
  r.sigma = std::sqrt(fit->sigma2);
  r.aicc = fit->aicc;
  return r;
}

core::Result<ForecastResult> run_arima(const Context& c) {
  AutoArimaOptions options;
  options.period = seasonal_usable(c) ? c.period : 1;
  auto fit = auto_arima(c.y, options);
  if (!fit) return std::unexpected(fit.error());
  auto p = forecast_arima(*fit, c.horizon, c.intervals);
  if (!p) return std::unexpected(p.error());
  ForecastResult r = from_prediction(arima_name(fit->spec), Method::kArima, std::move(*p), fit->fitted, c);
  const auto add = [&r](std::string_view prefix, const std::vector<double>& values) {
    for (std::size_t i = 0; i < values.size(); ++i)
      r.parameters.push_back({std::string(prefix) + std::to_string(i + 1), values[i]});
  };
  add("ar", fit->coefficients.ar);
  add("ma", fit->coefficients.ma);
  add("sar", fit->coefficients.sar);
  add("sma", fit->coefficients.sma);
  if (fit->spec.include_constant) {
    const auto& o = fit->spec.order;
    r.parameters.push_back({o.d + o.D == 0 ? "intercept" : "drift", fit->coefficients.constant});
  }
  r.sigma = std::sqrt(fit->sigma2);
  if (std::isfinite(fit->aicc)) r.aicc = fit->aicc;
  return r;
}

core::Result<ForecastResult> run_single(Method method, const Context& c);

/// The mean of the members' forecasts; the bounds are the means of the members' bounds.
ForecastResult combine(std::vector<ForecastResult> members, const Context& c) {
  const auto h = static_cast<std::size_t>(c.horizon);
  const double k = static_cast<double>(members.size());
  ForecastResult r;
  r.method = Method::kCombination;
  r.level = c.intervals.level;
  r.period = c.period;
  r.mean.assign(h, 0.0);
  r.lower.assign(h, 0.0);
  r.upper.assign(h, 0.0);
  r.fitted.assign(c.y.size(), 0.0);
  std::string names;
  for (const ForecastResult& m : members) {
    if (!names.empty()) names += ", ";
    names += m.model;
    for (std::size_t i = 0; i < h; ++i) {
      r.mean[i] += m.mean[i] / k;
      r.lower[i] += m.lower[i] / k;
      r.upper[i] += m.upper[i] / k;
    }
    for (std::size_t t = 0; t < c.y.size(); ++t) r.fitted[t] += m.fitted[t] / k;
    for (const ModelParameter& p : m.parameters)
      r.parameters.push_back({m.model + "." + p.name, p.value});
    r.notes.insert(r.notes.end(), m.notes.begin(), m.notes.end());
  }
  double ss = 0.0;
  double count = 0.0;
  for (std::size_t t = 0; t < c.y.size(); ++t) {
    if (std::isnan(r.fitted[t])) continue;
    ss += (c.y[t] - r.fitted[t]) * (c.y[t] - r.fitted[t]);
    count += 1.0;
  }
  if (count > 0.0) r.sigma = std::sqrt(ss / count);
  r.model = "Combination(" + names + ")";
  return r;
}

core::Result<ForecastResult> run_combination(std::span<const Method> methods, const Context& c) {
  std::vector<ForecastResult> members;
  std::vector<std::string> notes;
  for (Method m : methods) {
    auto r = run_single(m, c);
    if (r) members.push_back(std::move(*r));
    else notes.push_back(std::string(method_name(m)) + " left out: " + r.error().message);
  }
  if (members.empty()) return fail(ErrorCode::kInsufficientData, "no member of the combination could be fitted");
  if (members.size() == 1) {
    members.front().notes.insert(members.front().notes.end(), notes.begin(), notes.end());
    return std::move(members.front());
  }
  ForecastResult r = combine(std::move(members), c);
  r.notes.insert(r.notes.end(), notes.begin(), notes.end());
  return r;
}

/// A seasonal adjustment: the series divided by (or less) a classical decomposition's seasonal
/// figure, and the figure continued over the forecast horizon.
struct Adjustment {
  std::vector<double> adjusted;
  std::vector<double> ahead;  // seasonal index for h = 1..H
  std::vector<double> past;   // seasonal index for t = 1..n
  bool multiplicative = true;
  bool active = false;
};

/// Adjusts for seasonality only when the season is given or detected, two full seasons are
/// present, and the seasonal strength of a classical decomposition exceeds kAutoSeasonalStrength.
Adjustment seasonal_adjustment(const Context& c) {
  Adjustment a;
  a.adjusted.assign(c.y.begin(), c.y.end());
  if (!seasonal_usable(c) || seasonal_strength(c.y, c.period) <= kAutoSeasonalStrength) return a;
  a.multiplicative = *std::min_element(c.y.begin(), c.y.end()) > 0.0;
  const auto d = classical_decomposition(
      c.y, c.period, a.multiplicative ? DecompositionType::kMultiplicative : DecompositionType::kAdditive);
  if (!d) return a;
  if (a.multiplicative &&
      std::any_of(d->figure.begin(), d->figure.end(), [](double s) { return s < 1e-4; }))
    return a;
  const std::size_t n = c.y.size();
  const auto m = static_cast<std::size_t>(c.period);
  a.past = d->seasonal;
  for (std::size_t t = 0; t < n; ++t)
    a.adjusted[t] = a.multiplicative ? c.y[t] / a.past[t] : c.y[t] - a.past[t];
  a.ahead.resize(static_cast<std::size_t>(c.horizon));
  for (std::size_t h = 0; h < a.ahead.size(); ++h) a.ahead[h] = d->seasonal[n - m + (h % m)];
  a.active = true;
  return a;
}

/// Puts the season back into a forecast made on adjusted data.
void reseasonalize(const Adjustment& a, ForecastResult& r, int period) {
  if (!a.active) return;
  const auto apply = [&a](double value, double index) {
    return a.multiplicative ? value * index : value + index;
  };
  for (std::size_t h = 0; h < r.mean.size(); ++h) {
    r.mean[h] = apply(r.mean[h], a.ahead[h]);
    r.lower[h] = apply(r.lower[h], a.ahead[h]);
    r.upper[h] = apply(r.upper[h], a.ahead[h]);
  }
  for (std::size_t t = 0; t < r.fitted.size(); ++t) r.fitted[t] = apply(r.fitted[t], a.past[t]);
  r.model = "SA(" + r.model + ")[" + std::to_string(period) + "]";
  r.sigma.reset();
}

/// ETS chosen by AICc among the non-seasonal models, with a lighter optimiser, for auto.
core::Result<ForecastResult> fast_ets(const Context& c) {
  AutoEtsOptions options;
  options.period = 1;
  options.max_evaluations = kAutoEtsEvaluations;
  options.restarts = 0;
  auto fit = auto_ets(c.y, options);
  if (!fit) return std::unexpected(fit.error());
  auto p = forecast_ets(*fit, c.horizon, c.intervals);
  if (!p) return std::unexpected(p.error());
  ForecastResult r = from_prediction(ets_name(fit->spec), Method::kEts, std::move(*p), fit->fitted, c);
  r.parameters.push_back({"alpha", fit->parameters.alpha});
  if (fit->spec.trend != Component::kNone) r.parameters.push_back({"beta", fit->parameters.beta});
  if (fit->spec.damped) r.parameters.push_back({"phi", fit->parameters.phi});
  r.sigma = std::sqrt(fit->sigma2);
  return r;
}

/// Non-seasonal auto ARIMA ranked by CSS and refitted by ML, for auto.
core::Result<ForecastResult> fast_arima(const Context& c) {
  AutoArimaOptions options;
  options.period = 1;
  options.approximation = true;
  auto fit = auto_arima(c.y, options);
  if (!fit) return std::unexpected(fit.error());
  auto p = forecast_arima(*fit, c.horizon, c.intervals);
  if (!p) return std::unexpected(p.error());
  ForecastResult r = from_prediction(arima_name(fit->spec), Method::kArima, std::move(*p), fit->fitted, c);
  for (std::size_t i = 0; i < fit->coefficients.ar.size(); ++i)
    r.parameters.push_back({"ar" + std::to_string(i + 1), fit->coefficients.ar[i]});
  for (std::size_t i = 0; i < fit->coefficients.ma.size(); ++i)
    r.parameters.push_back({"ma" + std::to_string(i + 1), fit->coefficients.ma[i]});
  if (fit->spec.include_constant) {
    const auto& o = fit->spec.order;
    r.parameters.push_back({o.d + o.D == 0 ? "intercept" : "drift", fit->coefficients.constant});
  }
  return r;
}

/// The variance of the lag-m differences y_t - y_{t-m} over m times the variance of the first
/// differences (both about their means): about 1 for a random walk, with or without drift (Lo
/// and MacKinlay's variance ratio), above 1 for a smooth trend, small when the series repeats
/// its last season. NaN when it is undefined: fewer than m + 2 points, or no variation in the
/// first differences.
double seasonal_variance_ratio(std::span<const double> y, int period) {
  const std::size_t n = y.size();
  const auto m = static_cast<std::size_t>(period);
  if (period < 2 || n < m + 2) return kNaN;
  const auto variance = [y, n](std::size_t lag) {
    double sum = 0.0;
    for (std::size_t t = lag; t < n; ++t) sum += y[t] - y[t - lag];
    const double count = static_cast<double>(n - lag);
    const double mean = sum / count;
    double ss = 0.0;
    for (std::size_t t = lag; t < n; ++t) ss += (y[t] - y[t - lag] - mean) * (y[t] - y[t - lag] - mean);
    return ss / count;
  };
  const double first = variance(1);
  if (!(first > 0.0)) return kNaN;
  return variance(m) / (static_cast<double>(period) * first);
}

/// Whether auto's short-history pool takes the seasonal naive forecast (rather than the naive
/// one) as its benchmark member: a season is given or detected, one full season is present, and
/// the seasonal variance ratio does not speak against seasonality (it is below
/// kAutoSeasonalVarianceRatio, or undefined because only one season is present).
bool auto_uses_seasonal_naive(const Context& c) {
  if (c.period < 2 || c.y.size() < static_cast<std::size_t>(c.period)) return false;
  const double ratio = seasonal_variance_ratio(c.y, c.period);
  return std::isnan(ratio) || ratio < kAutoSeasonalVarianceRatio;
}

/// The auto strategy, chosen on the development split of the accuracy benchmark (see
/// docs/numerics.md, "The auto strategy"): below kAutoMinimumPoints the naive forecast;
/// below kAutoLongHistory points the mean of
///   * a benchmark without trend: the seasonal naive forecast when a season is given or
///     detected, one full season is present and the seasonal variance ratio does not speak
///     against seasonality (auto_uses_seasonal_naive; it copies the last season and estimates
///     nothing), the naive forecast otherwise,
///   * ETS chosen by AICc among the non-seasonal models, and
///   * a stepwise auto ARIMA without seasonal terms,
/// the last two fitted to the series seasonally adjusted by a classical decomposition when two
/// full seasons show a seasonal strength above kAutoSeasonalStrength; from kAutoLongHistory
/// points the mean of ETS over all classes, Theta and that ARIMA. The interval is the mean of
/// the members' bounds, its half-width at step h scaled by sqrt(1 + kAutoIntervalInflation h / n)
/// for the estimation and selection uncertainty the members' own intervals leave out.
core::Result<ForecastResult> run_auto(const Context& c) {
  const std::size_t n = c.y.size();
  if (n < kAutoMinimumPoints) return run_single(Method::kNaive, c);
  const Adjustment a = seasonal_adjustment(c);
  Context adjusted = c;
  adjusted.y = a.adjusted;
  adjusted.period = 1;
  std::vector<ForecastResult> members;
  std::vector<std::string> notes;
  const auto add = [&](core::Result<ForecastResult> r, std::string_view what, bool on_adjusted) {
    if (r && on_adjusted) reseasonalize(a, *r, c.period);
    if (r && finite_result(*r)) members.push_back(std::move(*r));
    else notes.push_back(std::string(what) + " left out" + (r ? "" : ": " + r.error().message));
  };
  if (n >= kAutoLongHistory) {
    // Enough seasons to estimate seasonal models: ETS over all classes and Theta replace the
    // seasonal naive forecast and the ETS fitted to adjusted data.
    add(run_single(Method::kEts, c), "ets", false);
    add(run_single(Method::kTheta, c), "theta", false);
  } else {
    if (auto_uses_seasonal_naive(c)) add(run_single(Method::kSeasonalNaive, c), "seasonal naive", false);
    else add(run_single(Method::kNaive, c), "naive", false);
    add(fast_ets(adjusted), "ets", true);
  }
  add(fast_arima(adjusted), "arima", true);
  if (members.empty()) return fail(ErrorCode::kInsufficientData, "no member of auto could be fitted");
  ForecastResult r = members.size() == 1 ? std::move(members.front()) : combine(std::move(members), c);
  r.notes.insert(r.notes.end(), notes.begin(), notes.end());
  for (std::size_t h = 0; h < r.mean.size(); ++h) {
    const double inflation = std::sqrt(1.0 + kAutoIntervalInflation * static_cast<double>(h + 1) /
                                                 static_cast<double>(n));
    r.lower[h] = r.mean[h] - inflation * (r.mean[h] - r.lower[h]);
    r.upper[h] = r.mean[h] + inflation * (r.upper[h] - r.mean[h]);
  }
  r.method = Method::kAuto;
  r.period = c.period;
  return r;
}

core::Result<ForecastResult> run_single(Method method, const Context& c) {
  switch (method) {
    case Method::kAuto: return run_auto(c);
    case Method::kEts: return run_ets(c);
    case Method::kArima: return run_arima(c);
    case Method::kCombination: {
      constexpr std::array kPool{Method::kEts, Method::kArima, Method::kTheta};
      return run_combination(kPool, c);
    }
    case Method::kTheta: {
      auto f = forecast_theta(c.y, seasonal_usable(c) ? c.period : 1, c.horizon, c.intervals);
      if (!f) return std::unexpected(f.error());
      return from_baseline("Theta", Method::kTheta, std::move(*f), c);
    }
    case Method::kSeasonalNaive: {
      // Without a season (or a full one) the seasonal naive forecast is the naive one.
      if (c.period < 2 || c.y.size() < static_cast<std::size_t>(c.period))
        return run_single(Method::kNaive, c);
      auto f = forecast_seasonal_naive(c.y, c.period, c.horizon, c.intervals);
      if (!f) return std::unexpected(f.error());
      return from_baseline("Seasonal naive", Method::kSeasonalNaive, std::move(*f), c);
    }
    case Method::kNaive: {
      auto f = forecast_naive(c.y, c.horizon, c.intervals);
      if (!f) return std::unexpected(f.error());
      return from_baseline("Naive", Method::kNaive, std::move(*f), c);
    }
    case Method::kDrift: {
      auto f = forecast_drift(c.y, c.horizon, c.intervals);
      if (!f) return std::unexpected(f.error());
      ForecastResult r = from_baseline("Random walk with drift", Method::kDrift, std::move(*f), c);
      r.parameters.push_back({"drift", (c.y.back() - c.y.front()) / static_cast<double>(c.y.size() - 1)});
      return r;
    }
    case Method::kLinear: {
      auto f = forecast_linear_trend(c.y, c.horizon, c.intervals);
      if (!f) return std::unexpected(f.error());
      return from_baseline("Linear trend", Method::kLinear, std::move(*f), c);
    }
    case Method::kMean: {
      auto f = forecast_mean(c.y, c.horizon, c.intervals);
      if (!f) return std::unexpected(f.error());
      return from_baseline("Mean", Method::kMean, std::move(*f), c);
    }
  }
  return fail(ErrorCode::kInternal, "unknown method");
}

/// The simpler methods tried, in order, when the requested one cannot be fitted.
constexpr std::array kFallbacks{Method::kTheta, Method::kDrift, Method::kNaive, Method::kMean};

bool finite_result(const ForecastResult& r) {
  const auto finite = [](const std::vector<double>& v) {
    return std::all_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); });
  };
  return finite(r.mean) && finite(r.lower) && finite(r.upper);
}

}  // namespace

std::string_view method_name(Method method) {
  for (const auto& m : kMethodNames) {
    if (m.method == method) return m.name;
  }
  return "auto";
}

std::optional<Method> parse_method(std::string_view name) {
  for (const auto& m : kMethodNames) {
    if (m.name == name) return m.method;
  }
  return std::nullopt;
}

int detect_period(std::span<const double> values) {
  constexpr int kMaxDetectedPeriod = 24;
  const int n = static_cast<int>(values.size());
  const int max_lag = std::min(kMaxDetectedPeriod, n / 3);
  if (max_lag < 2 || is_constant(values)) return 1;
  // Look for seasonality in the differenced series, so that a trend does not hide it.
  std::vector<double> diffs(values.size() - 1);
  for (std::size_t t = 1; t < values.size(); ++t) diffs[t - 1] = values[t] - values[t - 1];
  const auto r = autocorrelations(diffs, max_lag + 1);
  int best = 1;
  double best_r = 0.0;
  for (int lag = 2; lag <= max_lag && static_cast<std::size_t>(lag) < r.size(); ++lag) {
    const double here = r[static_cast<std::size_t>(lag - 1)];
    const bool peak = here > r[static_cast<std::size_t>(lag - 2)] && here >= r[static_cast<std::size_t>(lag)];
    if (peak && here > best_r && seasonality_acf_test(values, lag)) {
      best = lag;
      best_r = here;
    }
  }
  return best;
}

core::Result<ForecastResult> forecast(std::span<const double> values,
                                      const ForecastOptions& options) {
  if (values.empty()) return fail(ErrorCode::kInvalidArgument, "values must not be empty");
  for (double v : values) {
    if (!std::isfinite(v)) return fail(ErrorCode::kInvalidArgument, "values must be finite numbers");
  }
  if (options.horizon < 1) return fail(ErrorCode::kInvalidArgument, "horizon must be at least 1");
  if (!(options.level > 0.0 && options.level < 1.0))
    return fail(ErrorCode::kInvalidArgument, "level must lie strictly between 0 and 1");
  if (options.period < 0) return fail(ErrorCode::kInvalidArgument, "period must not be negative");
  Context c;
  c.y = values;
  c.horizon = options.horizon;
  c.intervals.level = options.level;
  c.intervals.seed = options.seed;
  c.intervals.simulation_paths = options.simulation_paths;
  c.period = options.period == kDetectPeriod ? detect_period(values) : std::max(1, options.period);

  if (is_constant(values)) {
    // Nothing varies: every method agrees on the last value, with no spread.
    auto r = run_single(Method::kNaive, c);
    if (r) {
      r->model = "Constant";
      std::fill(r->lower.begin(), r->lower.end(), values.back());
      std::fill(r->upper.begin(), r->upper.end(), values.back());
      r->mean.assign(r->mean.size(), values.back());
      r->sigma = 0.0;
    }
    return r;
  }

  std::vector<std::string> notes;
  auto r = run_single(options.method, c);
  if (r && !finite_result(*r)) r = fail(ErrorCode::kInsufficientData, "forecast was not finite");
  if (!r) {
    notes.push_back(std::string(method_name(options.method)) + ": " + r.error().message);
    for (Method fallback : kFallbacks) {
      if (fallback == options.method) continue;
      r = run_single(fallback, c);
      if (r && finite_result(*r)) break;
      if (r) r = fail(ErrorCode::kInsufficientData, "forecast was not finite");
      notes.push_back(std::string(method_name(fallback)) + ": " + r.error().message);
    }
  }
  if (!r) return r;
  r->notes.insert(r->notes.begin(), notes.begin(), notes.end());
  if (r->fitted.size() != values.size()) r->fitted.assign(values.size(), kNaN);
  return r;
}

}  // namespace finml::analytics::forecast
