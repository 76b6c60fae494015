#include <finml/http/json/admin_json.hpp>

#include <finml/http/json/writer.hpp>

namespace finml::http::json {
namespace {

void write_names(Writer& writer, std::string_view key, const std::vector<std::string>& names) {
  writer.key(key).begin_array();
  for (const auto& name : names) writer.string(name);
  writer.end_array();
}

}  // namespace

std::string write_db_status(const service::DatabaseStatus& status) {
  Writer writer;
  writer.begin_object();
  writer.field("status", "connected");
  writer.field("backend", status.backend);
  writer.field("schema_version", status.schema_version);
  writer.field("tables_count", static_cast<std::int64_t>(status.existing_tables.size()));
  write_names(writer, "existing_tables", status.existing_tables);
  write_names(writer, "expected_tables", status.expected_tables);
  write_names(writer, "missing_tables", status.missing_tables);
  writer.field("all_tables_present", status.missing_tables.empty());
  writer.end_object();
  return writer.take();
}

std::string write_db_init(const service::DatabaseInitialization& initialization) {
  Writer writer;
  writer.begin_object();
  writer.field("status", "success");
  writer.field("message", "Database initialized successfully");
  writer.field("tables_before", initialization.tables_before);
  writer.field("tables_after", initialization.tables_after);
  write_names(writer, "newly_created", initialization.newly_created);
  writer.field("newly_created_count", static_cast<std::int64_t>(initialization.newly_created.size()));
  writer.field("schema_version", initialization.schema_version);
  writer.key("applied_migrations").begin_array();
  for (const auto& migration : initialization.applied_migrations) {
    writer.begin_object();
    writer.field("version", migration.version);
    writer.field("name", migration.name);
    writer.end_object();
  }
  writer.end_array();
  writer.end_object();
  return writer.take();
}

std::string write_db_tables(const std::vector<storage::TableInfo>& tables) {
  Writer writer;
  writer.begin_object();
  writer.field("status", "success");
  writer.field("table_count", static_cast<std::int64_t>(tables.size()));
  writer.key("tables").begin_object();
  for (const auto& table : tables) {
    writer.key(table.name).begin_object();
    writer.field("column_count", static_cast<std::int64_t>(table.columns.size()));
    writer.key("columns").begin_array();
    for (const auto& column : table.columns) {
      writer.begin_object();
      writer.field("name", column.name);
      writer.field("type", column.type);
      writer.field("nullable", column.nullable);
      writer.end_object();
    }
    writer.end_array();
    writer.end_object();
  }
  writer.end_object();
  writer.end_object();
  return writer.take();
}

}  // namespace finml::http::json
