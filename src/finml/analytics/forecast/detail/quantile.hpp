#pragma once
/// @file finml/analytics/forecast/detail/quantile.hpp
/// Sample quantiles (R's default type 7) of simulated draws.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>

namespace finml::analytics::forecast::detail {

/// Returns the type-7 p-quantile of `sample`, reordering it; NaN if it holds a non-finite value.
[[nodiscard]] inline double sample_quantile(std::span<double> sample, double p) {
  if (sample.empty()) return std::numeric_limits<double>::quiet_NaN();
  for (double v : sample) {
    if (!std::isfinite(v)) return std::numeric_limits<double>::quiet_NaN();
  }
  const double position = p * static_cast<double>(sample.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(position));
  const double fraction = position - static_cast<double>(lo);
  std::nth_element(sample.begin(), sample.begin() + static_cast<std::ptrdiff_t>(lo), sample.end());
  const double a = sample[lo];
  if (lo + 1 >= sample.size() || fraction == 0.0) return a;
  const double b = *std::min_element(sample.begin() + static_cast<std::ptrdiff_t>(lo + 1), sample.end());
  return a + fraction * (b - a);
}

}  // namespace finml::analytics::forecast::detail
