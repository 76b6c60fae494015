#pragma once
/// @file finml/http/json/canonical_json.hpp
/// Digests of request bodies for cache keys: two bodies that differ only in whitespace or in
/// the order of object keys have the same digest; any other difference (a value, a number's
/// spelling, an array's order) gives another. Body digests are XXH3-128 of the canonical form (fast on megabyte
/// bodies); digest_hex is BLAKE2b-128 (libsodium) for the cache key built around them.
#include <optional>
#include <string>
#include <string_view>

namespace finml::http::json {

struct BodyDigest {
  std::string digest;  ///< 32 hex digits
  /// The top-level "user_id" member of an object body, as its number's text or its string's
  /// characters; nullopt when the body has none.
  std::optional<std::string> user_id;
};

/// The digest of a JSON body's canonical form; a blank body has the digest of "". nullopt when
/// the body is not well-formed JSON. Reads `body` in place when its capacity leaves
/// simdjson's padding (as request bodies do), else copies it.
[[nodiscard]] std::optional<BodyDigest> canonical_body_digest(const std::string& body);

/// The BLAKE2b-128 digest of `bytes`, as 32 hex digits.
[[nodiscard]] std::string digest_hex(std::string_view bytes);

}  // namespace finml::http::json
