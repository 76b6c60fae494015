#pragma once
/// @file finml/analytics/forecast/detail/levenberg_marquardt.hpp
/// Nonlinear least squares by Levenberg-Marquardt (Marquardt, 1963) with a forward-difference
/// Jacobian: min over x of sum r_i(x)^2. Used for the conditional-sum-of-squares ARIMA fits,
/// where it converges in a handful of iterations where Nelder-Mead needs hundreds.
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

namespace finml::analytics::forecast::detail {

struct LevenbergMarquardtOptions {
  int max_iterations = 100;
  /// Stops when an accepted step lowers the sum of squares by less than this fraction...
  double relative_tolerance = 1e-10;
  /// ... or moves no coordinate by more than this fraction of the largest |x|.
  double step_tolerance = 1e-6;
};

struct LevenbergMarquardtResult {
  std::vector<double> x;
  double sum_of_squares = std::numeric_limits<double>::infinity();
  int iterations = 0;
};

/// Solves the k x k system a * x = b in place (Gaussian elimination with partial pivoting);
/// false when it is singular.
bool solve_small_system(std::vector<double>& a, std::vector<double>& b, std::size_t k);

/// Minimises the sum of squares of `residuals(x, out)`, which fills `out` (always the same
/// length) and returns false where x is unusable.
template <class Residuals>
[[nodiscard]] LevenbergMarquardtResult levenberg_marquardt(Residuals&& residuals,
                                                           std::vector<double> x,
                                                           const LevenbergMarquardtOptions& options = {}) {
  constexpr double kInitialDamping = 1e-3;
  constexpr double kDampingUp = 10.0;
  constexpr double kDampingDown = 0.3;
  constexpr double kMaxDamping = 1e12;
  const std::size_t k = x.size();
  LevenbergMarquardtResult result;
  std::vector<double> r, trial_r;
  const auto sum_sq = [](const std::vector<double>& v) {
    double s = 0.0;
    for (double e : v) s += e * e;
    return std::isfinite(s) ? s : std::numeric_limits<double>::infinity();
  };
  if (!residuals(x, r)) {
    result.x = std::move(x);
    return result;
  }
  double current = sum_sq(r);
  const std::size_t m = r.size();
  std::vector<double> jacobian(m * k), jtj(k * k), jtr(k), a(k * k), step(k), trial(k);
  double damping = kInitialDamping;
  bool converged = false;
  int iteration = 0;
  for (; iteration < options.max_iterations && k > 0 && std::isfinite(current); ++iteration) {
    // Forward-difference Jacobian, column by column.
    bool usable = true;
    for (std::size_t j = 0; j < k && usable; ++j) {
      trial = x;
      const double h = 1e-7 * std::max(1.0, std::abs(x[j]));
      trial[j] += h;
      usable = residuals(trial, trial_r) && trial_r.size() == m;
      for (std::size_t i = 0; usable && i < m; ++i) jacobian[i * k + j] = (trial_r[i] - r[i]) / h;
    }
    if (!usable) break;
    for (std::size_t p = 0; p < k; ++p) {
      double g = 0.0;
      for (std::size_t i = 0; i < m; ++i) g += jacobian[i * k + p] * r[i];
      jtr[p] = g;
      for (std::size_t q = p; q < k; ++q) {
        double s = 0.0;
        for (std::size_t i = 0; i < m; ++i) s += jacobian[i * k + p] * jacobian[i * k + q];
        jtj[p * k + q] = jtj[q * k + p] = s;
      }
    }
    bool accepted = false;
    while (!accepted && damping < kMaxDamping) {
      a = jtj;
      for (std::size_t p = 0; p < k; ++p) a[p * k + p] += damping * std::max(jtj[p * k + p], 1e-12);
      for (std::size_t p = 0; p < k; ++p) step[p] = -jtr[p];
      if (!solve_small_system(a, step, k)) {
        damping *= kDampingUp;
        continue;
      }
      for (std::size_t p = 0; p < k; ++p) trial[p] = x[p] + step[p];
      const double value = residuals(trial, trial_r) ? sum_sq(trial_r) : std::numeric_limits<double>::infinity();
      if (value < current) {
        const double gain = (current - value) / std::max(current, 1e-300);
        double step_size = 0.0;
        double x_size = 0.0;
        for (std::size_t p = 0; p < k; ++p) {
          step_size = std::max(step_size, std::abs(step[p]));
          x_size = std::max(x_size, std::abs(x[p]));
        }
        x = trial;
        r.swap(trial_r);
        current = value;
        damping = std::max(damping * kDampingDown, 1e-12);
        accepted = true;
        converged = gain < options.relative_tolerance ||
                    step_size < options.step_tolerance * (x_size + options.step_tolerance);
      } else {
        damping *= kDampingUp;
      }
    }
    if (!accepted || converged) break;
  }
  result.x = std::move(x);
  result.sum_of_squares = current;
  result.iterations = iteration;
  return result;
}

}  // namespace finml::analytics::forecast::detail
