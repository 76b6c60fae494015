#pragma once
/// @file finml/analytics/budget/optimize.hpp
/// Where to cut spending to reach a target savings rate (seed-api.md 3.6, optimize_budget),
/// over the last 90 days, with the original's bugs fixed:
/// - the savings rate is (income − spending) / income over that window, spending being the
///   needs and wants expenses (B9; the original counted only savings-type rows, so a user who
///   records none always had 0 %);
/// - a target already met is a normal answer with status "target_met" (B3: HTTP 500), and
///   income without expenses is no division by zero (B4);
/// - categories are bucketed by the rules of classification.hpp (B29), averages divide by the
///   months observed and variability is taken over complete months, never NaN (B28).
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <finml/analytics/budget/spending.hpp>
#include <finml/core/date.hpp>
#include <finml/core/error.hpp>
#include <finml/core/transaction.hpp>

namespace finml::analytics::budget {

/// One entry of the caller's current plan: a category and its monthly budget (major units).
struct PlannedCategory {
  std::string category;
  double amount = 0.0;
};

struct OptimizeOptions {
  double target_savings_rate = 0.20;  ///< a fraction, 0..0.5
  /// The user's current budget per category (the client's `current_budget`), in its order.
  std::vector<PlannedCategory> current_budget;
  std::string currency_label = "Rs.";
};

struct Opportunity {
  std::string category;
  double current_spending = 0.0;  ///< monthly average
  double suggested_reduction = 0.0;
  double new_budget = 0.0;  ///< never above current_budget when the plan has the category
  std::optional<double> current_budget;
  bool unclassified = false;  ///< a want only because no rule knew the name
};

struct Optimization {
  double monthly_income = 0.0;
  double monthly_spending = 0.0;    ///< needs + wants
  double current_savings_rate = 0.0;  ///< a fraction; negative when spending exceeds income
  double target_savings_rate = 0.0;
  double monthly_savings_gap = 0.0;   ///< 0 when the target is met
  std::vector<Opportunity> opportunities;  ///< at most 5, largest score first
  double projected_savings_rate = 0.0;  ///< a fraction, after the reductions
  std::string status;                   ///< target_met, target_reachable, target_not_reachable
  std::string message;
  /// The plan after the reductions: the caller's current_budget with the cut categories
  /// lowered, or without one, every category's monthly average (rounded on output).
  std::vector<PlannedCategory> optimized_budget;
  std::vector<std::string> unclassified_categories;
  SpendingAnalysis analysis;
};

/// Fails with kInvalidArgument "Unable to determine income" when the window holds no income.
[[nodiscard]] core::Result<Optimization> optimize_budget(std::span<const core::Transaction> rows,
                                                        const OptimizeOptions& options, core::Date today);

}  // namespace finml::analytics::budget
