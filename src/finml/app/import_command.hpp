#pragma once
/// @file finml/app/import_command.hpp
/// `finml import --user ID FILE [--mapping M] [--format csv|qif|ofx|qfx] [--currency C]
/// [--account A] [--skip-invalid]`: reads a bank file and stores its transactions for the
/// user in one database transaction (all or nothing), skipping rows the user has already (by
/// fingerprint), and prints the report as one JSON object:
///   {"format","rows","inserted","duplicates","stored","rejected":[{"line","reason"}]}.
/// A file with rejected rows stores nothing unless --skip-invalid. Streams are parameters, so
/// the command runs in tests without a process.
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

#include <finml/storage/database.hpp>

namespace finml::app {

/// Exit codes of run_import_command().
inline constexpr int kImportOk = 0;
inline constexpr int kImportFailed = 1;        ///< the database failed: nothing was stored
inline constexpr int kImportBadUsage = 2;      ///< unreadable file or mapping, unknown format or currency
inline constexpr int kImportRejectedRows = 3;  ///< rows were rejected (the report lists them)

struct ImportCommandOptions {
  std::int64_t user = 0;
  std::string file;
  std::string mapping;   ///< a mapping file (ingest::parse_csv_mapping); empty: detect everything
  std::string format;    ///< empty: detect from the content
  std::string currency = "USD";  ///< for rows and files that name none (the CLI passes DEFAULT_CURRENCY)
  std::optional<std::int64_t> account;
  std::string date_format;  ///< DD/MM/YYYY...; empty: detect (for QIF too)
  bool skip_invalid = false;
};

[[nodiscard]] int run_import_command(storage::Database& database, const ImportCommandOptions& options,
                                     std::ostream& out, std::ostream& err);

}  // namespace finml::app
