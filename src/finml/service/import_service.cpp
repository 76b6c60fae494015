#include <finml/service/import_service.hpp>

namespace finml::service {

core::Result<ImportReport> import_transactions(storage::Database& database, const ImportRequest& request) {
  ImportReport report;
  report.format = request.format.value_or(ingest::detect_format(request.content));
  auto parsed = ingest::parse_file(request.content, report.format, request.mapping, request.options);
  if (!parsed) return std::unexpected(parsed.error());
  report.rows = parsed->rows.size();
  report.rejected = std::move(parsed->rejected);
  if (!report.rejected.empty() && !request.skip_invalid) return report;
  auto ids = database.transactions().insert_new(request.user, parsed->rows);
  if (!ids) return std::unexpected(ids.error());
  for (const auto& id : *ids) {
    if (id) {
      ++report.inserted;
    } else {
      ++report.duplicates;
    }
  }
  report.stored = true;
  return report;
}

core::Result<std::vector<core::Transaction>> export_transactions(storage::Database& database, core::UserId user) {
  return database.transactions().list(user, storage::TransactionQuery{});
}

}  // namespace finml::service
