// The categories of a user's stored data (issue 7, helper A):
//   GET, POST           /api/v1/users/{user_id}/categories
//   GET, PUT, PATCH, DELETE  /api/v1/users/{user_id}/categories/{category_id}
// The handlers are those of users_resources.hpp, with the JSON of json/resources_json.hpp.
#include <finml/http/handlers/users_resources.hpp>

namespace finml::http::handlers {

ResourceHandlers users_categories(const Dependencies& deps) {
  return resources::make_handlers<storage::UserCategory>(
      deps, {.segment = "categories", .id_parameter = "category_id", .read = &json::read_user_category});
}

}  // namespace finml::http::handlers
