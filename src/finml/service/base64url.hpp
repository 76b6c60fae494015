#pragma once
/// @file finml/service/base64url.hpp
/// Base64url without padding (RFC 4648 section 5), for opaque page cursors.
#include <optional>
#include <string>
#include <string_view>

namespace finml::service {

[[nodiscard]] std::string to_base64url(std::string_view bytes);
/// nullopt when `text` holds a character outside the base64url alphabet.
[[nodiscard]] std::optional<std::string> from_base64url(std::string_view text);

}  // namespace finml::service
