#include <finml/http/entity_tags.hpp>

#include <finml/http/json/canonical_json.hpp>

namespace finml::http {
namespace {

std::string_view without_weakness(std::string_view tag) { return tag.starts_with("W/") ? tag.substr(2) : tag; }

}  // namespace

std::string entity_tag(std::string_view representation) {
  return "\"" + json::digest_hex(representation) + "\"";
}

Response tagged_response(std::string representation, int status) {
  Response response;
  response.status = status;
  response.with_header("ETag", entity_tag(representation));
  response.body = std::move(representation);
  return response;
}

bool tag_list_names(std::string_view field_value, std::string_view tag, bool weak) {
  if (trim_ows(field_value) == "*") return true;
  if (weak) tag = without_weakness(tag);
  while (true) {
    const std::size_t comma = field_value.find(',');  // tags made here hold no comma
    std::string_view listed = trim_ows(field_value.substr(0, comma));
    if (weak) listed = without_weakness(listed);
    if (!listed.empty() && listed == tag) return true;
    if (comma == std::string_view::npos) return false;
    field_value.remove_prefix(comma + 1);
  }
}

void not_modified_when_unchanged(const Request& request, Response& response) {
  if (response.status != 200 || (request.method != "GET" && request.method != "HEAD")) return;
  const auto condition = request.header("if-none-match");
  if (!condition) return;
  for (const auto& header : response.headers) {
    if (header.name == "ETag" && tag_list_names(*condition, header.value, /*weak=*/true)) {
      response.status = 304;
      response.body.clear();
      response.content_type.clear();
      return;
    }
  }
}

}  // namespace finml::http
