#include <finml/http/json/error_json.hpp>

#include <finml/http/json/writer.hpp>

namespace finml::http::json {
namespace {

constexpr std::size_t kMaxProblemsInDetail = 10;

std::string detail_text(const ErrorBody& error) {
  if (error.fields.empty()) return error.message;
  std::string detail = error.message + ": ";
  for (std::size_t i = 0; i < error.fields.size() && i < kMaxProblemsInDetail; ++i) {
    if (i > 0) detail += "; ";
    const auto& field = error.fields[i];
    detail += field.path.empty() ? field.message : field.path + ": " + field.message;
  }
  if (error.fields.size() > kMaxProblemsInDetail) {
    detail += "; and " + std::to_string(error.fields.size() - kMaxProblemsInDetail) + " more";
  }
  return detail;
}

}  // namespace

std::string original_field_location(std::string_view path) {
  // FastAPI's locations: "body -> a -> 0", "path -> user_id", "query -> months".
  for (const std::string_view source : {"path", "query"}) {
    if (path.starts_with(source) && path.size() > source.size() && path[source.size()] == '.') {
      return std::string(source) + " -> " + std::string(path.substr(source.size() + 1));
    }
  }
  std::string out = "body";
  std::size_t i = path.empty() || path.front() != '$' ? 0 : 1;
  while (i < path.size()) {
    std::string part;
    if (path[i] == '.') {
      ++i;
      while (i < path.size() && path[i] != '.' && path[i] != '[') part.push_back(path[i++]);
    } else if (path[i] == '[') {
      ++i;
      if (i < path.size() && path[i] == '"') {
        ++i;
        while (i < path.size() && path[i] != '"') {
          if (path[i] == '\\' && i + 1 < path.size()) ++i;
          part.push_back(path[i++]);
        }
        ++i;  // closing quote
      } else {
        while (i < path.size() && path[i] != ']') part.push_back(path[i++]);
      }
      ++i;  // closing bracket
    } else {
      part.push_back(path[i++]);
    }
    out += " -> " + part;
  }
  return out;
}

std::string write_error_body(const ErrorBody& error) {
  Writer writer;
  writer.begin_object();
  writer.field("detail", detail_text(error));
  writer.key("error").begin_object();
  writer.field("type", error.type);
  writer.field("code", error.code);
  writer.field("message", error.message);
  writer.field("status_code", error.status);
  if (!error.request_id.empty()) writer.field("request_id", error.request_id);
  if (!error.fields.empty()) {
    writer.key("details").begin_array();
    for (const auto& field : error.fields) {
      writer.begin_object();
      writer.field("field", original_field_location(field.path));
      writer.field("path", field.path);
      writer.field("message", field.message);
      writer.field("type", field.type);
      writer.end_object();
    }
    writer.end_array();
  } else if (error.exception_text) {
    writer.key("details").begin_object().field("exception", *error.exception_text).end_object();
  }
  writer.end_object();
  if (error.extra_members) error.extra_members(writer);
  writer.end_object();
  return writer.take();
}

}  // namespace finml::http::json
