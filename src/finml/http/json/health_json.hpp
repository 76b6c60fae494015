#pragma once
/// @file finml/http/json/health_json.hpp
/// Bodies of the health-score routes: POST /api/v1/insights/health-score,
/// GET /api/v1/insights/trends/{user_id} and GET /api/v1/insights/benchmark/{user_id}, in the
/// original's shapes (seed-api.md 2.11-2.13) plus the members finml adds.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <finml/analytics/health/benchmark.hpp>
#include <finml/analytics/health/health_score.hpp>
#include <finml/analytics/health/trends.hpp>
#include <finml/core/error.hpp>
#include <finml/core/ids.hpp>
#include <finml/core/money.hpp>
#include <finml/core/timestamp.hpp>
#include <finml/core/transaction.hpp>

namespace finml::http::json {

struct HealthScoreRequest {
  core::UserId user_id;
  std::vector<core::Transaction> transactions;  ///< rows of unknown type left out
  core::Currency currency;                      ///< the transactions' one currency
  double emergency_savings = 0.0;
  double monthly_debt_payment = 0.0;
  std::vector<analytics::health::GoalProgressInput> goals;
  bool has_transactions = false;  ///< the body had `transactions` (else they are the stored ones)
  bool has_goals = false;         ///< the body had `goals` (null counts as given: none)
};

/// {user_id: positive integer or numeric string, transactions: [...] (required unless the user
/// has stored transactions, service/stored_data.hpp; see
/// transaction_json.hpp), emergency_savings?, monthly_debt_payment? (>= 0, numbers or numeric
/// strings, null or absent: 0), goals?: [{status?, current_amount? | current_savings?,
/// target_amount?}]}. Transactions must share one currency.
[[nodiscard]] core::Result<HealthScoreRequest> read_health_score_request(const std::string& body,
                                                                         core::Currency default_currency);

/// The recommendations as stored with the score: [{category, priority, message}].
[[nodiscard]] std::string write_health_recommendations(
    std::span<const analytics::health::Recommendation> recommendations);

[[nodiscard]] std::string write_health_score(core::UserId user, const analytics::health::HealthScore& score,
                                             core::Timestamp calculated_at);

[[nodiscard]] std::string write_health_trend(core::UserId user, int months,
                                             const analytics::health::ScoreTrend& trend);

struct BenchmarkQuery {
  std::optional<std::string> age_group;
  std::optional<std::string> income_bracket;
  std::optional<analytics::health::IncomeBracket> income_range;
};

[[nodiscard]] std::string write_health_benchmark(core::UserId user, const BenchmarkQuery& query,
                                                 const analytics::health::PeerComparison& peers,
                                                 const analytics::health::AgeGroupMatch& age_group);

}  // namespace finml::http::json
