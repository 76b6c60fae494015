#pragma once
/// @file finml/analytics/budget/alerts.hpp
/// Overspending alerts for the running month (seed-api.md 3.6, detect_overspending_alerts),
/// against the original's bucket budgets {needs, wants, savings} and the real client's
/// overall budget rows, with bug B8 fixed:
/// - the month runs from its 1st (by date, so rows dated on the 1st count) to today; rows
///   dated after today are left out;
/// - a bucket without a budget is not checked (the original took 0 and wrote "inf%");
/// - one alert per budget: "exceeded" when spending is already over it, else
///   "projected_overspending" when the month's pace would take it over;
/// - the savings budget is used: "savings_behind" when less has been saved than the budget's
///   share of the days gone (savings budget × day / days in month);
/// - an overall budget row is checked against all spending (savings aside) in its period.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <finml/core/date.hpp>
#include <finml/core/transaction.hpp>

namespace finml::analytics::budget {

/// The original's `budget` object; amounts per month in major units, absent: not budgeted.
struct BucketBudgets {
  std::optional<double> needs;
  std::optional<double> wants;
  std::optional<double> savings;
};

/// One row of the real client's `budgets` table: its one overall budget.
struct OverallBudget {
  double amount = 0.0;
  std::optional<core::Date> start_date;
  std::optional<core::Date> end_date;
  /// Only "active" (any case) or absent rows are checked; "expired" ones are not.
  std::optional<std::string> status;
};

enum class AlertKind { kProjectedOverspending, kExceeded, kSavingsBehind };

struct BudgetAlert {
  AlertKind kind = AlertKind::kExceeded;
  std::string category;  ///< needs, wants, savings, overall
  std::string severity;  ///< warning, alert
  std::string message;
  double current_spending = 0.0;  ///< for savings: saved so far
  double budget = 0.0;
  std::optional<double> projected_spending;
  std::optional<int> days_remaining;
};

struct AlertOptions {
  std::string currency_label = "Rs.";  ///< how messages name the currency
};

/// The alerts for the month of `today`, in the order needs, wants, savings, overall rows.
/// Rows are assumed to share one currency.
[[nodiscard]] std::vector<BudgetAlert> detect_alerts(std::span<const core::Transaction> rows,
                                                     const BucketBudgets& budgets,
                                                     std::span<const OverallBudget> overall, core::Date today,
                                                     const AlertOptions& options = {});

/// "projected_overspending", "exceeded", "savings_behind".
[[nodiscard]] std::string_view to_string(AlertKind kind) noexcept;

}  // namespace finml::analytics::budget
