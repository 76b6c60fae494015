#pragma once
/// @file finml/service/import_service.hpp
/// Importing a bank file and exporting a user's transactions (issue 7): parse it (finml::ingest), then store its rows in one
/// database transaction, skipping those whose fingerprint the user has already (a file
/// imported twice adds nothing the second time). Shared by `finml import` and
/// POST /api/v1/users/{user_id}/imports.
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include <finml/core/error.hpp>
#include <finml/core/ids.hpp>
#include <finml/ingest/ingest.hpp>
#include <finml/storage/database.hpp>

namespace finml::service {

struct ImportRequest {
  core::UserId user;
  std::string_view content;                    ///< the whole file
  std::optional<ingest::Format> format{};      ///< nullopt: detected from the content
  ingest::CsvMapping mapping{};                ///< CSV only
  ingest::ParseOptions options{};
  /// false (the default): a file with any rejected row stores nothing; true: the valid rows
  /// are stored and the rejected ones reported.
  bool skip_invalid = false;
};

struct ImportReport {
  ingest::Format format = ingest::Format::kCsv;
  std::size_t rows = 0;        ///< rows read without error
  std::size_t inserted = 0;    ///< rows stored
  std::size_t duplicates = 0;  ///< rows skipped: the user had their fingerprint already
  std::vector<ingest::RejectedRow> rejected;
  bool stored = false;  ///< false when rejected rows kept the file out (skip_invalid off)
};

/// Parses and stores. Fails when the file cannot be read as a whole (kValidation) or the
/// database fails (nothing is stored then); rejected rows are in the report, not an error.
[[nodiscard]] core::Result<ImportReport> import_transactions(storage::Database& database,
                                                             const ImportRequest& request);

/// Every stored transaction of the user, ordered by (date, id), for the exports.
[[nodiscard]] core::Result<std::vector<core::Transaction>> export_transactions(storage::Database& database,
                                                                             core::UserId user);

}  // namespace finml::service
