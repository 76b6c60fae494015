#pragma once
/// @file finml/storage/migrations.hpp
/// The versioned schema of each backend. The SQL lives in storage/migrations/<dialect>/NNNN_name.sql
/// and is compiled into the binary; an adapter applies, at open, every migration above the
/// version recorded in its schema_migrations table, each in its own transaction.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace finml::storage {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

/// Ascending by version.
[[nodiscard]] std::span<const Migration> sqlite_migrations() noexcept;
[[nodiscard]] std::span<const Migration> postgres_migrations() noexcept;

/// The tables that `migrations` create (CREATE TABLE statements, less those a later DROP TABLE
/// removes), and schema_migrations, which records them; sorted by name.
[[nodiscard]] std::vector<std::string> tables_created_by(std::span<const Migration> migrations);

}  // namespace finml::storage
