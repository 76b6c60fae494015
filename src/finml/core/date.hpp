#pragma once
/// @file finml/core/date.hpp
/// Calendar dates (booking dates, not instants) and the calendar arithmetic the analytics need.
/// Nothing here reads a clock: "today" is always an argument.
#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <finml/core/error.hpp>

namespace finml::core {

class Date {
 public:
  /// 1970-01-01.
  constexpr Date() noexcept = default;
  constexpr explicit Date(std::chrono::sys_days days) noexcept : days_(days) {}

  /// A valid calendar date, or nullopt (2025-02-30, month 13, years outside 1..9999).
  [[nodiscard]] static std::optional<Date> from_ymd(int year, unsigned month, unsigned day) noexcept;
  /// Parses exactly "YYYY-MM-DD".
  [[nodiscard]] static std::optional<Date> parse_iso(std::string_view text) noexcept;
  [[nodiscard]] static constexpr Date from_days_since_epoch(std::int64_t days) noexcept {
    return Date(std::chrono::sys_days(std::chrono::days(days)));
  }

  [[nodiscard]] std::chrono::year_month_day ymd() const noexcept { return {days_}; }
  [[nodiscard]] int year() const noexcept { return static_cast<int>(ymd().year()); }
  [[nodiscard]] unsigned month() const noexcept { return static_cast<unsigned>(ymd().month()); }
  [[nodiscard]] unsigned day() const noexcept { return static_cast<unsigned>(ymd().day()); }
  [[nodiscard]] std::chrono::sys_days sys_days() const noexcept { return days_; }
  [[nodiscard]] std::int64_t days_since_epoch() const noexcept {
    return days_.time_since_epoch().count();
  }
  /// Monday = 0 ... Sunday = 6.
  [[nodiscard]] unsigned weekday_index() const noexcept {
    return std::chrono::weekday(days_).iso_encoding() - 1;
  }

  [[nodiscard]] Date plus_days(std::int64_t days) const noexcept {
    return Date(days_ + std::chrono::days(days));
  }
  /// "YYYY-MM-DD".
  [[nodiscard]] std::string to_string() const;

  friend constexpr auto operator<=>(const Date&, const Date&) noexcept = default;

 private:
  std::chrono::sys_days days_{};
};

/// Days from `from` to `to` (negative when `to` is earlier).
[[nodiscard]] inline std::int64_t days_between(Date from, Date to) noexcept {
  return to.days_since_epoch() - from.days_since_epoch();
}

[[nodiscard]] unsigned days_in_month(int year, unsigned month) noexcept;
[[nodiscard]] Date first_of_month(Date date) noexcept;
[[nodiscard]] Date last_of_month(Date date) noexcept;

/// Adds calendar months, clipping the day to the end of the target month
/// (2025-01-31 + 1 month = 2025-02-28), as dateutil's relativedelta does.
[[nodiscard]] Date add_months_clamped(Date date, int months) noexcept;

/// Whole calendar months from `from` to `to`: the largest n with add_months_clamped(from, n) <= to
/// (2025-01-15 to 2025-02-14 is 0, to 2025-02-15 is 1; 2025-01-31 to 2025-02-28 is 1).
/// Negative, the same way backwards, when `to` is earlier.
[[nodiscard]] int whole_months_between(Date from, Date to) noexcept;

/// A month of the calendar, for grouping ("2025-03").
struct YearMonth {
  int year = 1970;
  unsigned month = 1;

  [[nodiscard]] static YearMonth of(Date date) noexcept { return {date.year(), date.month()}; }
  /// Months since 0000-01, so that consecutive months differ by one.
  [[nodiscard]] int index() const noexcept { return year * 12 + static_cast<int>(month) - 1; }
  [[nodiscard]] static YearMonth from_index(int index) noexcept;
  [[nodiscard]] Date first_day() const noexcept;
  [[nodiscard]] std::string to_string() const;

  friend constexpr auto operator<=>(const YearMonth&, const YearMonth&) noexcept = default;
};

/// Reads the booking date of a transaction, a goal or a budget from its wire text:
/// - "YYYY-MM-DD" is that date;
/// - a timestamp without a zone ("2025-01-15 14:38:40.7", "2025-01-15T09:00:00") is a local
///   wall-clock time: its date part;
/// - a timestamp with "Z" or an offset ("2026-10-31T18:30:00.000Z", "...+05:30") is an
///   instant: it maps to the nearest UTC midnight, ties going up. A client that serialises a
///   local midnight as UTC (JavaScript's toISOString()) thereby gets its own calendar date
///   back for every offset from UTC-11 to UTC+12.
[[nodiscard]] Result<Date> parse_booking_date(std::string_view text);

}  // namespace finml::core
