#pragma once
/// @file finml/http/entity_tags.hpp
/// Entity tags (RFC 9110, section 13.1) for a user's stored rows: every answer about one row
/// (GET, the creating POST, PUT, PATCH) carries the ETag of its representation. A PUT, PATCH or
/// DELETE with If-Match goes ahead only while the stored row still has one of the tags listed
/// (or any row, for "*"), checked with the row locked; otherwise 412 and nothing is written, so
/// two devices editing one row cannot overwrite each other unknowingly. A GET or HEAD whose
/// If-None-Match names the answer's tag gets 304 Not Modified.
#include <string>
#include <string_view>

#include <finml/core/error.hpp>
#include <finml/http/message.hpp>
#include <finml/http/router.hpp>
#include <finml/service/write_precondition.hpp>

namespace finml::http {

/// A strong entity tag: the quoted BLAKE2b-128 of the representation's bytes.
[[nodiscard]] std::string entity_tag(std::string_view representation);

/// A response with `representation` as its body and its ETag.
[[nodiscard]] Response tagged_response(std::string representation, int status = 200);

/// Whether a field value of If-Match or If-None-Match ("*" or a comma-separated list of entity
/// tags) names `tag`. Strong comparison (If-Match) never matches a weak tag (W/"..."); weak
/// comparison (If-None-Match) ignores W/ on both sides.
[[nodiscard]] bool tag_list_names(std::string_view field_value, std::string_view tag, bool weak);

/// A GET or HEAD answered 200 with an ETag that the request's If-None-Match names becomes
/// 304 Not Modified without a body: the client's copy is current.
void not_modified_when_unchanged(const Request& request, Response& response);

/// The request's If-Match as a precondition on the stored row, whose representation
/// `write(row)` gives (as its GET would answer it); empty without If-Match. When unmet, the
/// error is kPreconditionFailed naming the row's current tag.
template <class Row, class Writer>
[[nodiscard]] service::WritePrecondition<Row> if_match_precondition(const RequestContext& context, Writer write) {
  const auto field = context.request.header("if-match");
  if (!field) return {};
  return [expected = std::string(*field), write](const Row& stored) -> core::Result<void> {
    const std::string current = entity_tag(write(stored));
    if (tag_list_names(expected, current, /*weak=*/false)) return {};
    return core::fail(core::ErrorCode::kPreconditionFailed,
                      "The row has changed since it was read: If-Match " + expected + " does not match its ETag " +
                          current + "; nothing was changed. Read it again and retry");
  };
}

}  // namespace finml::http
