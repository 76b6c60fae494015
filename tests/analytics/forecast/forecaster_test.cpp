// The entry point: input validation, the fallback chain, and that every method gives finite,
// well-formed forecasts on the shapes of series users send.
#include <finml/analytics/forecast/forecaster.hpp>

#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "analytics/forecast/test_series.hpp"

namespace finml::analytics::forecast {
namespace {

using core::ErrorCode;

constexpr Method kAllMethods[] = {Method::kAuto,   Method::kEts,           Method::kArima,
                                  Method::kTheta,  Method::kSeasonalNaive, Method::kNaive,
                                  Method::kDrift,  Method::kLinear,        Method::kMean,
                                  Method::kCombination};

ForecastOptions options_for(int horizon, int period, Method method = Method::kAuto) {
  ForecastOptions options;
  options.horizon = horizon;
  options.period = period;
  options.method = method;
  return options;
}

TEST(ForecastTest, RejectsUnusableInput) {
  const std::vector<double> empty;
  EXPECT_EQ(forecast(empty, options_for(3, 1)).error().code, ErrorCode::kInvalidArgument);
  const std::vector<double> with_nan{1.0, std::nan(""), 3.0};
  EXPECT_EQ(forecast(with_nan, options_for(3, 1)).error().code, ErrorCode::kInvalidArgument);
  const std::vector<double> with_inf{1.0, INFINITY};
  EXPECT_EQ(forecast(with_inf, options_for(3, 1)).error().code, ErrorCode::kInvalidArgument);
  const std::vector<double> fine{1.0, 2.0, 3.0};
  EXPECT_EQ(forecast(fine, options_for(0, 1)).error().code, ErrorCode::kInvalidArgument);
  auto bad_level = options_for(3, 1);
  bad_level.level = 1.0;
  EXPECT_EQ(forecast(fine, bad_level).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(forecast(fine, options_for(3, -2)).error().code, ErrorCode::kInvalidArgument);
}

TEST(ForecastTest, EveryMethodGivesFiniteOrderedForecastsOnAwkwardSeries) {
  for (const auto& s : testing::awkward_series()) {
    for (Method method : kAllMethods) {
      SCOPED_TRACE(s.name + " / " + std::string(method_name(method)));
      const auto r = forecast(s.values, options_for(7, s.period, method));
      ASSERT_TRUE(r.has_value()) << r.error().message;
      ASSERT_EQ(r->mean.size(), 7u);
      ASSERT_EQ(r->lower.size(), 7u);
      ASSERT_EQ(r->upper.size(), 7u);
      EXPECT_EQ(r->fitted.size(), s.values.size());
      EXPECT_FALSE(r->model.empty());
      for (std::size_t h = 0; h < 7; ++h) {
        EXPECT_TRUE(std::isfinite(r->mean[h]) && std::isfinite(r->lower[h]) &&
                    std::isfinite(r->upper[h]));
        EXPECT_LE(r->lower[h], r->mean[h]);
        EXPECT_LE(r->mean[h], r->upper[h]);
      }
    }
  }
}

TEST(ForecastTest, ConstantSeriesForecastsItsValueWithNoSpread) {
  const std::vector<double> y(10, 250.0);
  const auto r = forecast(y, options_for(4, 12));
  ASSERT_TRUE(r.has_value());
  for (std::size_t h = 0; h < 4; ++h) {
    EXPECT_DOUBLE_EQ(r->mean[h], 250.0);
    EXPECT_DOUBLE_EQ(r->lower[h], 250.0);
    EXPECT_DOUBLE_EQ(r->upper[h], 250.0);
  }
}

TEST(ForecastTest, FallsBackToASimplerModelAndSaysSo) {
  // ETS cannot be fitted on three points; the engine falls back and records why.
  const std::vector<double> y{10.0, 12.0, 11.0};
  const auto r = forecast(y, options_for(3, 1, Method::kEts));
  ASSERT_TRUE(r.has_value());
  EXPECT_NE(r->method, Method::kEts);
  ASSERT_FALSE(r->notes.empty());
  EXPECT_NE(r->notes.front().find("ets"), std::string::npos);
}

TEST(ForecastTest, OnePointGivesTheNaiveForecast) {
  const std::vector<double> y{57.0};
  const auto r = forecast(y, options_for(2, 1));
  ASSERT_TRUE(r.has_value());
  EXPECT_DOUBLE_EQ(r->mean[0], 57.0);
  EXPECT_DOUBLE_EQ(r->mean[1], 57.0);
}

TEST(ForecastTest, ReportsTheChosenModelWithItsParametersAndCriteria) {
  const auto y = testing::seasonal_series(72, 4.0, 21);
  const auto ets = forecast(y, options_for(12, 12, Method::kEts));
  ASSERT_TRUE(ets.has_value());
  EXPECT_EQ(ets->model.rfind("ETS(", 0), 0u);
  EXPECT_TRUE(ets->aicc.has_value());
  EXPECT_TRUE(ets->sigma.has_value());
  EXPECT_FALSE(ets->parameters.empty());
  EXPECT_EQ(ets->parameters.front().name, "alpha");
  const auto arima = forecast(y, options_for(12, 12, Method::kArima));
  ASSERT_TRUE(arima.has_value());
  EXPECT_EQ(arima->model.rfind("ARIMA(", 0), 0u);
  EXPECT_TRUE(arima->aicc.has_value());
  EXPECT_DOUBLE_EQ(arima->level, 0.95);
}

TEST(ForecastTest, SeasonalNaiveRepeatsTheLastSeason) {
  std::vector<double> y;
  for (int year = 0; year < 2; ++year)
    for (int month = 0; month < 4; ++month) y.push_back(10.0 * month + year);
  const auto r = forecast(y, options_for(6, 4, Method::kSeasonalNaive));
  ASSERT_TRUE(r.has_value());
  EXPECT_DOUBLE_EQ(r->mean[0], 1.0);
  EXPECT_DOUBLE_EQ(r->mean[3], 31.0);
  EXPECT_DOUBLE_EQ(r->mean[4], 1.0);
}

TEST(MethodNameTest, RoundTripsEveryMethod) {
  for (Method method : kAllMethods) EXPECT_EQ(parse_method(method_name(method)), method);
  EXPECT_FALSE(parse_method("prophet").has_value());
}

TEST(DetectPeriodTest, FindsAYearInMonthlyDataAndNothingInNoise) {
  EXPECT_EQ(detect_period(testing::seasonal_series(96, 3.0, 5)), 12);
  EXPECT_EQ(detect_period(testing::white_noise(96, 10.0, 1.0, 5)), 1);
  EXPECT_EQ(detect_period(std::vector<double>{1.0, 2.0, 3.0}), 1);
}

TEST(ForecastTest, DetectsTheSeasonWhenNoPeriodIsGiven) {
  const auto y = testing::seasonal_series(96, 3.0, 5);
  const auto r = forecast(y, options_for(12, kDetectPeriod));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->period, 12);
}

TEST(ForecastTest, IgnoresSeasonalityWithLessThanTwoSeasons) {
  // With 20 monthly points no model may be seasonal (issue 3: two full seasons are needed).
  const auto y = testing::seasonal_series(20, 1.0, 8);
  for (Method method : {Method::kEts, Method::kArima, Method::kTheta}) {
    const auto r = forecast(y, options_for(6, 12, method));
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->model.find("[12]"), std::string::npos) << r->model;
    if (method == Method::kEts) {
      EXPECT_NE(r->model.find(",N)"), std::string::npos) << r->model;
    }
  }
}

TEST(AutoStrategyTest, ShortHistoryCopiesTheSeasonButEstimatesNone) {
  // 20 monthly points: one full season. auto may copy it (seasonal naive) but must not adjust
  // for it or fit a seasonal model (docs/numerics.md, "The auto strategy").
  const auto y = testing::seasonal_series(20, 1.0, 8);
  const auto r = forecast(y, options_for(6, 12));
  ASSERT_TRUE(r.has_value());
  EXPECT_NE(r->model.find("Seasonal naive"), std::string::npos) << r->model;
  EXPECT_EQ(r->model.find("SA("), std::string::npos) << r->model;
  EXPECT_EQ(r->model.find("[12]"), std::string::npos) << r->model;
}

TEST(AutoStrategyTest, ShortHistoryUsesNaiveWhenTheGivenSeasonIsNotThere) {
  // A smooth, accelerating quarterly series (the shape of fresh's valueofstocks_MB): the period
  // is given, but the seasonal variance ratio is far above 1, so the benchmark member is the
  // naive forecast, not the seasonal naive one, which lags the trend (docs/numerics.md, v5).
  std::vector<double> y(24);
  for (std::size_t t = 0; t < y.size(); ++t) {
    const auto x = static_cast<double>(t);
    y[t] = 100.0 + 2.0 * x + 0.15 * x * x + 0.3 * std::sin(1.7 * x);
  }
  const auto r = forecast(y, options_for(6, 4));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->model.find("Seasonal naive"), std::string::npos) << r->model;
  EXPECT_NE(r->model.find("Naive"), std::string::npos) << r->model;
}

TEST(AutoStrategyTest, AdjustsForASeasonWithTwoFullSeasons) {
  const auto r = forecast(testing::seasonal_series(36, 1.0, 8), options_for(6, 12));
  ASSERT_TRUE(r.has_value());
  EXPECT_NE(r->model.find("SA(ETS("), std::string::npos) << r->model;
  EXPECT_NE(r->model.find("SA(ARIMA("), std::string::npos) << r->model;
}

TEST(AutoStrategyTest, LongHistoriesCombineEtsThetaAndArima) {
  const auto r = forecast(testing::seasonal_series(96, 3.0, 8), options_for(12, 12));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->method, Method::kAuto);
  EXPECT_NE(r->model.find("Theta"), std::string::npos) << r->model;
  EXPECT_EQ(r->model.find("Seasonal naive"), std::string::npos) << r->model;
}

}  // namespace
}  // namespace finml::analytics::forecast
