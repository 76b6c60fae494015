#include "storage/contract_backends.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <span>
#include <vector>
#include <system_error>

#include <SQLiteCpp/SQLiteCpp.h>
#include <libpq-fe.h>

#include <finml/storage/migrations.hpp>
#include <finml/storage/postgres/postgres_database.hpp>
#include <finml/storage/sqlite/sqlite_database.hpp>

namespace {

constexpr std::string_view kUrlFileVariable = "FINML_TEST_POSTGRES_URL_FILE";

/// Unique within this machine at any one time: tests of one binary run one after another, and
/// CTest may run several binaries at once.
std::string unique_suffix() {
  static std::atomic<int> counter{0};
  return std::to_string(::getpid()) + "_" + std::to_string(counter.fetch_add(1));
}

struct ConnectionCloser {
  void operator()(PGconn* connection) const noexcept { PQfinish(connection); }
};
struct ResultClearer {
  void operator()(PGresult* result) const noexcept { PQclear(result); }
};

/// Runs `sql` on the database at `url`; stores the first cell of the first row, if any.
::testing::AssertionResult run_postgres_sql(const std::string& url, const std::string& sql,
                                            std::string* first_cell = nullptr) {
  const char* const keywords[] = {"connect_timeout", "dbname", nullptr};
  const char* const values[] = {"5", url.c_str(), nullptr};
  const std::unique_ptr<PGconn, ConnectionCloser> connection(
      PQconnectdbParams(keywords, values, /*expand_dbname=*/1));
  if (PQstatus(connection.get()) != CONNECTION_OK) {
    return ::testing::AssertionFailure()
           << "cannot connect to the PostgreSQL test server at " << url << ": "
           << PQerrorMessage(connection.get());
  }
  const std::unique_ptr<PGresult, ResultClearer> result(PQexec(connection.get(), sql.c_str()));
  const ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return ::testing::AssertionFailure()
           << "\"" << sql << "\" failed: " << PQresultErrorMessage(result.get());
  }
  if (first_cell != nullptr) {
    *first_cell = PQntuples(result.get()) > 0 ? PQgetvalue(result.get(), 0, 0) : "";
  }
  return ::testing::AssertionSuccess();
}

/// The URL with its database (the path after the authority) replaced.
std::string with_database(const std::string& url, const std::string& database) {
  const std::size_t authority = url.find("://");
  const std::size_t slash = url.find('/', authority == std::string::npos ? 0 : authority + 3);
  const std::size_t query = url.find('?');
  const std::string base = url.substr(0, slash == std::string::npos ? query : slash);
  const std::string tail = query == std::string::npos ? "" : url.substr(query);
  return base + "/" + database + tail;
}

std::string_view find_migration_sql(std::span<const finml::storage::Migration> migrations,
                                    int version) {
  for (const finml::storage::Migration& migration : migrations) {
    if (migration.version == version) return migration.sql;
  }
  return {};
}

}  // namespace

// SqliteBackend.

SqliteBackend::~SqliteBackend() {
  if (directory_.empty()) return;
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

::testing::AssertionResult SqliteBackend::prepare() {
  directory_ = std::filesystem::temp_directory_path() / ("finml-storage-test-" + unique_suffix());
  std::error_code error;
  std::filesystem::remove_all(directory_, error);
  if (!std::filesystem::create_directories(directory_, error)) {
    return ::testing::AssertionFailure()
           << "cannot create " << directory_ << ": " << error.message();
  }
  path_ = (directory_ / "finml.db").string();
  return ::testing::AssertionSuccess();
}

finml::core::Result<std::unique_ptr<finml::storage::Database>> SqliteBackend::open() const {
  return finml::storage::sqlite::open_sqlite_database(path_);
}

int SqliteBackend::last_migration_version() const {
  return finml::storage::sqlite_migrations().back().version;
}

std::string SqliteBackend::query_scalar(std::string_view sql) const {
  try {
    SQLite::Database connection(path_, SQLite::OPEN_READWRITE, /*aBusyTimeoutMs=*/5'000);
    connection.exec("PRAGMA foreign_keys = ON");
    SQLite::Statement statement(connection, std::string(sql));
    std::string first_cell;
    if (statement.executeStep()) first_cell = statement.getColumn(0).getString();
    while (statement.executeStep()) {
    }
    return first_cell;
  } catch (const std::exception& error) {
    ADD_FAILURE() << "\"" << sql << "\" failed: " << error.what();
    return "";
  }
}

void SqliteBackend::run_script(std::string_view sql) const {
  try {
    SQLite::Database connection(path_, SQLite::OPEN_READWRITE, /*aBusyTimeoutMs=*/5'000);
    connection.exec("PRAGMA foreign_keys = ON");
    connection.exec(std::string(sql));
  } catch (const std::exception& error) {
    ADD_FAILURE() << "the script failed: " << error.what();
  }
}

std::string_view SqliteBackend::migration_sql(int version) const {
  return find_migration_sql(finml::storage::sqlite_migrations(), version);
}

std::span<const finml::storage::Migration> SqliteBackend::migrations() const {
  return finml::storage::sqlite_migrations();
}

void SqliteBackend::drop_every_table() const {
  try {
    SQLite::Database connection(path_, SQLite::OPEN_READWRITE, /*aBusyTimeoutMs=*/5'000);
    std::vector<std::string> tables;
    SQLite::Statement select(connection,
                             "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                             "LIKE 'sqlite\\_%' ESCAPE '\\'");
    while (select.executeStep()) tables.push_back(select.getColumn(0).getString());
    // Foreign keys are off on this connection, so the order does not matter.
    for (const std::string& table : tables) connection.exec("DROP TABLE " + table);
  } catch (const std::exception& error) {
    ADD_FAILURE() << "dropping the tables failed: " << error.what();
  }
}

// PostgresBackend.

PostgresBackend::~PostgresBackend() {
  if (database_name_.empty()) return;
  // FORCE ends the connections of a Database that a failed test left open.
  static_cast<void>(
      run_postgres_sql(server_url_, "DROP DATABASE IF EXISTS " + database_name_ + " WITH (FORCE)"));
}

::testing::AssertionResult PostgresBackend::prepare() {
  const char* url_file = std::getenv(std::string(kUrlFileVariable).c_str());
  if (url_file == nullptr || *url_file == '\0') {
    return ::testing::AssertionFailure()
           << kUrlFileVariable
           << " is not set. Run the PostgreSQL tests through ctest, whose postgres_start "
              "fixture starts a private server (scripts/test-postgres.sh start <dir>).";
  }
  std::ifstream in(url_file);
  std::getline(in, server_url_);
  if (server_url_.empty()) {
    return ::testing::AssertionFailure()
           << "no PostgreSQL URL in " << url_file
           << ": the test server is not running (did the postgres_start test fail?)";
  }
  const std::string name = "finml_contract_" + unique_suffix();
  // A database of the same name can only be left over from a crashed run of an old process.
  if (auto dropped =
          run_postgres_sql(server_url_, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      !dropped) {
    return dropped;
  }
  if (auto created = run_postgres_sql(server_url_, "CREATE DATABASE " + name); !created) {
    return created;
  }
  database_name_ = name;
  database_url_ = with_database(server_url_, name);
  return ::testing::AssertionSuccess();
}

finml::core::Result<std::unique_ptr<finml::storage::Database>> PostgresBackend::open() const {
  return finml::storage::postgres::open_postgres_database(database_url_);
}

int PostgresBackend::last_migration_version() const {
  return finml::storage::postgres_migrations().back().version;
}

std::string PostgresBackend::query_scalar(std::string_view sql) const {
  std::string first_cell;
  EXPECT_TRUE(run_postgres_sql(database_url_, std::string(sql), &first_cell));
  return first_cell;
}

void PostgresBackend::run_script(std::string_view sql) const {
  EXPECT_TRUE(run_postgres_sql(database_url_, std::string(sql)));
}

std::string_view PostgresBackend::migration_sql(int version) const {
  return find_migration_sql(finml::storage::postgres_migrations(), version);
}

std::span<const finml::storage::Migration> PostgresBackend::migrations() const {
  return finml::storage::postgres_migrations();
}

void PostgresBackend::drop_every_table() const {
  EXPECT_TRUE(run_postgres_sql(database_url_, "DROP SCHEMA public CASCADE; CREATE SCHEMA public"));
}
