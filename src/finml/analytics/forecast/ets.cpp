#include <finml/analytics/forecast/ets.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numbers>
#include <utility>

#include <Eigen/Dense>
#include <numeric>

#include <finml/analytics/forecast/detail/least_squares.hpp>
#include <finml/analytics/forecast/detail/nelder_mead.hpp>
#include <finml/analytics/forecast/detail/quantile.hpp>
#include <finml/analytics/forecast/distributions.hpp>
#include <finml/analytics/forecast/seasonal.hpp>

namespace finml::analytics::forecast {
namespace {

using core::ErrorCode;
using core::fail;

constexpr double kInfinity = std::numeric_limits<double>::infinity();
/// Guards against division by (near) zero in the multiplicative updates, as R's etscalc.c.
constexpr double kTolerance = 1e-10;
constexpr double kHuge = 1e10;
/// R's etsTargetFunction clamps the criterion to avoid rewarding perfect fits.
constexpr double kMinLikelihood = -1e10;
/// Largest seasonal period R's ets() accepts.
constexpr int kMaxEtsPeriod = 24;
/// Slack of R's admissibility checks (forecast's admissible()).
constexpr double kPhiSlack = 1e-8;
constexpr double kRootSlack = 1e-10;
/// A Nelder-Mead restart must improve the criterion by this much for another to follow.
constexpr double kRestartGain = 1e-3;

bool has(Component c) { return c != Component::kNone; }

int season_length(const EtsSpec& spec) { return has(spec.season) ? spec.period : 1; }

std::size_t state_size(const EtsSpec& spec) {
  return 1 + (has(spec.trend) ? 1u : 0u) +
         (has(spec.season) ? static_cast<std::size_t>(spec.period) : 0u);
}

/// The running state of the recursions, with the seasonal states in a ring buffer.
struct State {
  double level = 0.0;
  double trend = 0.0;
  std::vector<double> ring;  // R's s[j] = ring[(head + j) % m]
  std::size_t head = 0;

  void load(const EtsSpec& spec, std::span<const double> x) {
    level = x[0];
    trend = has(spec.trend) ? x[1] : 0.0;
    const std::size_t offset = has(spec.trend) ? 2 : 1;
    ring.assign(x.begin() + static_cast<std::ptrdiff_t>(offset), x.end());
    head = 0;
  }

  [[nodiscard]] std::vector<double> save(const EtsSpec& spec) const {
    std::vector<double> x;
    x.push_back(level);
    if (has(spec.trend)) x.push_back(trend);
    const std::size_t m = ring.size();
    for (std::size_t j = 0; j < m; ++j) x.push_back(ring[(head + j) % m]);
    return x;
  }
};

/// Returns the one-step forecast from `s`, or NaN when it is undefined (negative M trend).
double one_step(const EtsSpec& spec, const State& s, double phi, double& q, double& seasonal,
                std::size_t& season_index) {
  switch (spec.trend) {
    case Component::kNone: q = s.level; break;
    case Component::kAdditive: q = s.level + phi * s.trend; break;
    case Component::kMultiplicative:
      if (s.trend < 0.0) return std::numeric_limits<double>::quiet_NaN();
      q = s.level * (phi == 1.0 ? s.trend : std::pow(s.trend, phi));
      break;
  }
  if (!has(spec.season)) return q;
  const std::size_t m = s.ring.size();
  season_index = (s.head + m - 1) % m;
  seasonal = s.ring[season_index];
  return spec.season == Component::kAdditive ? q + seasonal : q * seasonal;
}

/// Updates the state with observation y (error-correction form of Hyndman et al. 2008, which is
/// the same for additive and multiplicative errors once written in terms of y).
void update(const EtsSpec& spec, const EtsParameters& p, State& s, double y, double q,
            double seasonal, std::size_t season_index) {
  double target = y;
  if (spec.season == Component::kAdditive) target = y - seasonal;
  else if (spec.season == Component::kMultiplicative)
    target = std::abs(seasonal) < kTolerance ? kHuge : y / seasonal;
  const double old_level = s.level;
  s.level = q + p.alpha * (target - q);
  if (has(spec.trend)) {
    double damped_trend = 0.0;
    double growth = 0.0;
    if (spec.trend == Component::kAdditive) {
      damped_trend = p.phi * s.trend;
      growth = s.level - old_level;
    } else {
      damped_trend = p.phi == 1.0 ? s.trend : std::pow(s.trend, p.phi);
      growth = std::abs(old_level) < kTolerance ? kHuge : s.level / old_level;
    }
    s.trend = damped_trend + (p.beta / p.alpha) * (growth - damped_trend);
  }
  if (has(spec.season)) {
    double t = 0.0;
    if (spec.season == Component::kAdditive) t = y - q;
    else t = std::abs(q) < kTolerance ? kHuge : y / q;
    s.ring[season_index] = seasonal + p.gamma * (t - seasonal);
    s.head = season_index;
  }
}

struct FilterResult {
  double sse = 0.0;
  double sum_log_abs_fit = 0.0;  ///< only for multiplicative errors
  bool ok = true;
};

/// Runs the recursions over y. Writes fitted values and residuals when the spans are not empty.
FilterResult run_filter(std::span<const double> y, const EtsSpec& spec, const EtsParameters& p,
                        State& s, std::span<double> fitted, std::span<double> residuals) {
  FilterResult r;
  double q = 0.0;
  double seasonal = 0.0;
  std::size_t season_index = 0;
  double product = 1.0;
  long exponent_sum = 0;
  for (std::size_t t = 0; t < y.size(); ++t) {
    const double f = one_step(spec, s, p.phi, q, seasonal, season_index);
    if (!std::isfinite(f)) {
      r.ok = false;
      return r;
    }
    const double e = spec.error == Component::kAdditive ? y[t] - f : (y[t] - f) / f;
    if (!fitted.empty()) {
      fitted[t] = f;
      residuals[t] = e;
    }
    r.sse += e * e;
    if (spec.error == Component::kMultiplicative) {
      // Accumulate prod |f| as mantissa and exponent: one log at the end instead of one a step.
      int exponent = 0;
      product = std::frexp(product * std::abs(f), &exponent);
      exponent_sum += exponent;
    }
    update(spec, p, s, y[t], q, seasonal, season_index);
  }
  if (spec.error == Component::kMultiplicative)
    r.sum_log_abs_fit = std::log(product) + static_cast<double>(exponent_sum) * std::numbers::ln2;
  return r;
}

/// R's lik: n log(SSE) (+ 2 sum log|yhat| for multiplicative errors), clamped like R's target.
double likelihood_criterion(const FilterResult& r, std::size_t n, const EtsSpec& spec) {
  if (!r.ok) return kInfinity;
  double lik = static_cast<double>(n) * std::log(r.sse);
  if (spec.error == Component::kMultiplicative) lik += 2.0 * r.sum_log_abs_fit;
  if (std::isnan(lik)) return kInfinity;
  return std::max(lik, kMinLikelihood);
}

/// Schur-Cohn step-down test: are all roots of z^d + a_1 z^(d-1) + ... + a_d within the unit
/// circle (to kRootSlack)? Replaces forecast's polyroot() check with an O(d^2) test.
bool roots_inside_unit_circle(std::vector<double> a) {
  while (!a.empty()) {
    const double k = a.back();
    if (std::abs(k) > 1.0 + kRootSlack) return false;
    if (std::abs(k) >= 1.0 - 1e-12) return true;  // a root on the circle: admissible within slack
    const std::size_t d = a.size();
    std::vector<double> next(d - 1);
    const double denominator = 1.0 - k * k;
    for (std::size_t i = 0; i + 1 < d; ++i) next[i] = (a[i] - k * a[d - 2 - i]) / denominator;
    a = std::move(next);
  }
  return true;
}

/// The admissible region of forecast's admissible(), for the parameters present in the model.
bool admissible(const EtsSpec& spec, const EtsParameters& p) {
  const double phi = p.phi;
  if (phi < 0.0 || phi > 1.0 + kPhiSlack) return false;
  const int m = season_length(spec);
  if (!has(spec.season)) {
    if (p.alpha < 1.0 - 1.0 / phi || p.alpha > 1.0 + 1.0 / phi) return false;
    if (has(spec.trend) &&
        (p.beta < p.alpha * (phi - 1.0) || p.beta > (1.0 + phi) * (2.0 - p.alpha)))
      return false;
    return true;
  }
  if (m <= 1) return true;
  const double beta = has(spec.trend) ? p.beta : 0.0;
  const double md = static_cast<double>(m);
  if (p.gamma < std::max(1.0 - 1.0 / phi - p.alpha, 0.0) || p.gamma > 1.0 + 1.0 / phi - p.alpha)
    return false;
  if (p.alpha < 1.0 - 1.0 / phi - p.gamma * (1.0 - md + phi + phi * md) / (2.0 * phi * md))
    return false;
  if (beta < -(1.0 - phi) * (p.gamma / md + p.alpha)) return false;
  std::vector<double> a;
  a.reserve(static_cast<std::size_t>(m) + 1);
  a.push_back(p.alpha + beta - phi);
  for (int i = 0; i < m - 2; ++i) a.push_back(p.alpha + beta - p.alpha * phi);
  a.push_back(p.alpha + beta - p.alpha * phi + p.gamma - 1.0);
  a.push_back(phi * (1.0 - p.alpha - p.gamma));
  return roots_inside_unit_circle(std::move(a));
}

bool within_bounds(const EtsSpec& spec, const EtsParameters& p, const EtsBounds& b) {
  if (p.alpha < b.alpha_lower || p.alpha > b.alpha_upper) return false;
  if (has(spec.trend) && (p.beta < b.beta_lower || p.beta > p.alpha || p.beta > b.beta_upper))
    return false;
  if (spec.damped && (p.phi < b.phi_lower || p.phi > b.phi_upper)) return false;
  if (has(spec.season) &&
      (p.gamma < b.gamma_lower || p.gamma > 1.0 - p.alpha || p.gamma > b.gamma_upper))
    return false;
  return true;
}

core::Result<void> validate(std::span<const double> y, const EtsSpec& spec) {
  if (spec.error == Component::kNone) return fail(ErrorCode::kInvalidArgument, "ETS needs an error component");
  if (spec.damped && !has(spec.trend))
    return fail(ErrorCode::kInvalidArgument, "a damped ETS model needs a trend");
  if (has(spec.season) && (spec.period < 2 || spec.period > kMaxEtsPeriod))
    return fail(ErrorCode::kInvalidArgument, "a seasonal ETS model needs a period in 2..24");
  if (has(spec.season) && y.size() <= static_cast<std::size_t>(spec.period))
    return fail(ErrorCode::kInsufficientData, "a seasonal ETS model needs more than one season");
  if (y.size() < 3) return fail(ErrorCode::kInsufficientData, "ETS needs at least 3 observations");
  const bool multiplicative = spec.error == Component::kMultiplicative ||
                              spec.trend == Component::kMultiplicative ||
                              spec.season == Component::kMultiplicative;
  if (multiplicative && *std::min_element(y.begin(), y.end()) <= 0.0)
    return fail(ErrorCode::kInvalidArgument, "multiplicative ETS components need positive data");
  for (double v : y) {
    if (!std::isfinite(v)) return fail(ErrorCode::kInvalidArgument, "values must be finite");
  }
  return {};
}

/// R's initstate(): a decomposition (or a trend + Fourier regression below three seasons) for the
/// seasonal states, then a regression on the first max(10, 2m) adjusted values for level and trend.
std::vector<double> initial_state_heuristic(std::span<const double> y, const EtsSpec& spec) {
  const std::size_t n = y.size();
  std::vector<double> seasonal_states;  // s_1..s_{m-1}
  std::vector<double> adjusted(y.begin(), y.end());
  std::size_t m = 1;
  if (has(spec.season)) {
    m = static_cast<std::size_t>(spec.period);
    const bool additive = spec.season == Component::kAdditive;
    std::vector<double> seasonal(n);
    if (n < 3 * m) {
      // y ~ 1 + t + sin(2 pi t / m) + cos(2 pi t / m), t = 1..n; seasonal = y - trend part.
      std::vector<std::vector<double>> columns(4, std::vector<double>(n));
      for (std::size_t t = 0; t < n; ++t) {
        const double time = static_cast<double>(t + 1);
        const double angle = 2.0 * std::numbers::pi * time / static_cast<double>(m);
        columns[0][t] = 1.0;
        columns[1][t] = time;
        columns[2][t] = std::sin(angle);
        columns[3][t] = std::cos(angle);
      }
      if (m == 2) columns.erase(columns.begin() + 2);  // sin(pi t) vanishes at integer t
      const auto beta = detail::least_squares(columns, y);
      for (std::size_t t = 0; t < n; ++t) {
        const double trend = beta[0] + beta[1] * static_cast<double>(t + 1);
        seasonal[t] = additive ? y[t] - trend : y[t] / trend;
      }
    } else {
      const auto d = classical_decomposition(
          y, spec.period, additive ? DecompositionType::kAdditive : DecompositionType::kMultiplicative);
      if (d) seasonal = d->seasonal;
      else std::fill(seasonal.begin(), seasonal.end(), additive ? 0.0 : 1.0);
    }
    // init.seas <- rev(seasonal[2:m])
    for (std::size_t j = m - 1; j >= 1; --j) seasonal_states.push_back(seasonal[j]);
    if (additive) {
      for (std::size_t t = 0; t < n; ++t) adjusted[t] = y[t] - seasonal[t];
    } else {
      double sum = 0.0;
      for (double& s : seasonal_states) {
        s = std::max(s, 0.01);
        sum += s;
      }
      if (sum > static_cast<double>(m)) {
        const double scale = sum + 0.01 * static_cast<double>(seasonal_states.size());
        for (double& s : seasonal_states) s /= scale;
      }
      for (std::size_t t = 0; t < n; ++t) adjusted[t] = y[t] / std::max(seasonal[t], 0.01);
    }
  }
  const std::size_t max_n = std::min(std::max<std::size_t>(10, 2 * m), n);
  std::vector<double> state;
  if (!has(spec.trend)) {
    state.push_back(std::accumulate(adjusted.begin(), adjusted.begin() + static_cast<std::ptrdiff_t>(max_n), 0.0) /
                    static_cast<double>(max_n));
  } else {
    std::vector<std::vector<double>> columns(2, std::vector<double>(max_n));
    for (std::size_t t = 0; t < max_n; ++t) {
      columns[0][t] = 1.0;
      columns[1][t] = static_cast<double>(t + 1);
    }
    const auto beta = detail::least_squares(columns, std::span<const double>(adjusted).first(max_n));
    double l0 = beta[0];
    double b0 = beta[1];
    if (spec.trend == Component::kAdditive) {
      if (std::abs(l0 + b0) < 1e-8) {
        l0 *= 1.001;
        b0 *= 0.999;
      }
    } else {
      l0 = beta[0] + beta[1];
      if (std::abs(l0) < 1e-8) l0 = 1e-7;
      b0 = (beta[0] + 2.0 * beta[1]) / l0;
      l0 = l0 / b0;
      if (std::abs(b0) > 1e10) b0 = std::copysign(1e10, b0);
      if (l0 < 1e-8 || b0 < 1e-8) {
        l0 = std::max(adjusted[0], 1e-3);
        b0 = std::max(adjusted[1] / adjusted[0], 1e-3);
      }
    }
    state.push_back(l0);
    state.push_back(b0);
  }
  state.insert(state.end(), seasonal_states.begin(), seasonal_states.end());
  return state;
}

/// Maps the optimiser's vector to parameters and the full initial state (the last seasonal state
/// is implied by the normalisation: sum 0 for A, sum m for M seasons).
struct Unpacked {
  EtsParameters parameters;
  std::vector<double> state;
};

struct FreeParameters {
  bool alpha = true, beta = false, gamma = false, phi = false;
};

void unpack(const EtsSpec& spec, const FreeParameters& free, std::span<const double> x,
            Unpacked& out) {
  std::size_t j = 0;
  EtsParameters& p = out.parameters;
  if (free.alpha) p.alpha = x[j++];
  if (free.beta) p.beta = x[j++];
  if (free.gamma) p.gamma = x[j++];
  if (free.phi) p.phi = x[j++];
  out.state.assign(x.begin() + static_cast<std::ptrdiff_t>(j), x.end());
  if (has(spec.season)) {
    const std::size_t first = has(spec.trend) ? 2 : 1;
    double sum = 0.0;
    for (std::size_t i = first; i < out.state.size(); ++i) sum += out.state[i];
    const double m = static_cast<double>(spec.period);
    out.state.push_back((spec.season == Component::kMultiplicative ? m : 0.0) - sum);
  }
}

EtsFit summarise(std::span<const double> y, const EtsSpec& spec, const EtsParameters& p,
                 std::vector<double> initial_state, int free_parameter_count) {
  EtsFit fit;
  fit.spec = spec;
  fit.parameters = p;
  if (!spec.damped) fit.parameters.phi = 1.0;
  if (!has(spec.trend)) fit.parameters.beta = 0.0;
  if (!has(spec.season)) fit.parameters.gamma = 0.0;
  fit.initial_state = std::move(initial_state);
  const std::size_t n = y.size();
  fit.fitted.resize(n);
  fit.residuals.resize(n);
  State s;
  s.load(spec, fit.initial_state);
  const FilterResult r = run_filter(y, spec, fit.parameters, s, fit.fitted, fit.residuals);
  fit.final_state = s.save(spec);
  const double lik = likelihood_criterion(r, n, spec);
  fit.log_likelihood = -0.5 * lik;
  const int k = free_parameter_count + 1;
  fit.parameter_count = k;
  const double nd = static_cast<double>(n);
  const double kd = static_cast<double>(k);
  fit.aic = lik + 2.0 * kd;
  fit.bic = lik + std::log(nd) * kd;
  fit.aicc = nd - kd - 1.0 > 0.0 ? fit.aic + 2.0 * kd * (kd + 1.0) / (nd - kd - 1.0) : kInfinity;
  fit.sigma2 = r.sse / std::max(1.0, nd - static_cast<double>(free_parameter_count));
  double mse = 0.0;
  for (std::size_t t = 0; t < n; ++t) mse += (y[t] - fit.fitted[t]) * (y[t] - fit.fitted[t]);
  fit.mse = mse / nd;
  return fit;
}


/// c_j = w' F^(j-1) g, j = 1..h-1, of the additive-component form (trend N/A/Ad, season N/A).
std::vector<double> impulse_weights(const EtsSpec& spec, const EtsParameters& p, std::size_t h) {
  const std::size_t m = has(spec.season) ? static_cast<std::size_t>(spec.period) : 0;
  const std::size_t offset = has(spec.trend) ? 2 : 1;
  std::array<double, 2 + kMaxEtsPeriod> v{}, next{};
  v[0] = p.alpha;
  if (has(spec.trend)) v[1] = p.beta;
  if (m > 0) v[offset] = p.gamma;
  std::vector<double> c;
  c.reserve(h);
  for (std::size_t i = 0; i + 1 < h; ++i) {
    double w = v[0];
    if (has(spec.trend)) w += p.phi * v[1];
    if (m > 0) w += v[offset + m - 1];
    c.push_back(w);
    next[0] = v[0] + (has(spec.trend) ? p.phi * v[1] : 0.0);
    if (has(spec.trend)) next[1] = p.phi * v[1];
    if (m > 0) {
      next[offset] = v[offset + m - 1];
      for (std::size_t j = 1; j < m; ++j) next[offset + j] = v[offset + j - 1];
    }
    v = next;
  }
  return c;
}

Eigen::MatrixXd kronecker(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  Eigen::MatrixXd out(a.rows() * b.rows(), a.cols() * b.cols());
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < a.cols(); ++j)
      out.block(i * b.rows(), j * b.cols(), b.rows(), b.cols()) = a(i, j) * b;
  return out;
}

/// Mean and variance of the class-3 models ETS(M,N|A|Ad,M), Hyndman et al. (2008, sec. 6.3):
/// the level/trend block and the seasonal block evolve as a bilinear system whose first two
/// moments have closed forms; the mean exceeds the point forecast once h > m.
std::pair<std::vector<double>, std::vector<double>> class3_moments(
    const EtsSpec& spec, const EtsParameters& p, const std::vector<double>& state, double sigma2,
    std::size_t h) {
  const auto m = static_cast<Eigen::Index>(spec.period);
  const Eigen::Index k = has(spec.trend) ? 2 : 1;
  Eigen::RowVectorXd h1 = Eigen::RowVectorXd::Ones(k);
  Eigen::RowVectorXd h2 = Eigen::RowVectorXd::Zero(m);
  h2(m - 1) = 1.0;
  Eigen::MatrixXd f1(k, k), g1(k, k);
  if (k == 1) {
    f1 << 1.0;
    g1 << p.alpha;
  } else {
    f1 << 1.0, 1.0, 0.0, p.phi;
    g1 << p.alpha, p.alpha, p.beta, p.beta;
  }
  Eigen::MatrixXd f2 = Eigen::MatrixXd::Zero(m, m);
  f2(0, m - 1) = 1.0;
  for (Eigen::Index i = 1; i < m; ++i) f2(i, i - 1) = 1.0;
  Eigen::MatrixXd g2 = Eigen::MatrixXd::Zero(m, m);
  g2(0, m - 1) = p.gamma;
  Eigen::VectorXd level_trend(k), seasonal(m);
  for (Eigen::Index i = 0; i < k; ++i) level_trend(i) = state[static_cast<std::size_t>(i)];
  for (Eigen::Index i = 0; i < m; ++i) seasonal(i) = state[static_cast<std::size_t>(k + i)];
  Eigen::MatrixXd mh = level_trend * seasonal.transpose();
  Eigen::MatrixXd vh = Eigen::MatrixXd::Zero(k * m, k * m);
  const Eigen::RowVectorXd h21 = kronecker(h2, h1);
  const Eigen::MatrixXd f21 = kronecker(f2, f1);
  const Eigen::MatrixXd g21 = kronecker(g2, g1);
  const Eigen::MatrixXd kk = kronecker(g2, f1) + kronecker(f2, g1);
  std::vector<double> mean(h), variance(h);
  for (std::size_t i = 0; i < h; ++i) {
    mean[i] = (h1 * mh * h2.transpose())(0, 0);
    variance[i] = (1.0 + sigma2) * (h21 * vh * h21.transpose())(0, 0) + sigma2 * mean[i] * mean[i];
    const Eigen::VectorXd vec = Eigen::Map<const Eigen::VectorXd>(mh.data(), mh.size());
    const Eigen::MatrixXd outer = vec * vec.transpose();
    vh = f21 * vh * f21.transpose() +
         sigma2 * (f21 * vh * g21.transpose() + g21 * vh * f21.transpose() +
                   kk * (vh + outer) * kk.transpose() +
                   sigma2 * g21 * (3.0 * vh + 2.0 * outer) * g21.transpose());
    mh = f1 * mh * f2.transpose() + g1 * mh * g2.transpose() * sigma2;
  }
  return {mean, variance};
}

}  // namespace

std::string ets_name(const EtsSpec& spec) {
  const auto letter = [](Component c) {
    switch (c) {
      case Component::kNone: return "N";
      case Component::kAdditive: return "A";
      case Component::kMultiplicative: return "M";
    }
    return "N";
  };
  std::string name = "ETS(";
  name += letter(spec.error);
  name += ",";
  name += letter(spec.trend);
  if (spec.damped) name += "d";
  name += ",";
  name += letter(spec.season);
  name += ")";
  return name;
}

core::Result<EtsFit> fit_ets(std::span<const double> y, const EtsOptions& options) {
  const EtsSpec& spec = options.spec;
  if (auto valid = validate(y, spec); !valid) return std::unexpected(valid.error());
  const EtsBounds& b = options.bounds;
  const double m = static_cast<double>(season_length(spec));
  FreeParameters free{.alpha = true,
                      .beta = has(spec.trend),
                      .gamma = has(spec.season),
                      .phi = spec.damped};
  // Starting values of R's initparam().
  std::vector<double> start;
  double alpha = b.alpha_lower + 0.2 * (b.alpha_upper - b.alpha_lower) / m;
  if (alpha > 1.0 || alpha < 0.0) alpha = b.alpha_lower + 0.002;
  start.push_back(alpha);
  if (free.beta) {
    const double upper = std::min(b.beta_upper, alpha);
    double beta = b.beta_lower + 0.1 * (upper - b.beta_lower);
    if (beta < 0.0 || beta > alpha) beta = alpha - 0.001;
    start.push_back(beta);
  }
  if (free.gamma) {
    const double upper = std::min(b.gamma_upper, 1.0 - alpha);
    double gamma = b.gamma_lower + 0.05 * (upper - b.gamma_lower);
    if (gamma < 0.0 || gamma > 1.0 - alpha) gamma = 1.0 - alpha - 0.001;
    start.push_back(gamma);
  }
  if (free.phi) {
    double phi = b.phi_lower + 0.99 * (b.phi_upper - b.phi_lower);
    if (phi < 0.0 || phi > 1.0) phi = b.phi_upper - 0.001;
    start.push_back(phi);
  }
  const auto init = initial_state_heuristic(y, spec);
  start.insert(start.end(), init.begin(), init.end());
  const std::size_t free_count = start.size();
  if (free_count + 1 >= y.size())
    return fail(ErrorCode::kInsufficientData, ets_name(spec) + " has too many parameters for the data");

  Unpacked u;
  State s;
  const std::size_t first_season = has(spec.trend) ? 2 : 1;
  const auto objective = [&](const std::vector<double>& x) {
    unpack(spec, free, x, u);
    if (!within_bounds(spec, u.parameters, b)) return kInfinity;
    if (options.admissible && !admissible(spec, u.parameters)) return kInfinity;
    if (spec.season == Component::kMultiplicative) {
      for (std::size_t i = first_season; i < u.state.size(); ++i)
        if (u.state[i] < 0.0) return kInfinity;
    }
    s.load(spec, u.state);
    return likelihood_criterion(run_filter(y, spec, u.parameters, s, {}, {}), y.size(), spec);
  };
  detail::NelderMeadOptions optimizer;
  optimizer.max_evaluations = options.max_evaluations;
  auto best = detail::nelder_mead(objective, start, optimizer);
  // Restart from the optimum with a fresh simplex: Nelder-Mead often stalls early on these
  // ridged likelihoods (R's ets() does not restart, and is sometimes left short of the optimum).
  for (int restart = 0; restart < options.restarts && std::isfinite(best.value); ++restart) {
    auto again = detail::nelder_mead(objective, best.x, optimizer);
    const bool improved = again.value < best.value - kRestartGain;
    if (again.value < best.value) best = std::move(again);
    if (!improved) break;
  }
  if (!std::isfinite(best.value))
    return fail(ErrorCode::kInsufficientData, ets_name(spec) + " could not be fitted");
  unpack(spec, free, best.x, u);
  return summarise(y, spec, u.parameters, u.state, static_cast<int>(free_count));
}

core::Result<EtsFit> evaluate_ets(std::span<const double> y, const EtsSpec& spec,
                                  const EtsParameters& parameters,
                                  std::span<const double> initial_state) {
  if (auto valid = validate(y, spec); !valid) return std::unexpected(valid.error());
  if (initial_state.size() != state_size(spec))
    return fail(ErrorCode::kInvalidArgument, "initial state has the wrong length");
  const int free_count = 1 + (has(spec.trend) ? 1 : 0) + (has(spec.season) ? 1 : 0) +
                         (spec.damped ? 1 : 0) + static_cast<int>(state_size(spec)) -
                         (has(spec.season) ? 1 : 0);
  return summarise(y, spec, parameters, {initial_state.begin(), initial_state.end()}, free_count);
}

core::Result<EtsFit> auto_ets(std::span<const double> y, const AutoEtsOptions& options) {
  const bool positive = !y.empty() && *std::min_element(y.begin(), y.end()) > 0.0;
  const bool multiplicative = options.allow_multiplicative && positive;
  std::vector<Component> errors{Component::kAdditive};
  if (multiplicative) errors.push_back(Component::kMultiplicative);
  std::vector<Component> trends;
  if (options.trend) trends.push_back(*options.trend);
  else {
    trends = {Component::kNone, Component::kAdditive};
    if (options.allow_multiplicative_trend && positive) trends.push_back(Component::kMultiplicative);
  }
  std::vector<Component> seasons;
  const bool seasonal_possible = options.period > 1 && options.period <= kMaxEtsPeriod &&
                                 y.size() > static_cast<std::size_t>(options.period);
  if (options.season) {
    if (*options.season == Component::kNone || seasonal_possible) seasons.push_back(*options.season);
  } else {
    seasons.push_back(Component::kNone);
    if (seasonal_possible) {
      seasons.push_back(Component::kAdditive);
      if (multiplicative) seasons.push_back(Component::kMultiplicative);
    }
  }
  std::vector<bool> dampings;
  if (options.damped) dampings.push_back(*options.damped);
  else dampings = {true, false};

  std::optional<EtsFit> best;
  double best_ic = kInfinity;
  core::Error last_error{ErrorCode::kInsufficientData, "no ETS model could be fitted", {}};
  for (Component error : errors) {
    for (Component trend : trends) {
      for (Component season : seasons) {
        for (bool damped : dampings) {
          if (trend == Component::kNone && damped) continue;
          // R's restrict = TRUE: drop the models with infinite forecast variance.
          if (error == Component::kAdditive &&
              (trend == Component::kMultiplicative || season == Component::kMultiplicative))
            continue;
          if (error == Component::kMultiplicative && trend == Component::kMultiplicative &&
              season == Component::kAdditive)
            continue;
          const EtsSpec spec{.error = error, .trend = trend, .season = season, .damped = damped,
                             .period = has(season) ? options.period : 1};
          EtsOptions fit_options;
          fit_options.spec = spec;
          fit_options.max_evaluations = options.max_evaluations;
          fit_options.restarts = options.restarts;
          auto fit = fit_ets(y, fit_options);
          if (!fit) {
            last_error = fit.error();
            continue;
          }
          double ic = fit->aicc;
          if (options.criterion == InformationCriterion::kAic) ic = fit->aic;
          if (options.criterion == InformationCriterion::kBic) ic = fit->bic;
          if (std::isfinite(ic) && ic < best_ic) {
            best_ic = ic;
            best = std::move(*fit);
          }
        }
      }
    }
  }
  if (!best) return std::unexpected(last_error);
  return std::move(*best);
}

core::Result<Prediction> forecast_ets(const EtsFit& fit, int horizon,
                                      const IntervalOptions& intervals) {
  if (horizon < 1) return fail(ErrorCode::kInvalidArgument, "horizon must be at least 1");
  const auto h = static_cast<std::size_t>(horizon);
  const EtsSpec& spec = fit.spec;
  const EtsParameters& p = fit.parameters;
  Prediction out;
  out.mean.resize(h);
  out.lower.resize(h);
  out.upper.resize(h);
  // Point forecasts: the deterministic recursion (R's etsforecast), phi* = phi + ... + phi^h.
  {
    const double level = fit.final_state[0];
    const double trend = has(spec.trend) ? fit.final_state[1] : 0.0;
    const std::size_t offset = has(spec.trend) ? 2 : 1;
    const std::size_t m = has(spec.season) ? static_cast<std::size_t>(spec.period) : 1;
    double phistar = p.phi;
    for (std::size_t i = 0; i < h; ++i) {
      double f = level;
      if (spec.trend == Component::kAdditive) f = level + phistar * trend;
      else if (spec.trend == Component::kMultiplicative)
        f = trend < 0.0 ? std::numeric_limits<double>::quiet_NaN() : level * std::pow(trend, phistar);
      if (has(spec.season)) {
        const std::size_t j = m - 1 - (i % m);
        const double s = fit.final_state[offset + j];
        f = spec.season == Component::kAdditive ? f + s : f * s;
      }
      out.mean[i] = f;
      phistar += std::abs(p.phi - 1.0) < kTolerance ? 1.0 : std::pow(p.phi, static_cast<double>(i + 2));
    }
  }
  for (double v : out.mean) {
    if (!std::isfinite(v)) return fail(ErrorCode::kInsufficientData, "ETS forecast is undefined");
  }
  const bool additive_components =
      spec.trend != Component::kMultiplicative && spec.season != Component::kMultiplicative;
  const double z = normal_quantile(0.5 + 0.5 * intervals.level);
  if (additive_components) {
    // c_j = w' F^(j-1) g of the linear state-space form (Hyndman et al. 2008, ch. 6).
    const auto c = impulse_weights(spec, p, h);
    std::vector<double> variance(h);
    if (spec.error == Component::kAdditive) {
      // Class 1: var(h) = sigma2 * (1 + sum_{j<h} c_j^2).
      double cumulative = 1.0;
      for (std::size_t i = 0; i < h; ++i) {
        variance[i] = fit.sigma2 * cumulative;
        if (i < c.size()) cumulative += c[i] * c[i];
      }
    } else {
      // Class 2: var(h) = (1 + sigma2) theta_h - mu_h^2, with
      // theta_h = mu_h^2 + sigma2 * sum_{j<h} c_j^2 theta_(h-j).
      std::vector<double> theta(h);
      for (std::size_t i = 0; i < h; ++i) {
        double sum = 0.0;
        for (std::size_t j = 1; j <= i; ++j) sum += c[j - 1] * c[j - 1] * theta[i - j];
        theta[i] = out.mean[i] * out.mean[i] + fit.sigma2 * sum;
        variance[i] = (1.0 + fit.sigma2) * theta[i] - out.mean[i] * out.mean[i];
      }
    }
    for (std::size_t i = 0; i < h; ++i) {
      const double sd = std::sqrt(std::max(0.0, variance[i]));
      out.lower[i] = out.mean[i] - z * sd;
      out.upper[i] = out.mean[i] + z * sd;
    }
    return out;
  }
  if (spec.error == Component::kMultiplicative && spec.season == Component::kMultiplicative &&
      spec.trend != Component::kMultiplicative) {
    // Class 3: exact mean and variance of the multiplicative-season models.
    const auto moments = class3_moments(spec, p, fit.final_state, fit.sigma2, h);
    for (std::size_t i = 0; i < h; ++i) {
      out.mean[i] = moments.first[i];
      const double sd = std::sqrt(std::max(0.0, moments.second[i]));
      out.lower[i] = out.mean[i] - z * sd;
      out.upper[i] = out.mean[i] + z * sd;
    }
    for (double v : out.mean) {
      if (!std::isfinite(v)) return fail(ErrorCode::kInsufficientData, "ETS forecast is undefined");
    }
    return out;
  }
  // Simulated sample paths with Gaussian errors of variance sigma2.
  const auto paths = static_cast<std::size_t>(std::max(intervals.simulation_paths, 100));
  RandomSource random(intervals.seed);
  const double sigma = std::sqrt(fit.sigma2);
  std::vector<double> draws(paths * h);
  State s;
  double q = 0.0;
  double seasonal = 0.0;
  std::size_t season_index = 0;
  for (std::size_t path = 0; path < paths; ++path) {
    s.load(spec, fit.final_state);
    for (std::size_t i = 0; i < h; ++i) {
      const double f = one_step(spec, s, p.phi, q, seasonal, season_index);
      const double e = sigma * random.normal();
      const double y = spec.error == Component::kAdditive ? f + e : f * (1.0 + e);
      draws[i * paths + path] = y;
      if (std::isfinite(y)) update(spec, p, s, y, q, seasonal, season_index);
    }
  }
  const double tail = 0.5 * (1.0 - intervals.level);
  for (std::size_t i = 0; i < h; ++i) {
    std::span<double> sample(draws.data() + i * paths, paths);
    out.lower[i] = detail::sample_quantile(sample, tail);
    out.upper[i] = detail::sample_quantile(sample, 1.0 - tail);
    if (!std::isfinite(out.lower[i]) || !std::isfinite(out.upper[i]))
      return fail(ErrorCode::kInsufficientData, "simulated ETS interval is undefined");
  }
  return out;
}

}  // namespace finml::analytics::forecast
