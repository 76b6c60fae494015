// Trends of stored scores (seed-api.md 2.12, 3.5) and the B21 fixes.
#include <finml/analytics/health/trends.hpp>

#include <gtest/gtest.h>

namespace finml::analytics::health {
namespace {

const core::Timestamp kNow = *core::parse_timestamp("2025-12-08T12:00:00Z");

ScorePoint at(int days_ago, double score, std::string grade) {
  return {kNow - std::chrono::days(days_ago) - std::chrono::hours(2), score, std::move(grade)};
}

// seed-api.md 2.12's example: 60 D 100 days ago, 66 D 45 days ago, 72 C 2 days ago.
TEST(HealthTrendTest, ReproducesTheOriginalsExample) {
  const std::vector<ScorePoint> history{at(100, 60, "D"), at(45, 66, "D"), at(2, 72, "C")};
  const auto trend = summarize_trend(history, kNow, 6);
  ASSERT_EQ(trend.trend_data.size(), 3u);
  EXPECT_EQ(trend.current_score, 72.0);
  ASSERT_TRUE(trend.month_over_month);
  EXPECT_DOUBLE_EQ(trend.month_over_month->percent, 9.09);
  EXPECT_DOUBLE_EQ(trend.month_over_month->points, 6.0);
  ASSERT_TRUE(trend.quarter_over_quarter);
  EXPECT_DOUBLE_EQ(trend.quarter_over_quarter->percent, 20.0);
  EXPECT_DOUBLE_EQ(trend.quarter_over_quarter->points, 12.0);
}

// B21: the original looked for the 90-day-old score inside the window, so QoQ was always null
// for months < 3.
TEST(HealthTrendTest, B21QuarterChangeExistsForShortWindows) {
  const std::vector<ScorePoint> history{at(100, 60, "D"), at(45, 66, "D"), at(2, 72.5, "C")};
  const auto trend = summarize_trend(history, kNow, 1);
  ASSERT_EQ(trend.trend_data.size(), 1u);  // only the last 30 days are listed
  ASSERT_TRUE(trend.quarter_over_quarter);
  EXPECT_DOUBLE_EQ(trend.quarter_over_quarter->percent, 20.83);
  EXPECT_DOUBLE_EQ(trend.quarter_over_quarter->points, 12.5);
  ASSERT_TRUE(trend.month_over_month);
  EXPECT_DOUBLE_EQ(trend.month_over_month->points, 6.5);
}

TEST(HealthTrendTest, B21EmptyHistoryIsAnEmptyTrend) {
  const auto trend = summarize_trend({}, kNow, 6);
  EXPECT_TRUE(trend.trend_data.empty());
  EXPECT_FALSE(trend.current_score);
  EXPECT_FALSE(trend.month_over_month);
  EXPECT_FALSE(trend.quarter_over_quarter);
}

TEST(HealthTrendTest, StaleReferencesAndZeroScoresGiveNoChange) {
  // The only older score is 200 days old: not last month's nor last quarter's.
  const std::vector<ScorePoint> stale{at(200, 50, "F"), at(1, 70, "C")};
  const auto trend = summarize_trend(stale, kNow, 12);
  EXPECT_EQ(trend.trend_data.size(), 2u);
  EXPECT_FALSE(trend.month_over_month);
  EXPECT_FALSE(trend.quarter_over_quarter);
  // A reference of 0 has no relative change.
  const std::vector<ScorePoint> zero{at(40, 0, "F"), at(1, 70, "C")};
  EXPECT_FALSE(summarize_trend(zero, kNow, 6).month_over_month);
  // The current score does not compare with itself.
  const std::vector<ScorePoint> single{at(40, 70, "C")};
  EXPECT_FALSE(summarize_trend(single, kNow, 6).month_over_month);
}

TEST(HealthTrendTest, KeepsTwoDecimalScoresAndIgnoresFutureRows) {
  const std::vector<ScorePoint> history{at(35, 71.37, "C"), at(1, 72.61, "C"), {kNow + std::chrono::hours(1), 10, "F"}};
  const auto trend = summarize_trend(history, kNow, 6);
  EXPECT_EQ(trend.trend_data.size(), 2u);
  EXPECT_EQ(trend.current_score, 72.61);  // the original truncated to 72
  ASSERT_TRUE(trend.month_over_month);
  EXPECT_DOUBLE_EQ(trend.month_over_month->points, 1.24);
}

TEST(HealthTrendTest, HistoryStartCoversTheQuarterLookback) {
  EXPECT_EQ(trend_history_start(kNow, 1), kNow - std::chrono::days(180));
  EXPECT_EQ(trend_history_start(kNow, 120), kNow - std::chrono::days(3600));
}

}  // namespace
}  // namespace finml::analytics::health
