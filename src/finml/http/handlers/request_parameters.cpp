#include <finml/http/handlers/request_parameters.hpp>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string>

namespace finml::http::handlers {
std::string quoted(std::string_view text) { return "'" + std::string(text.substr(0, 40)) + "'"; }

core::Result<core::UserId> user_id_parameter(const RequestContext& context) {
  const std::string_view text = context.path_parameter("user_id").value_or(std::string_view{});
  const auto value = parse_decimal_integer(text);
  if (!value || *value <= 0) {
    return core::fail_validation(
        {{"path.user_id", "must be a positive integer, not " + quoted(text), value ? "greater_than" : "type_error"}});
  }
  return core::UserId(*value);
}

core::Result<int> bounded_integer_query(const RequestContext& context, std::string_view name, int fallback, int min,
                                        int max) {
  const auto text = context.request.query_parameter(name);
  if (!text || text->empty()) return fallback;
  const auto value = parse_decimal_integer(*text);
  const std::string path = "query." + std::string(name);
  if (!value) return core::fail_validation({{path, "must be an integer, not " + quoted(*text), "type_error"}});
  if (*value < min || *value > max) {
    return core::fail_validation(
        {{path, "must be from " + std::to_string(min) + " to " + std::to_string(max) + ", not " + quoted(*text),
          "value_error"}});
  }
  return static_cast<int>(*value);
}

core::Result<std::optional<core::UserId>> optional_user_id_parameter(const RequestContext& context) {
  if (!context.path_parameter("user_id")) return std::optional<core::UserId>{};
  auto user = user_id_parameter(context);
  if (!user) return std::unexpected(std::move(user.error()));
  return std::optional<core::UserId>(*user);
}

std::optional<std::string> query_text(const RequestContext& context, std::string_view name) {
  auto value = context.request.query_parameter(name);
  if (!value || value->empty()) return std::nullopt;
  return value;
}

RangeFilters read_range_filters(const RequestContext& context, core::Currency currency,
                                std::vector<core::FieldError>& problems) {
  RangeFilters filters;
  for (const std::string_view name : {"from", "to"}) {
    if (const auto value = query_text(context, name)) {
      const auto date = core::Date::parse_iso(*value);
      if (!date) {
        problems.push_back(
            {"query." + std::string(name), "must be a date YYYY-MM-DD, not " + quoted(*value), "value_error"});
      } else {
        (name == "from" ? filters.from : filters.to) = *date;
      }
    }
  }
  for (const std::string_view name : {"min_amount", "max_amount"}) {
    if (const auto value = query_text(context, name)) {
      const auto amount = core::Money::parse(*value, currency);
      if (!amount) {
        problems.push_back(
            {"query." + std::string(name), "must be a decimal amount, not " + quoted(*value), "value_error"});
      } else {
        (name == "min_amount" ? filters.min_amount_minor : filters.max_amount_minor) = amount->minor_units();
      }
    }
  }
  return filters;
}

core::Result<std::int64_t> positive_id_parameter(const RequestContext& context, std::string_view name) {
  const std::string_view text = context.path_parameter(name).value_or(std::string_view{});
  const auto value = parse_decimal_integer(text);
  if (!value || *value <= 0) {
    return core::fail_validation(
        {{"path." + std::string(name), "must be a positive integer, not " + quoted(text), "type_error"}});
  }
  return *value;
}

core::Result<std::optional<std::string>> idempotency_key(const RequestContext& context) {
  constexpr std::size_t kMaxLength = 255;
  const auto header = context.request.header("idempotency-key");
  if (!header) return std::optional<std::string>{};
  const bool visible = std::ranges::all_of(*header, [](char c) { return c > ' ' && c < 0x7F; });
  if (header->empty() || header->size() > kMaxLength || !visible) {
    return core::fail_validation(
        {{"header.Idempotency-Key", "must be 1 to 255 visible ASCII characters", "value_error"}});
  }
  return std::optional<std::string>(std::string(*header));
}

}  // namespace finml::http::handlers
