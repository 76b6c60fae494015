#pragma once
/// @file finml/ingest/text.hpp
/// Field-level reading shared by the formats: amounts, dates, trimming.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <finml/core/date.hpp>
#include <finml/core/error.hpp>
#include <finml/core/money.hpp>
#include <finml/core/text.hpp>
#include <finml/core/transaction.hpp>
#include <finml/ingest/types.hpp>

namespace finml::ingest {

/// Reads an amount as banks write it, exactly: "1,234.56", "-12.30", "(12.30)", "12.30-",
/// "$ 5", "1.234,56" and "1 234,56" (with decimal_comma), "+7". Grouping separators, spaces,
/// apostrophes and the symbols $ € £ are ignored. The error names what is wrong.
[[nodiscard]] core::Result<core::Money> parse_amount(std::string_view text, bool decimal_comma,
                                                     core::Currency currency);

/// A bank's signed amount as finml stores it: the magnitude, with expense for money out and
/// income for money in, unless the row is a transfer between the user's own accounts.
struct Booking {
  core::Money amount;
  core::TransactionType type;
};
[[nodiscard]] Booking booking_of(const core::Money& signed_amount, bool transfer) noexcept;

/// Whether amounts look written with a decimal comma: more of them end in ",d" or ",dd" than in
/// ".d" or ".dd".
[[nodiscard]] bool looks_decimal_comma(const std::vector<std::string_view>& amounts) noexcept;

/// Reads a date: ISO forms ("2024-12-10", "2024-12-10 14:38:40.706809", "2024-12-10T09:00:00Z")
/// always; otherwise three numeric fields in `order` separated by / . - ' or spaces
/// ("10/12/2024", "1/ 5'24", "10.12.24"), or eight digits YYYYMMDD. Two-digit years are 19xx
/// from 70, 20xx below. A time after the date is ignored.
[[nodiscard]] std::optional<core::Date> parse_date(std::string_view text, DateOrder order) noexcept;

/// The order that reads every date of `dates`: YMD when they start with a four-digit year,
/// else DMY when a first field is above 12, MDY when a second field is; `fallback` otherwise.
[[nodiscard]] DateOrder detect_date_order(const std::vector<std::string_view>& dates,
                                          DateOrder fallback) noexcept;

/// "YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YY", "DD.MM.YYYY", "YYYYMMDD"...: the order of its
/// Y, M and D letters; nullopt when it is not such a pattern.
[[nodiscard]] std::optional<DateOrder> date_order_of_format(std::string_view format) noexcept;

}  // namespace finml::ingest
