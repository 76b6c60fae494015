// The accounts of a user's stored data (issue 7, helper A):
//   GET, POST           /api/v1/users/{user_id}/accounts
//   GET, PUT, PATCH, DELETE  /api/v1/users/{user_id}/accounts/{account_id}
// The handlers are those of users_resources.hpp, with the JSON of json/resources_json.hpp.
#include <finml/http/handlers/users_resources.hpp>

namespace finml::http::handlers {

ResourceHandlers users_accounts(const Dependencies& deps) {
  return resources::make_handlers<storage::Account>(
      deps, {.segment = "accounts", .id_parameter = "account_id", .read = &json::read_account});
}

}  // namespace finml::http::handlers
