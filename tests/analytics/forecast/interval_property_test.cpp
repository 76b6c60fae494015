// Invariants of prediction intervals (after statsforecast's test_ets.py): the 80% interval lies
// inside the 95% one, the mean inside both, intervals widen with the horizon, simulated
// intervals are reproducible from their seed, and the intervals really cover simulated futures.
#include <finml/analytics/forecast/arima.hpp>
#include <finml/analytics/forecast/ets.hpp>
#include <finml/analytics/forecast/forecaster.hpp>

#include <algorithm>
#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "analytics/forecast/test_series.hpp"

namespace finml::analytics::forecast {
namespace {

constexpr Method kMethods[] = {Method::kAuto,  Method::kEts,    Method::kArima,
                               Method::kTheta, Method::kNaive,  Method::kSeasonalNaive,
                               Method::kDrift, Method::kLinear, Method::kMean,
                               Method::kCombination};

/// Simulated quantiles jitter a little from one horizon to the next.
constexpr double kWidthSlack = 0.02;

TEST(IntervalPropertyTest, EightyPercentLiesInsideNinetyFivePercentAroundTheMean) {
  std::vector<testing::NamedSeries> cases = {
      {"seasonal", testing::seasonal_series(60, 6.0, 1), 12},
      {"random_walk", testing::random_walk(40, 3.0, 2), 1},
      {"short", testing::white_noise(14, 50.0, 5.0, 3), 12},
      {"positive_seasonal", testing::seasonal_series(84, 10.0, 4), 12},
  };
  for (const auto& s : cases) {
    for (Method method : kMethods) {
      SCOPED_TRACE(s.name + " / " + std::string(method_name(method)));
      ForecastOptions options;
      options.horizon = 18;
      options.period = s.period;
      options.method = method;
      options.level = 0.95;
      const auto wide = forecast(s.values, options);
      options.level = 0.80;
      const auto narrow = forecast(s.values, options);
      ASSERT_TRUE(wide.has_value() && narrow.has_value());
      ASSERT_EQ(wide->model, narrow->model);
      for (std::size_t h = 0; h < 18; ++h) {
        EXPECT_LE(wide->lower[h], narrow->lower[h] + 1e-9);
        EXPECT_LE(narrow->lower[h], narrow->mean[h]);
        EXPECT_LE(narrow->mean[h], narrow->upper[h]);
        EXPECT_LE(narrow->upper[h], wide->upper[h] + 1e-9);
        // Widening is compared at the same position in the season: a multiplicative season
        // rightly narrows the interval in its low months.
        const auto step = static_cast<std::size_t>(std::max(1, wide->period));
        if (h >= step) {
          const double before = wide->upper[h - step] - wide->lower[h - step];
          const double now = wide->upper[h] - wide->lower[h];
          EXPECT_GE(now, before * (1.0 - kWidthSlack)) << "h=" << h + 1;
        }
      }
    }
  }
}

TEST(IntervalPropertyTest, NonStationaryModelsWidenStrictly) {
  const auto y = testing::random_walk(40, 3.0, 2);
  for (Method method : {Method::kNaive, Method::kDrift, Method::kLinear, Method::kEts,
                        Method::kTheta, Method::kAuto}) {
    ForecastOptions options;
    options.horizon = 12;
    options.period = 1;
    options.method = method;
    const auto r = forecast(y, options);
    ASSERT_TRUE(r.has_value());
    for (std::size_t h = 1; h < 12; ++h)
      EXPECT_GT(r->upper[h] - r->lower[h], r->upper[h - 1] - r->lower[h - 1])
          << method_name(method) << " h=" << h + 1;
  }
}

TEST(IntervalPropertyTest, SimulatedIntervalsDependOnlyOnTheSeed) {
  const auto y = testing::seasonal_series(72, 8.0, 9);
  EtsOptions options;
  // A multiplicative trend has no analytic interval: this one is simulated.
  options.spec = {Component::kMultiplicative, Component::kMultiplicative, Component::kNone,
                  false, 1};
  const auto fit = fit_ets(y, options);
  ASSERT_TRUE(fit.has_value());
  IntervalOptions a;
  a.seed = 1;
  IntervalOptions b = a;
  b.seed = 2;
  const auto first = forecast_ets(*fit, 12, a);
  const auto again = forecast_ets(*fit, 12, a);
  const auto other = forecast_ets(*fit, 12, b);
  ASSERT_TRUE(first && again && other);
  EXPECT_EQ(first->lower, again->lower);
  EXPECT_EQ(first->upper, again->upper);
  EXPECT_NE(first->upper, other->upper);
}

/// Share of futures inside the 95% interval, over `paths` simulated histories of a model that
/// the method can represent. Each history is fitted afresh, so estimation error counts.
template <class Simulate>
double coverage(Method method, int period, int paths, Simulate simulate) {
  int inside = 0;
  int total = 0;
  for (int path = 0; path < paths; ++path) {
    const auto [history, future] = simulate(static_cast<std::uint64_t>(path) + 1000);
    ForecastOptions options;
    options.horizon = static_cast<int>(future.size());
    options.period = period;
    options.method = method;
    const auto r = forecast(history, options);
    if (!r) continue;
    for (std::size_t h = 0; h < future.size(); ++h) {
      inside += (future[h] >= r->lower[h] && future[h] <= r->upper[h]) ? 1 : 0;
      ++total;
    }
  }
  return static_cast<double>(inside) / total;
}

std::pair<std::vector<double>, std::vector<double>> split(std::vector<double> y, std::size_t h) {
  std::vector<double> future(y.end() - static_cast<std::ptrdiff_t>(h), y.end());
  y.resize(y.size() - h);
  return {y, future};
}

TEST(IntervalCoverageTest, LocalLevelIntervalsCoverNinetyFivePercent) {
  // ETS(A,N,N): y_t = l_(t-1) + e_t, l_t = l_(t-1) + 0.3 e_t.
  const auto simulate = [](std::uint64_t seed) {
    RandomSource random(seed);
    std::vector<double> y(66);
    double level = 50.0;
    for (double& v : y) {
      const double e = 2.0 * random.normal();
      v = level + e;
      level += 0.3 * e;
    }
    return split(y, 6);
  };
  const double ets = coverage(Method::kEts, 1, 300, simulate);
  EXPECT_GT(ets, 0.91);
  EXPECT_LT(ets, 0.99);
}

TEST(IntervalCoverageTest, AutoregressiveIntervalsCoverNinetyFivePercent) {
  // AR(1) with phi = 0.6 around 20.
  const auto simulate = [](std::uint64_t seed) {
    RandomSource random(seed);
    std::vector<double> y(86);
    double x = 0.0;
    for (double& v : y) {
      x = 0.6 * x + random.normal();
      v = 20.0 + x;
    }
    return split(y, 6);
  };
  const double arima = coverage(Method::kArima, 1, 150, simulate);
  EXPECT_GT(arima, 0.91);
  EXPECT_LT(arima, 0.99);
}

TEST(IntervalCoverageTest, LinearTrendIntervalsCoverNinetyFivePercent) {
  const auto simulate = [](std::uint64_t seed) {
    RandomSource random(seed);
    std::vector<double> y(30);
    for (std::size_t t = 0; t < y.size(); ++t)
      y[t] = 5.0 + 0.8 * static_cast<double>(t) + 3.0 * random.normal();
    return split(y, 6);
  };
  const double linear = coverage(Method::kLinear, 1, 400, simulate);
  EXPECT_GT(linear, 0.93);
  EXPECT_LT(linear, 0.97);
}

}  // namespace
}  // namespace finml::analytics::forecast
