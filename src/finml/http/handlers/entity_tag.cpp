#include <finml/http/handlers/entity_tag.hpp>

#include <finml/http/json/canonical_json.hpp>

namespace finml::http::handlers {
namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string entity_tag(std::string_view representation) {
  return "\"" + json::digest_hex(representation) + "\"";
}

bool if_match_met(std::string_view field_value, std::string_view current) {
  if (trimmed(field_value) == "*") return true;
  while (!field_value.empty()) {
    const std::size_t comma = field_value.find(',');
    // A tag holds no comma: finml's tags are hex digits.
    if (trimmed(field_value.substr(0, comma)) == current) return true;
    if (comma == std::string_view::npos) break;
    field_value.remove_prefix(comma + 1);
  }
  return false;
}

Response tagged_response(std::string representation, int status) {
  Response response;
  response.status = status;
  response.with_header("ETag", entity_tag(representation));
  response.body = std::move(representation);
  return response;
}

}  // namespace finml::http::handlers
