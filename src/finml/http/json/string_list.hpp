#pragma once
/// @file finml/http/json/string_list.hpp
/// A JSON array of strings, as settings such as CORS_ORIGINS are written.
#include <string>
#include <string_view>
#include <vector>

#include <finml/core/error.hpp>

namespace finml::http::json {

/// Reads `["a", "b"]`; fails when the text is not a JSON array of strings.
[[nodiscard]] core::Result<std::vector<std::string>> read_string_array(std::string_view text);

}  // namespace finml::http::json
