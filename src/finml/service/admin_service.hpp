#pragma once
/// @file finml/service/admin_service.hpp
/// The database administration routes (/api/v1/admin/db/status, /init, /tables): what the
/// database holds against what finml's migrations create, applying missing migrations, and
/// the catalog of tables and columns.
///
/// The storage layer's errors carry driver text (paths, hosts, user names, SQL); the original
/// answered with it (seed-api S3, S7). These functions hand that error to `log` and fail with a
/// generic message of their own: kUnavailable when the database cannot be reached (503),
/// kInternal otherwise. Each pings first, so that a database that is gone (a SQLite file
/// deleted under open connections) is reported as such by every route.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <finml/core/error.hpp>
#include <finml/storage/database.hpp>

namespace finml::service {

/// Receives a storage error that must not reach the client: `action` says what failed.
using HiddenErrorLog = std::function<void(std::string_view action, const core::Error& error)>;

struct DatabaseStatus {
  std::string backend;  ///< "sqlite" or "postgresql"
  int schema_version = 0;
  std::vector<std::string> existing_tables;  ///< every table of the schema, sorted
  std::vector<std::string> expected_tables;  ///< those finml's migrations create, sorted
  std::vector<std::string> missing_tables;   ///< expected but not existing, sorted
};

struct DatabaseInitialization {
  int tables_before = 0;
  int tables_after = 0;
  std::vector<std::string> newly_created;  ///< sorted
  std::vector<storage::AppliedMigration> applied_migrations;
  int schema_version = 0;
};

/// Checks that the database answers, then compares its tables with the expected ones.
[[nodiscard]] core::Result<DatabaseStatus> database_status(storage::Database& database,
                                                           const HiddenErrorLog& log);

/// Applies the migrations not applied yet (normally none: they run when finml starts) and
/// reports the tables that appeared. Idempotent.
[[nodiscard]] core::Result<DatabaseInitialization> initialize_database(storage::Database& database,
                                                                       const HiddenErrorLog& log);

/// Every table of the schema with its columns, sorted by name.
[[nodiscard]] core::Result<std::vector<storage::TableInfo>> database_tables(
    storage::Database& database, const HiddenErrorLog& log);

}  // namespace finml::service
