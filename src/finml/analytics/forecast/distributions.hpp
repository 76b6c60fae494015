#pragma once
/// @file finml/analytics/forecast/distributions.hpp
/// Quantiles of the normal and Student t distributions, and a small seeded random source for
/// simulated prediction intervals. Pure and deterministic: randomness comes from a seed argument.
#include <cstdint>

namespace finml::analytics::forecast {

/// Returns the standard normal CDF at `x`.
[[nodiscard]] double normal_cdf(double x) noexcept;

/// Returns the p-quantile of the standard normal distribution, for 0 < p < 1 (full double
/// precision: Acklam's rational approximation refined by one Halley step on erfc).
[[nodiscard]] double normal_quantile(double p) noexcept;

/// Returns the CDF of Student's t distribution with `df` > 0 degrees of freedom.
[[nodiscard]] double student_t_cdf(double t, double df) noexcept;

/// Returns the p-quantile of Student's t distribution with `df` > 0 degrees of freedom.
[[nodiscard]] double student_t_quantile(double p, double df) noexcept;

/// Returns the regularised incomplete beta function I_x(a, b).
[[nodiscard]] double regularized_incomplete_beta(double a, double b, double x) noexcept;

/// A seeded pseudo-random source (xoshiro256**, seeded through splitmix64; Blackman and Vigna,
/// 2018). Same seed, same stream, on every platform.
class RandomSource {
 public:
  explicit RandomSource(std::uint64_t seed) noexcept;
  /// Returns a uniform draw in (0, 1).
  [[nodiscard]] double uniform() noexcept;
  /// Returns a standard normal draw (inverse-CDF method, so one uniform per draw).
  [[nodiscard]] double normal() noexcept;

 private:
  [[nodiscard]] std::uint64_t next() noexcept;
  std::uint64_t state_[4];
};

}  // namespace finml::analytics::forecast
