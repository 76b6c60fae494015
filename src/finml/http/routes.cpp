#include <finml/http/routes.hpp>

#include <finml/http/handlers/handlers.hpp>
#include <finml/http/handlers/users_resources.hpp>  // issue 7, helper A

namespace finml::http {

void register_routes(Router& router, const Dependencies& deps) {
  namespace h = handlers;
  // Caching (cache middleware, docs/api.md "Cache"): kInput for analytics of the request alone,
  // kStoredData for reads of one user's stored data; none for routes that write (the health
  // score and /insights store their answer, training stores models), for the benchmark (it
  // reads every user's latest score, which the user's data version does not cover), and for
  // /, /health, /metrics, the docs and admin. kInputOrStoredData (issue 7, helper B): analytics
  // that read the user's stored transactions when the body has none, and apply the user's
  // category overrides: keyed by the request and, when it names a user, the user's data version.
  // clang-format off
  router.add({"GET",  "/",        "Service name, version, environment and endpoints", h::root_get(deps, router)});
  router.add({"GET",  "/health",  "Liveness and database reachability; 503 when the database is unreachable", h::health_get(deps), Access::kPublic});
  router.add({"GET",  "/metrics", "Prometheus metrics", h::metrics_get(deps), Access::kMetrics});
  router.add({"GET",  "/openapi.json",  "OpenAPI 3.1 document of every route", h::openapi_get(), Access::kPublic});
  router.add({"GET",  "/docs",          "Interactive API docs (Swagger UI) on /openapi.json", h::docs_get(), Access::kPublic});
  router.add({"GET",  "/docs/{asset}",  "Stylesheet, scripts and icons of the /docs page", h::docs_asset_get(), Access::kPublic});

  router.add({"POST", "/goals/timeline",                  "Months and milestones to reach a savings goal", h::goals_timeline_post(deps), Access::kUser, Caching::kInput});
  router.add({"POST", "/api/v1/goals/calculate-timeline", "Months and milestones to reach a savings goal", h::goals_timeline_post(deps), Access::kUser, Caching::kInput});
  router.add({"POST", "/goals/reverse-plan",              "Monthly saving that reaches a goal by a date", h::goals_reverse_plan_post(deps), Access::kUser, Caching::kInput});
  router.add({"POST", "/api/v1/goals/reverse-plan",       "Monthly saving that reaches a goal by a date", h::goals_reverse_plan_post(deps), Access::kUser, Caching::kInput});

  router.add({"POST", "/api/v1/insights/health-score",        "Financial health score 0-100 with grade, components and recommendations; stored in the history", h::insights_health_score_post(deps)});
  router.add({"GET",  "/api/v1/insights/trends/{user_id}",     "How a user's stored health scores moved: history, month-over-month and quarter-over-quarter changes", h::insights_trends_get(deps), Access::kUser, Caching::kStoredData});
  router.add({"GET",  "/api/v1/insights/benchmark/{user_id}",  "A user's health score against stored users and BLS Consumer Expenditure Survey figures", h::insights_benchmark_get(deps)});

  router.add({"POST", "/insights",                   "Spending patterns, insights, predictions and recommendations; kept as the user's latest", h::insights_post(deps)});
  router.add({"GET",  "/insights/summary/{user_id}", "The insights computed last for the user by POST /insights", h::insights_summary_get(deps), Access::kUser, Caching::kStoredData});

  router.add({"POST", "/api/v1/budget/recommend", "50/30/20 budget plan from recent spending and savings goals, with category advice", h::budget_recommend_post(deps), Access::kUser, Caching::kInputOrStoredData});
  router.add({"POST", "/api/v1/budget/alerts",    "Overspending and savings alerts for the running month", h::budget_alerts_post(deps), Access::kUser, Caching::kInputOrStoredData});
  router.add({"POST", "/api/v1/budget/optimize",  "Spending cuts that reach a target savings rate", h::budget_optimize_post(deps), Access::kUser, Caching::kInputOrStoredData});

  router.add({"POST", "/api/v1/recommendations/habits",                   "Spending habits: frequent categories, food delivery, entertainment; weekend/weekday split and no-spend days", h::recommendations_habits_post(deps), Access::kUser, Caching::kInputOrStoredData});
  router.add({"POST", "/api/v1/recommendations/habits/{user_id}",         "Spending habits of the transactions sent (the client's route)", h::recommendations_habits_post(deps), Access::kUser, Caching::kInputOrStoredData});
  router.add({"GET",  "/api/v1/recommendations/habits/{user_id}",         "Spending habits of the user's stored transactions", h::recommendations_habits_get(deps), Access::kUser, Caching::kStoredData});
  router.add({"POST", "/api/v1/recommendations/opportunities",            "Savings opportunities: fees, small charges, impulse buys, weekend spending, spikes, overlapping subscriptions", h::recommendations_opportunities_post(deps), Access::kUser, Caching::kInputOrStoredData});
  router.add({"POST", "/api/v1/recommendations/opportunities/{user_id}",  "Savings opportunities of the transactions sent (the client's route)", h::recommendations_opportunities_post(deps), Access::kUser, Caching::kInputOrStoredData});
  router.add({"POST", "/api/v1/recommendations/nudges",                   "Behaviour nudges: spending change, savings streak, goal progress, no-spend days", h::recommendations_nudges_post(deps), Access::kUser, Caching::kInputOrStoredData});
  router.add({"POST", "/api/v1/recommendations/nudges/{user_id}",         "Behaviour nudges of the transactions and goals sent (the client's route)", h::recommendations_nudges_post(deps), Access::kUser, Caching::kInputOrStoredData});
  router.add({"POST", "/api/v1/recommendations/subscriptions",            "Recurring charges and income: subscriptions with their costs, and every stream with its cadence, status and next date", h::recommendations_subscriptions_post(deps), Access::kUser, Caching::kInputOrStoredData});

  router.add({"POST", "/api/v1/predictions/expense/advanced", "Monthly spending forecast with intervals, per category too", h::expense_advanced_post(deps), Access::kUser, Caching::kInputOrStoredData});
  router.add({"GET",  "/predictions",                "Income, spending and category forecasts from stored transactions", h::predictions_get(deps), Access::kUser, Caching::kStoredData});
  router.add({"POST", "/ml/train",                   "Train the savings model on stored transactions", h::ml_train_post(deps)});
  router.add({"POST", "/ml/train-with-transactions", "Store transactions and train the user's models", h::ml_train_with_transactions_post(deps)});
  router.add({"POST", "/train",                      "Store transactions and train the user's models", h::ml_train_with_transactions_post(deps)});
  router.add({"POST", "/ml/predict",                 "Savings predictions of the trained model, with intervals", h::ml_predict_post(deps), Access::kUser, Caching::kStoredData});
  router.add({"GET",  "/predict/{user_id}",          "Monthly savings forecast of the trained model, with intervals", h::predict_get(deps), Access::kUser, Caching::kStoredData});
  router.add({"GET",  "/api/v1/models/performance/{user_id}", "Backtest metrics of the user's trained models", h::models_performance_get(deps), Access::kUser, Caching::kStoredData});

  // Import and export of a user's transactions (issue 7, helper I); before helper T's block, so
  // that /transactions/export is not read as /transactions/{transaction_id}.
  router.add({"POST",   "/api/v1/users/{user_id}/imports",             "Import a bank file (CSV, QIF, OFX/QFX; the body) in one transaction, skipping duplicates", h::users_imports_post(deps)});
  router.add({"GET",    "/api/v1/users/{user_id}/transactions/export", "A user's stored transactions as CSV or JSON", h::users_transactions_export_get(deps)});
  // End import and export (helper I).

  // Users' stored data: transactions and the user (issue 7, helper T). Routes with a literal
  // segment after /transactions/ (bulk, export) must be added before /transactions/{transaction_id}:
  // the first route that matches wins.
  router.add({"GET",    "/api/v1/users/{user_id}/transactions",      "A user's stored transactions: filters, (date, id) order, cursor pages", h::users_transactions_get(deps), Access::kUser, Caching::kStoredData});
  router.add({"POST",   "/api/v1/users/{user_id}/transactions",      "Store one transaction (Idempotency-Key honoured)", h::users_transactions_post(deps)});
  router.add({"POST",   "/api/v1/users/{user_id}/transactions/bulk", "Store up to 100,000 transactions, all or nothing (Idempotency-Key honoured)", h::users_transactions_bulk_post(deps)});
  router.add({"GET",    "/api/v1/users/{user_id}/transactions/{transaction_id}", "One stored transaction of the user", h::users_transaction_get(deps), Access::kUser, Caching::kStoredData});
  router.add({"PUT",    "/api/v1/users/{user_id}/transactions/{transaction_id}", "Replace a stored transaction of the user", h::users_transaction_put(deps)});
  router.add({"PATCH",  "/api/v1/users/{user_id}/transactions/{transaction_id}", "Change some members of a stored transaction of the user", h::users_transaction_patch(deps)});
  router.add({"DELETE", "/api/v1/users/{user_id}/transactions/{transaction_id}", "Remove a stored transaction of the user", h::users_transaction_delete(deps)});
  router.add({"DELETE", "/api/v1/users/{user_id}",                   "Remove the user and everything of theirs", h::users_delete(deps)});
  // End users' stored data (helper T).

  // Categories: the taxonomy and each user's overrides (issue 7, helper K).
  router.add({"GET",    "/api/v1/categories",                          "The category taxonomy: groups and Plaid-style primary and detailed categories", h::categories_get()});
  router.add({"GET",    "/api/v1/users/{user_id}/categories/overrides", "A user's category overrides", h::users_category_overrides_get(deps), Access::kUser, Caching::kStoredData});
  router.add({"PUT",    "/api/v1/users/{user_id}/categories/overrides", "Replace a user's category overrides", h::users_category_overrides_put(deps), Access::kUser, Caching::kNone});
  // End categories (helper K).

  // Users' accounts, goals, budgets, bills and own categories (issue 7, helper A). After helper
  // K's block: /categories/overrides must match before /categories/{category_id}.
  {
    const struct {
      std::string_view segment;
      std::string_view one;  // "account" of "accounts", for the descriptions
      std::string_view id;   // the path parameter
      h::ResourceHandlers handlers;
    } kResources[] = {
        {"accounts", "account", "account_id", h::users_accounts(deps)},
        {"goals", "savings goal", "goal_id", h::users_goals(deps)},
        {"budgets", "budget", "budget_id", h::users_budgets(deps)},
        {"bills", "bill", "bill_id", h::users_bills(deps)},
        {"categories", "category of the user's own", "category_id", h::users_categories(deps)},
    };
    for (const auto& resource : kResources) {
      const std::string list = "/api/v1/users/{user_id}/" + std::string(resource.segment);
      const std::string one = list + "/{" + std::string(resource.id) + "}";
      const std::string what(resource.one);
      router.add({"GET",    list, "A user's stored " + std::string(resource.segment) + ": filters, id order, cursor pages", resource.handlers.list, Access::kUser, Caching::kStoredData});
      router.add({"POST",   list, "Store one " + what + " (Idempotency-Key honoured)", resource.handlers.create, Access::kUser, Caching::kNone});
      router.add({"GET",    one,  "One stored " + what + " of the user", resource.handlers.get, Access::kUser, Caching::kStoredData});
      router.add({"PUT",    one,  "Replace a stored " + what + " of the user", resource.handlers.replace, Access::kUser, Caching::kNone});
      router.add({"PATCH",  one,  "Change some members of a stored " + what + " of the user", resource.handlers.patch, Access::kUser, Caching::kNone});
      router.add({"DELETE", one,  "Remove a stored " + what + " of the user", resource.handlers.remove, Access::kUser, Caching::kNone});
    }
  }
  // End users' accounts, goals, budgets, bills and own categories (helper A).

  // Database administration: off (404) in production unless ADMIN_ROUTES_ENABLED says otherwise.
  if (deps.admin_routes_enabled) {
    router.add({"GET",  "/api/v1/admin/db/status", "Database reachability, schema version, and the expected tables that exist or are missing", h::admin_db_status_get(deps), Access::kAdmin});
    router.add({"POST", "/api/v1/admin/db/init",   "Apply the database migrations not applied yet (idempotent)", h::admin_db_init_post(deps), Access::kAdmin});
    router.add({"GET",  "/api/v1/admin/db/tables", "Every table of the database with its columns", h::admin_db_tables_get(deps), Access::kAdmin});
  }
  // clang-format on
}

}  // namespace finml::http
