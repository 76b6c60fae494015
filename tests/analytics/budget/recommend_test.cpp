#include <finml/analytics/budget/recommend.hpp>

#include <numeric>

#include <gtest/gtest.h>

#include "analytics/budget/sample_rows.hpp"

namespace finml::analytics::budget {
namespace {

using namespace testing;

constexpr double kCent = 0.01;  // the original's 2-dp outputs, compared at ±0.01

double total(const Allocation& allocation) { return allocation.needs + allocation.wants + allocation.savings; }

// seed-api.md 2.15, verified example: sample transactions, no goals, 3 months, now 2025-12-08.
TEST(RecommendBudgetTest, ReproducesTheOriginalsPlanOnTheSample) {
  const auto rows = sample_rows();
  const auto plan = recommend_budget(rows, {}, {}, sample_today());
  ASSERT_TRUE(plan);
  EXPECT_NEAR(plan->monthly_income, 5707.32, kCent);
  EXPECT_NEAR(plan->recommended.needs, 2853.66, kCent);
  EXPECT_NEAR(plan->recommended.wants, 1712.2, kCent);
  EXPECT_NEAR(plan->recommended.savings, 1141.46, kCent);
  EXPECT_NEAR(plan->recommended.needs_percentage, 50.0, 0.05);
  EXPECT_NEAR(plan->recommended.wants_percentage, 30.0, 0.05);
  EXPECT_NEAR(plan->recommended.savings_percentage, 20.0, 0.05);
  EXPECT_EQ(plan->basis, PlanBasis::kIncome);
  EXPECT_DOUBLE_EQ(plan->analysis.observed_months, 3.0);
  EXPECT_EQ(plan->analysis.complete_months, 3);
}

// B29 changes current spending: "Other" (154.80 a month) was a need by default; it is now an
// unclassified want. Needs + wants stay the original's 1367.85 + 568.89.
TEST(RecommendBudgetTest, CountsOtherAsAnUnclassifiedWant) {
  const auto rows = sample_rows();
  const auto plan = recommend_budget(rows, {}, {}, sample_today());
  ASSERT_TRUE(plan);
  EXPECT_NEAR(plan->current.needs, 1367.85 - 154.80, kCent);
  EXPECT_NEAR(plan->current.wants, 568.89 + 154.80, kCent);
  EXPECT_NEAR(plan->current.savings, 0.0, kCent);
  EXPECT_NEAR(plan->current.needs_percentage, 21.3, 0.05);
  EXPECT_NEAR(plan->current.wants_percentage, 12.7, 0.05);
  EXPECT_EQ(plan->unclassified_categories, std::vector<std::string>{"Other"});
}

// The original's two leakage items, in its order. Other keeps its variance (107.53: its months
// are the same); Healthcare's moves from 194.91 to 154.28 (B28): the original's months were
// Oct, Nov and the running December; the complete months are Sep (167.09), Oct, Nov.
TEST(RecommendBudgetTest, FlagsLeakageOverCompleteMonths) {
  const auto rows = sample_rows();
  const auto plan = recommend_budget(rows, {}, {}, sample_today());
  ASSERT_TRUE(plan);
  ASSERT_EQ(plan->category_recommendations.size(), 2u);
  const auto& other = plan->category_recommendations[0];
  EXPECT_EQ(other.category, "Other");
  EXPECT_EQ(other.kind, CategoryRecommendation::Kind::kLeakage);
  EXPECT_EQ(other.message, "High variance in Other spending. Consider setting a fixed budget.");
  EXPECT_NEAR(other.current_amount, 154.8, kCent);
  EXPECT_NEAR(*other.variance, 107.53, kCent);
  EXPECT_FALSE(other.recommended_amount);
  const auto& healthcare = plan->category_recommendations[1];
  EXPECT_EQ(healthcare.category, "Healthcare");
  EXPECT_NEAR(healthcare.current_amount, 207.53, kCent);
  EXPECT_NEAR(*healthcare.variance, 154.28, kCent);
}

// seed-api.md 2.15: with one active goal of 18000 left, savings 1500, wants 1353.66.
TEST(RecommendBudgetTest, ReproducesTheOriginalsGoalAdjustedPlan) {
  const auto rows = sample_rows();
  const SavingsGoal goal{.status = "active", .target_amount = 20000, .current_amount = 2000,
                         .monthly_contribution = std::nullopt, .target_date = std::nullopt};
  const auto plan = recommend_budget(rows, std::span(&goal, 1), {}, sample_today());
  ASSERT_TRUE(plan);
  EXPECT_NEAR(plan->recommended.needs, 2853.66, kCent);
  EXPECT_NEAR(plan->recommended.wants, 1353.66, kCent);
  EXPECT_NEAR(plan->recommended.savings, 1500.0, kCent);
  EXPECT_NEAR(plan->recommended.wants_percentage, 23.7, 0.05);
  EXPECT_NEAR(plan->recommended.savings_percentage, 26.3, 0.05);
}

// B6: a goal asking for 40 % of income took the original to 105 % (5992.69 of 5707.32);
// now wants stop at their 15 % floor and needs give up the rest.
TEST(RecommendBudgetTest, B6GoalAdjustedPlanNeverExceedsIncome) {
  const auto rows = sample_rows();
  const SavingsGoal goal{.status = std::nullopt, .target_amount = 1'000'000, .current_amount = 0,
                         .monthly_contribution = std::nullopt, .target_date = std::nullopt};
  const auto plan = recommend_budget(rows, std::span(&goal, 1), {}, sample_today());
  ASSERT_TRUE(plan);
  EXPECT_NEAR(plan->recommended.savings, 0.40 * 5707.32, kCent);
  EXPECT_NEAR(plan->recommended.wants, 0.15 * 5707.32, kCent);
  EXPECT_NEAR(plan->recommended.needs, 5707.32 - 0.55 * 5707.32, kCent);
  EXPECT_NEAR(total(plan->recommended), plan->monthly_income, 1e-6);
}

TEST(RecommendBudgetTest, GoalsWithAnotherStatusAreLeftOutAndTargetDatesSpreadTheRest) {
  const auto rows = sample_rows();
  const SavingsGoal done{.status = "Completed", .target_amount = 1'000'000, .current_amount = 0,
                         .monthly_contribution = std::nullopt, .target_date = std::nullopt};
  EXPECT_DOUBLE_EQ(goal_monthly_requirement(std::span(&done, 1), sample_today()), 0.0);
  const SavingsGoal dated{.status = std::nullopt, .target_amount = 6000, .current_amount = 0,
                          .monthly_contribution = std::nullopt, .target_date = d("2026-06-08")};
  EXPECT_DOUBLE_EQ(goal_monthly_requirement(std::span(&dated, 1), sample_today()), 1000.0);
  const SavingsGoal past{.status = "ACTIVE", .target_amount = 600, .current_amount = 0,
                         .monthly_contribution = std::nullopt, .target_date = d("2020-01-01")};
  EXPECT_DOUBLE_EQ(goal_monthly_requirement(std::span(&past, 1), sample_today()), 600.0);
}

TEST(RecommendBudgetTest, AllocatesTheTotalBudgetWhenGivenCappedAtIncome) {
  const auto rows = sample_rows();
  const auto planned = recommend_budget(rows, {}, {.analysis_months = 3, .total_budget = 4000}, sample_today());
  ASSERT_TRUE(planned);
  EXPECT_EQ(planned->basis, PlanBasis::kTotalBudget);
  EXPECT_NEAR(planned->recommended.needs, 2000, 1e-9);
  EXPECT_NEAR(planned->recommended.wants, 1200, 1e-9);
  EXPECT_NEAR(planned->recommended.savings, 800, 1e-9);
  EXPECT_NEAR(planned->current.needs_percentage, 1213.05 / 4000 * 100, 0.01);
  EXPECT_NEAR(planned->monthly_income, 5707.32, kCent);

  const auto capped = recommend_budget(rows, {}, {.analysis_months = 3, .total_budget = 1e9}, sample_today());
  ASSERT_TRUE(capped);
  EXPECT_EQ(capped->basis, PlanBasis::kIncomeCapped);
  EXPECT_NEAR(total(capped->recommended), 5707.32, kCent);

  const auto no_income = recommend_budget({}, {}, {.analysis_months = 3, .total_budget = 3000}, sample_today());
  ASSERT_TRUE(no_income);
  EXPECT_EQ(no_income->basis, PlanBasis::kTotalBudget);
  EXPECT_DOUBLE_EQ(no_income->monthly_income, 0.0);
}

TEST(RecommendBudgetTest, FailsWithoutIncomeOrTotalBudget) {
  const std::vector rows{expense("2025-12-01", "100", "Food")};
  const auto plan = recommend_budget(rows, {}, {}, sample_today());
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(plan.error().message, "Unable to determine income");
}

// B28: monthly figures divide by the months the history covers, not the months asked for.
TEST(RecommendBudgetTest, B28AveragesOverTheMonthsObserved) {
  const std::vector rows{income("2025-11-09", "3000"), expense("2025-11-09", "600", "Dining"),
                         expense("2025-12-01", "300", "Dining")};
  const auto plan = recommend_budget(rows, {}, {}, sample_today());  // 30 days of history
  ASSERT_TRUE(plan);
  EXPECT_DOUBLE_EQ(plan->analysis.observed_months, 1.0);
  EXPECT_DOUBLE_EQ(plan->monthly_income, 3000.0);
  EXPECT_DOUBLE_EQ(plan->current.wants, 900.0);
  ASSERT_EQ(plan->analysis.categories.size(), 1u);
  EXPECT_DOUBLE_EQ(plan->analysis.categories[0].monthly_std, 0.0);  // no complete month yet: 0, not NaN
  // Dining, 900 > 0.3 × 900 of wants: the reduction advice.
  ASSERT_EQ(plan->category_recommendations.size(), 1u);
  EXPECT_EQ(plan->category_recommendations[0].kind, CategoryRecommendation::Kind::kReduction);
  EXPECT_DOUBLE_EQ(*plan->category_recommendations[0].recommended_amount, 720.0);
}

// B29: expenses in savings-like categories are savings, not lost.
TEST(RecommendBudgetTest, B29SavingsLikeExpensesCountAsSavings) {
  const std::vector rows{income("2025-11-20", "5000"), expense("2025-11-21", "1000", "Investment"),
                         row("2025-11-22", "500", core::TransactionType::kSavings, "Savings"),
                         expense("2025-11-23", "200", "Groceries")};
  const auto plan = recommend_budget(rows, {}, {.analysis_months = 1, .total_budget = std::nullopt}, sample_today());
  ASSERT_TRUE(plan);
  EXPECT_DOUBLE_EQ(plan->current.savings, 1500.0);
  EXPECT_DOUBLE_EQ(plan->current.needs, 200.0);
  EXPECT_DOUBLE_EQ(plan->current.wants, 0.0);
}

TEST(RecommendBudgetTest, StoredRecommendationsHaveEveryFieldAndAPriority) {
  const auto rows = sample_rows();
  const auto plan = recommend_budget(rows, {}, {}, sample_today());
  ASSERT_TRUE(plan);
  ASSERT_EQ(plan->recommendations.size(), 5u);
  EXPECT_EQ(plan->recommendations[2].category, "Savings");
  EXPECT_NEAR(plan->recommendations[2].savings_potential, 1141.46, kCent);
  EXPECT_EQ(plan->recommendations[2].priority, "high");
  for (const auto& item : plan->recommendations) {
    EXPECT_GE(item.savings_potential, 0.0);
    EXPECT_TRUE(item.priority == "high" || item.priority == "medium" || item.priority == "low");
  }
}

}  // namespace
}  // namespace finml::analytics::budget
