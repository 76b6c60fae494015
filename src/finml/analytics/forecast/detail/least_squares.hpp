#pragma once
/// @file finml/analytics/forecast/detail/least_squares.hpp
/// Ordinary least squares for the small regressions of the models (pivoted Householder QR, so a
/// rank-deficient design gives a basic solution instead of failing).
#include <span>
#include <vector>

namespace finml::analytics::forecast::detail {

/// Returns beta minimising |y - X beta|^2 where X has the given columns (each of y.size() rows).
[[nodiscard]] std::vector<double> least_squares(const std::vector<std::vector<double>>& columns,
                                                std::span<const double> y);

}  // namespace finml::analytics::forecast::detail
