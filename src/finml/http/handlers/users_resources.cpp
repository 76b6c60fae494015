// What the handlers of accounts, goals, budgets, bills and a user's categories share (issue 7,
// helper A): see users_resources.hpp.
#include <finml/http/handlers/users_resources.hpp>

#include <algorithm>

namespace finml::http::handlers::resources {

core::Result<storage::ResourceQuery> read_filters(const RequestContext& context, core::Currency currency) {
  storage::ResourceQuery query;
  std::vector<core::FieldError> problems;
  const auto text = [&](std::string_view name) -> std::optional<std::string> {
    auto value = context.request.query_parameter(name);
    if (!value || value->empty()) return std::nullopt;
    return value;
  };
  for (const std::string_view name : {"from", "to"}) {
    if (const auto value = text(name)) {
      const auto date = core::Date::parse_iso(*value);
      if (!date) {
        problems.push_back(
            {"query." + std::string(name), "must be a date YYYY-MM-DD, not " + quoted(*value), "value_error"});
      } else {
        (name == "from" ? query.from : query.to) = *date;
      }
    }
  }
  query.status = text("status");
  query.kind = text("type");
  query.category = text("category");
  query.text = text("q");
  for (const std::string_view name : {"min_amount", "max_amount"}) {
    if (const auto value = text(name)) {
      const auto amount = core::Money::parse(*value, currency);
      if (!amount) {
        problems.push_back(
            {"query." + std::string(name), "must be a decimal amount, not " + quoted(*value), "value_error"});
      } else {
        (name == "min_amount" ? query.min_amount_minor : query.max_amount_minor) = amount->minor_units();
      }
    }
  }
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
  if (!answer.location.empty()) response.with_header("Location", answer.location);
  if (answer.replayed) response.with_header("Idempotent-Replayed", "true");
  return response;
}

}  // namespace finml::http::handlers::resources
