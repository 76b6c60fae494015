// The transactions resource of a user's stored data (issue 7):
//   GET    /api/v1/users/{user_id}/transactions             list: filters, (date, id) order, cursor pages
//   POST   /api/v1/users/{user_id}/transactions             create one (201, Location)
//   POST   /api/v1/users/{user_id}/transactions/bulk        create up to 100,000, all or nothing
//   GET    /api/v1/users/{user_id}/transactions/{transaction_id}
//   PUT    /api/v1/users/{user_id}/transactions/{transaction_id}
//   PATCH  /api/v1/users/{user_id}/transactions/{transaction_id}   change some members
//   DELETE /api/v1/users/{user_id}/transactions/{transaction_id}
// One row's answers carry its ETag; PUT, PATCH and DELETE honour If-Match (http/entity_tags.hpp).
// Another user's transaction id answers 404, exactly as an id that does not exist.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string>

#include <finml/http/entity_tags.hpp>
#include <finml/http/handlers/handlers.hpp>
#include <finml/http/handlers/request_parameters.hpp>
#include <finml/http/handlers/users_resources.hpp>
#include <finml/http/json/user_data_json.hpp>
#include <finml/service/user_data_service.hpp>

namespace finml::http::handlers {
namespace {

core::Result<core::TransactionId> transaction_id_parameter(const RequestContext& context) {
  const auto value = positive_id_parameter(context, "transaction_id");
  if (!value) return std::unexpected(value.error());
  return core::TransactionId(*value);
}

/// The request's If-Match over a stored transaction as its GET answers it.
service::WritePrecondition<core::Transaction> if_match(const RequestContext& context) {
  return if_match_precondition<core::Transaction>(
      context, [](const core::Transaction& row) { return json::write_stored_transaction(row); });
}

std::string transaction_location(core::UserId user, core::TransactionId id) {
  return "/api/v1/users/" + std::to_string(user.value()) + "/transactions/" + std::to_string(id.value());
}

/// Reads the list filters from the query string; each bad one is a 422 naming it.
core::Result<storage::TransactionQuery> read_filters(const RequestContext& context, core::Currency currency) {
  storage::TransactionQuery query;
  std::vector<core::FieldError> problems;
  const auto text = [&context](std::string_view name) { return query_text(context, name); };
  const RangeFilters range = read_range_filters(context, currency, problems);
  query.from = range.from;
  query.to = range.to;
  query.min_amount_minor = range.min_amount_minor;
  query.max_amount_minor = range.max_amount_minor;
  if (const auto value = text("type")) {
    if (const auto type = core::parse_transaction_type(*value)) {
      query.type = *type;
    } else {
      problems.push_back(
          {"query.type", "must be one of income, expense, savings, transfer, not " + quoted(*value), "value_error"});
    }
  }
  query.category = text("category");
  query.text = text("q");
  if (const auto value = text("account_id")) {
    if (const auto id = parse_decimal_integer(*value); id && *id > 0) {
      query.account_id = core::AccountId(*id);
    } else {
      problems.push_back({"query.account_id", "must be a positive integer, not " + quoted(*value), "type_error"});
    }
  }
  if (!problems.empty()) return core::fail_validation(std::move(problems));
  return query;
}

}  // namespace

Handler users_transactions_get(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    const auto user = user_id_parameter(context);
    if (!user) return std::unexpected(user.error());
    auto filter = read_filters(context, deps.default_currency);
    if (!filter) return std::unexpected(std::move(filter.error()));
    const auto limit = bounded_integer_query(context, "limit", static_cast<int>(service::kDefaultPageSize), 1,
                                             static_cast<int>(service::kMaxPageSize));
    if (!limit) return std::unexpected(limit.error());
    std::optional<service::TransactionCursor> cursor;
    if (const auto token = context.request.query_parameter("cursor"); token && !token->empty()) {
      cursor = service::decode_cursor(*token);
      if (!cursor) {
        return core::fail_validation(
            {{"query.cursor", "must be a next_cursor of an earlier page, not " + quoted(*token), "value_error"}});
      }
    }
    auto page = service::list_transactions(deps.database, *user, std::move(*filter), cursor,
                                           static_cast<std::size_t>(*limit));
    if (!page) return std::unexpected(std::move(page.error()));
    Response response;
    response.body = json::write_transaction_page(
        page->items, page->next ? std::optional(service::encode_cursor(*page->next)) : std::nullopt);
    return response;
  };
}

Handler users_transactions_post(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    const auto user = user_id_parameter(context);
    if (!user) return std::unexpected(user.error());
    auto key = idempotency_key(context);
    if (!key) return std::unexpected(std::move(key.error()));
    auto row = json::read_transaction_body(context.request.body, deps.default_currency);
    if (!row) return std::unexpected(std::move(row.error()));
    const std::string digest =
        service::request_digest(context.request.method, context.request.path, context.request.body);
    auto answer = service::run_idempotent(
        deps.database, *user, *key, digest, deps.now(), [&]() -> core::Result<service::StoredAnswer> {
          auto created = service::create_transactions(deps.database, *user, {std::move(*row)});
          if (!created) return std::unexpected(std::move(created.error()));
          const core::Transaction& stored = created->front();
          return service::StoredAnswer{.status = 201,
                                       .location = transaction_location(*user, stored.id),
                                       .body = json::write_stored_transaction(stored)};
        });
    if (!answer) return std::unexpected(std::move(answer.error()));
    return resources::to_response(*answer);
  };
}

Handler users_transactions_bulk_post(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    const auto user = user_id_parameter(context);
    if (!user) return std::unexpected(user.error());
    auto key = idempotency_key(context);
    if (!key) return std::unexpected(std::move(key.error()));
    auto rows = json::read_bulk_transactions(context.request.body, deps.default_currency);
    if (!rows) return std::unexpected(std::move(rows.error()));
    const std::string digest =
        service::request_digest(context.request.method, context.request.path, context.request.body);
    auto answer = service::run_idempotent(
        deps.database, *user, *key, digest, deps.now(), [&]() -> core::Result<service::StoredAnswer> {
          auto created = service::create_transactions(deps.database, *user, std::move(*rows));
          if (!created) return std::unexpected(std::move(created.error()));
          return service::StoredAnswer{.status = 201, .location = {}, .body = json::write_bulk_created(*created)};
        });
    if (!answer) return std::unexpected(std::move(answer.error()));
    return resources::to_response(*answer);
  };
}

Handler users_transaction_get(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    const auto user = user_id_parameter(context);
    if (!user) return std::unexpected(user.error());
    const auto id = transaction_id_parameter(context);
    if (!id) return std::unexpected(id.error());
    auto row = service::get_transaction(deps.database, *user, *id);
    if (!row) return std::unexpected(std::move(row.error()));
    return tagged_response(json::write_stored_transaction(*row));
  };
}

Handler users_transaction_put(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    const auto user = user_id_parameter(context);
    if (!user) return std::unexpected(user.error());
    const auto id = transaction_id_parameter(context);
    if (!id) return std::unexpected(id.error());
    auto row = json::read_transaction_body(context.request.body, deps.default_currency);
    if (!row) return std::unexpected(std::move(row.error()));
    row->id = *id;
    auto stored = service::replace_transaction(deps.database, *user, std::move(*row), if_match(context));
    if (!stored) return std::unexpected(std::move(stored.error()));
    return tagged_response(json::write_stored_transaction(*stored));
  };
}

Handler users_transaction_patch(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    const auto user = user_id_parameter(context);
    if (!user) return std::unexpected(user.error());
    const auto id = transaction_id_parameter(context);
    if (!id) return std::unexpected(id.error());
    auto patch = json::read_transaction_patch(context.request.body);
    if (!patch) return std::unexpected(std::move(patch.error()));
    auto stored = service::patch_transaction(deps.database, *user, *id, *patch, if_match(context));
    if (!stored) return std::unexpected(std::move(stored.error()));
    return tagged_response(json::write_stored_transaction(*stored));
  };
}

Handler users_transaction_delete(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    const auto user = user_id_parameter(context);
    if (!user) return std::unexpected(user.error());
    const auto id = transaction_id_parameter(context);
    if (!id) return std::unexpected(id.error());
    auto removed = service::delete_transaction(deps.database, *user, *id, if_match(context));
    if (!removed) return std::unexpected(std::move(removed.error()));
    Response response;
    response.status = 204;
    return response;
  };
}

}  // namespace finml::http::handlers
