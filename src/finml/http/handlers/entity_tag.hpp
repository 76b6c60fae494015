#pragma once
/// @file finml/http/handlers/entity_tag.hpp
/// Optimistic concurrency for a user's stored rows (RFC 9110 ETag and If-Match): a GET, POST,
/// PUT or PATCH of one row answers with the ETag of its representation; a PUT, PATCH or DELETE
/// with If-Match goes ahead only when the stored row still has one of the tags listed (or any
/// row, for "*"), checked with the row locked. Otherwise 412, and nothing is written: two
/// devices editing one row cannot overwrite each other unknowingly. A GET with If-None-Match
/// naming the current tag gets 304 (http/entity_tags.hpp).
#include <string>
#include <string_view>

#include <finml/core/error.hpp>
#include <finml/http/entity_tags.hpp>
#include <finml/http/message.hpp>
#include <finml/http/router.hpp>
#include <finml/service/write_precondition.hpp>

namespace finml::http::handlers {

/// A strong entity tag: the quoted BLAKE2b-128 of the representation's bytes.
[[nodiscard]] std::string entity_tag(std::string_view representation);

/// A response with `representation` as its body and its ETag.
[[nodiscard]] Response tagged_response(std::string representation, int status = 200);

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

}  // namespace finml::http::handlers
