// The insights of POST /insights: the original's verified sample figures where its bugs do not
// touch them (seed-api.md 2.4), and the fixes of B10, B11 and B12.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <finml/analytics/insights/insights.hpp>

#include "analytics/budget/sample_rows.hpp"

namespace finml::analytics::insights {
namespace {

using budget::testing::d;
using budget::testing::expense;
using budget::testing::income;
using budget::testing::sample_rows;
using budget::testing::sample_today;

std::vector<const Insight*> of_type(const InsightsReport& report, InsightType type) {
  std::vector<const Insight*> found;
  for (const auto& insight : report.insights) {
    if (insight.type == type) found.push_back(&insight);
  }
  return found;
}

const Recommendation* recommendation(const InsightsReport& report, std::string_view type) {
  for (const auto& item : report.recommendations) {
    if (item.type == type) return &item;
  }
  return nullptr;
}

TEST(InsightsTest, SampleTotalsAndTopCategoriesMatchTheOriginal) {
  const auto report = compute_insights(sample_rows(), sample_today());
  const auto& patterns = report.spending_patterns;
  EXPECT_NEAR(patterns.total_income, 65437.07, 0.005);
  EXPECT_NEAR(patterns.total_expenses, 22594.92, 0.005);
  EXPECT_NEAR(patterns.total_savings, 0.0, 1e-9);
  EXPECT_NEAR(patterns.savings_rate, 65.47, 0.01);
  const std::vector<std::pair<std::string, double>> expected{
      {"Food", 5211.69}, {"Shopping", 4437.29}, {"Education", 2559.48}, {"Transport", 2507.44}, {"Utilities", 2217.82}};
  const std::vector<double> percentages{23.07, 19.64, 11.33, 11.10, 9.82};
  ASSERT_EQ(patterns.top_categories.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(patterns.top_categories[i].category, expected[i].first);
    EXPECT_NEAR(patterns.top_categories[i].amount, expected[i].second, 0.005);
    EXPECT_NEAR(patterns.top_categories[i].percentage, percentages[i], 0.01);
  }
  EXPECT_DOUBLE_EQ(report.predictions.confidence, 0.85);
  // The sample saves 65 %: no savings goal; five categories: no tracking advice.
  EXPECT_TRUE(report.recommendations.empty());
}

TEST(MonthsCoveredTest, CountsPartialFirstAndLastMonthsByTheirDays) {
  EXPECT_NEAR(months_covered(d("2024-12-10"), d("2025-12-07")), 22.0 / 31 + 11 + 7.0 / 31, 1e-12);
  EXPECT_DOUBLE_EQ(months_covered(d("2025-01-01"), d("2025-03-31")), 3.0);
  EXPECT_DOUBLE_EQ(months_covered(d("2024-02-01"), d("2024-02-29")), 1.0);
  // Shorter than a month: one month, never stretched.
  EXPECT_DOUBLE_EQ(months_covered(d("2025-03-05"), d("2025-03-09")), 1.0);
  EXPECT_DOUBLE_EQ(months_covered(d("2025-03-05"), d("2025-03-05")), 1.0);
  EXPECT_NEAR(months_covered(d("0001-01-01"), d("9999-12-31")), 9999.0 * 12, 1e-6);
}

TEST(InsightsTest, B11MonthlyAveragesDivideByTheMonthsCovered) {
  const auto report = compute_insights(sample_rows(), sample_today());
  const auto& patterns = report.spending_patterns;
  const double months = 22.0 / 31 + 11 + 7.0 / 31;  // 2024-12-10 .. 2025-12-07, not 13
  EXPECT_NEAR(patterns.months_covered, months, 1e-12);
  EXPECT_NEAR(patterns.monthly_average.income, 65437.07 / months, 1e-6);
  EXPECT_NEAR(patterns.monthly_average.expenses, 22594.92 / months, 1e-6);
  EXPECT_NEAR(patterns.monthly_average.savings, (65437.07 - 22594.92) / months, 1e-6);
  EXPECT_NEAR(report.predictions.next_month_expense, patterns.monthly_average.expenses, 1e-9);
  EXPECT_NEAR(report.predictions.next_month_income, patterns.monthly_average.income, 1e-9);
}

TEST(InsightsTest, B10SavingsOpportunityIsTwentyPercentOfTheMonthlyAverage) {
  const auto report = compute_insights(sample_rows(), sample_today());
  const auto opportunities = of_type(report, InsightType::kSavingsOpportunity);
  ASSERT_EQ(opportunities.size(), 2U);  // Food 23 % and Shopping 20 %, as the original
  const double months = report.spending_patterns.months_covered;
  EXPECT_EQ(*opportunities[0]->category, "Food");
  EXPECT_NEAR(*opportunities[0]->potential_savings, 5211.69 / months * 0.2, 1e-6);  // the original: 1042.34
  EXPECT_EQ(opportunities[0]->message, "Reducing Food by 20% could save Rs. 87/month");
  EXPECT_EQ(*opportunities[1]->category, "Shopping");
  EXPECT_NEAR(*opportunities[1]->potential_savings, 4437.29 / months * 0.2, 1e-6);
  const auto& details = std::get<CategoryShareDetails>(opportunities[0]->details);
  EXPECT_NEAR(details.total, 5211.69, 0.005);
  EXPECT_NEAR(details.monthly_average, 5211.69 / months, 1e-6);
}

TEST(InsightsTest, B10SavingsGoalIsTwentyPercentOfTheMonthlyIncome) {
  // Three months of 1000 income and 900 spending: a 10 % savings rate.
  std::vector<core::Transaction> rows;
  for (const char* month : {"2025-01", "2025-02", "2025-03"}) {
    rows.push_back(income(std::string(month) + "-01", "1000"));
    rows.push_back(expense(std::string(month) + "-15", "900", "Rent"));
  }
  rows.push_back(expense("2025-03-31", "0", "Rent"));
  const auto report = compute_insights(rows, d("2025-04-01"));
  EXPECT_DOUBLE_EQ(report.spending_patterns.months_covered, 3.0);
  const Recommendation* goal = recommendation(report, "savings_goal");
  ASSERT_NE(goal, nullptr);
  EXPECT_NEAR(*goal->target_amount, 200.0, 1e-9);  // the original: 20 % of 3000 = 600
  EXPECT_EQ(goal->priority, Priority::kMedium);
  // One category, 100 % of spending: high spending, with a monthly budget suggestion.
  const Recommendation* alert = recommendation(report, "budget_alert");
  ASSERT_NE(alert, nullptr);
  EXPECT_EQ(alert->message, "Set a budget limit for Rent expenses (currently Rs. 900/month)");
  ASSERT_NE(recommendation(report, "tracking"), nullptr);
}

TEST(InsightsTest, B12TrendsSplitTheHistoryByTimeNotByCount) {
  // January: twenty small Food rows; February: two large ones. By count the original's halves
  // would both be January; by time the second half (February) spends far more per month.
  std::vector<core::Transaction> rows;
  for (int day = 1; day <= 20; ++day) {
    rows.push_back(expense("2025-01-" + std::string(day < 10 ? "0" : "") + std::to_string(day), "10", "Food"));
  }
  rows.push_back(expense("2025-02-10", "300", "Food"));
  rows.push_back(expense("2025-02-27", "300", "Food"));
  const auto report = compute_insights(rows, d("2025-03-01"));
  const auto trends = of_type(report, InsightType::kTrend);
  ASSERT_EQ(trends.size(), 1U);
  EXPECT_EQ(*trends[0]->trend, TrendDirection::kIncreasing);
  const auto& details = std::get<TrendDetails>(trends[0]->details);
  // 2025-01-01..2025-02-27 is 58 days: 29 each side.
  EXPECT_EQ(details.earlier_from, d("2025-01-01"));
  EXPECT_EQ(details.earlier_to, d("2025-01-29"));
  EXPECT_EQ(details.recent_from, d("2025-01-30"));
  EXPECT_EQ(details.recent_to, d("2025-02-27"));
  EXPECT_NEAR(details.earlier_total, 200.0, 1e-9);
  EXPECT_NEAR(details.recent_total, 600.0, 1e-9);
  EXPECT_NEAR(*trends[0]->change_percentage, 200.0, 1e-9);
}

TEST(InsightsTest, B12TrendsKeepTheLargestChangesInMoney) {
  std::vector<core::Transaction> rows;
  // Four categories, each doubling from January to February, by different amounts.
  const std::vector<std::pair<std::string, int>> categories{{"Tea", 1}, {"Rent", 1000}, {"Fuel", 50}, {"Gym", 200}};
  for (const auto& [category, amount] : categories) {
    rows.push_back(expense("2025-01-05", std::to_string(amount), category));
    rows.push_back(expense("2025-01-20", std::to_string(amount), category));
    rows.push_back(expense("2025-02-10", std::to_string(amount * 2), category));
    rows.push_back(expense("2025-02-24", std::to_string(amount * 2), category));
  }
  rows.push_back(expense("2025-01-01", "0", "Tea"));
  rows.push_back(expense("2025-02-28", "0", "Tea"));
  const auto report = compute_insights(rows, d("2025-03-01"));
  const auto trends = of_type(report, InsightType::kTrend);
  ASSERT_EQ(trends.size(), 2U);
  EXPECT_EQ(*trends[0]->category, "Rent");
  EXPECT_EQ(*trends[1]->category, "Gym");
}

TEST(InsightsTest, B12AnomaliesAreRankedBySeverityAndUseRobustStatistics) {
  std::vector<core::Transaction> rows;
  // "Coffee" comes first with a mild outlier; "Travel" later with an extreme one.
  for (const char* day : {"2025-01-02", "2025-01-03", "2025-01-04", "2025-01-05", "2025-01-06"}) {
    rows.push_back(expense(day, "10", "Coffee"));
    rows.push_back(expense(day, "100", "Travel"));
  }
  rows.push_back(expense("2025-01-07", "11", "Coffee"));
  rows.push_back(expense("2025-01-08", "14", "Coffee"));
  rows.push_back(expense("2025-01-09", "101", "Travel"));
  rows.push_back(expense("2025-01-10", "5000", "Travel"));
  const auto report = compute_insights(rows, d("2025-02-01"));
  const auto anomalies = of_type(report, InsightType::kAnomaly);
  ASSERT_GE(anomalies.size(), 2U);
  EXPECT_EQ(*anomalies[0]->category, "Travel");
  EXPECT_NEAR(*anomalies[0]->amount, 5000.0, 1e-9);
  EXPECT_EQ(*anomalies[0]->date, d("2025-01-10"));
  EXPECT_EQ(anomalies[0]->severity, Severity::kAlert);
  EXPECT_EQ(anomalies[0]->message, "Unusual high expense of Rs. 5,000 detected in Travel (typically Rs. 100)");
  const auto& details = std::get<AnomalyDetails>(anomalies[0]->details);
  EXPECT_NEAR(details.typical_amount, 100.0, 1e-9);
  EXPECT_GT(details.score, kAnomalyScore);
  EXPECT_EQ(*anomalies[1]->category, "Coffee");
  EXPECT_NEAR(*anomalies[1]->amount, 14.0, 1e-9);
}

TEST(InsightsTest, UnusuallyLowIncomeIsAWarningAndBonusesAreNot) {
  std::vector<core::Transaction> rows;
  for (const char* month : {"01", "02", "03", "04", "05"}) {
    rows.push_back(income(std::string("2025-") + month + "-01", "5000"));
    rows.push_back(expense(std::string("2025-") + month + "-10", "100", "Food"));
  }
  rows.push_back(income("2025-06-01", "900"));
  // A side job's one big payment: the high tail of income needs no warning.
  for (const char* day : {"2025-01-20", "2025-02-20", "2025-03-20", "2025-04-20", "2025-05-20"}) {
    rows.push_back(budget::testing::row(day, "100", core::TransactionType::kIncome, "Side job"));
  }
  rows.push_back(budget::testing::row("2025-06-20", "5000", core::TransactionType::kIncome, "Side job"));
  const auto report = compute_insights(rows, d("2025-07-01"));
  const auto anomalies = of_type(report, InsightType::kAnomaly);
  ASSERT_EQ(anomalies.size(), 1U);
  EXPECT_EQ(anomalies[0]->severity, Severity::kWarning);
  EXPECT_NEAR(*anomalies[0]->amount, 900.0, 1e-9);
  EXPECT_EQ(anomalies[0]->message, "Unusually low income of Rs. 900 in Income (typically Rs. 5,000)");
  EXPECT_FALSE(std::get<AnomalyDetails>(anomalies[0]->details).above_typical);
}

TEST(InsightsTest, AtMostThreeAnomalies) {
  std::vector<core::Transaction> rows;
  for (const char* category : {"A", "B", "C", "D"}) {
    for (const char* day : {"2025-01-02", "2025-01-03", "2025-01-04", "2025-01-05"}) rows.push_back(expense(day, "10", category));
    rows.push_back(expense("2025-01-06", "1000", category));
  }
  EXPECT_EQ(of_type(compute_insights(rows, d("2025-02-01")), InsightType::kAnomaly).size(), kMaxAnomalies);
}

TEST(InsightsTest, WeekendAndNoSpendDaysCarryTheirNumbers) {
  // Two weeks from Monday 2025-03-03 to Sunday 2025-03-16: 20 spent each weekend day, 10 on
  // Mondays and Wednesdays only.
  std::vector<core::Transaction> rows;
  for (const char* day : {"2025-03-08", "2025-03-09", "2025-03-15", "2025-03-16"}) rows.push_back(expense(day, "20", "Fun"));
  for (const char* day : {"2025-03-03", "2025-03-05", "2025-03-10", "2025-03-12"}) rows.push_back(expense(day, "10", "Food"));
  rows.push_back(expense("2025-04-30", "999", "Future"));  // after today: left out of both
  const auto report = compute_insights(rows, d("2025-03-16"));

  const auto weekend = of_type(report, InsightType::kWeekendSpending);
  ASSERT_EQ(weekend.size(), 1U);
  const auto& split = std::get<habits::WeekdayWeekendSpending>(weekend[0]->details);
  EXPECT_EQ(split.to, d("2025-03-16"));
  EXPECT_EQ(split.weekend.calendar_days, 4);
  EXPECT_EQ(split.weekday.calendar_days, 10);
  EXPECT_NEAR(split.weekend.average_per_day, 20.0, 1e-9);
  EXPECT_NEAR(split.weekday.average_per_day, 4.0, 1e-9);
  EXPECT_NEAR(*weekend[0]->amount, 20.0, 1e-9);
  EXPECT_NEAR(*weekend[0]->change_percentage, 400.0, 1e-9);
  EXPECT_NEAR(*weekend[0]->percentage, 80.0 / 120.0 * 100.0, 1e-9);
  EXPECT_EQ(weekend[0]->severity, Severity::kWarning);
  EXPECT_EQ(weekend[0]->message, "You spend 400% more per day on weekends (Rs. 20) than on weekdays (Rs. 4)");

  const auto no_spend = of_type(report, InsightType::kNoSpendDays);
  ASSERT_EQ(no_spend.size(), 1U);
  const auto& days = std::get<habits::NoSpendDays>(no_spend[0]->details);
  EXPECT_EQ(days.from, d("2025-03-03"));
  EXPECT_EQ(days.days, 14);
  EXPECT_EQ(days.spending_days, 8);
  EXPECT_EQ(days.no_spend_days, 6);
  EXPECT_EQ(no_spend[0]->message, "6 of the last 14 days of your history (2025-03-03 to 2025-03-16) had no spending");
}

TEST(InsightsTest, NoSpendDaysLookAtTheLastThirtyDays) {
  std::vector<core::Transaction> rows;
  rows.push_back(expense("2025-01-01", "5", "Food"));
  rows.push_back(expense("2025-03-31", "5", "Food"));
  const auto report = compute_insights(rows, d("2025-06-01"));
  const auto no_spend = of_type(report, InsightType::kNoSpendDays);
  ASSERT_EQ(no_spend.size(), 1U);
  const auto& days = std::get<habits::NoSpendDays>(no_spend[0]->details);
  EXPECT_EQ(days.from, d("2025-03-02"));
  EXPECT_EQ(days.to, d("2025-03-31"));
  EXPECT_EQ(days.no_spend_days, 29);
}

TEST(InsightsTest, EmptyInputIsAllZero) {
  const auto report = compute_insights({}, d("2025-01-01"));
  EXPECT_TRUE(report.insights.empty());
  EXPECT_TRUE(report.recommendations.empty());
  EXPECT_TRUE(report.spending_patterns.top_categories.empty());
  EXPECT_DOUBLE_EQ(report.predictions.confidence, 0.0);
  EXPECT_DOUBLE_EQ(report.spending_patterns.monthly_average.income, 0.0);
}

TEST(InsightsTest, ExtremeAmountsAndDatesStayFinite) {
  const auto max = std::to_string(std::numeric_limits<std::int64_t>::max() / 100);
  std::vector<core::Transaction> rows{expense("0001-01-01", max, "A"), expense("9999-12-31", max, "A"),
                                      expense("5000-06-15", "-" + max, "B"), income("0001-01-01", max),
                                      income("9999-12-31", max)};
  for (int i = 0; i < 12; ++i) rows.push_back(expense("9999-12-3" + std::to_string(i % 2), max, "C"));
  const auto report = compute_insights(rows, d("9999-12-31"));
  const auto finite = [](double value) { return std::isfinite(value); };
  EXPECT_TRUE(finite(report.spending_patterns.total_expenses));
  EXPECT_TRUE(finite(report.spending_patterns.savings_rate));
  EXPECT_TRUE(finite(report.spending_patterns.monthly_average.savings));
  for (const auto& insight : report.insights) {
    for (const auto& value : {insight.amount, insight.percentage, insight.potential_savings, insight.change_percentage}) {
      if (value) {
        EXPECT_TRUE(finite(*value)) << insight.message;
      }
    }
  }
}

}  // namespace
}  // namespace finml::analytics::insights
