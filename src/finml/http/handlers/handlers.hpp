#pragma once
/// @file finml/http/handlers/handlers.hpp
/// One handler per endpoint, each in its own file; routes.cpp puts them in the route table.
#include <finml/http/handlers/dependencies.hpp>
#include <finml/http/router.hpp>

namespace finml::http::handlers {

[[nodiscard]] Handler root_get(const Dependencies& dependencies, const Router& router);
[[nodiscard]] Handler health_get(const Dependencies& dependencies);
[[nodiscard]] Handler metrics_get(const Dependencies& dependencies);
[[nodiscard]] Handler goals_timeline_post(const Dependencies& dependencies);
[[nodiscard]] Handler goals_reverse_plan_post(const Dependencies& dependencies);
[[nodiscard]] Handler expense_advanced_post(const Dependencies& dependencies);
[[nodiscard]] Handler ml_train_post(const Dependencies& dependencies);
[[nodiscard]] Handler ml_train_with_transactions_post(const Dependencies& dependencies);
[[nodiscard]] Handler ml_predict_post(const Dependencies& dependencies);
[[nodiscard]] Handler predict_get(const Dependencies& dependencies);
[[nodiscard]] Handler predictions_get(const Dependencies& dependencies);
[[nodiscard]] Handler models_performance_get(const Dependencies& dependencies);
[[nodiscard]] Handler insights_health_score_post(const Dependencies& dependencies);
[[nodiscard]] Handler insights_trends_get(const Dependencies& dependencies);
[[nodiscard]] Handler insights_benchmark_get(const Dependencies& dependencies);
[[nodiscard]] Handler insights_post(const Dependencies& dependencies);
[[nodiscard]] Handler insights_summary_get(const Dependencies& dependencies);
[[nodiscard]] Handler budget_recommend_post(const Dependencies& dependencies);
[[nodiscard]] Handler budget_alerts_post(const Dependencies& dependencies);
[[nodiscard]] Handler budget_optimize_post(const Dependencies& dependencies);
[[nodiscard]] Handler recommendations_habits_post(const Dependencies& dependencies);
[[nodiscard]] Handler recommendations_habits_get(const Dependencies& dependencies);
[[nodiscard]] Handler recommendations_opportunities_post(const Dependencies& dependencies);
[[nodiscard]] Handler recommendations_nudges_post(const Dependencies& dependencies);
[[nodiscard]] Handler recommendations_subscriptions_post(const Dependencies& dependencies);
[[nodiscard]] Handler admin_db_status_get(const Dependencies& dependencies);
[[nodiscard]] Handler admin_db_init_post(const Dependencies& dependencies);
[[nodiscard]] Handler admin_db_tables_get(const Dependencies& dependencies);
// Users' stored data: transactions and the user (issue 7, helper T).
[[nodiscard]] Handler users_transactions_get(const Dependencies& dependencies);
[[nodiscard]] Handler users_transactions_post(const Dependencies& dependencies);
[[nodiscard]] Handler users_transactions_bulk_post(const Dependencies& dependencies);
[[nodiscard]] Handler users_transaction_get(const Dependencies& dependencies);
[[nodiscard]] Handler users_transaction_put(const Dependencies& dependencies);
[[nodiscard]] Handler users_transaction_patch(const Dependencies& dependencies);
[[nodiscard]] Handler users_transaction_delete(const Dependencies& dependencies);
[[nodiscard]] Handler users_delete(const Dependencies& dependencies);
// Import and export of a user's transactions (issue 7, helper I).
[[nodiscard]] Handler users_imports_post(const Dependencies& dependencies);
[[nodiscard]] Handler users_transactions_export_get(const Dependencies& dependencies);
// Categories: the taxonomy and a user's overrides (issue 7, helper K).
[[nodiscard]] Handler categories_get();
[[nodiscard]] Handler users_category_overrides_get(const Dependencies& dependencies);
[[nodiscard]] Handler users_category_overrides_put(const Dependencies& dependencies);
// The API docs (the embedded OpenAPI document, the Swagger UI page and its assets).
[[nodiscard]] Handler openapi_get();
[[nodiscard]] Handler docs_get();
[[nodiscard]] Handler docs_asset_get();

}  // namespace finml::http::handlers
