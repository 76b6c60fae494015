#include <finml/http/handlers/entity_tag.hpp>

#include <finml/http/json/canonical_json.hpp>

namespace finml::http::handlers {

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

}  // namespace finml::http::handlers
