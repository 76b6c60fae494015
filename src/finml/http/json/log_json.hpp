#pragma once
/// @file finml/http/json/log_json.hpp
/// One log event as a JSON line.
#include <initializer_list>
#include <string>
#include <string_view>

#include <finml/http/logger.hpp>

namespace finml::http::json {

/// {"timestamp":..,"level":..,"event":..,"message":..,<fields>} without a newline.
[[nodiscard]] std::string write_log_line(std::string_view timestamp, LogLevel level,
                                         std::string_view event, std::string_view message,
                                         std::initializer_list<LogField> fields);

}  // namespace finml::http::json
