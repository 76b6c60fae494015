#include <finml/service/admin_service.hpp>

#include <algorithm>
#include <iterator>
#include <utility>

namespace finml::service {
namespace {

/// Logs `error` and returns the generic error the client sees: `failure` ("Database connection
/// failed") and why in words that name no driver, host, path or statement.
[[nodiscard]] core::Error hide(const core::Error& error, std::string_view action,
                               std::string_view failure, const HiddenErrorLog& log) {
  if (log) log(action, error);
  if (error.code == core::ErrorCode::kUnavailable) {
    return {core::ErrorCode::kUnavailable,
            std::string(failure) + ": the database cannot be reached right now",
            {}};
  }
  return {core::ErrorCode::kInternal,
          std::string(failure) + ": the database reported an error (see the server log)",
          {}};
}

[[nodiscard]] std::vector<std::string> table_names(const std::vector<storage::TableInfo>& tables) {
  std::vector<std::string> names;
  names.reserve(tables.size());
  for (const auto& table : tables) names.push_back(table.name);
  std::ranges::sort(names);
  return names;
}

/// The elements of sorted `from` that sorted `without` lacks.
[[nodiscard]] std::vector<std::string> difference(const std::vector<std::string>& from,
                                                  const std::vector<std::string>& without) {
  std::vector<std::string> out;
  std::ranges::set_difference(from, without, std::back_inserter(out));
  return out;
}

constexpr std::string_view kStatusFailure = "Database connection failed";
constexpr std::string_view kInitFailure = "Database initialization failed";
constexpr std::string_view kTablesFailure = "Failed to list tables";

}  // namespace

core::Result<DatabaseStatus> database_status(storage::Database& database, const HiddenErrorLog& log) {
  if (auto ping = database.ping(); !ping) {
    return std::unexpected(hide(ping.error(), "pinging the database", kStatusFailure, log));
  }
  auto catalog = database.catalog();
  if (!catalog) return std::unexpected(hide(catalog.error(), "reading the catalog", kStatusFailure, log));
  auto version = database.schema_version();
  if (!version) {
    return std::unexpected(hide(version.error(), "reading the schema version", kStatusFailure, log));
  }
  DatabaseStatus status;
  status.backend = std::string(database.backend());
  status.schema_version = *version;
  status.existing_tables = table_names(*catalog);
  status.expected_tables = database.expected_tables();
  status.missing_tables = difference(status.expected_tables, status.existing_tables);
  return status;
}

core::Result<DatabaseInitialization> initialize_database(storage::Database& database,
                                                         const HiddenErrorLog& log) {
  if (auto ping = database.ping(); !ping) {
    return std::unexpected(hide(ping.error(), "pinging the database", kInitFailure, log));
  }
  auto before = database.catalog();
  if (!before) return std::unexpected(hide(before.error(), "reading the catalog", kInitFailure, log));
  auto applied = database.migrate();
  if (!applied) return std::unexpected(hide(applied.error(), "applying migrations", kInitFailure, log));
  auto after = database.catalog();
  if (!after) return std::unexpected(hide(after.error(), "reading the catalog", kInitFailure, log));
  auto version = database.schema_version();
  if (!version) {
    return std::unexpected(hide(version.error(), "reading the schema version", kInitFailure, log));
  }
  DatabaseInitialization result;
  result.tables_before = static_cast<int>(before->size());
  result.tables_after = static_cast<int>(after->size());
  result.newly_created = difference(table_names(*after), table_names(*before));
  result.applied_migrations = std::move(*applied);
  result.schema_version = *version;
  return result;
}

core::Result<std::vector<storage::TableInfo>> database_tables(storage::Database& database,
                                                              const HiddenErrorLog& log) {
  if (auto ping = database.ping(); !ping) {
    return std::unexpected(hide(ping.error(), "pinging the database", kTablesFailure, log));
  }
  auto catalog = database.catalog();
  if (!catalog) return std::unexpected(hide(catalog.error(), "reading the catalog", kTablesFailure, log));
  std::ranges::sort(*catalog, {}, &storage::TableInfo::name);
  return std::move(*catalog);
}

}  // namespace finml::service
