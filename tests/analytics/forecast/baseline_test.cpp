// Simple methods against R: forecast::naive, snaive, rwf(drift = TRUE), meanf, thetaf, and
// lm() + predict(interval = "prediction") for the linear trend (fixtures from
// tools/forecast/make_reference_fixtures.R). Means and bounds agree to a relative 1e-6, except
// Theta, whose SES fit comes from different optimisers (relative 1e-3).
#include <finml/analytics/forecast/baseline.hpp>

#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "analytics/forecast/reference_fixtures.hpp"

namespace finml::analytics::forecast {
namespace {

constexpr double kTolerance = 1e-6;
constexpr double kThetaTolerance = 1e-3;

TEST(BaselineReferenceTest, MatchesRsSimpleMethods) {
  const auto series = testing::read_series();
  int checked = 0;
  for (const auto& c : testing::read_cases("reference_baseline.csv")) {
    SCOPED_TRACE(c.name);
    const auto& full = series.at(c.text("series")).values;
    const std::vector<double> y(full.begin(), full.begin() + c.integer("length"));
    const int period = c.integer("period");
    const auto mean = c.numbers("mean");
    const int h = static_cast<int>(mean.size());
    const std::string method = c.text("method");
    IntervalOptions intervals;
    core::Result<BaselineForecast> f = core::fail(core::ErrorCode::kInternal, "unknown");
    if (method == "naive") f = forecast_naive(y, h, intervals);
    if (method == "snaive") f = forecast_seasonal_naive(y, period, h, intervals);
    if (method == "drift") f = forecast_drift(y, h, intervals);
    if (method == "mean") f = forecast_mean(y, h, intervals);
    if (method == "theta") f = forecast_theta(y, period, h, intervals);
    if (method == "linear") f = forecast_linear_trend(y, h, intervals);
    ASSERT_TRUE(f.has_value()) << f.error().message;
    const double tolerance = method == "theta" ? kThetaTolerance : kTolerance;
    const auto lower = c.numbers("lower95");
    const auto upper = c.numbers("upper95");
    for (std::size_t i = 0; i < mean.size(); ++i) {
      const double scale = std::max(1.0, std::abs(mean[i]));
      EXPECT_NEAR(f->prediction.mean[i], mean[i], tolerance * scale) << "mean h=" << i + 1;
      EXPECT_NEAR(f->prediction.lower[i], lower[i], tolerance * scale) << "lower h=" << i + 1;
      EXPECT_NEAR(f->prediction.upper[i], upper[i], tolerance * scale) << "upper h=" << i + 1;
    }
    ++checked;
  }
  EXPECT_EQ(checked, 24);
}

TEST(BaselineTest, LinearTrendIntervalsWidenAwayFromTheData) {
  const std::vector<double> y{3.0, 5.0, 4.0, 6.0, 8.0, 7.0, 9.0};
  const auto f = forecast_linear_trend(y, 10, {});
  ASSERT_TRUE(f.has_value());
  for (std::size_t h = 1; h < 10; ++h) {
    EXPECT_GT(f->prediction.upper[h] - f->prediction.lower[h],
              f->prediction.upper[h - 1] - f->prediction.lower[h - 1]);
  }
}

TEST(BaselineTest, MethodsNeedTheirMinimumHistory) {
  const std::vector<double> two{1.0, 2.0};
  EXPECT_FALSE(forecast_linear_trend(two, 3, {}).has_value());
  EXPECT_FALSE(forecast_theta(two, 1, 3, {}).has_value());
  EXPECT_TRUE(forecast_drift(two, 3, {}).has_value());
  EXPECT_FALSE(forecast_seasonal_naive(two, 4, 3, {}).has_value());
  EXPECT_FALSE(forecast_naive(two, 0, {}).has_value());
}

}  // namespace
}  // namespace finml::analytics::forecast
