// Peer benchmarks (seed-api.md 2.13, 3.5) and the B22 fixes: published survey figures by age
// group, and a real percentile of the stored users' latest scores.
#include <finml/analytics/health/benchmark.hpp>

#include <vector>

#include <gtest/gtest.h>

namespace finml::analytics::health {
namespace {

std::string_view label_of(std::optional<std::string_view> text) { return match_age_group(text).group->label; }

TEST(AgeGroupTest, MapsTheClientsAndTheOriginalsGroupsToSurveyBrackets) {
  EXPECT_EQ(label_of("25-34"), "25-34");
  EXPECT_EQ(match_age_group("25-34").matched_by, "exact");
  EXPECT_EQ(label_of("18-24"), "Under 25");
  EXPECT_EQ(label_of("under 25"), "Under 25");
  EXPECT_EQ(label_of("35-44"), "35-44");
  EXPECT_EQ(label_of("45 to 54"), "45-54");
  EXPECT_EQ(label_of("55\xE2\x80\x93" "64"), "55-64");  // en dash
  EXPECT_EQ(label_of("65+"), "65 and older");
  EXPECT_EQ(label_of("65 and older"), "65 and older");
  EXPECT_EQ(label_of("75+"), "75 and older");
  EXPECT_EQ(label_of("65-74"), "65-74");
  // The original's style.
  EXPECT_EQ(label_of("25-30"), "25-34");
  EXPECT_EQ(match_age_group("25-30").matched_by, "contained");
  EXPECT_EQ(label_of("20-30"), "25-34");
  EXPECT_EQ(match_age_group("20-30").matched_by, "nearest");
  EXPECT_EQ(label_of("30-40"), "35-44");
  // Unknown or absent: all consumer units.
  EXPECT_EQ(label_of(std::nullopt), "All consumer units");
  EXPECT_EQ(label_of("teen"), "All consumer units");
  EXPECT_EQ(label_of("40-30"), "All consumer units");
  EXPECT_EQ(match_age_group("teen").matched_by, "all");
}

TEST(AgeGroupTest, ShipsTheSurveyFigures) {
  const auto& group = *match_age_group("25-34").group;
  EXPECT_EQ(group.income_before_taxes, 102494);
  EXPECT_EQ(group.average_annual_expenditures, 74475);
  EXPECT_EQ(group.housing.share_percent, 35.4);
  EXPECT_EQ(all_consumer_units().average_annual_expenditures, 78535);
  EXPECT_EQ(consumer_expenditure_source().year, 2024);
  EXPECT_FALSE(match_age_group("75+").group->entertainment.annual_amount);  // not transcribed
}

TEST(IncomeBracketTest, ReadsTheUsualSpellings) {
  const auto expect = [](std::string_view text, double min, std::optional<double> max) {
    const auto bracket = parse_income_bracket(text);
    ASSERT_TRUE(bracket) << text;
    EXPECT_EQ(bracket->min, min) << text;
    EXPECT_EQ(bracket->max, max) << text;
  };
  expect("50k-75k", 50000, 75000);
  expect("50-75k", 50000, 75000);
  expect("50000-75000", 50000, 75000);
  expect("$50,000 - $75,000", 50000, 75000);
  expect("100k+", 100000, std::nullopt);
  expect("under 25k", 0, 25000);
  expect("1m+", 1e6, std::nullopt);
  EXPECT_FALSE(parse_income_bracket("rich"));
  EXPECT_FALSE(parse_income_bracket("75k-50k"));
  EXPECT_FALSE(parse_income_bracket("50kk-75k"));
  EXPECT_FALSE(parse_income_bracket(""));
}

// B22: no made-up 65 and no pseudo-percentile below the minimum of stored users.
TEST(PeerComparisonTest, B22NoPercentileWithoutEnoughPeers) {
  const std::vector<double> scores{72.0, 60.0, 80.5};
  const auto result = compare_with_peers(7, 72.0, scores);
  EXPECT_EQ(result.percentile_basis, "insufficient_peers");
  EXPECT_FALSE(result.percentile);
  EXPECT_FALSE(result.peer_average);
  EXPECT_EQ(result.peer_count, 3u);
  EXPECT_EQ(result.comparison, "Not enough stored scores to compare with yet: 3 of the 30 needed");
}

TEST(PeerComparisonTest, B22RealPercentileRankOfStoredScores) {
  std::vector<double> scores;
  for (int i = 1; i <= 40; ++i) scores.push_back(50.0 + i);  // 51..90
  const auto result = compare_with_peers(7, 80.0, scores);    // 29 below, 1 equal
  EXPECT_EQ(result.percentile_basis, "stored_users");
  ASSERT_TRUE(result.percentile);
  EXPECT_DOUBLE_EQ(*result.percentile, 73.75);  // (29 + 0.5) / 40
  ASSERT_TRUE(result.peer_average);
  EXPECT_DOUBLE_EQ(*result.peer_average, 70.5);
  EXPECT_EQ(result.comparison, "Your score is 9.5 points above your peer group average");
  EXPECT_EQ(compare_with_peers(7, 70.0, scores).comparison, "Your score is similar to your peer group average");
  EXPECT_EQ(compare_with_peers(7, 51.0, scores).comparison, "Your score is 19.5 points below your peer group average");
}

TEST(PeerComparisonTest, UserWithoutScore) {
  const auto result = compare_with_peers(9, std::nullopt, {});
  EXPECT_EQ(result.percentile_basis, "no_user_score");
  EXPECT_FALSE(result.user_score);
  EXPECT_FALSE(result.percentile);
  EXPECT_EQ(result.comparison,
            "No health score found for user 9; compute one with POST /api/v1/insights/health-score");
}

}  // namespace
}  // namespace finml::analytics::health
