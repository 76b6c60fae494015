#pragma once
/// @file finml/http/handlers/users_resources.hpp
/// The other resources of a user's stored data over HTTP (issue 7, helper A): accounts, goals,
/// budgets, bills and the user's own categories, each under /api/v1/users/{user_id}/<segment>:
///   GET    .../<segment>          list: filters, id order, cursor pages {"items", "next_cursor"}
///   POST   .../<segment>          create one (201, Location; Idempotency-Key honoured)
///   GET    .../<segment>/{<id>}   one row
///   PUT    .../<segment>/{<id>}   replace it (members absent take their defaults)
///   PATCH  .../<segment>/{<id>}   change the members given (null clears an optional one)
///   DELETE .../<segment>/{<id>}   204
/// One row's answers carry its ETag; PUT, PATCH and DELETE honour If-Match (http/entity_tags.hpp).
/// Another user's id answers 404, exactly as an id that does not exist. One file per resource
/// (users_accounts.cpp, users_goals.cpp, ...) instantiates the handlers below with its JSON
/// reader; the helpers they share are in users_resources.cpp.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <finml/core/error.hpp>
#include <finml/core/money.hpp>
#include <finml/http/entity_tags.hpp>
#include <finml/http/handlers/dependencies.hpp>
#include <finml/http/handlers/handlers.hpp>
#include <finml/http/handlers/request_parameters.hpp>
#include <finml/http/json/resources_json.hpp>
#include <finml/http/router.hpp>
#include <finml/service/resources_service.hpp>
#include <finml/service/user_data_service.hpp>
#include <finml/storage/database.hpp>

namespace finml::http::handlers {

/// The six handlers of one resource, for routes.cpp.
struct ResourceHandlers {
  Handler list;
  Handler create;
  Handler get;
  Handler replace;
  Handler patch;
  Handler remove;
};

[[nodiscard]] ResourceHandlers users_accounts(const Dependencies& dependencies);
[[nodiscard]] ResourceHandlers users_goals(const Dependencies& dependencies);
[[nodiscard]] ResourceHandlers users_budgets(const Dependencies& dependencies);
[[nodiscard]] ResourceHandlers users_bills(const Dependencies& dependencies);
[[nodiscard]] ResourceHandlers users_categories(const Dependencies& dependencies);

namespace resources {

/// The list filters of the query string (status, type, category, from, to, min_amount,
/// max_amount, q), amounts read in `currency`; the cursor and limit are read separately.
/// Each bad one is a 422 naming it; the service refuses those the resource has no use for.
[[nodiscard]] core::Result<storage::ResourceQuery> read_filters(const RequestContext& context,
                                                               core::Currency currency);

/// The limit (1..1000, default 100) and cursor of a list.
struct PageRequest {
  std::size_t limit = 0;
  std::optional<std::string> cursor;
};
[[nodiscard]] core::Result<PageRequest> read_page_request(const RequestContext& context);

/// The kept answer of a create as a response: Location and ETag for one created row,
/// Idempotent-Replayed when it is a replay.
[[nodiscard]] Response to_response(const service::StoredAnswer& answer);

/// How one resource is spelt on the wire.
template <class Row>
struct Wire {
  using Reader = core::Result<Row> (*)(const std::string& body, core::Currency default_currency, const Row* base);
  std::string_view segment;       ///< "accounts"
  std::string_view id_parameter;  ///< "account_id"
  Reader read;
};

template <class Row>
[[nodiscard]] ResourceHandlers make_handlers(const Dependencies& deps, Wire<Row> wire) {
  ResourceHandlers handlers;
  static constexpr auto representation = [](const Row& row) { return json::write_resource(row); };
  const auto location = [wire](core::UserId user, std::int64_t id) {
    return "/api/v1/users/" + std::to_string(user.value()) + "/" + std::string(wire.segment) + "/" +
           std::to_string(id);
  };

  handlers.list = [&deps](const RequestContext& context) -> core::Result<Response> {
    const auto user = user_id_parameter(context);
    if (!user) return std::unexpected(user.error());
    auto filter = read_filters(context, deps.default_currency);
    if (!filter) return std::unexpected(std::move(filter.error()));
    auto page_request = read_page_request(context);
    if (!page_request) return std::unexpected(std::move(page_request.error()));
    auto page = service::list_resources<Row>(deps.database, *user, std::move(*filter), page_request->cursor,
                                             page_request->limit);
    if (!page) return std::unexpected(std::move(page.error()));
    Response response;
    response.body = json::write_resource_page(page->items, page->next_cursor);
    return response;
  };

  handlers.create = [&deps, wire, location](const RequestContext& context) -> core::Result<Response> {
    const auto user = user_id_parameter(context);
    if (!user) return std::unexpected(user.error());
    auto key = idempotency_key(context);
    if (!key) return std::unexpected(std::move(key.error()));
    auto row = wire.read(context.request.body, deps.default_currency, nullptr);
    if (!row) return std::unexpected(std::move(row.error()));
    const std::string digest =
        service::request_digest(context.request.method, context.request.path, context.request.body);
    auto answer = service::run_idempotent(
        deps.database, *user, *key, digest, deps.now(), [&]() -> core::Result<service::StoredAnswer> {
          auto created = service::create_resource<Row>(deps.database, *user, std::move(*row));
          if (!created) return std::unexpected(std::move(created.error()));
          return service::StoredAnswer{.status = 201,
                                       .location = location(*user, created->id.value()),
                                       .body = json::write_resource(*created)};
        });
    if (!answer) return std::unexpected(std::move(answer.error()));
    return to_response(*answer);
  };

  handlers.get = [&deps, wire](const RequestContext& context) -> core::Result<Response> {
    const auto user = user_id_parameter(context);
    if (!user) return std::unexpected(user.error());
    const auto id = positive_id_parameter(context, wire.id_parameter);
    if (!id) return std::unexpected(id.error());
    auto row = service::get_resource<Row>(deps.database, *user, *id);
    if (!row) return std::unexpected(std::move(row.error()));
    return tagged_response(json::write_resource(*row));
  };

  // PUT reads the body as a create does; PATCH reads it over the stored row, which stays
  // locked from that read to the write (concurrent PATCHes of different members all survive).
  const auto write = [&deps, wire](bool patch) {
    return [&deps, wire, patch](const RequestContext& context) -> core::Result<Response> {
      const auto user = user_id_parameter(context);
      if (!user) return std::unexpected(user.error());
      const auto id = positive_id_parameter(context, wire.id_parameter);
      if (!id) return std::unexpected(id.error());
      const auto rewrite = [&](const Row& stored) {
        return wire.read(context.request.body, deps.default_currency, patch ? &stored : nullptr);
      };
      auto replaced = service::replace_resource<Row>(deps.database, *user, *id, rewrite,
                                                     if_match_precondition<Row>(context, representation));
      if (!replaced) return std::unexpected(std::move(replaced.error()));
      return tagged_response(json::write_resource(*replaced));
    };
  };
  handlers.replace = write(false);
  handlers.patch = write(true);

  handlers.remove = [&deps, wire](const RequestContext& context) -> core::Result<Response> {
    const auto user = user_id_parameter(context);
    if (!user) return std::unexpected(user.error());
    const auto id = positive_id_parameter(context, wire.id_parameter);
    if (!id) return std::unexpected(id.error());
    auto removed = service::delete_resource<Row>(deps.database, *user, *id,
                                                 if_match_precondition<Row>(context, representation));
    if (!removed) return std::unexpected(std::move(removed.error()));
    Response response;
    response.status = 204;
    return response;
  };
  return handlers;
}

}  // namespace resources
}  // namespace finml::http::handlers
