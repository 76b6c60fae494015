#pragma once
/// @file finml/http/json/recurring_json.hpp
/// The answer of POST /api/v1/recommendations/subscriptions: the original's
/// SubscriptionsResponse (seed-api.md 2.19) with bug B15 fixed, plus every recurring stream
/// found (analytics/recurring/streams.hpp), Plaid-style.
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <finml/analytics/recurring/streams.hpp>
#include <finml/core/date.hpp>
#include <finml/core/ids.hpp>
#include <finml/core/error.hpp>
#include <finml/core/money.hpp>

namespace finml::http::json {

/// The RecommendationsRequest (recommendations_json.hpp) as this route reads it. Rows are
/// views whose texts live in `texts`, one copy per distinct text: a body of 10,700 rows names
/// about 70 merchants, and one allocation per row (core::Transaction's strings), contended for
/// by the workers under the server's one malloc arena, held the route at 320 requests/s
/// (now about 540; bench/README.md). Move-only, since the views point into `texts`.
struct SubscriptionsRequest {
  core::UserId user_id;
  core::Currency currency;  ///< the rows' one currency
  int analysis_months = 3;  ///< validated (1..12) and echoed; the history is not cut
  std::optional<core::Date> as_of;
  std::deque<std::string> texts;  ///< a deque never moves its elements: the views stay valid
  std::vector<analytics::recurring::RowView> rows;
  bool has_transactions = false;  ///< the body had `transactions` (else they are the stored ones)

  SubscriptionsRequest(core::UserId user, core::Currency default_currency) : user_id(user), currency(default_currency) {}
  SubscriptionsRequest(SubscriptionsRequest&&) = default;
  SubscriptionsRequest& operator=(SubscriptionsRequest&&) = default;
  SubscriptionsRequest(const SubscriptionsRequest&) = delete;
  SubscriptionsRequest& operator=(const SubscriptionsRequest&) = delete;
};

/// {user_id, transactions, goals? (an array or null; not read), analysis_months? (1..12),
/// as_of?}. Each transaction is read exactly as transaction_json.hpp's read_transaction reads
/// it (the same fields, defaults, leniency and problems: rows of unknown type left out, a
/// non-string description is a 422), into a RowView.
[[nodiscard]] core::Result<SubscriptionsRequest> read_subscriptions_request(const std::string& body,
                                                                          core::Currency default_currency);

/// {success, user_id,
///  subscriptions: [{type: "subscription", description (<= 50 characters), amount,
///    frequency ("weekly", "biweekly", "semi_monthly", "monthly", "quarterly", "semi_annually",
///    "annually"), occurrences, average_interval_days, estimated_annual_cost, message,
///    first_seen, last_seen, stream_id, status, next_expected_date}] (expense streams, active
///    ones first, then by annual cost; at most 15),
///  subscription_count, total_monthly_cost, total_annual_cost (active subscriptions only),
///  streams: [{stream_id, description, merchant_key, category, type, is_inflow, frequency,
///    status, is_active, first_date, last_date, predicted_next_date, occurrences,
///    missed_count, average_interval_days, average_amount, last_amount,
///    predicted_next_amount, annualised_cost, variable_amount, price_changes: [{date,
///    from_amount, to_amount}], duplicate_dates}] (every stream, inflows too),
///  stream_count, currency, as_of}.
/// Amounts are rounded to the currency's minor unit once, here.
[[nodiscard]] std::string write_subscriptions(core::UserId user,
                                              std::span<const analytics::recurring::RecurringStream> streams,
                                              core::Currency currency, core::Date as_of);

}  // namespace finml::http::json
