#include <finml/app/export_command.hpp>

#include <fstream>
#include <ostream>

#include <finml/core/text.hpp>
#include <finml/http/json/export_json.hpp>
#include <finml/ingest/csv.hpp>
#include <finml/ingest/text.hpp>
#include <finml/service/import_service.hpp>

namespace finml::app {

int run_export_command(storage::Database& database, const ExportCommandOptions& options, std::ostream& out,
                       std::ostream& err) {
  if (options.user <= 0) {
    err << "finml export: --user must be a positive integer\n";
    return kExportBadUsage;
  }
  const std::string format = core::to_lower_ascii(options.format);
  if (format != "csv" && format != "json") {
    err << "finml export: --format must be csv or json\n";
    return kExportBadUsage;
  }
  const core::UserId user(options.user);
  auto rows = service::export_transactions(database, user);
  if (!rows) {
    err << "finml export: " << rows.error().message << "\n";
    return kExportFailed;
  }
  const std::string text = format == "csv" ? ingest::write_csv(*rows)
                                           : http::json::write_transactions_export(user, *rows) + "\n";
  if (options.output.empty()) {
    out << text;
    out.flush();
    return out ? kExportOk : kExportFailed;
  }
  std::ofstream file(options.output, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) {
    err << "finml export: cannot write " << options.output << "\n";
    return kExportFailed;
  }
  return kExportOk;
}

}  // namespace finml::app
