#include <finml/http/error_response.hpp>

#include <finml/http/json/error_json.hpp>

namespace finml::http {
namespace {

std::string_view code_name(core::ErrorCode code) noexcept {
  switch (code) {
    case core::ErrorCode::kMalformedInput: return "malformed_json";
    case core::ErrorCode::kValidation: return "validation_error";
    case core::ErrorCode::kInvalidArgument: return "invalid_argument";
    case core::ErrorCode::kInsufficientData: return "insufficient_data";
    case core::ErrorCode::kNotFound: return "not_found";
    case core::ErrorCode::kConflict: return "conflict";
    case core::ErrorCode::kPreconditionFailed: return "precondition_failed";
    case core::ErrorCode::kPayloadTooLarge: return "payload_too_large";
    case core::ErrorCode::kUnavailable: return "unavailable";
    case core::ErrorCode::kInternal: return "internal_error";
  }
  return "internal_error";
}

std::string_view status_code_name(int status) noexcept {
  switch (status) {
    case 400: return "bad_request";
    case 401: return "unauthorized";  // no API key where one is needed, or a bad one
    case 403: return "forbidden";     // a key that may not do this
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 408: return "request_timeout";
    case 412: return "precondition_failed";
    case 413: return "payload_too_large";
    case 422: return "validation_error";
    case 429: return "rate_limited";  // RATE_LIMIT_REQUESTS per RATE_LIMIT_PERIOD spent
    case 431: return "headers_too_large";
    case 503: return "unavailable";
    default: return status >= 500 ? "internal_error" : "http_error";
  }
}

// The original's envelope types: validation errors and unhandled exceptions have their own.
std::string_view envelope_type(int status) noexcept {
  if (status == 422) return "ValidationError";
  if (status == 500) return "InternalServerError";
  return "HTTPException";
}

Response make(int status, json::ErrorBody body) {
  Response response;
  response.status = status;
  response.body = json::write_error_body(body);
  return response;
}

}  // namespace

int http_status(core::ErrorCode code) noexcept {
  switch (code) {
    case core::ErrorCode::kMalformedInput: return 400;
    case core::ErrorCode::kValidation: return 422;
    case core::ErrorCode::kInvalidArgument: return 400;
    case core::ErrorCode::kInsufficientData: return 400;  // as the original answers it
    case core::ErrorCode::kNotFound: return 404;
    case core::ErrorCode::kConflict: return 409;
    case core::ErrorCode::kPreconditionFailed: return 412;
    case core::ErrorCode::kPayloadTooLarge: return 413;
    case core::ErrorCode::kUnavailable: return 503;
    case core::ErrorCode::kInternal: return 500;
  }
  return 500;
}

Response error_response(const core::Error& error, std::string_view request_id) {
  const int status = http_status(error.code);
  return make(status, {.status = status,
                       .type = std::string(envelope_type(status)),
                       .code = std::string(code_name(error.code)),
                       .message = error.message,
                       .fields = error.fields,
                       .exception_text = std::nullopt,
                       .request_id = std::string(request_id),
                       .extra_members = {}});
}

Response status_response(int status, std::string_view message, std::string_view request_id) {
  return make(status, {.status = status,
                       .type = std::string(envelope_type(status)),
                       .code = std::string(status_code_name(status)),
                       .message = std::string(message),
                       .fields = {},
                       .exception_text = std::nullopt,
                       .request_id = std::string(request_id),
                       .extra_members = {}});
}

Response internal_error_response(const std::exception* exception, bool production,
                                 std::string_view request_id) {
  std::optional<std::string> text;
  if (!production) text = exception != nullptr ? exception->what() : "unknown exception";
  return make(500, {.status = 500,
                    .type = "InternalServerError",
                    .code = "internal_error",
                    .message = "An unexpected error occurred. Please try again later (request " +
                               std::string(request_id) + ").",
                    .fields = {},
                    .exception_text = std::move(text),
                    .request_id = std::string(request_id),
                    .extra_members = {}});
}

}  // namespace finml::http
