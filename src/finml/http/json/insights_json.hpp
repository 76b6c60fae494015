#pragma once
/// @file finml/http/json/insights_json.hpp
/// Bodies of POST /insights (seed-api.md 2.4, client-contract.md 3 row 7) and of the real
/// client's GET /insights/summary/{user_id} (row 8), which answers the document POST /insights
/// answered last for that user.
#include <optional>
#include <string>
#include <vector>

#include <finml/analytics/insights/insights.hpp>
#include <finml/core/date.hpp>
#include <finml/core/error.hpp>
#include <finml/core/ids.hpp>
#include <finml/core/money.hpp>
#include <finml/core/timestamp.hpp>
#include <finml/core/transaction.hpp>

namespace finml::http::json {

struct InsightsRequest {
  core::UserId user_id;
  std::vector<core::Transaction> transactions;  ///< rows of unknown type left out
  core::Currency currency;                      ///< the transactions' one currency
  std::optional<core::Date> as_of;              ///< pins "today"
  bool has_transactions = false;  ///< the body had `transactions` (else they are the stored ones)
};

/// {user_id: positive integer or numeric string, transactions: [...] (the lenient records of
/// transaction_json.hpp: dates as YYYY-MM-DD or ISO timestamps, amounts as numbers or numeric
/// strings, `category` defaulting to "Uncategorized"; one currency), as_of?}.
[[nodiscard]] core::Result<InsightsRequest> read_insights_request(const std::string& body,
                                                                core::Currency default_currency);

/// The original's {success, insights, spending_patterns, predictions, recommendations}, every
/// insight with all its keys (null where unset) plus `details`, and user_id, currency and
/// computed_at.
[[nodiscard]] std::string write_insights(core::UserId user, core::Currency currency,
                                         const analytics::insights::InsightsReport& report,
                                         core::Timestamp computed_at);

}  // namespace finml::http::json
