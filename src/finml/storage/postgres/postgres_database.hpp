#pragma once
/// @file finml/storage/postgres/postgres_database.hpp
/// The PostgreSQL backend over plain libpq: a pool of connections that reconnect by themselves
/// after the server went away, and the schema migrated at open.
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include <finml/storage/database.hpp>

namespace finml::storage::postgres {

struct PostgresOptions {
  std::size_t pool_size = 4;             ///< connections shared by all threads
  std::chrono::seconds connect_timeout{5};
};

/// Connects to `url` (a libpq connection URI: postgresql://user:pw@host:port/db) and applies
/// the pending migrations. Fails with kUnavailable when the server cannot be reached.
[[nodiscard]] core::Result<std::unique_ptr<Database>> open_postgres_database(
    const std::string& url, const PostgresOptions& options = {});

}  // namespace finml::storage::postgres
