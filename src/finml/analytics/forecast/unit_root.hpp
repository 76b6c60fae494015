#pragma once
/// @file finml/analytics/forecast/unit_root.hpp
/// Unit-root tests that choose the differencing orders of ARIMA models.
#include <span>
#include <vector>

namespace finml::analytics::forecast {

/// Returns the KPSS level-stationarity statistic (Kwiatkowski et al., 1992) with a Bartlett
/// long-run variance over `lags` lags, as urca::ur.kpss(type = "mu").
[[nodiscard]] double kpss_statistic(std::span<const double> y, int lags);

/// Interpolates the KPSS p-value in the table of Kwiatkowski et al. (1992), clamped to
/// [0.01, 0.10] as R's forecast::ndiffs does.
[[nodiscard]] double kpss_p_value(double statistic);

/// Returns the number of first differences (<= max_d) after which the KPSS test at level `alpha`
/// no longer rejects stationarity, with forecast::ndiffs's lag trunc(3 sqrt(n) / 13).
[[nodiscard]] int number_of_differences(std::span<const double> y, int max_d = 2,
                                        double alpha = 0.05);

/// Returns the number of seasonal differences (<= max_D): one while the seasonal strength of
/// the series exceeds 0.64 (forecast::nsdiffs(test = "seas"); here the strength comes from a
/// classical decomposition rather than STL).
[[nodiscard]] int number_of_seasonal_differences(std::span<const double> y, int period,
                                                 int max_D = 1);

/// Returns the series differenced `d` times at lag 1 after `D` times at lag `period`.
[[nodiscard]] std::vector<double> difference(std::span<const double> y, int d, int D, int period);

}  // namespace finml::analytics::forecast
