#include <finml/http/json/export_json.hpp>

#include <finml/http/json/user_data_json.hpp>
#include <finml/http/json/writer.hpp>

namespace finml::http::json {

std::string write_transactions_export(core::UserId user, std::span<const core::Transaction> rows) {
  Writer writer;
  writer.begin_object();
  writer.field("user_id", user.value());
  writer.field("count", static_cast<std::int64_t>(rows.size()));
  writer.key("transactions").begin_array();
  for (const core::Transaction& row : rows) write_stored_transaction(writer, row);
  writer.end_array();
  writer.end_object();
  return writer.take();
}

std::string write_import_report(const service::ImportReport& report) {
  Writer writer;
  writer.begin_object();
  writer.field("format", ingest::to_string(report.format));
  writer.field("rows", static_cast<std::int64_t>(report.rows));
  writer.field("inserted", static_cast<std::int64_t>(report.inserted));
  writer.field("duplicates", static_cast<std::int64_t>(report.duplicates));
  writer.field("stored", report.stored);
  writer.key("rejected").begin_array();
  for (const auto& rejected : report.rejected) {
    writer.begin_object();
    writer.field("line", static_cast<std::int64_t>(rejected.line));
    writer.field("reason", rejected.reason);
    writer.end_object();
  }
  writer.end_array();
  writer.end_object();
  return writer.take();
}

}  // namespace finml::http::json
