// Quantiles against R (qnorm, qt, pnorm) and the determinism of the seeded random source.
#include <finml/analytics/forecast/distributions.hpp>

#include <cmath>

#include <gtest/gtest.h>

namespace finml::analytics::forecast {
namespace {

TEST(NormalQuantileTest, MatchesRToFullPrecision) {
  // qnorm(c(0.975, 0.9, 0.5, 1e-10, 0.999999)) in R 4.2.2.
  EXPECT_NEAR(normal_quantile(0.975), 1.959963984540054, 1e-14);
  EXPECT_NEAR(normal_quantile(0.9), 1.2815515655446004, 1e-14);
  EXPECT_DOUBLE_EQ(normal_quantile(0.5), 0.0);
  EXPECT_NEAR(normal_quantile(1e-10), -6.361340902404056, 1e-12);
  EXPECT_NEAR(normal_quantile(0.999999), 4.7534243088170891, 1e-12);
  EXPECT_NEAR(normal_cdf(1.96), 0.9750021048517795, 1e-15);
}

TEST(StudentTQuantileTest, MatchesR) {
  // qt(0.975, c(1, 3, 10, 100)) and qt(0.9, 3) in R 4.2.2.
  EXPECT_NEAR(student_t_quantile(0.975, 1.0), 12.706204736174698, 1e-9);
  EXPECT_NEAR(student_t_quantile(0.975, 3.0), 3.182446305284263, 1e-11);
  EXPECT_NEAR(student_t_quantile(0.975, 10.0), 2.228138851986274, 1e-11);
  EXPECT_NEAR(student_t_quantile(0.975, 100.0), 1.983971518523552, 1e-11);
  EXPECT_NEAR(student_t_quantile(0.9, 3.0), 1.6377443536962102, 1e-11);
  EXPECT_NEAR(student_t_quantile(0.025, 10.0), -2.228138851986274, 1e-11);
}

TEST(RandomSourceTest, SameSeedGivesTheSameStream) {
  RandomSource a(99);
  RandomSource b(99);
  RandomSource c(100);
  bool differs = false;
  for (int i = 0; i < 100; ++i) {
    const double x = a.normal();
    EXPECT_EQ(x, b.normal());
    differs = differs || x != c.normal();
  }
  EXPECT_TRUE(differs);
}

TEST(RandomSourceTest, NormalDrawsHaveUnitVariance) {
  RandomSource random(1);
  constexpr int kDraws = 200'000;
  double sum = 0.0;
  double squares = 0.0;
  for (int i = 0; i < kDraws; ++i) {
    const double x = random.normal();
    sum += x;
    squares += x * x;
  }
  const double mean = sum / kDraws;
  EXPECT_NEAR(mean, 0.0, 0.01);
  EXPECT_NEAR(squares / kDraws - mean * mean, 1.0, 0.01);
}

}  // namespace
}  // namespace finml::analytics::forecast
