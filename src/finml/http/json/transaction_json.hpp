#pragma once
/// @file finml/http/json/transaction_json.hpp
/// The transaction record on the wire, as the real client sends it ({id, amount, category,
/// type, date, note}) and as the original's other callers do (with description).
#include <optional>
#include <string>
#include <vector>

#include <finml/core/money.hpp>
#include <finml/core/transaction.hpp>
#include <finml/http/json/reader.hpp>
#include <finml/http/json/writer.hpp>

namespace finml::http::json {

/// Reads one transaction object:
/// - `date` (required): "YYYY-MM-DD" or an ISO-8601 timestamp (core::parse_booking_date);
/// - `amount` (required): a number or a numeric string, exact to the currency's minor unit;
/// - `type` (required): income, expense, savings or transfer in any case; another word
///   makes the row one to ignore (nullopt, no problem reported);
/// - `category` (default "Uncategorized"), `description`, `note`: strings or null;
/// - `currency`: an ISO 4217 code, default `default_currency`;
/// - `id`: the caller's id, a number or a string;
/// - any other field is ignored.
/// Whether to keep `description` and `note`: a route that never looks at them skips copying
/// them (a tenth of the time of reading a 10,000-row body), but still checks them.
enum class FreeText { kKeep, kSkip };

/// The category of a row that names none.
inline constexpr std::string_view kUncategorized = "Uncategorized";

/// What every transaction reader checks, so that all routes accept and refuse the same rows.
struct TransactionBasics {
  core::Date date;
  core::Money amount;
  core::TransactionType type;
  std::optional<std::string> external_id;  ///< `id`, as text
};

/// Reads `date`, `amount`, `type`, `currency` and `id` as read_transaction does, and hands
/// every other member to `other_member`, which reads or skips it. nullopt for a row that is
/// incomplete (its problems reported) or of an unknown type (none reported).
[[nodiscard]] std::optional<TransactionBasics> read_transaction_basics(
    Value& value, core::Currency default_currency, FunctionRef<void(std::string_view, Value&)> other_member);

[[nodiscard]] std::optional<core::Transaction> read_transaction(Value& value, core::Currency default_currency,
                                                                FreeText free_text = FreeText::kKeep);

/// Reads an array of transactions, leaving out rows of unknown type.
[[nodiscard]] std::vector<core::Transaction> read_transactions(Value& value, core::Currency default_currency,
                                                               FreeText free_text = FreeText::kKeep);

/// The currency every row's amount is in (`fallback` when there are no rows). Amounts in
/// different currencies cannot be summed, so a mix is reported at `path` (the array's path).
template <class Row>
[[nodiscard]] core::Currency common_currency(const std::vector<Row>& rows, core::Currency fallback,
                                             Problems& problems, const std::string& path) {
  if (rows.empty()) return fallback;
  const core::Currency currency = rows.front().amount.currency();
  for (const auto& row : rows) {
    if (row.amount.currency() != currency) {
      problems.add(path, "must all be in one currency", "value_error");
      break;
    }
  }
  return currency;
}

/// Writes {id, date, amount, currency, type, category, description, note}.
void write_transaction(Writer& writer, const core::Transaction& transaction);

}  // namespace finml::http::json
