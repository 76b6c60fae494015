#pragma once
/// @file finml/http/json/admin_json.hpp
/// Bodies of the database administration routes (/api/v1/admin/db/status, /init, /tables), in
/// the original's shapes (seed-api §2.22-§2.24) plus backend, schema version and migrations.
#include <string>
#include <vector>

#include <finml/service/admin_service.hpp>
#include <finml/storage/database.hpp>

namespace finml::http::json {

/// {status: "connected", backend, schema_version, tables_count, existing_tables,
/// expected_tables, missing_tables, all_tables_present}
[[nodiscard]] std::string write_db_status(const service::DatabaseStatus& status);

/// {status: "success", message, tables_before, tables_after, newly_created,
/// newly_created_count, schema_version, applied_migrations: [{version, name}]}
[[nodiscard]] std::string write_db_init(const service::DatabaseInitialization& initialization);

/// {status: "success", table_count, tables: {name: {column_count, columns: [{name, type,
/// nullable}]}}}
[[nodiscard]] std::string write_db_tables(const std::vector<storage::TableInfo>& tables);

}  // namespace finml::http::json
