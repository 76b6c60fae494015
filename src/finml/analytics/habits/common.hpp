#pragma once
/// @file finml/analytics/habits/common.hpp
/// What the habit, opportunity and nudge analyses share: the analysis window and the way
/// their messages write amounts.
///
/// "The last N months" is the last 30·N days, today included, as the original's
/// `now − N·30 days` on calendar dates, with rows dated after today left out (the original
/// had no upper bound). Per-week and per-month figures divide by the part of that window the
/// user's history covers (from their earliest row), so a user who started recording 20 days
/// ago is not measured over 90.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <finml/core/date.hpp>
#include <finml/core/transaction.hpp>

namespace finml::analytics::habits {

/// The original's month in "last N months" windows.
inline constexpr int kDaysPerMonth = 30;

struct AnalysisWindow {
  core::Date first;         ///< first day of the window: today − (30·N − 1)
  core::Date last;          ///< today
  core::Date covered_from;  ///< max(first, the user's earliest row): where the history starts
  int requested_months = 3;

  /// Days from covered_from to last, inclusive (at least 1).
  [[nodiscard]] std::int64_t covered_days() const noexcept;
  /// covered_days / 7, at least 1: what "per week" divides by.
  [[nodiscard]] double covered_weeks() const noexcept;
  /// covered_days / 30, at least 1 and at most requested_months: what "per month" divides by.
  [[nodiscard]] double covered_months() const noexcept;
  [[nodiscard]] bool contains(core::Date date) const noexcept { return first <= date && date <= last; }
};

/// The window of the last `months` × 30 days up to `today` (`months` at least 1).
[[nodiscard]] AnalysisWindow analysis_window(std::span<const core::Transaction> rows, core::Date today, int months);

/// Minor units per major unit of the rows' currency (100 when there are no rows).
[[nodiscard]] double minor_per_major(std::span<const core::Transaction> rows) noexcept;

/// Python's "{:,.0f}": rounded half-even from the binary value, with thousands separators
/// ("7,500", "-1,009"); "0" for a non-finite value.
[[nodiscard]] std::string whole_with_commas(double value);
/// Python's "{:.Nf}" (half-even from the binary value); "0" for a non-finite value.
[[nodiscard]] std::string fixed(double value, int decimals);
/// "<label> <amount with commas>": "Rs. 7,500", "USD 1,009". The original always wrote "Rs.".
[[nodiscard]] std::string money_text(const std::string& currency_label, double amount);

/// Lower-case words of `text`: runs of ASCII letters and digits; bytes of multi-byte UTF-8
/// characters count as letters, so "café" stays one word.
[[nodiscard]] std::vector<std::string> lower_words(std::string_view text);
/// The first `max_characters` code points of UTF-8 `text`, never cutting one in half.
[[nodiscard]] std::string first_characters(std::string_view text, std::size_t max_characters);

}  // namespace finml::analytics::habits
