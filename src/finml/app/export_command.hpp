#pragma once
/// @file finml/app/export_command.hpp
/// `finml export --user ID [--format csv|json] [--output FILE]`: writes the user's
/// transactions, ordered by (date, id), as CSV (ingest::write_csv, which `finml import` reads
/// back to the same rows) or as JSON (http::json::write_transactions_export). Streams are
/// parameters, so the command runs in tests without a process.
#include <cstdint>
#include <iosfwd>
#include <string>

#include <finml/storage/database.hpp>

namespace finml::app {

inline constexpr int kExportOk = 0;
inline constexpr int kExportFailed = 1;    ///< the database failed, or the output cannot be written
inline constexpr int kExportBadUsage = 2;  ///< a bad user id or format

struct ExportCommandOptions {
  std::int64_t user = 0;
  std::string format = "csv";
  std::string output;  ///< empty: standard output
};

[[nodiscard]] int run_export_command(storage::Database& database, const ExportCommandOptions& options,
                                     std::ostream& out, std::ostream& err);

}  // namespace finml::app
