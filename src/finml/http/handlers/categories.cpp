#include <finml/http/handlers/handlers.hpp>
#include <finml/http/handlers/request_parameters.hpp>
#include <finml/http/json/category_json.hpp>
#include <finml/service/category_service.hpp>

namespace finml::http::handlers {

// GET /api/v1/categories: the fixed taxonomy (docs/api.md "Categories").
Handler categories_get() {
  return [](const RequestContext&) -> core::Result<Response> {
    Response response;
    response.body = json::write_category_taxonomy();
    return response;
  };
}

// GET /api/v1/users/{user_id}/categories/overrides: the user's overrides (none: an empty list).
Handler users_category_overrides_get(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    const auto user = user_id_parameter(context);
    if (!user) return std::unexpected(user.error());
    auto overrides = service::category_overrides(deps.database, *user);
    if (!overrides) return std::unexpected(std::move(overrides.error()));
    Response response;
    response.body = json::write_category_overrides(*user, *overrides);
    return response;
  };
}

// PUT /api/v1/users/{user_id}/categories/overrides: replaces the whole set; answers what is
// stored now (normalised, later entries for the same text winning). 422 names each bad entry.
Handler users_category_overrides_put(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    const auto user = user_id_parameter(context);
    if (!user) return std::unexpected(user.error());
    auto entries = json::read_category_overrides(context.request.body);
    if (!entries) return std::unexpected(std::move(entries.error()));
    auto stored = service::replace_category_overrides(deps.database, *user, *entries);
    if (!stored) return std::unexpected(std::move(stored.error()));
    Response response;
    response.body = json::write_category_overrides(*user, *stored);
    return response;
  };
}

}  // namespace finml::http::handlers
