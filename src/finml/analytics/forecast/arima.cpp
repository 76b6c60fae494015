#include <finml/analytics/forecast/arima.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numbers>
#include <numeric>
#include <optional>

#include <Eigen/Dense>

#include <finml/analytics/forecast/detail/levenberg_marquardt.hpp>
#include <finml/analytics/forecast/detail/nelder_mead.hpp>
#include <finml/analytics/forecast/distributions.hpp>
#include <finml/analytics/forecast/seasonal.hpp>
#include <finml/analytics/forecast/unit_root.hpp>

namespace finml::analytics::forecast {
namespace {

using core::ErrorCode;
using core::fail;

constexpr double kInfinity = std::numeric_limits<double>::infinity();
/// auto.arima rejects models with a root closer than this to the unit circle (forecast's myarima).
constexpr double kMinRootModulus = 1.01;
/// With approximation, at most this many of the best CSS-ranked models are refitted by ML before
/// falling back to the model without ARMA terms (R refits down the whole list; on the dev split
/// one refit was as accurate as three, at half the worst-case time).
constexpr int kMaxApproximateRefits = 1;
/// Doubling iterations for the stationary covariance: 2^60 terms of the series.
constexpr int kMaxDoublings = 60;
/// Relative tolerances: the CSS stage (Levenberg-Marquardt) gives starting values or a ranking;
/// the ML stage (Nelder-Mead) gives the estimates.
constexpr double kCssTolerance = 1e-7;
/// Levenberg-Marquardt iterations of the CSS stage; well-posed fits converge in under ten, and
/// the ML stage polishes whatever the CSS stage leaves.
constexpr int kCssMaxIterations = 30;
constexpr double kMlTolerance = 1e-8;
/// The filter switches to its steady state once the prediction covariance moves less than this.
constexpr double kSteadyStateTolerance = 1e-11;

std::size_t sz(int v) { return static_cast<std::size_t>(v); }

/// Multiplies (1 - sum a_i B^i) by (1 - sum b_i B^(m i)) and returns the combined coefficients a'
/// of 1 - sum a'_i B^i (sign = -1), or the MA version with plus signs (sign = +1).
std::vector<double> expand(const std::vector<double>& regular, const std::vector<double>& seasonal,
                           int period, double sign) {
  const std::size_t m = sz(period);
  std::vector<double> poly_a(regular.size() + 1, 0.0), poly_b(seasonal.size() * m + 1, 0.0);
  poly_a[0] = 1.0;
  for (std::size_t i = 0; i < regular.size(); ++i) poly_a[i + 1] = sign * regular[i];
  poly_b[0] = 1.0;
  for (std::size_t i = 0; i < seasonal.size(); ++i) poly_b[(i + 1) * m] = sign * seasonal[i];
  std::vector<double> product(poly_a.size() + poly_b.size() - 1, 0.0);
  for (std::size_t i = 0; i < poly_a.size(); ++i)
    for (std::size_t j = 0; j < poly_b.size(); ++j) product[i + j] += poly_a[i] * poly_b[j];
  std::vector<double> out(product.size() - 1);
  for (std::size_t i = 1; i < product.size(); ++i) out[i - 1] = sign * product[i];
  return out;
}

/// Coefficients of y_t = w_t + sum_k delta_k y_{t-k} for (1 - B)^d (1 - B^m)^D.
std::vector<double> differencing_polynomial(int d, int D, int period) {
  std::vector<double> poly{1.0};
  const auto multiply = [&poly](std::size_t lag) {
    std::vector<double> next(poly.size() + lag, 0.0);
    for (std::size_t i = 0; i < poly.size(); ++i) {
      next[i] += poly[i];
      next[i + lag] -= poly[i];
    }
    poly = std::move(next);
  };
  for (int i = 0; i < d; ++i) multiply(1);
  for (int i = 0; i < D; ++i) multiply(sz(period));
  std::vector<double> delta(poly.size() - 1);
  for (std::size_t i = 1; i < poly.size(); ++i) delta[i - 1] = -poly[i];
  return delta;
}

/// Maps unconstrained values to a stationary AR polynomial: tanh gives partial autocorrelations,
/// the Durbin-Levinson recursion turns them into AR coefficients (Jones, 1980; R's partrans).
void to_stationary(std::span<const double> raw, std::span<double> out) {
  const std::size_t p = raw.size();
  std::vector<double> work(p);
  for (std::size_t i = 0; i < p; ++i) out[i] = work[i] = std::tanh(raw[i]);
  for (std::size_t j = 1; j < p; ++j) {
    const double a = out[j];
    for (std::size_t k = 0; k < j; ++k) work[k] -= a * out[j - k - 1];
    for (std::size_t k = 0; k < j; ++k) out[k] = work[k];
  }
}

/// The inverse of to_stationary(); nullopt when the polynomial is not stationary.
std::optional<std::vector<double>> from_stationary(std::span<const double> ar) {
  const std::size_t p = ar.size();
  std::vector<double> cur(ar.begin(), ar.end()), raw(p);
  for (std::size_t j = p; j-- > 0;) {
    const double a = cur[j];
    if (std::abs(a) >= 1.0) return std::nullopt;
    raw[j] = std::atanh(a);
    std::vector<double> prev(j);
    for (std::size_t k = 0; k < j; ++k) prev[k] = (cur[k] + a * cur[j - k - 1]) / (1.0 - a * a);
    for (std::size_t k = 0; k < j; ++k) cur[k] = prev[k];
  }
  return raw;
}

/// Smallest modulus of the roots of 1 - sum c_i z^i (sign = -1) or 1 + sum c_i z^i (sign = +1);
/// infinity without non-zero coefficients.
double min_root_modulus(const std::vector<double>& c, double sign) {
  std::size_t degree = c.size();
  while (degree > 0 && std::abs(c[degree - 1]) <= 1e-8) --degree;
  if (degree == 0) return kInfinity;
  // Roots of the polynomial are the reciprocals of the eigenvalues of the companion matrix of
  // z^k + sign c_1 z^(k-1) + ... + sign c_k.
  Eigen::MatrixXd companion = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(degree),
                                                    static_cast<Eigen::Index>(degree));
  for (std::size_t i = 0; i < degree; ++i) companion(0, static_cast<Eigen::Index>(i)) = -sign * c[i];
  for (std::size_t i = 1; i < degree; ++i)
    companion(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(i - 1)) = 1.0;
  const Eigen::VectorXcd eigenvalues = companion.eigenvalues();
  double largest = 0.0;
  for (Eigen::Index i = 0; i < eigenvalues.size(); ++i) largest = std::max(largest, std::abs(eigenvalues(i)));
  return largest > 0.0 ? 1.0 / largest : kInfinity;
}

/// Harvey's state-space form of a stationary ARMA(p', q'): state dimension r = max(p', q' + 1),
/// transition T = [phi | I; 0], disturbance R = (1, theta_1, .., theta_(r-1)).
struct StateSpace {
  std::size_t r = 1;
  std::vector<double> phi;    // length r
  std::vector<double> theta;  // length r, theta[0] = 1
  Eigen::MatrixXd p0;         // stationary covariance, in units of sigma^2
  // Workspace reused across likelihood evaluations, so that they do not allocate.
  Eigen::MatrixXd power, product, term;
  std::vector<double> a, anew, column, p, pnew;
};

bool build_state_space(const std::vector<double>& ar, const std::vector<double>& ma,
                       StateSpace& ss) {
  ss.r = std::max(ar.size(), ma.size() + 1);
  ss.phi.assign(ss.r, 0.0);
  ss.theta.assign(ss.r, 0.0);
  std::copy(ar.begin(), ar.end(), ss.phi.begin());
  ss.theta[0] = 1.0;
  std::copy(ma.begin(), ma.end(), ss.theta.begin() + 1);
  const auto r = static_cast<Eigen::Index>(ss.r);
  ss.power.setZero(r, r);
  for (Eigen::Index i = 0; i < r; ++i) {
    ss.power(i, 0) = ss.phi[static_cast<std::size_t>(i)];
    if (i + 1 < r) ss.power(i, i + 1) = 1.0;
  }
  ss.p0.resize(r, r);
  for (Eigen::Index i = 0; i < r; ++i)
    for (Eigen::Index j = 0; j < r; ++j)
      ss.p0(i, j) = ss.theta[static_cast<std::size_t>(i)] * ss.theta[static_cast<std::size_t>(j)];
  ss.product.resize(r, r);
  ss.term.resize(r, r);
  // Doubling: P = sum_k T^k R R' T'^k, summing 2^j terms after j steps (Smith's algorithm).
  for (int iteration = 0; iteration < kMaxDoublings; ++iteration) {
    ss.product.noalias() = ss.power * ss.p0;
    ss.term.noalias() = ss.product * ss.power.transpose();
    ss.p0 += ss.term;
    ss.product.noalias() = ss.power * ss.power;
    ss.power.swap(ss.product);
    const double size = ss.power.cwiseAbs().maxCoeff();
    if (!std::isfinite(size)) return false;
    if (size < 1e-14) return ss.p0.allFinite();
  }
  return false;  // not stationary
}

struct FilterOutput {
  double ssq = 0.0;
  double sumlog = 0.0;
  std::size_t count = 0;
  bool ok = true;
  Eigen::VectorXd state;       // a_{n|n}
  Eigen::MatrixXd covariance;  // P_{n|n}
};

/// Runs the Kalman filter over the demeaned differenced series z. Standardised innovations go to
/// `innovations` when it is not empty.
FilterOutput kalman_filter(std::span<const double> z, StateSpace& ss,
                           std::span<double> innovations, bool keep_state) {
  FilterOutput out;
  const std::size_t r = ss.r;
  std::vector<double>& a = ss.a;
  std::vector<double>& anew = ss.anew;
  std::vector<double>& column = ss.column;
  std::vector<double>& p = ss.p;
  std::vector<double>& pnew = ss.pnew;
  a.assign(r, 0.0);
  anew.assign(r, 0.0);
  column.assign(r, 0.0);
  p.assign(r * r, 0.0);
  pnew.assign(r * r, 0.0);
  for (std::size_t i = 0; i < r; ++i)
    for (std::size_t j = 0; j < r; ++j)
      pnew[i * r + j] = ss.p0(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
  bool steady = false;
  bool gain_fixed = false;
  double gain = 1.0;
  double log_gain = 0.0;
  for (std::size_t t = 0; t < z.size(); ++t) {
    if (t > 0) {
      for (std::size_t i = 0; i < r; ++i)
        anew[i] = ss.phi[i] * a[0] + (i + 1 < r ? a[i + 1] : 0.0);
      if (!steady) {
        // Pnew = T P T' + R R', using the companion structure of T. The Riccati recursion is
        // time-invariant, so once the whole matrix stops changing it has reached its fixed point.
        double change = 0.0;
        double size = 0.0;
        for (std::size_t i = 0; i < r; ++i) {
          for (std::size_t j = i; j < r; ++j) {
            double v = ss.phi[i] * ss.phi[j] * p[0];
            if (j + 1 < r) v += ss.phi[i] * p[j + 1];
            if (i + 1 < r) v += ss.phi[j] * p[(i + 1) * r];
            if (i + 1 < r && j + 1 < r) v += p[(i + 1) * r + j + 1];
            v += ss.theta[i] * ss.theta[j];
            change = std::max(change, std::abs(v - pnew[i * r + j]));
            size = std::max(size, std::abs(v));
            pnew[i * r + j] = v;
            pnew[j * r + i] = v;
          }
        }
        if (t > 1 && change <= kSteadyStateTolerance * size) steady = true;
      }
    }
    // In steady state the gain, its logarithm and the Kalman gain vector stay as they were.
    if (!steady || t == 0 || !gain_fixed) {
      gain = pnew[0];
      if (!(gain > 0.0) || !std::isfinite(gain)) {
        out.ok = false;
        return out;
      }
      log_gain = std::log(gain);
      for (std::size_t i = 0; i < r; ++i) column[i] = pnew[i * r] / gain;
      gain_fixed = steady;
    }
    const double v = z[t] - anew[0];
    out.ssq += v * v / gain;
    out.sumlog += log_gain;
    ++out.count;
    if (!innovations.empty()) innovations[t] = v / std::sqrt(gain);
    for (std::size_t i = 0; i < r; ++i) a[i] = anew[i] + column[i] * v;
    if (!steady) {
      for (std::size_t i = 0; i < r; ++i)
        for (std::size_t j = 0; j < r; ++j)
          p[i * r + j] = pnew[i * r + j] - column[i] * column[j] * gain;
    }
  }
  if (keep_state) {
    const auto ri = static_cast<Eigen::Index>(r);
    out.state = Eigen::Map<const Eigen::VectorXd>(a.data(), ri);
    out.covariance = Eigen::MatrixXd(ri, ri);
    for (std::size_t i = 0; i < r; ++i)
      for (std::size_t j = 0; j < r; ++j)
        out.covariance(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = p[i * r + j];
  }
  return out;
}

/// The scale of the constant in w: the mean (d + D = 0), the drift (d = 1), or m times the drift
/// (D = 1, since the seasonal difference of a t-trend is m).
double constant_multiplier(const ArimaOrder& o) {
  if (o.d + o.D == 0) return 1.0;
  if (o.d == 1) return 1.0;
  return static_cast<double>(o.period);
}

core::Result<void> validate(std::span<const double> y, const ArimaSpec& spec) {
  const ArimaOrder& o = spec.order;
  if (o.p < 0 || o.d < 0 || o.q < 0 || o.P < 0 || o.D < 0 || o.Q < 0)
    return fail(ErrorCode::kInvalidArgument, "ARIMA orders must not be negative");
  if ((o.P + o.D + o.Q) > 0 && o.period < 2)
    return fail(ErrorCode::kInvalidArgument, "seasonal ARIMA terms need a period of at least 2");
  if (spec.include_constant && o.d + o.D > 1)
    return fail(ErrorCode::kInvalidArgument, "a constant needs d + D <= 1");
  for (double v : y) {
    if (!std::isfinite(v)) return fail(ErrorCode::kInvalidArgument, "values must be finite");
  }
  return {};
}

/// Parameter layout of the optimiser: ar, ma, sar, sma, then the constant in standard-error units.
struct Layout {
  std::size_t p, q, P, Q;
  bool constant;
  [[nodiscard]] std::size_t size() const { return p + q + P + Q + (constant ? 1u : 0u); }
};

struct Problem {
  ArimaSpec spec;
  Layout layout;
  std::vector<double> w;  // differenced series
  double constant_center = 0.0;
  double constant_scale = 1.0;
};

ArimaCoefficients decode(const Problem& pr, std::span<const double> x, bool transform) {
  ArimaCoefficients c;
  const Layout& l = pr.layout;
  std::size_t k = 0;
  c.ar.resize(l.p);
  if (transform) to_stationary(x.subspan(k, l.p), c.ar);
  else std::copy_n(x.begin() + static_cast<std::ptrdiff_t>(k), l.p, c.ar.begin());
  k += l.p;
  c.ma.assign(x.begin() + static_cast<std::ptrdiff_t>(k), x.begin() + static_cast<std::ptrdiff_t>(k + l.q));
  k += l.q;
  c.sar.resize(l.P);
  if (transform) to_stationary(x.subspan(k, l.P), c.sar);
  else std::copy_n(x.begin() + static_cast<std::ptrdiff_t>(k), l.P, c.sar.begin());
  k += l.P;
  c.sma.assign(x.begin() + static_cast<std::ptrdiff_t>(k), x.begin() + static_cast<std::ptrdiff_t>(k + l.Q));
  k += l.Q;
  c.constant = l.constant ? pr.constant_center + pr.constant_scale * x[k] : 0.0;
  return c;
}

std::vector<double> demeaned(const Problem& pr, const ArimaCoefficients& c) {
  const double mu = pr.layout.constant ? c.constant * constant_multiplier(pr.spec.order) : 0.0;
  std::vector<double> z(pr.w.size());
  for (std::size_t t = 0; t < z.size(); ++t) z[t] = pr.w[t] - mu;
  return z;
}

/// Conditional-sum-of-squares residuals (R's armaCSS), conditioning on the first p + mP values
/// of w (and zero innovations before them). Fills `e`; false when they are not finite.
bool css_residuals(const Problem& pr, const ArimaCoefficients& c, std::vector<double>& e) {
  const int m = pr.spec.order.period;
  const auto phi = expand(c.ar, c.sar, m, -1.0);
  const auto theta = expand(c.ma, c.sma, m, +1.0);
  const double mu = pr.layout.constant ? c.constant * constant_multiplier(pr.spec.order) : 0.0;
  const std::span<const double> w = pr.w;
  const std::size_t start = phi.size();
  if (w.size() <= start) return false;
  e.assign(w.size() - start, 0.0);
  for (std::size_t t = start; t < w.size(); ++t) {
    double v = w[t] - mu;
    for (std::size_t i = 0; i < phi.size(); ++i) v -= phi[i] * (w[t - i - 1] - mu);
    // e[t - j - 1] in series time is e[t - start - j - 1] here; residuals before start are 0.
    const std::size_t q = std::min(theta.size(), t - start);
    for (std::size_t j = 0; j < q; ++j) v -= theta[j] * e[t - start - j - 1];
    e[t - start] = v;
  }
  return std::all_of(e.begin(), e.end(), [](double v) { return std::isfinite(v); });
}

/// 0.5 log(ssq / n) of the CSS residuals: R's CSS criterion.
double css_objective(const Problem& pr, const ArimaCoefficients& c, std::vector<double>& e) {
  if (!css_residuals(pr, c, e) || e.empty()) return kInfinity;
  double ssq = 0.0;
  for (double v : e) ssq += v * v;
  const double value = 0.5 * std::log(ssq / static_cast<double>(e.size()));
  return std::isfinite(value) ? value : kInfinity;
}

/// Exact ML objective 0.5 log(ssq / n) + 0.5 sumlog / n (R's armafn with sigma^2 profiled out).
double ml_objective(const Problem& pr, const ArimaCoefficients& c, StateSpace& ss) {
  const int m = pr.spec.order.period;
  if (!build_state_space(expand(c.ar, c.sar, m, -1.0), expand(c.ma, c.sma, m, +1.0), ss))
    return kInfinity;
  const auto z = demeaned(pr, c);
  const FilterOutput f = kalman_filter(z, ss, {}, false);
  if (!f.ok || f.count == 0) return kInfinity;
  const double n = static_cast<double>(f.count);
  const double value = 0.5 * std::log(f.ssq / n) + 0.5 * f.sumlog / n;
  return std::isfinite(value) ? value : kInfinity;
}

core::Result<Problem> make_problem(std::span<const double> y, const ArimaSpec& spec) {
  if (auto valid = validate(y, spec); !valid) return std::unexpected(valid.error());
  Problem pr;
  pr.spec = spec;
  const ArimaOrder& o = spec.order;
  pr.layout = {sz(o.p), sz(o.q), sz(o.P), sz(o.Q), spec.include_constant};
  pr.w = difference(y, o.d, o.D, o.period);
  if (pr.w.size() < pr.layout.size() + 2)
    return fail(ErrorCode::kInsufficientData, arima_name(spec) + " needs more data");
  if (spec.include_constant) {
    const double n = static_cast<double>(pr.w.size());
    const double mean = std::accumulate(pr.w.begin(), pr.w.end(), 0.0) / n;
    double ss = 0.0;
    for (double v : pr.w) ss += (v - mean) * (v - mean);
    const double multiplier = constant_multiplier(o);
    pr.constant_center = mean / multiplier;
    const double sd = std::sqrt(ss / std::max(1.0, n - 1.0));
    pr.constant_scale = sd > 0.0 ? sd / std::sqrt(n) / multiplier : 1.0;
  }
  return pr;
}

ArimaFit summarise(std::span<const double> y, const Problem& pr, const ArimaCoefficients& c) {
  ArimaFit fit;
  fit.spec = pr.spec;
  fit.coefficients = c;
  fit.y.assign(y.begin(), y.end());
  StateSpace ss;
  const int m = pr.spec.order.period;
  const bool built =
      build_state_space(expand(c.ar, c.sar, m, -1.0), expand(c.ma, c.sma, m, +1.0), ss);
  const auto z = demeaned(pr, c);
  std::vector<double> innovations(z.size(), 0.0);
  FilterOutput f;
  if (built) f = kalman_filter(z, ss, innovations, false);
  const double n = static_cast<double>(z.size());
  if (!built || !f.ok || f.count == 0) {
    fit.log_likelihood = -kInfinity;
    fit.aic = fit.aicc = fit.bic = kInfinity;
    fit.sigma2 = kInfinity;
  } else {
    const double ml_sigma2 = f.ssq / n;
    fit.log_likelihood =
        -0.5 * (n * std::log(ml_sigma2) + f.sumlog + n + n * std::log(2.0 * std::numbers::pi));
    // forecast's Arima() and auto.arima() report sum(residuals^2) / (n - coefficients).
    fit.sigma2 = f.ssq / std::max(1.0, n - static_cast<double>(pr.layout.size()));
    const double k = static_cast<double>(pr.layout.size()) + 1.0;  // + sigma^2
    fit.aic = -2.0 * fit.log_likelihood + 2.0 * k;
    const double npar = static_cast<double>(pr.layout.size()) + 1.0;  // R's myarima count
    fit.aicc = n - npar - 1.0 > 0.0 ? fit.aic + 2.0 * npar * (npar + 1.0) / (n - npar - 1.0)
                                    : kInfinity;
    fit.bic = fit.aic + npar * (std::log(n) - 2.0);
  }
  const std::size_t lost = y.size() - z.size();
  fit.residuals.assign(y.size(), 0.0);
  std::copy(innovations.begin(), innovations.end(), fit.residuals.begin() + static_cast<std::ptrdiff_t>(lost));
  fit.fitted.resize(y.size());
  for (std::size_t t = 0; t < y.size(); ++t) fit.fitted[t] = y[t] - fit.residuals[t];
  return fit;
}

/// A CSS fit for ranking: sigma2 = exp(2 * objective), likelihood and criteria from it as R's
/// arima(method = "CSS") computes them (its myarima then adds a constant offset, which does not
/// change the ranking).
ArimaFit summarise_css(std::span<const double> y, const Problem& pr, const ArimaCoefficients& c,
                       double objective) {
  ArimaFit fit;
  fit.spec = pr.spec;
  fit.coefficients = c;
  fit.y.assign(y.begin(), y.end());
  const int m = pr.spec.order.period;
  const double used = static_cast<double>(pr.w.size() - expand(c.ar, c.sar, m, -1.0).size());
  const double n = static_cast<double>(pr.w.size());
  fit.sigma2 = std::exp(2.0 * objective);
  fit.log_likelihood = -0.5 * used * (std::log(2.0 * std::numbers::pi * fit.sigma2) + 1.0);
  const double npar = static_cast<double>(pr.layout.size()) + 1.0;
  fit.aic = n * std::log(fit.sigma2) + 2.0 * npar;
  fit.aicc = n - npar - 1.0 > 0.0 ? fit.aic + 2.0 * npar * (npar + 1.0) / (n - npar - 1.0) : kInfinity;
  fit.bic = fit.aic + npar * (std::log(n) - 2.0);
  return fit;
}

}  // namespace

std::string arima_name(const ArimaSpec& spec) {
  const ArimaOrder& o = spec.order;
  std::string name;
  name.reserve(48);
  const auto triple = [&name](int a, int b, int c) {
    name.append("(").append(std::to_string(a)).append(",").append(std::to_string(b));
    name.append(",").append(std::to_string(c)).append(")");
  };
  name.append("ARIMA");
  triple(o.p, o.d, o.q);
  if (o.P + o.D + o.Q > 0) {
    triple(o.P, o.D, o.Q);
    name.append("[").append(std::to_string(o.period)).append("]");
  }
  if (spec.include_constant) name.append(o.d + o.D == 0 ? " with non-zero mean" : " with drift");
  else if (o.d + o.D == 0) name.append(" with zero mean");
  return name;
}

core::Result<ArimaFit> evaluate_arima(std::span<const double> y, const ArimaSpec& spec,
                                      const ArimaCoefficients& coefficients) {
  auto pr = make_problem(y, spec);
  if (!pr) return std::unexpected(pr.error());
  const ArimaOrder& o = spec.order;
  if (coefficients.ar.size() != sz(o.p) || coefficients.ma.size() != sz(o.q) ||
      coefficients.sar.size() != sz(o.P) || coefficients.sma.size() != sz(o.Q))
    return fail(ErrorCode::kInvalidArgument, "coefficient counts do not match the orders");
  return summarise(y, *pr, coefficients);
}

core::Result<ArimaFit> fit_arima(std::span<const double> y, const ArimaOptions& options) {
  auto problem = make_problem(y, options.spec);
  if (!problem) return std::unexpected(problem.error());
  const Problem& pr = *problem;
  const std::size_t k = pr.layout.size();
  detail::NelderMeadOptions nm;
  nm.max_evaluations = options.max_evaluations;
  nm.relative_tolerance = kMlTolerance;

  // Conditional sum of squares for starting values (untransformed AR, as R's CSS step).
  std::vector<double> start(k, 0.0);
  std::vector<double> scratch;
  if (k > 0) {
    detail::LevenbergMarquardtOptions lm;
    lm.relative_tolerance = kCssTolerance;
    lm.max_iterations = kCssMaxIterations;
    const auto css = detail::levenberg_marquardt(
        [&](const std::vector<double>& x, std::vector<double>& e) {
          return css_residuals(pr, decode(pr, x, false), e);
        },
        start, lm);
    if (std::isfinite(css.sum_of_squares)) start = css.x;
  }
  if (options.estimation == ArimaEstimation::kCss) {
    const double value = css_objective(pr, decode(pr, start, false), scratch);
    if (!std::isfinite(value))
      return fail(ErrorCode::kInsufficientData, arima_name(options.spec) + " could not be fitted");
    return summarise_css(y, pr, decode(pr, start, false), value);
  }
  // Move the CSS estimate into the transformed space; fall back to zeros when it is not
  // stationary (R does the same when its CSS estimate fails the check).
  const ArimaCoefficients css_coefficients = decode(pr, start, false);
  std::vector<double> x0(k, 0.0);
  {
    const auto raw_ar = from_stationary(css_coefficients.ar);
    const auto raw_sar = from_stationary(css_coefficients.sar);
    if (raw_ar && raw_sar) {
      std::size_t j = 0;
      for (double v : *raw_ar) x0[j++] = v;
      for (double v : css_coefficients.ma) x0[j++] = v;
      for (double v : *raw_sar) x0[j++] = v;
      for (double v : css_coefficients.sma) x0[j++] = v;
      if (pr.layout.constant) x0[j] = start[j];
    }
  }
  StateSpace ss;
  const auto objective = [&](const std::vector<double>& x) {
    return ml_objective(pr, decode(pr, x, true), ss);
  };
  auto best = detail::nelder_mead(objective, x0, nm);
  if (!std::isfinite(best.value)) {
    best = detail::nelder_mead(objective, std::vector<double>(k, 0.0), nm);
  } else if (k > 0) {
    // A restart from the optimum guards against a collapsed simplex.
    auto again = detail::nelder_mead(objective, best.x, nm);
    if (again.value < best.value) best = std::move(again);
  }
  if (!std::isfinite(best.value))
    return fail(ErrorCode::kInsufficientData, arima_name(options.spec) + " could not be fitted");
  return summarise(y, pr, decode(pr, best.x, true));
}

core::Result<Prediction> forecast_arima(const ArimaFit& fit, int horizon,
                                        const IntervalOptions& intervals) {
  if (horizon < 1) return fail(ErrorCode::kInvalidArgument, "horizon must be at least 1");
  auto problem = make_problem(fit.y, fit.spec);
  if (!problem) return std::unexpected(problem.error());
  const Problem& pr = *problem;
  const ArimaCoefficients& c = fit.coefficients;
  const ArimaOrder& o = fit.spec.order;
  StateSpace ss;
  if (!build_state_space(expand(c.ar, c.sar, o.period, -1.0), expand(c.ma, c.sma, o.period, +1.0), ss))
    return fail(ErrorCode::kInsufficientData, "the ARIMA model is not stationary");
  const auto z = demeaned(pr, c);
  const FilterOutput f = kalman_filter(z, ss, {}, true);
  if (!f.ok) return fail(ErrorCode::kInsufficientData, "the ARIMA filter failed");
  const auto h = static_cast<std::size_t>(horizon);
  const auto r = static_cast<Eigen::Index>(ss.r);
  Eigen::MatrixXd t = Eigen::MatrixXd::Zero(r, r);
  Eigen::VectorXd rv(r);
  for (Eigen::Index i = 0; i < r; ++i) {
    t(i, 0) = ss.phi[static_cast<std::size_t>(i)];
    if (i + 1 < r) t(i, i + 1) = 1.0;
    rv(i) = ss.theta[static_cast<std::size_t>(i)];
  }
  const Eigen::MatrixXd q = rv * rv.transpose();
  // Forecasts of w and the covariance of their errors (in units of sigma^2).
  std::vector<Eigen::MatrixXd> p_ahead(h);
  Eigen::VectorXd a = f.state;
  Eigen::MatrixXd p = f.covariance;
  const double mu = pr.layout.constant ? c.constant * constant_multiplier(o) : 0.0;
  std::vector<double> w_mean(h);
  for (std::size_t i = 0; i < h; ++i) {
    a = t * a;
    p = t * p * t.transpose() + q;
    p_ahead[i] = p;
    w_mean[i] = mu + a(0);
  }
  const auto hi = static_cast<Eigen::Index>(h);
  Eigen::MatrixXd cov_w = Eigen::MatrixXd::Zero(hi, hi);
  for (std::size_t i = 0; i < h; ++i) {
    Eigen::RowVectorXd row = Eigen::RowVectorXd::Unit(r, 0);  // first row of T^(j-i)
    for (std::size_t j = i; j < h; ++j) {
      const double value = row.dot(p_ahead[i].col(0));
      cov_w(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = value;
      cov_w(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(i)) = value;
      row = row * t;
    }
  }
  // Integrate: y_t = w_t + sum_k delta_k y_(t-k); errors e_y = L e_w.
  const auto delta = differencing_polynomial(o.d, o.D, o.period);
  const std::size_t n = fit.y.size();
  std::vector<double> extended(fit.y);
  extended.resize(n + h);
  Eigen::MatrixXd l = Eigen::MatrixXd::Zero(hi, hi);
  for (std::size_t i = 0; i < h; ++i) {
    double value = w_mean[i];
    for (std::size_t k = 0; k < delta.size(); ++k) value += delta[k] * extended[n + i - k - 1];
    extended[n + i] = value;
    const auto ii = static_cast<Eigen::Index>(i);
    l(ii, ii) = 1.0;
    for (std::size_t k = 0; k < delta.size() && k < i; ++k)
      l.row(ii) += delta[k] * l.row(static_cast<Eigen::Index>(i - k - 1));
  }
  const Eigen::MatrixXd cov_y = l * cov_w * l.transpose();
  const double z_value = normal_quantile(0.5 + 0.5 * intervals.level);
  Prediction out;
  out.mean.assign(extended.begin() + static_cast<std::ptrdiff_t>(n), extended.end());
  out.lower.resize(h);
  out.upper.resize(h);
  for (std::size_t i = 0; i < h; ++i) {
    const auto ii = static_cast<Eigen::Index>(i);
    const double sd = std::sqrt(std::max(0.0, fit.sigma2 * cov_y(ii, ii)));
    out.lower[i] = out.mean[i] - z_value * sd;
    out.upper[i] = out.mean[i] + z_value * sd;
    if (!std::isfinite(out.mean[i]) || !std::isfinite(sd))
      return fail(ErrorCode::kInsufficientData, "ARIMA forecast is not finite");
  }
  return out;
}

namespace {

struct Candidate {
  int p, q, P, Q;
  bool constant;
  friend bool operator==(const Candidate&, const Candidate&) = default;
};

/// R's myarima(): fit, then reject models with near-unit roots (information criterion = Inf).
struct Scored {
  std::optional<ArimaFit> fit;
  double ic = kInfinity;
};

Scored score(std::span<const double> y, int d, int D, int period, const Candidate& c,
             ArimaEstimation estimation) {
  ArimaOptions options;
  options.spec.order = {c.p, d, c.q, c.P, D, c.Q, period};
  options.spec.include_constant = c.constant;
  options.estimation = estimation;
  auto fit = fit_arima(y, options);
  Scored s;
  if (!fit || !std::isfinite(fit->aicc)) return s;
  const auto& k = fit->coefficients;
  const auto phi = expand(k.ar, k.sar, period, -1.0);
  const auto theta = expand(k.ma, k.sma, period, +1.0);
  if (min_root_modulus(phi, -1.0) < kMinRootModulus || min_root_modulus(theta, +1.0) < kMinRootModulus)
    return s;
  s.ic = fit->aicc;
  s.fit = std::move(*fit);
  return s;
}

}  // namespace

core::Result<ArimaFit> auto_arima(std::span<const double> y, const AutoArimaOptions& options) {
  for (double v : y) {
    if (!std::isfinite(v)) return fail(ErrorCode::kInvalidArgument, "values must be finite");
  }
  if (y.size() < 2) return fail(ErrorCode::kInsufficientData, "ARIMA needs at least 2 observations");
  const auto n = static_cast<int>(y.size());
  if (is_constant(y)) {
    ArimaSpec spec;
    spec.include_constant = true;
    ArimaCoefficients c;
    c.constant = y[0];
    return evaluate_arima(y, spec, c);
  }
  const int m = options.seasonal && options.period > 1 ? options.period : 1;
  int max_p = std::min(options.max_p, n / 3);
  int max_q = std::min(options.max_q, n / 3);
  int max_P = m > 1 ? std::min(options.max_P, n / 3 / m) : 0;
  int max_Q = m > 1 ? std::min(options.max_Q, n / 3 / m) : 0;
  int D = 0;
  if (m > 1 && n > 2 * m) D = number_of_seasonal_differences(y, m, options.max_D);
  std::vector<double> dx = difference(y, 0, D, m);
  if (D > 0 && dx.empty()) {
    D = 0;
    dx.assign(y.begin(), y.end());
  }
  int d = number_of_differences(dx, options.max_d);
  std::vector<double> ddx = difference(dx, d, 0, 1);
  if (ddx.empty()) return fail(ErrorCode::kInsufficientData, "not enough data for ARIMA");
  if (is_constant(ddx)) {
    // The differenced data are constant: a random walk (with drift) fits exactly.
    ArimaSpec spec;
    spec.order = {0, d, 0, 0, D, 0, m};
    spec.include_constant = d + D <= 1;
    ArimaCoefficients c;
    if (spec.include_constant) c.constant = ddx[0] / (d == 0 && D == 1 ? static_cast<double>(m) : 1.0);
    return evaluate_arima(y, spec, c);
  }
  if (m > 1) {
    if (max_P > 0) max_p = std::min(max_p, m - 1);
    if (max_Q > 0) max_q = std::min(max_q, m - 1);
  }
  const bool allow_constant = d + D <= 1;
  int start_p = 2, start_q = 2, start_P = 1, start_Q = 1;
  if (n < 10) {
    start_p = 1;
    start_q = 1;
    start_P = 0;
    start_Q = 0;
  }
  Candidate current{std::min(start_p, max_p), std::min(start_q, max_q), std::min(start_P, max_P),
                    std::min(start_Q, max_Q), allow_constant};
  std::vector<Candidate> tried;
  std::vector<double> tried_ic;
  Scored best;
  Candidate best_candidate = current;
  const ArimaEstimation estimation =
      options.approximation ? ArimaEstimation::kCss : ArimaEstimation::kCssMl;
  const auto consider = [&](const Candidate& c) -> bool {
    if (std::find(tried.begin(), tried.end(), c) != tried.end()) return false;
    if (static_cast<int>(tried.size()) >= options.max_models) return false;
    tried.push_back(c);
    Scored s = score(y, d, D, m, c, estimation);
    tried_ic.push_back(s.ic);
    if (s.ic < best.ic) {
      best = std::move(s);
      best_candidate = c;
      return true;
    }
    return false;
  };
  consider(current);
  consider({0, 0, 0, 0, allow_constant});
  if (max_p > 0 || max_P > 0)
    consider({max_p > 0 ? 1 : 0, 0, (m > 1 && max_P > 0) ? 1 : 0, 0, allow_constant});
  if (max_q > 0 || max_Q > 0)
    consider({0, max_q > 0 ? 1 : 0, 0, (m > 1 && max_Q > 0) ? 1 : 0, allow_constant});
  if (allow_constant) consider({0, 0, 0, 0, false});
  // Stepwise neighbourhood search, in R's order of moves; restart after every improvement.
  bool improved = true;
  while (improved && static_cast<int>(tried.size()) < options.max_models) {
    improved = false;
    const Candidate b = best_candidate;
    const Candidate moves[] = {
        {b.p, b.q, b.P - 1, b.Q, b.constant},     {b.p, b.q, b.P, b.Q - 1, b.constant},
        {b.p, b.q, b.P + 1, b.Q, b.constant},     {b.p, b.q, b.P, b.Q + 1, b.constant},
        {b.p, b.q, b.P - 1, b.Q - 1, b.constant}, {b.p, b.q, b.P - 1, b.Q + 1, b.constant},
        {b.p, b.q, b.P + 1, b.Q - 1, b.constant}, {b.p, b.q, b.P + 1, b.Q + 1, b.constant},
        {b.p - 1, b.q, b.P, b.Q, b.constant},     {b.p, b.q - 1, b.P, b.Q, b.constant},
        {b.p + 1, b.q, b.P, b.Q, b.constant},     {b.p, b.q + 1, b.P, b.Q, b.constant},
        {b.p - 1, b.q - 1, b.P, b.Q, b.constant}, {b.p - 1, b.q + 1, b.P, b.Q, b.constant},
        {b.p + 1, b.q - 1, b.P, b.Q, b.constant}, {b.p + 1, b.q + 1, b.P, b.Q, b.constant},
        {b.p, b.q, b.P, b.Q, !b.constant},
    };
    for (const Candidate& c : moves) {
      if (c.p < 0 || c.q < 0 || c.P < 0 || c.Q < 0) continue;
      if (c.p > max_p || c.q > max_q || c.P > max_P || c.Q > max_Q) continue;
      if (c.constant && !allow_constant) continue;
      if (consider(c)) {
        improved = true;
        break;
      }
    }
  }
  if (options.approximation) {
    // Refit by exact ML in order of the approximate criterion until one model passes.
    std::vector<std::size_t> order(tried.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return tried_ic[a] < tried_ic[b]; });
    int refits = 0;
    for (std::size_t i : order) {
      if (!std::isfinite(tried_ic[i]) || refits++ >= kMaxApproximateRefits) break;
      Scored s = score(y, d, D, m, tried[i], ArimaEstimation::kCssMl);
      if (s.fit) return std::move(*s.fit);
    }
    // None of the best passed by ML: the model without ARMA terms always does.
    Scored s = score(y, d, D, m, {0, 0, 0, 0, allow_constant}, ArimaEstimation::kCssMl);
    if (s.fit) return std::move(*s.fit);
    return fail(ErrorCode::kInsufficientData, "no suitable ARIMA model found");
  }
  if (!best.fit) return fail(ErrorCode::kInsufficientData, "no suitable ARIMA model found");
  return std::move(*best.fit);
}

}  // namespace finml::analytics::forecast
