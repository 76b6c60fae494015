// The original's savings model (seed-api §3.2), checked on its verified example (§2.8/§2.9).
#include <gtest/gtest.h>

#include <finml/analytics/predictions/linear_trend.hpp>

namespace finml::analytics::predictions {
namespace {

TEST(LinearTrendTest, ReproducesTheOriginalsVerifiedExample) {
  // Savings 1000, 1100, 1250, 1300 over 2025-01..04: slope 105, intercept 1005, R^2 0.96923.
  const std::vector<double> savings{1000, 1100, 1250, 1300};
  const auto model = fit_linear_trend(savings);
  ASSERT_TRUE(model);
  EXPECT_NEAR(model->slope, 105.0, 1e-9);
  EXPECT_NEAR(model->intercept, 1005.0, 1e-9);
  EXPECT_NEAR(model->r2_score, 0.9692307692307692, 1e-12);
  EXPECT_EQ(model->trained_months, 4);
}

TEST(LinearTrendTest, PredictsTheOriginalsValuesWithOrderedIntervals) {
  const std::vector<double> savings{1000, 1100, 1250, 1300};
  const auto band = predict_linear_trend(*fit_linear_trend(savings), 3, 0.95);
  ASSERT_EQ(band.mean.size(), 3u);
  EXPECT_NEAR(band.mean[0], 1425.0, 1e-9);
  EXPECT_NEAR(band.mean[1], 1530.0, 1e-9);
  EXPECT_NEAR(band.mean[2], 1635.0, 1e-9);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_LT(band.lower[i], band.mean[i]);
    EXPECT_GT(band.upper[i], band.mean[i]);
  }
  // Farther from the data, wider.
  EXPECT_GT(band.upper[2] - band.lower[2], band.upper[0] - band.lower[0]);
}

TEST(LinearTrendTest, ConstantSeriesScoresOneAsSklearnDoes) {
  const std::vector<double> flat{500, 500, 500};
  const auto model = fit_linear_trend(flat);
  ASSERT_TRUE(model);
  EXPECT_EQ(model->r2_score, 1.0);
  EXPECT_EQ(model->slope, 0.0);
}

TEST(LinearTrendTest, NeedsTwoPoints) {
  const std::vector<double> one{1.0};
  EXPECT_FALSE(fit_linear_trend(one));
}

}  // namespace
}  // namespace finml::analytics::predictions
