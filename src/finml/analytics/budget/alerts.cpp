#include <finml/analytics/budget/alerts.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>

#include <finml/analytics/budget/classification.hpp>
#include <finml/analytics/series/monthly.hpp>
#include <finml/core/text.hpp>

namespace finml::analytics::budget {
namespace {

// Python's "{:.0f}": correctly rounded from the binary value, ties to even.
std::string whole(double value) {
  if (!std::isfinite(value)) return "0";
  std::array<char, 400> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                    std::chars_format::fixed, 0);
  if (result.ec != std::errc{}) return "0";
  std::string text(buffer.data(), result.ptr);
  return text == "-0" ? "0" : text;
}

bool is_active(const OverallBudget& row) {
  if (!row.status) return true;
  return core::equals_ignoring_ascii_case(*row.status, "active");
}

// Spending and saving between two dates, in major units.
struct Totals {
  double needs = 0.0;
  double wants = 0.0;
  double savings = 0.0;
  [[nodiscard]] double spending() const noexcept { return needs + wants; }
};

Totals totals_between(std::span<const core::Transaction> rows, core::Date from, core::Date to) {
  std::int64_t needs = 0;
  std::int64_t wants = 0;
  std::int64_t savings = 0;
  for (const auto& row : rows) {
    if (row.date < from || row.date > to) continue;
    const std::int64_t amount = row.amount.minor_units();
    if (row.type == core::TransactionType::kSavings) {
      savings = series::saturating_add(savings, amount);
    } else if (row.type == core::TransactionType::kExpense) {
      switch (classify_category(row.category).bucket) {
        case Bucket::kNeeds: needs = series::saturating_add(needs, amount); break;
        case Bucket::kWants: wants = series::saturating_add(wants, amount); break;
        case Bucket::kSavings: savings = series::saturating_add(savings, amount); break;
      }
    }
  }
  const double scale =
      rows.empty() ? 100.0 : static_cast<double>(rows.front().amount.currency().minor_per_major());
  return {.needs = static_cast<double>(needs) / scale,
          .wants = static_cast<double>(wants) / scale,
          .savings = static_cast<double>(savings) / scale};
}

struct SpendingCheck {
  std::string category;  // as written in the JSON: needs, wants, overall
  std::string label;     // as written in messages: "Needs budget", "Overall budget"
  double current = 0.0;
  double budget = 0.0;
  std::int64_t days_elapsed = 1;
  std::int64_t days_total = 1;
};

// One alert at most: exceeded supersedes projected.
std::optional<BudgetAlert> check_spending(const SpendingCheck& check, const std::string& currency) {
  if (check.current > check.budget) {
    return BudgetAlert{.kind = AlertKind::kExceeded,
                       .category = check.category,
                       .severity = "alert",
                       .message = "You've exceeded your " + check.label + " by " +
                                  whole(check.current - check.budget) + " " + currency,
                       .current_spending = check.current,
                       .budget = check.budget,
                       .projected_spending = std::nullopt,
                       .days_remaining = std::nullopt};
  }
  const std::int64_t remaining = check.days_total - check.days_elapsed;
  const double projected =
      check.current + check.current / static_cast<double>(check.days_elapsed) * static_cast<double>(remaining);
  if (!(projected > check.budget) || !(check.budget > 0.0)) return std::nullopt;
  const double over = projected - check.budget;
  return BudgetAlert{.kind = AlertKind::kProjectedOverspending,
                     .category = check.category,
                     .severity = "warning",
                     .message = "At current rate, you'll exceed " + check.label + " by " +
                                whole(over / check.budget * 100.0) + "% (" + whole(over) + " " + currency + ")",
                     .current_spending = check.current,
                     .budget = check.budget,
                     .projected_spending = projected,
                     .days_remaining = static_cast<int>(remaining)};
}

}  // namespace

std::string_view to_string(AlertKind kind) noexcept {
  switch (kind) {
    case AlertKind::kProjectedOverspending: return "projected_overspending";
    case AlertKind::kExceeded: return "exceeded";
    case AlertKind::kSavingsBehind: return "savings_behind";
  }
  return "exceeded";
}

std::vector<BudgetAlert> detect_alerts(std::span<const core::Transaction> rows, const BucketBudgets& budgets,
                                       std::span<const OverallBudget> overall, core::Date today,
                                       const AlertOptions& options) {
  std::vector<BudgetAlert> alerts;
  const core::Date month_first = core::first_of_month(today);
  const core::Date month_last = core::last_of_month(today);
  const std::int64_t day = static_cast<std::int64_t>(today.day());
  const std::int64_t days_in_month = core::days_between(month_first, month_last) + 1;
  const Totals month = totals_between(rows, month_first, today);
  const std::string& currency = options.currency_label;

  const auto add = [&alerts](std::optional<BudgetAlert> alert) {
    if (alert) alerts.push_back(std::move(*alert));
  };
  if (budgets.needs) {
    add(check_spending({"needs", "Needs budget", month.needs, *budgets.needs, day, days_in_month}, currency));
  }
  if (budgets.wants) {
    add(check_spending({"wants", "Wants budget", month.wants, *budgets.wants, day, days_in_month}, currency));
  }
  if (budgets.savings && *budgets.savings > 0.0) {
    // The budget's share of the days gone: what the plan expects to be saved by today.
    const double expected = *budgets.savings * static_cast<double>(day) / static_cast<double>(days_in_month);
    if (month.savings < expected) {
      alerts.push_back({.kind = AlertKind::kSavingsBehind,
                        .category = "savings",
                        .severity = "warning",
                        .message = "You've saved " + whole(month.savings) + " " + currency + " of your " +
                                   whole(*budgets.savings) + " " + currency +
                                   " savings budget; by this day of the month the plan expects " +
                                   whole(expected) + " " + currency,
                        .current_spending = month.savings,
                        .budget = *budgets.savings,
                        .projected_spending = std::nullopt,
                        .days_remaining = static_cast<int>(days_in_month - day)});
    }
  }
  for (const auto& row : overall) {
    if (!is_active(row) || !(row.amount > 0.0)) continue;
    if ((row.start_date && today < *row.start_date) || (row.end_date && *row.end_date < today)) continue;
    // Its own period when it names one, else the running month.
    const bool own_period = row.start_date && row.end_date;
    const core::Date from = own_period ? *row.start_date : month_first;
    const core::Date to = own_period ? *row.end_date : month_last;
    const Totals period = totals_between(rows, from, today);
    add(check_spending({"overall", "Overall budget", period.spending(), row.amount,
                        core::days_between(from, today) + 1, core::days_between(from, to) + 1},
                       currency));
  }
  return alerts;
}

}  // namespace finml::analytics::budget
