// What the handlers of accounts, goals, budgets, bills and a user's categories share (issue 7,
// helper A): see users_resources.hpp.
#include <finml/http/handlers/users_resources.hpp>

namespace finml::http::handlers::resources {

core::Result<storage::ResourceQuery> read_filters(const RequestContext& context, core::Currency currency) {
  storage::ResourceQuery query;
  std::vector<core::FieldError> problems;
  const auto text = [&context](std::string_view name) { return query_text(context, name); };
  const RangeFilters range = read_range_filters(context, currency, problems);
  query.from = range.from;
  query.to = range.to;
  query.min_amount_minor = range.min_amount_minor;
  query.max_amount_minor = range.max_amount_minor;
  query.status = text("status");
  query.kind = text("type");
  query.category = text("category");
  query.text = text("q");
  if (!problems.empty()) return core::fail_validation(std::move(problems));
  return query;
}

core::Result<PageRequest> read_page_request(const RequestContext& context) {
  const auto limit = bounded_integer_query(context, "limit", static_cast<int>(service::kDefaultPageSize), 1,
                                           static_cast<int>(service::kMaxPageSize));
  if (!limit) return std::unexpected(limit.error());
  PageRequest page{.limit = static_cast<std::size_t>(*limit), .cursor = std::nullopt};
  if (auto token = context.request.query_parameter("cursor"); token && !token->empty()) page.cursor = std::move(*token);
  return page;
}

Response to_response(const service::StoredAnswer& answer) {
  Response response;
  response.status = answer.status;
  response.body = answer.body;
  if (!answer.location.empty()) {  // one created row: where it is, and its version
    response.with_header("Location", answer.location);
    response.with_header("ETag", entity_tag(answer.body));
  }
  if (answer.replayed) response.with_header("Idempotent-Replayed", "true");
  return response;
}

}  // namespace finml::http::handlers::resources
