#include <finml/analytics/habits/nudges.hpp>

#include <gtest/gtest.h>

#include "analytics/budget/sample_rows.hpp"

namespace finml::analytics::habits {
namespace {

using namespace budget::testing;

core::Transaction saving(std::string_view date, std::string_view amount) {
  return row(date, amount, core::TransactionType::kSavings, "Savings");
}

// seed-api.md 2.21's verified example: sample transactions, goals Trip 500/1000 and Car
// 100/1000. Goals and no-spend days are the original's; the sample user earns more than they
// spend every month, so a 12-month savings streak is added (B16, B9).
TEST(GenerateNudgesTest, ReproducesTheOriginalsExample) {
  const std::vector<NudgeGoal> goals{{.name = "Trip", .target_amount = 1000, .current_amount = 500, .status = "active"},
                                     {.name = "Car", .target_amount = 1000, .current_amount = 100, .status = "active"}};
  const auto report = generate_nudges(sample_rows(), goals, sample_today());
  ASSERT_EQ(report.nudges.size(), 4u);
  EXPECT_EQ(report.nudges[0].category, NudgeCategory::kSavingsStreak);
  EXPECT_EQ(report.nudges[0].streak_months, 12);
  EXPECT_EQ(report.nudges[1].kind, NudgeKind::kMilestone);
  EXPECT_EQ(report.nudges[1].message, "Halfway there! You've reached 50% of your 'Trip' target.");
  EXPECT_DOUBLE_EQ(*report.nudges[1].progress_percentage, 50.0);
  EXPECT_EQ(report.nudges[2].kind, NudgeKind::kGoalReminder);
  EXPECT_EQ(report.nudges[2].sentiment, Sentiment::kNeutral);
  EXPECT_EQ(report.nudges[2].message, "Increase contributions to 'Car' to stay on track.");
  EXPECT_EQ(report.nudges[3].category, NudgeCategory::kNoSpendDays);
  EXPECT_EQ(report.nudges[3].no_spend_days, 12);
  EXPECT_EQ(report.nudges[3].message, "You had 12 no-spend days in the last 30 days. Excellent discipline!");
}

// B16: savings in Jun, Aug, Sep, Nov are four months but no three consecutive ones.
TEST(GenerateNudgesTest, B16StreakCountsConsecutiveMonthsEndingLastMonth) {
  std::vector rows{saving("2025-06-03", "100"), saving("2025-08-03", "100"), saving("2025-09-03", "100"),
                   saving("2025-11-03", "100")};
  EXPECT_EQ(savings_streak(rows, sample_today()), 1);
  rows.push_back(saving("2025-10-03", "100"));
  EXPECT_EQ(savings_streak(rows, sample_today()), 4);  // August to November
  const auto report = generate_nudges(rows, {}, sample_today());
  ASSERT_FALSE(report.nudges.empty());
  EXPECT_EQ(report.nudges[0].message, "You've saved for 4 consecutive months! Keep it up!");
  // A running month's saving does not end a streak that stopped last month.
  const std::vector gap{saving("2025-12-01", "100"), saving("2025-10-01", "100")};
  EXPECT_EQ(savings_streak(gap, sample_today()), 0);
}

TEST(GenerateNudgesTest, B16IncomeAboveSpendingIsSaving) {
  const std::vector rows{income("2025-10-01", "1000"), expense("2025-10-02", "900", "Rent"),
                         income("2025-11-01", "1000"), expense("2025-11-02", "1100", "Rent")};
  EXPECT_EQ(savings_streak(rows, sample_today()), 0);
  EXPECT_EQ(savings_streak(std::span(rows).first(2), sample_today()), 0);  // October is not last month
  EXPECT_EQ(savings_streak(std::span(rows).first(2), d("2025-11-15")), 1);
}

// B17: a future-dated expense is no spending day, and a history of 10 days counts 10 days.
TEST(GenerateNudgesTest, B17NoSpendDaysOverTheRealWindow) {
  const std::vector rows{expense("2025-11-29", "10", "Food"), expense("2025-12-01", "10", "Food"),
                         expense("2025-12-01", "5", "Transport"), expense("2025-12-10", "10", "Food"),
                         expense("2025-12-25", "10", "Food")};
  const auto report = generate_nudges(rows, {}, sample_today());
  EXPECT_EQ(report.no_spend.from, d("2025-11-29"));
  EXPECT_EQ(report.no_spend.days, 10);
  EXPECT_EQ(report.no_spend.spending_days, 2);
  ASSERT_EQ(report.nudges.size(), 1u);
  EXPECT_EQ(report.nudges[0].no_spend_days, 8);
  EXPECT_EQ(report.nudges[0].message, "You had 8 no-spend days in the last 10 days. Excellent discipline!");
}

TEST(GenerateNudgesTest, SpendingChangeOverRollingWindows) {
  const std::vector rows{expense("2025-10-20", "1000", "Food"), expense("2025-11-20", "500", "Food"),
                         expense("2025-12-30", "5000", "Food")};
  const auto report = generate_nudges(rows, {}, sample_today());
  ASSERT_FALSE(report.nudges.empty());
  EXPECT_EQ(report.nudges[0].category, NudgeCategory::kSpendingReduction);
  EXPECT_DOUBLE_EQ(*report.nudges[0].change_percentage, -50.0);
  EXPECT_EQ(report.nudges[0].message,
            "Great job! You've reduced spending by 50% over the last 30 days compared with the 30 days before.");
}

// B7: goals without a status count; a zero target is skipped; an inactive goal is not counted.
TEST(GenerateNudgesTest, B7GoalsWithoutStatusAreActive) {
  const std::vector<NudgeGoal> goals{{.name = "House", .target_amount = 600000, .current_amount = 450000, .status = {}},
                                     {.name = "Zero", .target_amount = 0, .current_amount = 10, .status = {}},
                                     {.name = "Old", .target_amount = 100, .current_amount = 50, .status = "completed"}};
  const auto report = generate_nudges({}, goals, sample_today());
  ASSERT_EQ(report.nudges.size(), 1u);
  EXPECT_EQ(report.nudges[0].message, "Almost there! You're at 75% of your 'House' target.");
  EXPECT_TRUE(generate_nudges({}, {}, sample_today()).nudges.empty());
}

}  // namespace
}  // namespace finml::analytics::habits
