#pragma once
/// @file finml/http/json/budget_json.hpp
/// Bodies of the budget routes: POST /api/v1/budget/recommend, /alerts and /optimize, in the
/// original's shapes (seed-api.md 2.15-2.17) plus what the real client sends and stores
/// (client-contract.md 3 rows 13-15, 8.13, 8.14) and the members finml adds.
#include <optional>
#include <string>
#include <vector>

#include <finml/analytics/budget/alerts.hpp>
#include <finml/analytics/budget/optimize.hpp>
#include <finml/analytics/budget/recommend.hpp>
#include <finml/core/date.hpp>
#include <finml/core/error.hpp>
#include <finml/core/ids.hpp>
#include <finml/core/money.hpp>
#include <finml/core/timestamp.hpp>
#include <finml/core/transaction.hpp>

namespace finml::http::json {

/// What every budget body shares.
struct BudgetRequestBase {
  core::UserId user_id;
  std::vector<core::Transaction> transactions;  ///< rows of unknown type left out
  core::Currency currency;                      ///< the transactions' one currency
  std::optional<core::Date> as_of;              ///< pins "today"
  bool has_transactions = false;  ///< the body had `transactions` (else they are the stored ones)
};

struct BudgetRecommendRequest {
  BudgetRequestBase base;
  std::vector<analytics::budget::SavingsGoal> goals;
  bool has_goals = false;  ///< the body had `goals` (null counts as given: none)
  analytics::budget::RecommendOptions options;
};

struct BudgetAlertsRequest {
  BudgetRequestBase base;
  analytics::budget::BucketBudgets budget;
  std::vector<analytics::budget::OverallBudget> budgets;
  bool has_budgets = false;  ///< the body had `budgets` (null counts as given: none)
};

struct BudgetOptimizeRequest {
  BudgetRequestBase base;
  analytics::budget::OptimizeOptions options;
};

/// `transactions` may be left out: the route then reads the user's stored transactions (and
/// goals, budgets when those are left out too; service/stored_data.hpp).
/// {user_id: positive integer or numeric string, transactions: [...] (see
/// transaction_json.hpp; one currency), goals?: [{status?, target_amount?, current_amount? |
/// current_savings?, monthly_contribution?, target_date?}], analysis_months? (1..12, default 3),
/// total_budget? (> 0), as_of?}. Amounts are numbers or numeric strings; null means absent.
[[nodiscard]] core::Result<BudgetRecommendRequest> read_budget_recommend_request(const std::string& body,
                                                                               core::Currency default_currency);

/// {user_id, transactions, budget?: {needs?, wants?, savings?} (>= 0), budgets?: [{amount (>= 0),
/// start_date?, end_date?, status?, id?}], as_of?}.
[[nodiscard]] core::Result<BudgetAlertsRequest> read_budget_alerts_request(const std::string& body,
                                                                         core::Currency default_currency);

/// {user_id, transactions, target_savings_rate? (0..0.5, default 0.2), current_budget?:
/// {category: amount >= 0 | null (ignored)}, as_of?}.
[[nodiscard]] core::Result<BudgetOptimizeRequest> read_budget_optimize_request(const std::string& body,
                                                                             core::Currency default_currency);

[[nodiscard]] std::string write_budget_recommendation(core::UserId user,
                                                      const analytics::budget::BudgetRecommendation& plan,
                                                      core::Timestamp calculated_at);
[[nodiscard]] std::string write_budget_alerts(core::UserId user,
                                              const std::vector<analytics::budget::BudgetAlert>& alerts);
[[nodiscard]] std::string write_budget_optimization(core::UserId user,
                                                    const analytics::budget::Optimization& optimization);

/// The first `max_characters` code points of UTF-8 `text`, never cutting one in half.
[[nodiscard]] std::string truncate_utf8(std::string_view text, std::size_t max_characters);

/// How messages name the currency: the original's "Rs." for INR, else the ISO code.
[[nodiscard]] std::string currency_label(core::Currency currency);

}  // namespace finml::http::json
