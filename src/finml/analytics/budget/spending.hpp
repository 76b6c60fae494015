#pragma once
/// @file finml/analytics/budget/spending.hpp
/// What a user earned, spent and saved per month over a recent window, by 50/30/20 bucket and
/// by category: the common ground of the budget recommendation and the optimizer.
///
/// The window is the last 30·N days, today included (the original's "now − N·30 days" on
/// calendar dates), with future-dated rows left out. Monthly figures divide by the months the
/// user's history actually covers in that window (at least one, at most N), not by N (B28): a
/// user who started recording 45 days ago has 1.5 months. A category's variability is the
/// sample standard deviation of its totals over the last N *complete* calendar months (zero for
/// a month without spending; never NaN: 0 when fewer than two such months exist), so the
/// running month and a half-covered first month no longer distort it (B28).
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <finml/analytics/budget/classification.hpp>
#include <finml/core/date.hpp>
#include <finml/core/transaction.hpp>

namespace finml::analytics::budget {

/// Spending of one expense category in the window. Amounts are in major units.
struct CategorySpending {
  std::string name;
  Classification classification;
  double total = 0.0;
  double average_monthly = 0.0;  ///< total / observed months
  double monthly_std = 0.0;      ///< over the complete months; 0 when fewer than two
  int transaction_count = 0;
};

struct SpendingAnalysis {
  core::Date first;  ///< first day of the window
  core::Date last;   ///< today
  int requested_months = 3;
  double observed_months = 3.0;  ///< what monthly figures divide by
  int complete_months = 0;       ///< months behind monthly_std
  bool has_expenses = false;     ///< any expense row in the window
  /// Monthly averages in major units. Savings = savings-type rows plus expenses in
  /// savings-like categories (the original let the latter vanish: B29).
  double monthly_income = 0.0;
  double needs = 0.0;
  double wants = 0.0;
  double savings = 0.0;
  /// Expense categories in the order they first appear in the window (the original's order).
  std::vector<CategorySpending> categories;
  /// Names counted as wants because no rule knew them, in the same order.
  std::vector<std::string> unclassified_categories;

  /// needs + wants: what was spent, savings aside.
  [[nodiscard]] double spending() const noexcept { return needs + wants; }
};

/// Analyses the last `months` × 30 days up to `today`. `months` must be at least 1. Rows are
/// assumed to share one currency (the caller checks); sums saturate instead of overflowing.
[[nodiscard]] SpendingAnalysis analyze_spending(std::span<const core::Transaction> rows, core::Date today,
                                                int months);

/// value / total · 100, or 0 when total is not positive.
[[nodiscard]] double percent_of(double value, double total) noexcept;

}  // namespace finml::analytics::budget
