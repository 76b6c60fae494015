#pragma once
/// @file finml/analytics/habits/rhythm.hpp
/// When in the week a user spends, and on how many days they spend nothing: weekend versus
/// weekday spending and no-spend days over a period, each with its numbers. Shared by the
/// habits, opportunities and nudges routes and by the insights (which call these directly).
///
/// Only expense rows with a positive amount count as spending (a refund day is not a spending
/// day); rows outside [from, to] are left out, so callers pass to = today to leave out
/// future-dated rows.
#include <optional>
#include <span>

#include <finml/core/date.hpp>
#include <finml/core/transaction.hpp>

namespace finml::analytics::habits {

/// Spending on one kind of day (Saturdays and Sundays, or Monday to Friday). Major units.
struct DayKindSpending {
  int calendar_days = 0;  ///< days of this kind in the period
  int spending_days = 0;  ///< of which had spending
  double total = 0.0;
  /// total / calendar_days: what a day of this kind costs on average (0 without such days).
  double average_per_day = 0.0;
  /// total / spending_days: the original's figure, what a day with spending costs (0 when none).
  double average_per_spending_day = 0.0;
};

struct WeekdayWeekendSpending {
  core::Date from;
  core::Date to;
  DayKindSpending weekend;
  DayKindSpending weekday;
  /// weekend.average_per_day / weekday.average_per_day; nullopt when the weekdays cost nothing
  /// or the period has no day of one kind.
  std::optional<double> weekend_to_weekday_ratio;
};

/// Splits the spending of [from, to] into weekend and weekday days. Empty when to < from.
[[nodiscard]] WeekdayWeekendSpending weekday_weekend_spending(std::span<const core::Transaction> rows,
                                                              core::Date from, core::Date to);

struct NoSpendDays {
  core::Date from;
  core::Date to;
  int days = 0;           ///< days in [from, to]
  int spending_days = 0;  ///< days with spending
  int no_spend_days = 0;  ///< days − spending_days
};

/// Counts the days of [from, to] without spending (all zero when to < from).
[[nodiscard]] NoSpendDays no_spend_days(std::span<const core::Transaction> rows, core::Date from, core::Date to);

}  // namespace finml::analytics::habits
