#pragma once
/// @file finml/http/error_response.hpp
/// The one place where errors become HTTP responses.
#include <exception>
#include <string_view>
#include <vector>

#include <finml/core/error.hpp>
#include <finml/http/message.hpp>

namespace finml::http {

/// The status an error code is answered with.
[[nodiscard]] int http_status(core::ErrorCode code) noexcept;

/// The response for an error of a handler or of input reading.
[[nodiscard]] Response error_response(const core::Error& error, std::string_view request_id);

/// The response for a status with a fixed meaning (404, 405, 408, 413, 431, 503...).
[[nodiscard]] Response status_response(int status, std::string_view message,
                                       std::string_view request_id);

/// The response for an exception that escaped a handler: a 500 that names the request id;
/// the exception's text is shown only when `production` is false.
[[nodiscard]] Response internal_error_response(const std::exception* exception, bool production,
                                               std::string_view request_id);

}  // namespace finml::http
