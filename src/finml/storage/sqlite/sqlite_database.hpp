#pragma once
/// @file finml/storage/sqlite/sqlite_database.hpp
/// The default, embedded backend: one SQLite file in WAL mode with foreign keys on, a pool of
/// connections shared by the server's threads, and the schema migrated at open.
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include <finml/storage/database.hpp>

namespace finml::storage::sqlite {

struct SqliteOptions {
  std::size_t pool_size = 4;                      ///< connections shared by all threads
  std::chrono::milliseconds busy_timeout{5'000};  ///< how long a writer waits for the lock
};

/// Opens (creating when missing) the database file at `path` (":memory:" for a private
/// in-memory database, served by one connection whatever pool_size says) and applies the
/// pending migrations.
[[nodiscard]] core::Result<std::unique_ptr<Database>> open_sqlite_database(
    const std::string& path, const SqliteOptions& options = {});

}  // namespace finml::storage::sqlite
