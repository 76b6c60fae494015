#include <finml/analytics/budget/optimize.hpp>

#include <gtest/gtest.h>

#include "analytics/budget/sample_rows.hpp"

namespace finml::analytics::budget {
namespace {

using namespace testing;

constexpr double kCent = 0.01;

// The sample's expenses with a smaller income (2000 a month), so that there is a gap to close.
std::vector<core::Transaction> sample_with_small_income() {
  std::vector<core::Transaction> rows;
  for (auto& row : sample_rows()) {
    if (row.type != core::TransactionType::kIncome) rows.push_back(std::move(row));
  }
  for (const auto* date : {"2025-09-15", "2025-10-15", "2025-11-15"}) rows.push_back(income(date, "2000"));
  return rows;
}

// seed-api.md 2.17's example reported 0 % because only savings-type rows counted (B9). Income
// minus spending over the same 90 days is 5707.32 - 1936.74: 66.07 %, so the 20 % target is
// met, and that is a complete 200 answer now (B3).
TEST(OptimizeBudgetTest, B9AndB3TheSampleAlreadyMeetsTheTarget) {
  const auto rows = sample_rows();
  const auto result = optimize_budget(rows, {}, sample_today());
  ASSERT_TRUE(result);
  EXPECT_NEAR(result->monthly_income, 5707.32, kCent);
  EXPECT_NEAR(result->monthly_spending, 1936.74, kCent);
  EXPECT_NEAR(result->current_savings_rate * 100, 66.07, kCent);
  EXPECT_EQ(result->status, "target_met");
  EXPECT_EQ(result->message, "You're already saving 66.1%, which meets or exceeds the target of 20%.");
  EXPECT_TRUE(result->opportunities.empty());
  EXPECT_DOUBLE_EQ(result->monthly_savings_gap, 0.0);
  EXPECT_DOUBLE_EQ(result->projected_savings_rate, result->current_savings_rate);
}

// With a gap, the cuts on Shopping and Entertainment are the original's (125.09 -> 291.89,
// 45.57 -> 106.33). "Other", an unclassified want now (B29), comes between them by score
// (average + std over complete months, B28).
TEST(OptimizeBudgetTest, CutsWantsByScoreAsTheOriginalDid) {
  const auto rows = sample_with_small_income();
  const auto result = optimize_budget(rows, {}, sample_today());
  ASSERT_TRUE(result);
  EXPECT_NEAR(result->current_savings_rate * 100, 3.16, kCent);
  EXPECT_NEAR(result->monthly_savings_gap, 336.74, kCent);
  ASSERT_EQ(result->opportunities.size(), 3u);
  EXPECT_EQ(result->opportunities[0].category, "Shopping");
  EXPECT_NEAR(result->opportunities[0].current_spending, 416.98, kCent);
  EXPECT_NEAR(result->opportunities[0].suggested_reduction, 125.09, kCent);
  EXPECT_NEAR(result->opportunities[0].new_budget, 291.89, kCent);
  EXPECT_EQ(result->opportunities[1].category, "Other");
  EXPECT_TRUE(result->opportunities[1].unclassified);
  EXPECT_NEAR(result->opportunities[1].suggested_reduction, 46.44, kCent);
  EXPECT_EQ(result->opportunities[2].category, "Entertainment");
  EXPECT_NEAR(result->opportunities[2].suggested_reduction, 45.57, kCent);
  EXPECT_NEAR(result->opportunities[2].new_budget, 106.33, kCent);
  EXPECT_NEAR(result->projected_savings_rate * 100, 14.02, kCent);
  EXPECT_EQ(result->status, "target_not_reachable");
}

TEST(OptimizeBudgetTest, HonoursTheCurrentBudgetAsThePlan) {
  const auto rows = sample_with_small_income();
  const auto result = optimize_budget(
      rows, {.target_savings_rate = 0.2, .current_budget = {{"shopping", 250}, {"Food", 600}}, .currency_label = "Rs."},
      sample_today());
  ASSERT_TRUE(result);
  ASSERT_FALSE(result->opportunities.empty());
  const auto& shopping = result->opportunities[0];
  EXPECT_EQ(shopping.category, "Shopping");
  EXPECT_EQ(shopping.current_budget, 250.0);
  EXPECT_DOUBLE_EQ(shopping.new_budget, 250.0);  // never above what the user allows
  EXPECT_NEAR(shopping.suggested_reduction, 166.98, kCent);
  ASSERT_EQ(result->optimized_budget.size(), 2u);
  EXPECT_EQ(result->optimized_budget[0].category, "shopping");
  EXPECT_DOUBLE_EQ(result->optimized_budget[0].amount, 250.0);
  EXPECT_EQ(result->optimized_budget[1].category, "Food");
  EXPECT_DOUBLE_EQ(result->optimized_budget[1].amount, 600.0);
}

// B4: income without expenses divided by zero in the original.
TEST(OptimizeBudgetTest, B4IncomeWithoutExpensesIsFine) {
  const std::vector rows{income("2025-11-10", "5000")};
  const auto result = optimize_budget(rows, {}, sample_today());
  ASSERT_TRUE(result);
  EXPECT_DOUBLE_EQ(result->current_savings_rate, 1.0);
  EXPECT_EQ(result->status, "target_met");
}

TEST(OptimizeBudgetTest, ReachableTargetSaysSo) {
  const std::vector rows{income("2025-11-10", "1000"), expense("2025-11-11", "850", "Dining"),
                         expense("2025-11-12", "100", "Rent")};
  const auto result = optimize_budget(rows, {.target_savings_rate = 0.1, .current_budget = {}, .currency_label = "Rs."},
                                      sample_today());
  ASSERT_TRUE(result);
  EXPECT_NEAR(result->monthly_savings_gap, 50.0, 1e-9);
  ASSERT_EQ(result->opportunities.size(), 1u);
  EXPECT_NEAR(result->opportunities[0].suggested_reduction, 50.0, 1e-9);
  EXPECT_NEAR(result->projected_savings_rate, 0.1, 1e-12);
  EXPECT_EQ(result->status, "target_reachable");
}

TEST(OptimizeBudgetTest, FailsWithoutIncome) {
  const std::vector rows{expense("2025-11-11", "850", "Dining")};
  const auto result = optimize_budget(rows, {}, sample_today());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "Unable to determine income");
}

}  // namespace
}  // namespace finml::analytics::budget
