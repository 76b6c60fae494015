#pragma once
/// @file finml/service/stored_data.hpp
/// Analytics on stored data (issue 7, points 4 and 5): the analytics routes that take
/// `transactions` (and goals, budgets) in the body also answer from `user_id` alone, reading the
/// user's stored data; and the budget and health routes apply the user's category overrides.
///
/// The HTTP readers only say what the body left out (nullopt); these functions decide where the
/// data comes from:
/// - data in the body, when given, wins, as before (an empty array is data: "no rows");
/// - without `transactions` in the body the user's stored transactions are read, all of them,
///   ordered by (date, id), in one currency (that of the latest row; rows in others are left
///   out, as GET /api/v1/recommendations/habits/{user_id} does);
/// - a user with no stored transaction (or unknown) and none in the body is a 422 naming
///   `$.transactions` as missing, exactly as before the stored data existed.
#include <optional>
#include <vector>

#include <finml/analytics/categories/categories.hpp>
#include <finml/core/error.hpp>
#include <finml/core/ids.hpp>
#include <finml/core/money.hpp>
#include <finml/core/transaction.hpp>
#include <finml/storage/database.hpp>

namespace finml::service {

/// Whether a route classifies by category with the user's overrides (budget and health routes).
enum class CategoryOverrides { kIgnore, kApply };

struct AnalyticsTransactions {
  std::vector<core::Transaction> rows;
  core::Currency currency;    ///< the rows' one currency (the default when there are none)
  bool from_storage = false;  ///< read from storage: the body had no `transactions`
  /// The overrides could not be read (database unavailable) for rows the body carried, so the
  /// rows are analysed without them; the caller should log it. Never set for stored rows.
  bool overrides_unavailable = false;
  std::size_t overrides_applied = 0;  ///< rows whose category an override decided
};

/// The transactions to analyse for `user`: `given` (the body's, in `given_currency`) when
/// present, else the stored ones (kValidation "$.transactions: Field required" when there are
/// none). With CategoryOverrides::kApply the user's overrides are applied to the rows, body or
/// stored (apply_category_overrides()).
[[nodiscard]] core::Result<AnalyticsTransactions> analytics_transactions(
    storage::Database& database, core::UserId user, std::optional<std::vector<core::Transaction>> given,
    core::Currency given_currency, CategoryOverrides overrides);

/// Rewrites the rows that one of `overrides` decides (analytics::categories::categorise's rule
/// 1, on the row's category and description), so that the budget buckets and the health score
/// follow the override: the row's category becomes the override's detailed code (which the
/// budget classification reads as that category's group); a row mapped to a `transfer` category
/// becomes a transfer (neither spending, saving nor income) and an expense mapped to a `savings`
/// category becomes savings. Other rows are left as they are. Returns the rows rewritten.
std::size_t apply_category_overrides(std::vector<core::Transaction>& rows,
                                     const analytics::categories::Overrides& overrides);

/// Savings goals and budgets as the analytics read them; amounts in major units.
struct StoredGoal {
  std::string name;
  std::optional<std::string> status;
  double target_amount = 0.0;
  double current_amount = 0.0;
  std::optional<double> monthly_contribution;
  std::optional<core::Date> target_date;
};

struct StoredBudget {
  std::optional<std::string> category;  ///< none: an overall budget
  double amount = 0.0;
  core::Date start_date;
  core::Date end_date;
  std::string status;
};

/// The user's stored goals, in id order (an unknown user has none).
[[nodiscard]] core::Result<std::vector<StoredGoal>> stored_goals(storage::Database& database, core::UserId user);

/// The user's stored budgets, in id order (an unknown user has none).
[[nodiscard]] core::Result<std::vector<StoredBudget>> stored_budgets(storage::Database& database,
                                                                     core::UserId user);

}  // namespace finml::service
