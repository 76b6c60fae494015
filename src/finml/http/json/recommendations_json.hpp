#pragma once
/// @file finml/http/json/recommendations_json.hpp
/// Bodies of the recommendation routes for habits, savings opportunities and nudges, in the
/// original's shapes (seed-api.md 2.18, 2.20, 2.21: its RecommendationsRequest and the
/// Habits/Opportunities/NudgesResponse) plus the real client's variants with the user in the
/// path (client-contract.md 3 rows 16-18) and the members finml adds.
#include <optional>
#include <string>
#include <vector>

#include <finml/analytics/habits/habits.hpp>
#include <finml/analytics/habits/nudges.hpp>
#include <finml/analytics/habits/opportunities.hpp>
#include <finml/core/date.hpp>
#include <finml/core/error.hpp>
#include <finml/core/ids.hpp>
#include <finml/core/money.hpp>
#include <finml/core/transaction.hpp>
#include <finml/http/json/transaction_json.hpp>

namespace finml::http::json {

inline constexpr int kDefaultAnalysisMonths = 3;
inline constexpr int kMinAnalysisMonths = 1;
inline constexpr int kMaxAnalysisMonths = 12;

struct RecommendationsRequest {
  core::UserId user_id;
  std::vector<core::Transaction> transactions;  ///< rows of unknown type left out
  core::Currency currency;                      ///< the transactions' one currency
  std::vector<analytics::habits::NudgeGoal> goals;
  int analysis_months = kDefaultAnalysisMonths;
  std::optional<core::Date> as_of;  ///< pins "today"
  bool has_transactions = false;    ///< the body had `transactions` (else they are the stored ones)
  bool has_goals = false;           ///< the body had `goals` (null counts as given: none)
};

/// {user_id, transactions: [...] (see transaction_json.hpp; one currency), goals?: [{goal_name?,
/// target_amount?, current_amount? | current_savings?, status?}] (amounts as numbers or
/// numeric strings), analysis_months? (1..12, default 3), as_of?}. With `path_user` (the
/// client's /{user_id} routes) the user comes from the path and a body `user_id` is ignored.
/// `free_text`: whether the route reads descriptions.
[[nodiscard]] core::Result<RecommendationsRequest> read_recommendations_request(
    const std::string& body, core::Currency default_currency, std::optional<core::UserId> path_user,
    FreeText free_text);

/// {success, user_id, habits: [{type, category, message, frequency_per_week, total_amount,
/// average_transaction, transaction_count, potential_savings, average_monthly}], habits_count,
/// analysis_period_months, message, spending_patterns: {...}}. `message` says why the list
/// is empty when the caller should know (no stored transactions); null otherwise.
[[nodiscard]] std::string write_habits(core::UserId user, const analytics::habits::HabitsReport& report,
                                       const std::optional<std::string>& message);

/// {success, user_id, opportunities: [{type, category, message, total_amount,
/// potential_savings, transaction_count, occurrences, weekend_average, weekday_average,
/// coefficient_of_variation, average_amount}], opportunity_count, total_potential_savings,
/// analysis_period_months, total_spending}.
[[nodiscard]] std::string write_opportunities(core::UserId user,
                                              const analytics::habits::OpportunitiesReport& report);

/// {success, user_id, nudges: [{type, category, message, sentiment, change_percentage,
/// streak_months, progress_percentage, no_spend_days}], nudge_count, savings_streak_months,
/// recent_spending, previous_spending, no_spend: {from, to, days, spending_days,
/// no_spend_days}}.
[[nodiscard]] std::string write_nudges(core::UserId user, const analytics::habits::NudgesReport& report);

}  // namespace finml::http::json
