// The goals of a user's stored data (issue 7, helper A):
//   GET, POST           /api/v1/users/{user_id}/goals
//   GET, PUT, PATCH, DELETE  /api/v1/users/{user_id}/goals/{goal_id}
// The handlers are those of users_resources.hpp, with the JSON of json/resources_json.hpp.
#include <finml/http/handlers/users_resources.hpp>

namespace finml::http::handlers {

ResourceHandlers users_goals(const Dependencies& deps) {
  return resources::make_handlers<storage::Goal>(
      deps, {.segment = "goals", .id_parameter = "goal_id", .read = &json::read_goal});
}

}  // namespace finml::http::handlers
