#pragma once
/// @file finml/storage/database_url.hpp
/// Reads DATABASE_URL: which backend, and where.
#include <string>
#include <string_view>

#include <finml/core/error.hpp>

namespace finml::storage {

enum class Backend { kSqlite, kPostgres };

struct DatabaseUrl {
  Backend backend = Backend::kSqlite;
  /// SQLite: the file path (":memory:" for a private in-memory database).
  /// PostgreSQL: the URL itself, which libpq reads as a connection string.
  std::string location;
};

/// Accepts, as SQLAlchemy does:
/// - sqlite:///relative/path.db, sqlite:////absolute/path.db, sqlite:///:memory:
/// - postgresql://user:password@host:port/db?sslmode=disable (also postgres://,
///   postgresql+psycopg2:// and other driver suffixes, which are dropped).
[[nodiscard]] core::Result<DatabaseUrl> parse_database_url(std::string_view url);

/// The URL with any password replaced by "***", for logs.
[[nodiscard]] std::string redact_database_url(std::string_view url);

}  // namespace finml::storage
