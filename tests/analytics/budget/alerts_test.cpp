#include <finml/analytics/budget/alerts.hpp>

#include <gtest/gtest.h>

#include "analytics/budget/sample_rows.hpp"

namespace finml::analytics::budget {
namespace {

using namespace testing;

constexpr double kCent = 0.01;

// seed-api.md 2.16's request: sample transactions, budget {needs 500, wants 800, savings 1141.46}.
// Needs reproduce the original's alert. Wants differ by the 41.20 of Entertainment dated
// 2025-12-01, which the original's window (the 1st at the current time of day) left out (B8):
// 268.09 -> 309.29, projected 1038.85 -> 1198.50. The savings budget now counts (B8): nothing
// saved by the 8th, against 8/31 of 1141.46.
TEST(DetectAlertsTest, ReproducesTheOriginalsExampleWithTheB8Fixes) {
  const auto rows = sample_rows();
  const auto alerts = detect_alerts(rows, {.needs = 500, .wants = 800, .savings = 1141.46}, {}, sample_today());
  ASSERT_EQ(alerts.size(), 3u);
  EXPECT_EQ(alerts[0].kind, AlertKind::kProjectedOverspending);
  EXPECT_EQ(alerts[0].category, "needs");
  EXPECT_EQ(alerts[0].severity, "warning");
  EXPECT_EQ(alerts[0].message, "At current rate, you'll exceed Needs budget by 22% (112 Rs.)");
  EXPECT_NEAR(alerts[0].current_spending, 157.9, kCent);
  EXPECT_NEAR(*alerts[0].projected_spending, 611.86, kCent);
  EXPECT_EQ(alerts[0].days_remaining, 23);
  EXPECT_EQ(alerts[1].category, "wants");
  EXPECT_NEAR(alerts[1].current_spending, 309.29, kCent);
  EXPECT_NEAR(*alerts[1].projected_spending, 1198.50, kCent);
  EXPECT_EQ(alerts[1].message, "At current rate, you'll exceed Wants budget by 50% (398 Rs.)");
  EXPECT_EQ(alerts[2].kind, AlertKind::kSavingsBehind);
  EXPECT_EQ(alerts[2].category, "savings");
  EXPECT_NEAR(alerts[2].budget, 1141.46, kCent);
  EXPECT_EQ(alerts[2].message,
            "You've saved 0 Rs. of your 1141 Rs. savings budget; by this day of the month the plan expects 295 Rs.");
}

// B8: the original gave "inf%" messages and both alerts per bucket for a missing budget.
TEST(DetectAlertsTest, B8NoBudgetMeansNoAlert) {
  const auto rows = sample_rows();
  EXPECT_TRUE(detect_alerts(rows, {}, {}, sample_today()).empty());
}

TEST(DetectAlertsTest, B8RowsOnTheFirstCountAndFutureRowsDoNot) {
  const std::vector rows{expense("2025-12-01", "1000", "Rent"), expense("2025-12-20", "5000", "Rent"),
                         expense("2025-11-30", "5000", "Rent")};
  const auto alerts = detect_alerts(rows, {.needs = 900, .wants = std::nullopt, .savings = std::nullopt}, {},
                                    sample_today());
  ASSERT_EQ(alerts.size(), 1u);  // exceeded supersedes projected
  EXPECT_EQ(alerts[0].kind, AlertKind::kExceeded);
  EXPECT_EQ(alerts[0].severity, "alert");
  EXPECT_DOUBLE_EQ(alerts[0].current_spending, 1000.0);
  EXPECT_EQ(alerts[0].message, "You've exceeded your Needs budget by 100 Rs.");
  EXPECT_FALSE(alerts[0].projected_spending);
}

TEST(DetectAlertsTest, SavingsOnPaceGiveNoAlert) {
  const std::vector rows{row("2025-12-02", "400", core::TransactionType::kSavings, "Savings"),
                         expense("2025-12-03", "100", "Investment")};
  EXPECT_TRUE(detect_alerts(rows, {.needs = std::nullopt, .wants = std::nullopt, .savings = 1550}, {},
                            sample_today())
                  .empty());  // 500 saved >= 1550 × 8 / 31 = 400
}

TEST(DetectAlertsTest, ChecksTheClientsOverallBudgetInItsPeriod) {
  const std::vector rows{expense("2025-12-02", "60000", "Food"), expense("2025-12-05", "20000", "Shopping"),
                         row("2025-12-06", "50000", core::TransactionType::kSavings, "Savings")};
  const std::vector<OverallBudget> budgets{
      {.amount = 150000, .start_date = d("2025-12-01"), .end_date = d("2025-12-31"), .status = "active"},
      {.amount = 1, .start_date = d("2025-11-01"), .end_date = d("2025-11-30"), .status = "active"},  // over
      {.amount = 1, .start_date = std::nullopt, .end_date = std::nullopt, .status = "expired"},
  };
  const auto alerts = detect_alerts(rows, {}, budgets, sample_today());
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].kind, AlertKind::kProjectedOverspending);
  EXPECT_EQ(alerts[0].category, "overall");
  EXPECT_DOUBLE_EQ(alerts[0].current_spending, 80000.0);  // savings aside
  EXPECT_DOUBLE_EQ(*alerts[0].projected_spending, 310000.0);
  EXPECT_EQ(alerts[0].message, "At current rate, you'll exceed Overall budget by 107% (160000 Rs.)");

  const std::vector<OverallBudget> open{{.amount = 50000, .start_date = std::nullopt, .end_date = std::nullopt,
                                         .status = std::nullopt}};
  const auto over = detect_alerts(rows, {}, open, sample_today());
  ASSERT_EQ(over.size(), 1u);
  EXPECT_EQ(over[0].kind, AlertKind::kExceeded);
  EXPECT_EQ(over[0].message, "You've exceeded your Overall budget by 30000 Rs.");
}

TEST(DetectAlertsTest, EmptyInputGivesNoAlerts) {
  EXPECT_TRUE(detect_alerts({}, {.needs = 100, .wants = 100, .savings = std::nullopt}, {}, sample_today()).empty());
}

}  // namespace
}  // namespace finml::analytics::budget
