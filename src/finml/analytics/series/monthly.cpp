#include <finml/analytics/series/monthly.hpp>

#include <cmath>
#include <limits>

namespace finml::analytics::series {

core::YearMonth MonthlyTotals::last() const noexcept {
  return core::YearMonth::from_index(first.index() + static_cast<int>(minor.size()) - 1);
}

std::vector<double> MonthlyTotals::major(int currency_exponent) const {
  const double scale = std::pow(10.0, currency_exponent);
  std::vector<double> out;
  out.reserve(minor.size());
  for (const auto value : minor) out.push_back(static_cast<double>(value) / scale);
  return out;
}

std::int64_t saturating_add(std::int64_t a, std::int64_t b) noexcept {
  std::int64_t sum = 0;
  if (!__builtin_add_overflow(a, b, &sum)) return sum;
  return b > 0 ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
}

namespace {
bool matches(const core::Transaction& row, const MonthlyFilter& filter) {
  return row.type == filter.type && (filter.category.empty() || row.category == filter.category);
}
}  // namespace

MonthlyTotals monthly_totals(std::span<const core::Transaction> rows, MonthlyFilter filter,
                             core::YearMonth from, core::YearMonth to) {
  MonthlyTotals totals{.first = from, .minor = {}};
  const int first = from.index();
  const int count = to.index() - first + 1;
  if (count <= 0) return totals;
  totals.minor.assign(static_cast<std::size_t>(count), 0);
  for (const auto& row : rows) {
    if (!matches(row, filter)) continue;
    const int offset = core::YearMonth::of(row.date).index() - first;
    if (offset < 0 || offset >= count) continue;
    auto& slot = totals.minor[static_cast<std::size_t>(offset)];
    slot = saturating_add(slot, row.amount.minor_units());
  }
  return totals;
}

std::optional<std::pair<core::YearMonth, core::YearMonth>> month_span(std::span<const core::Transaction> rows,
                                                                      MonthlyFilter filter) {
  std::optional<std::pair<core::YearMonth, core::YearMonth>> span;
  for (const auto& row : rows) {
    if (!matches(row, filter)) continue;
    const auto month = core::YearMonth::of(row.date);
    if (!span) {
      span.emplace(month, month);
    } else {
      if (month < span->first) span->first = month;
      if (span->second < month) span->second = month;
    }
  }
  return span;
}

core::YearMonth last_complete_month(core::Date today) noexcept {
  const auto month = core::YearMonth::of(today);
  if (today == core::last_of_month(today)) return month;
  return core::YearMonth::from_index(month.index() - 1);
}

}  // namespace finml::analytics::series
