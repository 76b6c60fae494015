// The budgets of a user's stored data (issue 7, helper A):
//   GET, POST           /api/v1/users/{user_id}/budgets
//   GET, PUT, PATCH, DELETE  /api/v1/users/{user_id}/budgets/{budget_id}
// The handlers are those of users_resources.hpp, with the JSON of json/resources_json.hpp.
#include <finml/http/handlers/users_resources.hpp>

namespace finml::http::handlers {

ResourceHandlers users_budgets(const Dependencies& deps) {
  return resources::make_handlers<storage::Budget>(
      deps, {.segment = "budgets", .id_parameter = "budget_id", .read = &json::read_budget});
}

}  // namespace finml::http::handlers
