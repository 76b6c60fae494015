#include <finml/http/routes.hpp>

#include <finml/http/handlers/handlers.hpp>

namespace finml::http {

void register_routes(Router& router, const Dependencies& deps) {
  namespace h = handlers;
  // clang-format off
  router.add({"GET",  "/",        "Service name, version, environment and endpoints", h::root_get(deps, router)});
  router.add({"GET",  "/health",  "Liveness and database reachability; 503 when the database is unreachable", h::health_get(deps)});
  router.add({"GET",  "/metrics", "Prometheus metrics", h::metrics_get(deps)});

  router.add({"POST", "/goals/timeline",                  "Months and milestones to reach a savings goal", h::goals_timeline_post(deps)});
  router.add({"POST", "/api/v1/goals/calculate-timeline", "Months and milestones to reach a savings goal", h::goals_timeline_post(deps)});
  router.add({"POST", "/goals/reverse-plan",              "Monthly saving that reaches a goal by a date", h::goals_reverse_plan_post(deps)});
  router.add({"POST", "/api/v1/goals/reverse-plan",       "Monthly saving that reaches a goal by a date", h::goals_reverse_plan_post(deps)});
  // clang-format on
}

}  // namespace finml::http
