#pragma once
/// @file finml/analytics/budget/recommend.hpp
/// A 50/30/20 budget plan from recent spending and savings goals (seed-api.md 3.6,
/// generate_budget_recommendations), with the original's bugs fixed:
/// - the goal-adjusted plan takes from wants down to a floor of 15 %, then from needs, so it
///   always adds up to exactly what is planned (B6: the original could reach 105 % of income);
/// - savings-like expenses count as savings, unknown categories as (reported) wants (B29);
/// - averages divide by the months observed, variability uses complete months (B28).
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <finml/analytics/budget/spending.hpp>
#include <finml/core/date.hpp>
#include <finml/core/error.hpp>
#include <finml/core/transaction.hpp>

namespace finml::analytics::budget {

/// A savings goal as the original's callers and the real client send it. Amounts in major units.
struct SavingsGoal {
  /// Counted unless a status other than "active" (any case) is given: the real client sends
  /// none (the original then ignored every goal, B7).
  std::optional<std::string> status;
  double target_amount = 0.0;
  double current_amount = 0.0;  ///< `current_amount` or the client's `current_savings`
  std::optional<double> monthly_contribution;
  std::optional<core::Date> target_date;
};

struct RecommendOptions {
  int analysis_months = 3;  ///< 1..12
  /// The amount to plan each month (the client's overall monthly budget). Absent: the income.
  std::optional<double> total_budget;
};

/// What a plan allocates, in major units per month, and as percentages of what is planned.
struct Allocation {
  double needs = 0.0;
  double wants = 0.0;
  double savings = 0.0;
  double needs_percentage = 0.0;
  double wants_percentage = 0.0;
  double savings_percentage = 0.0;
};

enum class PlanBasis {
  kIncome,         ///< no total_budget: the plan allocates the monthly income
  kTotalBudget,    ///< the plan allocates total_budget
  kIncomeCapped,   ///< total_budget exceeds the income: the plan allocates the income
};

/// "income", "total_budget", "income_capped".
[[nodiscard]] std::string_view to_string(PlanBasis basis) noexcept;

/// One of the original's category_recommendations.
struct CategoryRecommendation {
  enum class Kind { kLeakage, kReduction };
  std::string category;
  Kind kind = Kind::kLeakage;
  std::string message;
  double current_amount = 0.0;
  std::optional<double> recommended_amount;
  std::optional<double> potential_savings;
  std::optional<double> variance;  ///< the monthly standard deviation, as the original named it
};

/// One row for the real client's budget_recommendations table (client-contract.md 5, 8.13).
struct StoredRecommendation {
  std::string type;      ///< allocation, leakage, reduction
  std::string category;  ///< "Needs", "Wants", "Savings" or a spending category
  double current_amount = 0.0;
  double recommended_amount = 0.0;
  double savings_potential = 0.0;  ///< never negative
  std::string priority;            ///< high, medium, low
};

struct BudgetRecommendation {
  double monthly_income = 0.0;
  double planned_total = 0.0;  ///< what the plan allocates
  PlanBasis basis = PlanBasis::kIncome;
  double goal_savings_required = 0.0;  ///< monthly saving the active goals ask for (capped)
  Allocation recommended;
  Allocation current;  ///< percentages of planned_total
  std::vector<CategoryRecommendation> category_recommendations;  ///< at most 10
  std::vector<StoredRecommendation> recommendations;
  std::vector<std::string> unclassified_categories;
  SpendingAnalysis analysis;
};

/// Plans a budget from the last `analysis_months` × 30 days. Fails with kInvalidArgument
/// "Unable to determine income" when there is no income in the window and no total_budget.
[[nodiscard]] core::Result<BudgetRecommendation> recommend_budget(std::span<const core::Transaction> rows,
                                                                 std::span<const SavingsGoal> goals,
                                                                 const RecommendOptions& options, core::Date today);

/// The monthly saving the active goals ask for: each goal's monthly_contribution, else what
/// remains of it spread over the whole months to its target date (at least one), else over 12
/// months as the original did.
[[nodiscard]] double goal_monthly_requirement(std::span<const SavingsGoal> goals, core::Date today);

}  // namespace finml::analytics::budget
