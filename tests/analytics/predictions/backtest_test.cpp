#include <gtest/gtest.h>

#include <cmath>

#include <finml/analytics/predictions/backtest.hpp>

namespace finml::analytics::predictions {
namespace {

// Forecasts the last value with a fixed +-1 interval.
core::Result<Band> last_value(std::span<const double> history) {
  const double last = history.back();
  return Band{{last}, {last - 1.0}, {last + 1.0}};
}

TEST(BacktestTest, ScoresOneStepForecastsFromEachOrigin) {
  const std::vector<double> y{10, 10, 12, 12, 15};
  const auto metrics = rolling_origin(y, 2, 6, 0.95, last_value);
  ASSERT_TRUE(metrics);
  // Origins 2, 3, 4: errors 2, 0, 3.
  EXPECT_EQ(metrics->origins, 3);
  EXPECT_NEAR(metrics->mae, 5.0 / 3.0, 1e-12);
  EXPECT_NEAR(metrics->rmse, std::sqrt(13.0 / 3.0), 1e-12);
  ASSERT_TRUE(metrics->mape);
  EXPECT_NEAR(*metrics->mape, 100.0 * (2.0 / 12 + 0.0 + 3.0 / 15) / 3.0, 1e-9);
  EXPECT_NEAR(metrics->coverage, 1.0 / 3.0, 1e-12);
}

TEST(BacktestTest, LimitsOriginsToTheMostRecent) {
  const std::vector<double> y(20, 5.0);
  const auto metrics = rolling_origin(y, 3, 6, 0.95, last_value);
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->origins, 6);
  EXPECT_EQ(metrics->mae, 0.0);
  EXPECT_EQ(metrics->coverage, 1.0);
}

TEST(BacktestTest, LeavesMapeOutWhenEveryActualIsZero) {
  const std::vector<double> y{0, 0, 0, 0};
  const auto metrics = rolling_origin(y, 1, 6, 0.95, last_value);
  ASSERT_TRUE(metrics);
  EXPECT_FALSE(metrics->mape);
}

TEST(BacktestTest, NoOriginWhenTheSeriesIsTooShort) {
  const std::vector<double> y{1, 2};
  EXPECT_FALSE(rolling_origin(y, 3, 6, 0.95, last_value));
}

}  // namespace
}  // namespace finml::analytics::predictions
