#include <finml/http/handlers/stored_inputs.hpp>

#include <finml/http/handlers/request_parameters.hpp>

#include <string>

namespace finml::http::handlers {

core::Result<service::AnalyticsTransactions> rows_with_overrides(
    const Dependencies& deps, const RequestContext& context, core::UserId user, bool has_transactions,
    std::vector<core::Transaction>& transactions, core::Currency currency) {
  auto data = service::analytics_transactions(deps.database, user, given_rows(has_transactions, transactions),
                                              currency, service::CategoryOverrides::kApply);
  if (data && data->overrides_unavailable && deps.logger != nullptr) {
    deps.logger->log(LogLevel::kWarning, "category_overrides_unavailable",
                     "the database is unavailable: answered from the body's transactions without the user's "
                     "category overrides",
                     {{"request_id", context.request_id},
                      {"path", std::string_view(context.request.path)},
                      {"user_id", user.value()}});
  }
  return data;
}

core::Result<RecommendationsInputs> recommendations_inputs(const Dependencies& deps, const RequestContext& context,
                                                          json::FreeText free_text) {
  const auto path_user = optional_user_id_parameter(context);
  if (!path_user) return std::unexpected(path_user.error());
  auto request = json::read_recommendations_request(context.request.body, deps.default_currency, *path_user, free_text);
  if (!request) return std::unexpected(std::move(request.error()));
  auto data = service::analytics_transactions(deps.database, request->user_id,
                                              given_rows(request->has_transactions, request->transactions),
                                              request->currency, service::CategoryOverrides::kIgnore);
  if (!data) return std::unexpected(std::move(data.error()));
  return RecommendationsInputs{.request = std::move(*request), .data = std::move(*data)};
}

std::vector<analytics::budget::SavingsGoal> budget_goals(std::span<const service::StoredGoal> goals) {
  std::vector<analytics::budget::SavingsGoal> out;
  out.reserve(goals.size());
  for (const auto& goal : goals) {
    out.push_back({.status = goal.status,
                   .target_amount = goal.target_amount,
                   .current_amount = goal.current_amount,
                   .monthly_contribution = goal.monthly_contribution,
                   .target_date = goal.target_date});
  }
  return out;
}

std::vector<analytics::health::GoalProgressInput> health_goals(std::span<const service::StoredGoal> goals) {
  std::vector<analytics::health::GoalProgressInput> out;
  out.reserve(goals.size());
  for (const auto& goal : goals) {
    out.push_back({.status = goal.status, .current_amount = goal.current_amount, .target_amount = goal.target_amount});
  }
  return out;
}

std::vector<analytics::habits::NudgeGoal> nudge_goals(std::span<const service::StoredGoal> goals) {
  std::vector<analytics::habits::NudgeGoal> out;
  out.reserve(goals.size());
  for (const auto& goal : goals) {
    out.push_back({.name = goal.name.empty() ? std::string("goal") : goal.name,
                   .target_amount = goal.target_amount,
                   .current_amount = goal.current_amount,
                   .status = goal.status});
  }
  return out;
}

std::vector<analytics::budget::OverallBudget> overall_budgets(std::span<const service::StoredBudget> budgets) {
  std::vector<analytics::budget::OverallBudget> out;
  for (const auto& budget : budgets) {
    if (budget.category) continue;  // the alerts check overall budgets only
    out.push_back({.amount = budget.amount,
                   .start_date = budget.start_date,
                   .end_date = budget.end_date,
                   .status = budget.status});
  }
  return out;
}

}  // namespace finml::http::handlers
