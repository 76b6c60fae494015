#pragma once
/// @file finml/http/handlers/request_parameters.hpp
/// Path and query parameters, read strictly: a bad one is a 422 naming it ("path.user_id",
/// "query.months"), never a guess.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <finml/core/date.hpp>
#include <finml/core/error.hpp>
#include <finml/core/money.hpp>
#include <finml/core/ids.hpp>
#include <finml/http/router.hpp>

namespace finml::http::handlers {

/// What the caller sent, quoted for an error message: at most 40 characters of it.
[[nodiscard]] std::string quoted(std::string_view text);

/// The {user_id} path parameter: a positive 64-bit integer in decimal.
[[nodiscard]] core::Result<core::UserId> user_id_parameter(const RequestContext& context);

/// The {user_id} path parameter of routes that also exist without it (the original's POST
/// with user_id in the body, the client's POST .../{user_id}): nullopt when the route has none.
[[nodiscard]] core::Result<std::optional<core::UserId>> optional_user_id_parameter(const RequestContext& context);

/// An optional integer query parameter within [min, max]; `fallback` when absent or empty.
[[nodiscard]] core::Result<int> bounded_integer_query(const RequestContext& context, std::string_view name,
                                                      int fallback, int min, int max);

/// A query parameter's text; nullopt when absent or empty.
[[nodiscard]] std::optional<std::string> query_text(const RequestContext& context, std::string_view name);

/// The range filters that every list of a user's data shares: `from` and `to` (dates) and
/// `min_amount` and `max_amount` (decimal text read in `currency`, as minor units).
struct RangeFilters {
  std::optional<core::Date> from{};
  std::optional<core::Date> to{};
  std::optional<std::int64_t> min_amount_minor{};
  std::optional<std::int64_t> max_amount_minor{};
};
/// Reads them from the query; each bad one is appended to `problems`, naming it.
[[nodiscard]] RangeFilters read_range_filters(const RequestContext& context, core::Currency currency,
                                              std::vector<core::FieldError>& problems);

/// The path parameter `name` ("transaction_id", "goal_id"): a positive 64-bit integer.
[[nodiscard]] core::Result<std::int64_t> positive_id_parameter(const RequestContext& context, std::string_view name);

/// The Idempotency-Key header: nullopt when absent; 1 to 255 visible ASCII characters.
[[nodiscard]] core::Result<std::optional<std::string>> idempotency_key(const RequestContext& context);

}  // namespace finml::http::handlers
