#pragma once
/// @file storage/contract_backends.hpp
/// The databases that repository_contract_test.cpp runs its one suite against. Each backend
/// gives every test a database of its own, opens Database objects on it (as often as a test
/// likes, to check what survives a restart) and runs raw SQL for what the ports cannot do.
///
/// The types live at global scope so that CTest names read "...<SqliteBackend>".
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include <finml/core/error.hpp>
#include <finml/core/ids.hpp>
#include <finml/storage/database.hpp>
#include <finml/storage/migrations.hpp>

/// A database file in a fresh temporary directory.
class SqliteBackend {
 public:
  SqliteBackend() = default;
  SqliteBackend(const SqliteBackend&) = delete;
  SqliteBackend& operator=(const SqliteBackend&) = delete;
  ~SqliteBackend();

  [[nodiscard]] ::testing::AssertionResult prepare();
  [[nodiscard]] finml::core::Result<std::unique_ptr<finml::storage::Database>> open() const;
  [[nodiscard]] int last_migration_version() const;
  /// Runs one statement outside the adapter and returns the first column of its first row
  /// ("" when there is none).
  [[nodiscard]] std::string query_scalar(std::string_view sql) const;
  /// Runs several statements outside the adapter (a migration's SQL), failing the test on error.
  void run_script(std::string_view sql) const;
  /// The SQL of this dialect's migration `version` ("" when there is none).
  [[nodiscard]] std::string_view migration_sql(int version) const;
  [[nodiscard]] std::span<const finml::storage::Migration> migrations() const;
  /// Drops every table, as if the database had just been created.
  void drop_every_table() const;

 private:
  std::filesystem::path directory_;
  std::string path_;
};

/// A database of its own, created for the test on the private PostgreSQL server whose URL the
/// file named by FINML_TEST_POSTGRES_URL_FILE holds (CTest's postgres_start fixture writes it).
/// prepare() fails, never skips, when that server is not there.
class PostgresBackend {
 public:
  PostgresBackend() = default;
  PostgresBackend(const PostgresBackend&) = delete;
  PostgresBackend& operator=(const PostgresBackend&) = delete;
  ~PostgresBackend();

  [[nodiscard]] ::testing::AssertionResult prepare();
  [[nodiscard]] finml::core::Result<std::unique_ptr<finml::storage::Database>> open() const;
  [[nodiscard]] int last_migration_version() const;
  [[nodiscard]] std::string query_scalar(std::string_view sql) const;
  void run_script(std::string_view sql) const;
  [[nodiscard]] std::string_view migration_sql(int version) const;
  [[nodiscard]] std::span<const finml::storage::Migration> migrations() const;
  void drop_every_table() const;

 private:
  std::string server_url_;
  std::string database_name_;
  std::string database_url_;
};

/// Creates an account of `user` (who must exist) with raw SQL, valid in both dialects.
template <class Backend>
[[nodiscard]] finml::core::AccountId create_account(const Backend& backend,
                                                    finml::core::UserId user) {
  const std::string id = backend.query_scalar(
      "INSERT INTO accounts (user_id, name, account_type, currency, created_at, updated_at) "
      "VALUES (" +
      std::to_string(user.value()) +
      ", 'Checking', 'checking', 'USD', '2025-01-01T00:00:00.000000Z', "
      "'2025-01-01T00:00:00.000000Z') RETURNING id");
  return finml::core::AccountId(id.empty() ? 0 : std::stoll(id));
}
