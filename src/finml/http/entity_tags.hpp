#pragma once
/// @file finml/http/entity_tags.hpp
/// Entity tags in requests (RFC 9110, section 13.1): If-Match for writes (handlers/entity_tag.hpp)
/// and If-None-Match for GETs, which get 304 Not Modified when the client's copy is current.
#include <string_view>

#include <finml/http/message.hpp>

namespace finml::http {

/// Whether a field value of If-Match or If-None-Match ("*" or a comma-separated list of entity
/// tags) names `tag`. Strong comparison (If-Match) never matches a weak tag (W/"..."); weak
/// comparison (If-None-Match) ignores W/ on both sides.
[[nodiscard]] bool tag_list_names(std::string_view field_value, std::string_view tag, bool weak);

/// A GET or HEAD answered 200 with an ETag that the request's If-None-Match names becomes
/// 304 Not Modified without a body: the client's copy is current.
void not_modified_when_unchanged(const Request& request, Response& response);

}  // namespace finml::http
