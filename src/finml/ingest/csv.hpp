#pragma once
/// @file finml/ingest/csv.hpp
/// CSV in any bank's layout, and CSV out.
///
/// Reading: the delimiter (, ; tab |), whether there is a header, the decimal comma, the date
/// order and the columns are detected unless a CsvMapping gives them. Columns are found by
/// header name (case-insensitive; "date", "booking date", "datum", "amount", "betrag", "debit",
/// "withdrawal", "credit", "deposit", "type", "category", "description", "payee", "memo",
/// "note", "currency", "account_id"...). The amount's direction:
/// - with a type column (the original's sample_transactions.csv: date,category,amount,type) the
///   amount is taken as written and the type says income, expense, savings or transfer
///   ("debit" and "credit" also work);
/// - with debit and credit columns, a debit is an expense and a credit an income;
/// - with one signed amount, a negative amount is an expense and a positive one an income.
/// Amounts are stored positive except where a type column gives a negative one (a refund).
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <finml/core/error.hpp>
#include <finml/core/transaction.hpp>
#include <finml/ingest/types.hpp>

namespace finml::ingest {

/// How to read a CSV file; every member left empty is detected.
/// A column is a header name (any case) or a 1-based column number ("3"); an empty string
/// given for a column means the file has none.
struct CsvMapping {
  std::optional<char> delimiter{};
  std::optional<bool> header{};
  std::optional<bool> decimal_comma{};
  std::optional<DateOrder> date_order{};
  std::optional<std::string> date{};
  std::optional<std::string> amount{};
  std::optional<std::string> debit{};
  std::optional<std::string> credit{};
  std::optional<std::string> type{};
  std::optional<std::string> category{};
  std::optional<std::string> description{};
  std::optional<std::string> note{};
  std::optional<std::string> currency{};
  std::optional<std::string> account{};
};

/// Reads a mapping file: one `key = value` a line, '#' starts a comment. Keys: delimiter
/// ("," ";" "|" "tab"), header and decimal_comma (true/false), date_format ("DD/MM/YYYY",
/// "MM/DD/YY", "YYYY-MM-DD"...), and the columns date, amount, debit, credit, type, category,
/// description, note, currency, account. Unknown keys and bad values fail with their line.
[[nodiscard]] core::Result<CsvMapping> parse_csv_mapping(std::string_view text);

/// Parses a CSV file. Fails (kValidation) only when the file as a whole cannot be read: no
/// date column, no amount or debit/credit column, an unknown column named by the mapping.
/// Rows that cannot be read are rejected with their line; blank lines are skipped.
[[nodiscard]] core::Result<ParsedFile> parse_csv(std::string_view text, const CsvMapping& mapping,
                                                 const ParseOptions& options);

/// Writes rows as CSV with the header date,amount,currency,type,category,description,note,account_id
/// (RFC 4180 quoting, "\n" line ends), which parse_csv() reads back to the same rows.
[[nodiscard]] std::string write_csv(std::span<const core::Transaction> rows);

}  // namespace finml::ingest
