#include <finml/analytics/budget/recommend.hpp>

#include <algorithm>
#include <cmath>

#include <finml/core/text.hpp>

namespace finml::analytics::budget {
namespace {

// The 50/30/20 rule, and the original's limits on goal-driven savings.
constexpr double kNeedsShare = 0.50;
constexpr double kWantsShare = 0.30;
constexpr double kSavingsShare = 0.20;
constexpr double kWantsFloorShare = 0.15;  // wants are never cut below this share
constexpr double kGoalSavingsCap = 0.40;   // goals never ask for more than this share
constexpr std::size_t kMaxCategoryRecommendations = 10;
// Leakage: a category whose monthly spending swings by more than half its average, above a
// floor (in major units, the original's constant) that keeps small categories quiet.
constexpr double kLeakageRelativeStd = 0.5;
constexpr double kLeakageMinimumAverage = 100.0;
// Reduction: a want taking more than this share of the wants budget, cut by 20 %.
constexpr double kReductionShareOfWants = 0.3;
constexpr double kReductionFactor = 0.2;
// Priority of a stored recommendation by what it saves, as a share of the plan.
constexpr double kHighPriorityShare = 0.10;
constexpr int kGoalFallbackMonths = 12;

bool is_active(const SavingsGoal& goal) {
  if (!goal.status) return true;
  return core::equals_ignoring_ascii_case(*goal.status, "active");
}

double finite_or_zero(double value) { return std::isfinite(value) ? value : 0.0; }

Allocation with_percentages(double needs, double wants, double savings, double total) {
  return {.needs = needs,
          .wants = wants,
          .savings = savings,
          .needs_percentage = percent_of(needs, total),
          .wants_percentage = percent_of(wants, total),
          .savings_percentage = percent_of(savings, total)};
}

std::string priority_of(double savings_potential, double planned_total) {
  if (!(savings_potential > 0.0)) return "low";
  return savings_potential >= kHighPriorityShare * planned_total ? "high" : "medium";
}

StoredRecommendation stored(std::string type, std::string category, double current, double recommended,
                            double savings_potential, double planned_total) {
  savings_potential = std::max(0.0, finite_or_zero(savings_potential));
  return {.type = std::move(type),
          .category = std::move(category),
          .current_amount = current,
          .recommended_amount = recommended,
          .savings_potential = savings_potential,
          .priority = priority_of(savings_potential, planned_total)};
}

}  // namespace

std::string_view to_string(PlanBasis basis) noexcept {
  switch (basis) {
    case PlanBasis::kIncome: return "income";
    case PlanBasis::kTotalBudget: return "total_budget";
    case PlanBasis::kIncomeCapped: return "income_capped";
  }
  return "income";
}

double goal_monthly_requirement(std::span<const SavingsGoal> goals, core::Date today) {
  double total = 0.0;
  for (const auto& goal : goals) {
    if (!is_active(goal)) continue;
    if (goal.monthly_contribution && *goal.monthly_contribution > 0.0) {
      total += *goal.monthly_contribution;
      continue;
    }
    const double remaining = std::max(0.0, goal.target_amount - goal.current_amount);
    int months = kGoalFallbackMonths;
    if (goal.target_date) months = std::max(1, core::whole_months_between(today, *goal.target_date));
    total += remaining / months;
  }
  return finite_or_zero(total);
}

core::Result<BudgetRecommendation> recommend_budget(std::span<const core::Transaction> rows,
                                                   std::span<const SavingsGoal> goals,
                                                   const RecommendOptions& options, core::Date today) {
  BudgetRecommendation plan;
  plan.analysis = analyze_spending(rows, today, options.analysis_months);
  const SpendingAnalysis& analysis = plan.analysis;
  plan.monthly_income = analysis.monthly_income;

  const bool has_income = analysis.monthly_income > 0.0;
  if (options.total_budget && *options.total_budget > 0.0) {
    if (has_income && *options.total_budget > analysis.monthly_income) {
      plan.planned_total = analysis.monthly_income;
      plan.basis = PlanBasis::kIncomeCapped;
    } else {
      plan.planned_total = *options.total_budget;
      plan.basis = PlanBasis::kTotalBudget;
    }
  } else if (has_income) {
    plan.planned_total = analysis.monthly_income;
    plan.basis = PlanBasis::kIncome;
  } else {
    return core::fail(core::ErrorCode::kInvalidArgument, "Unable to determine income");
  }
  const double total = plan.planned_total;

  // Baseline 50/30/20, then what the goals need. Extra savings come out of wants down to
  // their floor, then out of needs (B6), so the three always add up to the planned total.
  double needs = kNeedsShare * total;
  double wants = kWantsShare * total;
  double savings = kSavingsShare * total;
  plan.goal_savings_required = std::min(goal_monthly_requirement(goals, today), kGoalSavingsCap * total);
  if (plan.goal_savings_required > savings) {
    double extra = plan.goal_savings_required - savings;
    const double from_wants = std::min(extra, wants - kWantsFloorShare * total);
    wants -= from_wants;
    extra -= from_wants;
    needs -= extra;
    savings = plan.goal_savings_required;
  }
  plan.recommended = with_percentages(needs, wants, savings, total);
  plan.current = with_percentages(analysis.needs, analysis.wants, analysis.savings, total);
  plan.unclassified_categories = analysis.unclassified_categories;

  for (const auto& category : analysis.categories) {
    if (category.classification.bucket == Bucket::kSavings) continue;  // saving is not a leak
    const double average = category.average_monthly;
    if (category.monthly_std > kLeakageRelativeStd * average && average > kLeakageMinimumAverage) {
      plan.category_recommendations.push_back(
          {.category = category.name,
           .kind = CategoryRecommendation::Kind::kLeakage,
           .message = "High variance in " + category.name + " spending. Consider setting a fixed budget.",
           .current_amount = average,
           .recommended_amount = std::nullopt,
           .potential_savings = std::nullopt,
           .variance = category.monthly_std});
    }
    if (category.classification.bucket == Bucket::kWants && average > kReductionShareOfWants * wants) {
      plan.category_recommendations.push_back(
          {.category = category.name,
           .kind = CategoryRecommendation::Kind::kReduction,
           .message = "Consider reducing " + category.name + " spending by 20%.",
           .current_amount = average,
           .recommended_amount = (1.0 - kReductionFactor) * average,
           .potential_savings = kReductionFactor * average,
           .variance = std::nullopt});
    }
  }
  if (plan.category_recommendations.size() > kMaxCategoryRecommendations) {
    plan.category_recommendations.resize(kMaxCategoryRecommendations);
  }

  // The rows the real client stores: one per bucket, then one per category recommendation.
  const Allocation& now = plan.current;
  plan.recommendations.push_back(stored("allocation", "Needs", now.needs, needs, now.needs - needs, total));
  plan.recommendations.push_back(stored("allocation", "Wants", now.wants, wants, now.wants - wants, total));
  plan.recommendations.push_back(
      stored("allocation", "Savings", now.savings, savings, savings - now.savings, total));
  for (const auto& item : plan.category_recommendations) {
    if (item.kind == CategoryRecommendation::Kind::kLeakage) {
      // A fixed budget at the average: steadier, not smaller.
      plan.recommendations.push_back(
          stored("leakage", item.category, item.current_amount, item.current_amount, 0.0, total));
    } else {
      plan.recommendations.push_back(stored("reduction", item.category, item.current_amount,
                                            item.recommended_amount.value_or(item.current_amount),
                                            item.potential_savings.value_or(0.0), total));
    }
  }
  return plan;
}

}  // namespace finml::analytics::budget
