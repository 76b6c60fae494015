#include <finml/analytics/habits/rhythm.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

#include <finml/analytics/habits/common.hpp>
#include <finml/analytics/series/monthly.hpp>

namespace finml::analytics::habits {
namespace {

bool is_spending(const core::Transaction& row) {
  return row.type == core::TransactionType::kExpense && row.amount.minor_units() > 0;
}

bool is_weekend(core::Date date) { return date.weekday_index() >= 5; }

// Spending per day of [from, to] that had any, in minor units, ordered by day. Sorting the
// rows' days (rather than one slot per calendar day) keeps a period from year 1 to 9999 cheap.
struct DaySpending {
  core::Date day;
  std::int64_t minor = 0;
};

std::vector<DaySpending> daily_spending(std::span<const core::Transaction> rows, core::Date from, core::Date to) {
  std::vector<DaySpending> days;
  if (to < from) return days;
  for (const auto& row : rows) {
    if (!is_spending(row) || row.date < from || row.date > to) continue;
    days.push_back({row.date, row.amount.minor_units()});
  }
  std::ranges::sort(days, {}, &DaySpending::day);
  std::vector<DaySpending> merged;
  for (const auto& entry : days) {
    if (!merged.empty() && merged.back().day == entry.day) {
      merged.back().minor = series::saturating_add(merged.back().minor, entry.minor);
    } else {
      merged.push_back(entry);
    }
  }
  return merged;
}

// Days of each kind in [from, to], counted by whole weeks plus the remainder.
std::pair<int, int> count_day_kinds(core::Date from, core::Date to) {
  if (to < from) return {0, 0};
  const std::int64_t days = core::days_between(from, to) + 1;
  const std::int64_t weeks = days / 7;
  std::int64_t weekend = weeks * 2;
  for (std::int64_t i = weeks * 7; i < days; ++i) {
    if (is_weekend(from.plus_days(i))) ++weekend;
  }
  return {static_cast<int>(weekend), static_cast<int>(days - weekend)};
}

void finish(DayKindSpending& kind, std::int64_t total_minor, double scale) {
  kind.total = static_cast<double>(total_minor) / scale;
  kind.average_per_day = kind.calendar_days > 0 ? kind.total / kind.calendar_days : 0.0;
  kind.average_per_spending_day = kind.spending_days > 0 ? kind.total / kind.spending_days : 0.0;
}

}  // namespace

WeekdayWeekendSpending weekday_weekend_spending(std::span<const core::Transaction> rows, core::Date from,
                                                core::Date to) {
  WeekdayWeekendSpending split{.from = from, .to = to, .weekend = {}, .weekday = {},
                               .weekend_to_weekday_ratio = std::nullopt};
  const auto [weekend_days, weekday_days] = count_day_kinds(from, to);
  split.weekend.calendar_days = weekend_days;
  split.weekday.calendar_days = weekday_days;
  std::int64_t weekend_minor = 0;
  std::int64_t weekday_minor = 0;
  for (const auto& day : daily_spending(rows, from, to)) {
    if (is_weekend(day.day)) {
      ++split.weekend.spending_days;
      weekend_minor = series::saturating_add(weekend_minor, day.minor);
    } else {
      ++split.weekday.spending_days;
      weekday_minor = series::saturating_add(weekday_minor, day.minor);
    }
  }
  const double scale = minor_per_major(rows);
  finish(split.weekend, weekend_minor, scale);
  finish(split.weekday, weekday_minor, scale);
  if (split.weekend.calendar_days > 0 && split.weekday.average_per_day > 0.0) {
    split.weekend_to_weekday_ratio = split.weekend.average_per_day / split.weekday.average_per_day;
  }
  return split;
}

NoSpendDays no_spend_days(std::span<const core::Transaction> rows, core::Date from, core::Date to) {
  NoSpendDays result{.from = from, .to = to, .days = 0, .spending_days = 0, .no_spend_days = 0};
  if (to < from) return result;
  result.days = static_cast<int>(core::days_between(from, to) + 1);
  result.spending_days = static_cast<int>(
      std::ranges::count_if(daily_spending(rows, from, to), [](const DaySpending& day) { return day.minor > 0; }));
  result.no_spend_days = result.days - result.spending_days;
  return result;
}

}  // namespace finml::analytics::habits
