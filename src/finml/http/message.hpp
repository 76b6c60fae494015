#pragma once
/// @file finml/http/message.hpp
/// An HTTP request as the server read it, and the response a handler gives back.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace finml::http {

/// Bytes of zeroed slack kept after every request body, so that simdjson can parse it in place.
inline constexpr std::size_t kBodyPadding = 64;

struct Header {
  std::string name;  ///< lower case for request headers
  std::string value;
};

struct Request {
  std::string method;  ///< "GET", "POST", ...
  std::string target;  ///< the raw request-target: "/api/v1/x?y=1"
  std::string path;    ///< percent-decoded path of the target
  std::string query;   ///< raw query string, without the "?"
  std::vector<Header> headers;
  std::string body;  ///< capacity() >= size() + kBodyPadding
  std::string remote_address;
  bool keep_alive = true;

  /// The first header of that (lower-case) name.
  [[nodiscard]] std::optional<std::string_view> header(std::string_view lower_name) const;
  /// A query parameter, percent-decoded ("+" is a space); nullopt when absent.
  [[nodiscard]] std::optional<std::string> query_parameter(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<Header> headers;  ///< besides Content-Type, Content-Length, Date, Connection
  std::string body;

  Response& with_header(std::string name, std::string value) {
    headers.push_back({std::move(name), std::move(value)});
    return *this;
  }
};

/// The standard reason phrase of a status code ("Not Found").
[[nodiscard]] std::string_view reason_phrase(int status) noexcept;

/// Decodes %XX escapes (and "+" as a space when `plus_is_space`); nullopt on a bad escape
/// or a decoded NUL byte.
[[nodiscard]] std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

/// A header field value without the optional whitespace (spaces and tabs) at its ends.
[[nodiscard]] std::string_view trim_ows(std::string_view value) noexcept;

/// A whole decimal integer ("42", "-3"), as path and query parameters and user ids are read;
/// nullopt for anything else ("", "4x", "1.0", out of range).
[[nodiscard]] std::optional<std::int64_t> parse_decimal_integer(std::string_view text) noexcept;

}  // namespace finml::http
