#include <finml/app/import_command.hpp>

#include <fstream>
#include <ostream>
#include <sstream>

#include <finml/http/json/export_json.hpp>
#include <finml/ingest/ingest.hpp>
#include <finml/ingest/text.hpp>
#include <finml/service/import_service.hpp>

namespace finml::app {
namespace {

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return std::nullopt;
  std::ostringstream text;
  text << file.rdbuf();
  return std::move(text).str();
}

}  // namespace

int run_import_command(storage::Database& database, const ImportCommandOptions& options, std::ostream& out,
                       std::ostream& err) {
  if (options.user <= 0) {
    err << "finml import: --user must be a positive integer\n";
    return kImportBadUsage;
  }
  service::ImportRequest request{.user = core::UserId(options.user), .content = {}};
  if (!options.format.empty()) {
    request.format = ingest::parse_format(options.format);
    if (!request.format) {
      err << "finml import: --format must be csv, qif, ofx or qfx\n";
      return kImportBadUsage;
    }
  }
  const auto currency = core::Currency::from_code(options.currency);
  if (!currency) {
    err << "finml import: --currency " << options.currency << " is not an ISO 4217 code\n";
    return kImportBadUsage;
  }
  request.options.currency = *currency;
  if (options.account) {
    if (*options.account <= 0) {
      err << "finml import: --account must be a positive integer\n";
      return kImportBadUsage;
    }
    request.options.account = core::AccountId(*options.account);
  }
  if (!options.date_format.empty()) {
    request.options.date_order = ingest::date_order_of_format(options.date_format);
    if (!request.options.date_order) {
      err << "finml import: --date-format must be like DD/MM/YYYY, MM/DD/YYYY or YYYY-MM-DD\n";
      return kImportBadUsage;
    }
  }
  if (!options.mapping.empty()) {
    const auto text = read_file(options.mapping);
    if (!text) {
      err << "finml import: cannot read the mapping " << options.mapping << "\n";
      return kImportBadUsage;
    }
    auto mapping = ingest::parse_csv_mapping(*text);
    if (!mapping) {
      err << "finml import: " << mapping.error().message << "\n";
      return kImportBadUsage;
    }
    request.mapping = std::move(*mapping);
  }
  const auto content = read_file(options.file);
  if (!content) {
    err << "finml import: cannot read " << options.file << "\n";
    return kImportBadUsage;
  }
  request.content = *content;
  request.skip_invalid = options.skip_invalid;

  auto report = service::import_transactions(database, request);
  if (!report) {
    err << "finml import: " << report.error().message << "\n";
    return report.error().code == core::ErrorCode::kValidation ? kImportBadUsage : kImportFailed;
  }
  out << http::json::write_import_report(*report) << "\n";
  if (!report->rejected.empty()) {
    for (const auto& rejected : report->rejected) {
      err << "finml import: line " << rejected.line << ": " << rejected.reason << "\n";
    }
    if (!report->stored) {
      err << "finml import: nothing stored (use --skip-invalid to store the valid rows)\n";
      return kImportRejectedRows;
    }
  }
  return kImportOk;
}

}  // namespace finml::app
