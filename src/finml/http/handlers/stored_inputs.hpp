#pragma once
/// @file finml/http/handlers/stored_inputs.hpp
/// What the analytics handlers share to answer from stored data (issue 7, points 4 and 5;
/// service/stored_data.hpp): the body's rows as "given or not", the warning when category
/// overrides could not be read, and stored goals and budgets in each route's analytics shape.
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include <finml/analytics/budget/alerts.hpp>
#include <finml/analytics/budget/recommend.hpp>
#include <finml/analytics/habits/nudges.hpp>
#include <finml/analytics/health/health_score.hpp>
#include <finml/core/ids.hpp>
#include <finml/core/transaction.hpp>
#include <finml/http/handlers/dependencies.hpp>
#include <finml/http/json/recommendations_json.hpp>
#include <finml/http/router.hpp>
#include <finml/service/stored_data.hpp>

namespace finml::http::handlers {

/// The body's rows when it had `transactions`, else nullopt (the stored ones are read).
[[nodiscard]] inline std::optional<std::vector<core::Transaction>> given_rows(bool has, std::vector<core::Transaction>& rows) {
  if (!has) return std::nullopt;
  return std::move(rows);
}

/// The rows a budget or health route analyses: the body's when it had `transactions`, else the
/// user's stored ones, with the user's category overrides applied. When the overrides could not
/// be read (database unavailable) but the body carried the rows, they are answered without
/// them and a WARNING is logged.
[[nodiscard]] core::Result<service::AnalyticsTransactions> rows_with_overrides(
    const Dependencies& deps, const RequestContext& context, core::UserId user, bool has_transactions,
    std::vector<core::Transaction>& transactions, core::Currency currency);

/// A recommendations request (habits, opportunities, nudges; the user named by the path or the
/// body) and the rows it analyses: the body's when it had `transactions`, else the user's stored
/// ones, without category overrides (these routes match on the client's own categories).
struct RecommendationsInputs {
  json::RecommendationsRequest request;
  service::AnalyticsTransactions data;
};
[[nodiscard]] core::Result<RecommendationsInputs> recommendations_inputs(const Dependencies& deps,
                                                                       const RequestContext& context,
                                                                       json::FreeText free_text);

[[nodiscard]] std::vector<analytics::budget::SavingsGoal> budget_goals(std::span<const service::StoredGoal> goals);
[[nodiscard]] std::vector<analytics::health::GoalProgressInput> health_goals(std::span<const service::StoredGoal> goals);
[[nodiscard]] std::vector<analytics::habits::NudgeGoal> nudge_goals(std::span<const service::StoredGoal> goals);
/// The overall budgets (those without a category) as the alerts read them.
[[nodiscard]] std::vector<analytics::budget::OverallBudget> overall_budgets(std::span<const service::StoredBudget> budgets);

}  // namespace finml::http::handlers
