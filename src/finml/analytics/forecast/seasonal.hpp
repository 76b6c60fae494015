#pragma once
/// @file finml/analytics/forecast/seasonal.hpp
/// Classical decomposition and seasonality tests used by the model selection.
/// Positions within the season are counted from the first observation (as R's decompose()).
#include <optional>
#include <span>
#include <vector>

namespace finml::analytics::forecast {

enum class DecompositionType { kAdditive, kMultiplicative };

struct Decomposition {
  std::vector<double> trend;     ///< centred moving average; NaN where it is undefined
  std::vector<double> seasonal;  ///< the seasonal figure repeated over the series
  std::vector<double> figure;    ///< one value per position in the season (sums to 0 or m)
};

/// Decomposes `y` as R's stats::decompose() does: a centred 2xm (or m) moving average trend, and a
/// seasonal figure averaged by position and normalised. Needs y.size() >= 2 * period.
[[nodiscard]] std::optional<Decomposition> classical_decomposition(std::span<const double> y,
                                                                   int period,
                                                                   DecompositionType type);

/// Returns the sample autocorrelations r(1..max_lag) of `y` (divisor n, as R's acf()).
[[nodiscard]] std::vector<double> autocorrelations(std::span<const double> y, int max_lag);

/// Tests for seasonality at lag `period` with the 90% one-sided ACF test of the Theta method
/// (Assimakopoulos and Nikolopoulos, 2000; R forecast::thetaf): |r_m| exceeds 1.645 times its
/// Bartlett standard error. Needs y.size() > 2 * period; false otherwise.
[[nodiscard]] bool seasonality_acf_test(std::span<const double> y, int period,
                                        double quantile = 1.6448536269514722);

/// Returns the seasonal strength max(0, 1 - var(remainder) / var(seasonal + remainder)) of a
/// classical additive decomposition (Wang, Smith and Hyndman, 2006), in [0, 1].
[[nodiscard]] double seasonal_strength(std::span<const double> y, int period);

/// True when every value is the same (to a relative 1e-10).
[[nodiscard]] bool is_constant(std::span<const double> y);

}  // namespace finml::analytics::forecast
