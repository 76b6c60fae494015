#include <finml/http/json/auth_json.hpp>

#include <finml/core/timestamp.hpp>
#include <finml/http/json/reader.hpp>
#include <finml/http/json/writer.hpp>

namespace finml::http::json {
namespace {

// `key` is written only by `finml keys create`, right after the id.
void write_key_fields(Writer& writer, const storage::ApiKeyRecord& record, const std::string* key) {
  writer.field("id", record.id);
  if (key != nullptr) writer.field("key", *key);
  writer.key("user_id");
  if (record.user_id) {
    writer.integer(record.user_id->value());
  } else {
    writer.null();
  }
  writer.field("admin", record.admin());
  writer.field("name", record.name);
  writer.field("created_at", core::format_timestamp(record.created_at));
}

}  // namespace

std::vector<core::UserId> user_ids_in_body(const std::string& body) {
  std::vector<core::UserId> ids;
  Problems problems;  // not reported: the handler reads the body again and reports them
  const auto visited = detail::visit_document(
      body,
      [&](Value& root) {
        if (root.kind() != Value::Kind::kObject) return;
        root.for_each_field([&](std::string_view key, Value& field) {
          if (key != "user_id") {
            field.skip();
            return;
          }
          if (field.is_null()) return;
          if (const auto id = user_id(field)) ids.push_back(*id);
        });
      },
      problems);
  // Ids read before the body turned out not to be JSON do not count: the handler answers 400.
  if (!visited) ids.clear();
  return ids;
}

std::string write_new_api_key(const storage::ApiKeyRecord& record, const std::string& key) {
  Writer writer;
  writer.begin_object();
  write_key_fields(writer, record, &key);
  writer.end_object();
  return writer.take();
}

std::string write_api_key_list(const std::vector<storage::ApiKeyRecord>& records) {
  Writer writer;
  writer.begin_array();
  for (const storage::ApiKeyRecord& record : records) {
    writer.begin_object();
    write_key_fields(writer, record, nullptr);
    writer.key("revoked_at");
    writer.optional_string(record.revoked_at ? std::optional(core::format_timestamp(*record.revoked_at))
                                             : std::nullopt);
    writer.end_object();
  }
  writer.end_array();
  return writer.take();
}

}  // namespace finml::http::json
