// Differencing tests and seasonal measures.
#include <finml/analytics/forecast/seasonal.hpp>
#include <finml/analytics/forecast/unit_root.hpp>

#include <cmath>

#include <gtest/gtest.h>

#include "analytics/forecast/reference_fixtures.hpp"
#include "analytics/forecast/test_series.hpp"

namespace finml::analytics::forecast {
namespace {

TEST(KpssTest, MatchesUrcaOnReferenceSeries) {
  // urca::ur.kpss(y, type = "mu", use.lag = trunc(3 * sqrt(n) / 13))@teststat, as written by
  // tools/forecast/make_reference_fixtures.R.
  const auto series = testing::read_series();
  for (const auto& c : testing::read_cases("reference_unit_root.csv")) {
    SCOPED_TRACE(c.name);
    const auto& y = series.at(c.text("series")).values;
    const auto lags = static_cast<int>(std::trunc(3.0 * std::sqrt(static_cast<double>(y.size())) / 13.0));
    EXPECT_NEAR(kpss_statistic(y, lags), c.number("kpss"), 1e-9 * std::max(1.0, c.number("kpss")));
    EXPECT_EQ(number_of_differences(y), c.integer("ndiffs"));
  }
}

TEST(KpssTest, PValueInterpolatesTheCriticalValueTable) {
  EXPECT_DOUBLE_EQ(kpss_p_value(0.1), 0.10);
  EXPECT_DOUBLE_EQ(kpss_p_value(0.463), 0.05);
  EXPECT_NEAR(kpss_p_value(0.5185), 0.0375, 1e-12);
  EXPECT_DOUBLE_EQ(kpss_p_value(5.0), 0.01);
}

TEST(DifferencingTest, RandomWalkNeedsOneDifferenceAndNoiseNone) {
  EXPECT_EQ(number_of_differences(testing::random_walk(200, 1.0, 3)), 1);
  EXPECT_EQ(number_of_differences(testing::white_noise(200, 0.0, 1.0, 3)), 0);
  EXPECT_EQ(number_of_differences(std::vector<double>(10, 1.0)), 0);
}

TEST(DifferencingTest, StrongSeasonalityNeedsASeasonalDifference) {
  const auto y = testing::seasonal_series(96, 2.0, 4);
  EXPECT_GT(seasonal_strength(y, 12), 0.64);
  EXPECT_EQ(number_of_seasonal_differences(y, 12), 1);
  EXPECT_EQ(number_of_seasonal_differences(testing::white_noise(96, 5.0, 1.0, 4), 12), 0);
}

TEST(DifferencingTest, DifferenceAppliesSeasonalThenRegularLags) {
  const std::vector<double> y{1, 2, 4, 7, 11, 16, 22, 29};
  EXPECT_EQ(difference(y, 1, 0, 1), (std::vector<double>{1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(difference(y, 2, 0, 1), (std::vector<double>{1, 1, 1, 1, 1, 1}));
  EXPECT_EQ(difference(y, 0, 1, 4), (std::vector<double>{10, 14, 18, 22}));
  EXPECT_TRUE(difference(y, 0, 1, 8).empty());
}

TEST(DecompositionTest, ReproducesRsDecomposeFigure) {
  // decompose(ts(y, frequency = 4))$figure in R for y = 1..16 + (0, 3, -1, -2) repeated.
  std::vector<double> y;
  const double pattern[] = {0.0, 3.0, -1.0, -2.0};
  for (int t = 0; t < 16; ++t) y.push_back(t + 1.0 + pattern[t % 4]);
  const auto d = classical_decomposition(y, 4, DecompositionType::kAdditive);
  ASSERT_TRUE(d.has_value());
  EXPECT_NEAR(d->figure[0], 0.0, 1e-12);
  EXPECT_NEAR(d->figure[1], 3.0, 1e-12);
  EXPECT_NEAR(d->figure[2], -1.0, 1e-12);
  EXPECT_NEAR(d->figure[3], -2.0, 1e-12);
  EXPECT_FALSE(classical_decomposition(std::vector<double>(7, 1.0), 4,
                                       DecompositionType::kAdditive).has_value());
}

}  // namespace
}  // namespace finml::analytics::forecast
