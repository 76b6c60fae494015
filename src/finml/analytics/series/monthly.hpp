#pragma once
/// @file finml/analytics/series/monthly.hpp
/// Calendar-month totals of a user's transactions: the series every model and score starts
/// from. Months without a matching transaction count as zero (the original dropped them, which
/// compressed gaps: B13, B23), and the month that is still running can be left out (B13).
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include <finml/core/date.hpp>
#include <finml/core/transaction.hpp>

namespace finml::analytics::series {

/// Totals per calendar month from `first` to `last()` inclusive, in minor units.
struct MonthlyTotals {
  core::YearMonth first;
  std::vector<std::int64_t> minor;  ///< one per month; zero for a month without transactions

  [[nodiscard]] std::size_t size() const noexcept { return minor.size(); }
  [[nodiscard]] bool empty() const noexcept { return minor.empty(); }
  [[nodiscard]] core::YearMonth last() const noexcept;
  /// The totals in major units (for the models, which work in floating point).
  [[nodiscard]] std::vector<double> major(int currency_exponent) const;
};

/// What to count: one type, optionally one category (exact match; empty: all).
struct MonthlyFilter {
  core::TransactionType type = core::TransactionType::kExpense;
  std::string_view category{};
};

/// Sums the amounts of the rows that match `filter` and are dated from `from`'s first day to
/// `to`'s last day, one total per month from `from` to `to` (empty when `to` < `from`).
/// Sums saturate at the int64 range instead of overflowing.
[[nodiscard]] MonthlyTotals monthly_totals(std::span<const core::Transaction> rows, MonthlyFilter filter,
                                           core::YearMonth from, core::YearMonth to);

/// The first and last month holding a row that matches `filter`; nullopt when none does.
[[nodiscard]] std::optional<std::pair<core::YearMonth, core::YearMonth>> month_span(
    std::span<const core::Transaction> rows, MonthlyFilter filter);

/// The latest month that is over as of `today`: today's month when today is its last day,
/// else the month before.
[[nodiscard]] core::YearMonth last_complete_month(core::Date today) noexcept;

/// Adds `b` to `a`, saturating at the int64 range.
[[nodiscard]] std::int64_t saturating_add(std::int64_t a, std::int64_t b) noexcept;

}  // namespace finml::analytics::series
