#pragma once
/// @file finml/analytics/forecast/detail/nelder_mead.hpp
/// Derivative-free minimisation by the Nelder-Mead simplex method (Nelder and Mead, 1965), with
/// the reflection/contraction/expansion coefficients 1, 0.5 and 2 that R's optim() also uses.
/// The objective may return +infinity for inadmissible points; the simplex then contracts away.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <vector>

namespace finml::analytics::forecast::detail {

struct NelderMeadOptions {
  int max_evaluations = 2'000;
  /// Stops when the spread of the simplex values falls below this fraction of |f| (R's reltol).
  double relative_tolerance = 1.490116119384765625e-8;  // sqrt(DBL_EPSILON), as R's optim
  /// Initial simplex edge as a fraction of the largest |start| coordinate (0.1 in R's nmmin).
  double initial_step_fraction = 0.1;
};

struct NelderMeadResult {
  std::vector<double> x;
  double value = std::numeric_limits<double>::infinity();
  int evaluations = 0;
  bool converged = false;
};

/// Minimises `f(const std::vector<double>&) -> double` from `start`.
template <class Objective>
[[nodiscard]] NelderMeadResult nelder_mead(Objective&& f, std::vector<double> start,
                                           const NelderMeadOptions& options = {}) {
  constexpr double kReflect = 1.0;
  constexpr double kContract = 0.5;
  constexpr double kExpand = 2.0;
  const std::size_t n = start.size();
  NelderMeadResult result;
  if (n == 0) {
    result.value = f(start);
    result.x = std::move(start);
    result.evaluations = 1;
    result.converged = true;
    return result;
  }
  double scale = 0.0;
  for (double v : start) scale = std::max(scale, std::abs(v));
  const double step = scale > 0.0 ? options.initial_step_fraction * scale : 0.1;

  std::vector<std::vector<double>> simplex(n + 1, start);
  std::vector<double> values(n + 1);
  for (std::size_t i = 1; i <= n; ++i) simplex[i][i - 1] += step;
  int evaluations = 0;
  for (std::size_t i = 0; i <= n; ++i) {
    values[i] = f(simplex[i]);
    ++evaluations;
  }
  std::vector<std::size_t> order(n + 1);
  std::vector<double> centroid(n), trial(n), trial2(n);
  bool converged = false;
  while (evaluations < options.max_evaluations) {
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    const std::size_t best = order.front();
    const std::size_t worst = order.back();
    const std::size_t second_worst = order[n - 1];
    const double tolerance =
        options.relative_tolerance * (std::abs(values[best]) + options.relative_tolerance);
    if (std::isfinite(values[worst]) && values[worst] <= values[best] + tolerance) {
      converged = true;
      break;
    }
    std::fill(centroid.begin(), centroid.end(), 0.0);
    for (std::size_t i = 0; i <= n; ++i) {
      if (i == worst) continue;
      for (std::size_t j = 0; j < n; ++j) centroid[j] += simplex[i][j];
    }
    for (double& c : centroid) c /= static_cast<double>(n);

    for (std::size_t j = 0; j < n; ++j)
      trial[j] = centroid[j] + kReflect * (centroid[j] - simplex[worst][j]);
    const double reflected = f(trial);
    ++evaluations;
    if (reflected < values[best]) {
      for (std::size_t j = 0; j < n; ++j)
        trial2[j] = centroid[j] + kExpand * (trial[j] - centroid[j]);
      const double expanded = f(trial2);
      ++evaluations;
      if (expanded < reflected) {
        simplex[worst] = trial2;
        values[worst] = expanded;
      } else {
        simplex[worst] = trial;
        values[worst] = reflected;
      }
      continue;
    }
    if (reflected < values[second_worst]) {
      simplex[worst] = trial;
      values[worst] = reflected;
      continue;
    }
    // Contract towards the better of the worst point and its reflection.
    const bool outside = reflected < values[worst];
    const std::vector<double>& anchor = outside ? trial : simplex[worst];
    for (std::size_t j = 0; j < n; ++j)
      trial2[j] = centroid[j] + kContract * (anchor[j] - centroid[j]);
    const double contracted = f(trial2);
    ++evaluations;
    if (contracted < std::min(reflected, values[worst])) {
      simplex[worst] = trial2;
      values[worst] = contracted;
      continue;
    }
    if (outside) {
      simplex[worst] = trial;
      values[worst] = reflected;
    }
    // Shrink every point towards the best one.
    for (std::size_t i = 0; i <= n; ++i) {
      if (i == best) continue;
      for (std::size_t j = 0; j < n; ++j)
        simplex[i][j] = simplex[best][j] + kContract * (simplex[i][j] - simplex[best][j]);
      values[i] = f(simplex[i]);
      ++evaluations;
    }
  }
  const auto best_it = std::min_element(values.begin(), values.end());
  const auto best_index = static_cast<std::size_t>(best_it - values.begin());
  result.x = simplex[best_index];
  result.value = *best_it;
  result.evaluations = evaluations;
  result.converged = converged;
  return result;
}

}  // namespace finml::analytics::forecast::detail
