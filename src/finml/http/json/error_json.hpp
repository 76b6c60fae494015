#pragma once
/// @file finml/http/json/error_json.hpp
/// The body of every non-2xx response: a top-level string `detail` (what the real client shows)
/// and the original service's envelope `error: {type, message, status_code, details?}`.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <finml/core/error.hpp>
#include <finml/http/json/writer.hpp>

namespace finml::http::json {

struct ErrorBody {
  int status = 500;
  std::string type;     ///< "HTTPException", "ValidationError", "InternalServerError"
  std::string code;     ///< machine-readable: not_found, validation_error, ...
  std::string message;  ///< also the `detail`, except for validation errors
  std::vector<core::FieldError> fields;        ///< listed under error.details for 422
  std::optional<std::string> exception_text;   ///< error.details.exception, outside production
  std::string request_id;
  /// Writes more top-level members after `detail` and `error` (the unhealthy /health body).
  std::function<void(Writer&)> extra_members;
};

[[nodiscard]] std::string write_error_body(const ErrorBody& error);

/// "$.transactions[3].amount" -> "body -> transactions -> 3 -> amount", the original's form.
[[nodiscard]] std::string original_field_location(std::string_view json_path);

}  // namespace finml::http::json
