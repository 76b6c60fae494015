// The bills of a user's stored data (issue 7, helper A):
//   GET, POST           /api/v1/users/{user_id}/bills
//   GET, PUT, PATCH, DELETE  /api/v1/users/{user_id}/bills/{bill_id}
// The handlers are those of users_resources.hpp, with the JSON of json/resources_json.hpp.
#include <finml/http/handlers/users_resources.hpp>

namespace finml::http::handlers {

ResourceHandlers users_bills(const Dependencies& deps) {
  return resources::make_handlers<storage::Bill>(
      deps, {.segment = "bills", .id_parameter = "bill_id", .read = &json::read_bill});
}

}  // namespace finml::http::handlers
