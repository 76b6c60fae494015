#include <finml/http/handlers/handlers.hpp>
#include <finml/http/handlers/request_parameters.hpp>
#include <finml/service/user_data_service.hpp>

namespace finml::http::handlers {

// DELETE /api/v1/users/{user_id}: the user and everything of theirs (transactions, accounts,
// goals, budgets, bills, scores, models, insights, idempotency keys); 204, or 404 when unknown.
Handler users_delete(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    const auto user = user_id_parameter(context);
    if (!user) return std::unexpected(user.error());
    auto removed = service::delete_user(deps.database, *user);
    if (!removed) return std::unexpected(std::move(removed.error()));
    Response response;
    response.status = 204;
    return response;
  };
}

}  // namespace finml::http::handlers
