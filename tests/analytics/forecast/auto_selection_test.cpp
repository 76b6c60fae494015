// Automatic model selection on simulated processes whose structure is known.
#include <finml/analytics/forecast/arima.hpp>
#include <finml/analytics/forecast/ets.hpp>

#include <gtest/gtest.h>

#include "analytics/forecast/test_series.hpp"

namespace finml::analytics::forecast {
namespace {

TEST(AutoArimaTest, FindsTheOrderOfASimulatedAr1) {
  RandomSource random(17);
  std::vector<double> y(300);
  double x = 0.0;
  for (double& v : y) {
    x = 0.7 * x + random.normal();
    v = 10.0 + x;
  }
  AutoArimaOptions options;
  const auto fit = auto_arima(y, options);
  ASSERT_TRUE(fit.has_value());
  EXPECT_EQ(fit->spec.order.d, 0);
  EXPECT_EQ(fit->spec.order.p, 1);
  EXPECT_EQ(fit->spec.order.q, 0);
  EXPECT_TRUE(fit->spec.include_constant);
  ASSERT_EQ(fit->coefficients.ar.size(), 1u);
  EXPECT_NEAR(fit->coefficients.ar[0], 0.7, 0.1);
  EXPECT_NEAR(fit->coefficients.constant, 10.0, 0.5);
}

TEST(AutoArimaTest, DifferencesARandomWalk) {
  AutoArimaOptions options;
  const auto fit = auto_arima(testing::random_walk(150, 2.0, 4), options);
  ASSERT_TRUE(fit.has_value());
  EXPECT_EQ(fit->spec.order.d, 1);
}

TEST(AutoArimaTest, SeasonallyDifferencesAStrongYearlyPattern) {
  AutoArimaOptions options;
  options.period = 12;
  const auto fit = auto_arima(testing::seasonal_series(120, 3.0, 6), options);
  ASSERT_TRUE(fit.has_value());
  EXPECT_EQ(fit->spec.order.D, 1);
  EXPECT_EQ(fit->spec.order.period, 12);
}

TEST(AutoEtsTest, ChoosesASeasonalModelForSeasonalDataAndNoneForNoise) {
  AutoEtsOptions options;
  options.period = 12;
  const auto seasonal = auto_ets(testing::seasonal_series(96, 3.0, 2), options);
  ASSERT_TRUE(seasonal.has_value());
  EXPECT_NE(seasonal->spec.season, Component::kNone) << ets_name(seasonal->spec);
  const auto noise = auto_ets(testing::white_noise(96, 100.0, 5.0, 2), options);
  ASSERT_TRUE(noise.has_value());
  EXPECT_EQ(noise->spec.season, Component::kNone) << ets_name(noise->spec);
  EXPECT_EQ(noise->spec.trend, Component::kNone) << ets_name(noise->spec);
}

TEST(AutoEtsTest, NeverUsesMultiplicativeComponentsOnNonPositiveData) {
  auto y = testing::seasonal_series(60, 3.0, 8);
  for (double& v : y) v -= 300.0;  // mostly negative
  AutoEtsOptions options;
  options.period = 12;
  const auto fit = auto_ets(y, options);
  ASSERT_TRUE(fit.has_value());
  EXPECT_EQ(fit->spec.error, Component::kAdditive);
  EXPECT_NE(fit->spec.season, Component::kMultiplicative);
}

TEST(EtsTest, RejectsImpossibleSpecifications) {
  const auto y = testing::seasonal_series(40, 3.0, 8);
  EtsOptions options;
  options.spec = {Component::kAdditive, Component::kNone, Component::kNone, true, 1};
  EXPECT_EQ(fit_ets(y, options).error().code, core::ErrorCode::kInvalidArgument);
  options.spec = {Component::kAdditive, Component::kNone, Component::kAdditive, false, 30};
  EXPECT_EQ(fit_ets(y, options).error().code, core::ErrorCode::kInvalidArgument);
  const std::vector<double> with_zero{1.0, 0.0, 2.0, 3.0, 2.0, 4.0, 5.0, 3.0};
  options.spec = {Component::kMultiplicative, Component::kNone, Component::kNone, false, 1};
  EXPECT_EQ(fit_ets(with_zero, options).error().code, core::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace finml::analytics::forecast
