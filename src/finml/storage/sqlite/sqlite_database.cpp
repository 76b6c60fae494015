#include <finml/storage/sqlite/sqlite_database.hpp>

#include <chrono>
#include <filesystem>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include <sqlite3.h>

#include <finml/storage/migrations.hpp>
#include <finml/storage/sqlite/sql.hpp>
#include <finml/storage/sqlite/sqlite_category_overrides.hpp>  // issue 7, helper K
#include <finml/storage/sqlite/sqlite_resources.hpp>  // issue 7, helper A
#include <finml/storage/sqlite/sqlite_repositories.hpp>
#include <finml/storage/sqlite/sqlite_store.hpp>

namespace finml::storage::sqlite {
namespace {

using detail::SqliteStore;
using Pool = storage::detail::ConnectionPool<SQLite::Database>;

constexpr std::string_view kInMemory = ":memory:";

/// Applies every migration above the recorded version, each in its own write transaction.
/// The version is checked again under the write lock, so two processes opening the same new
/// file at once apply each migration exactly once.
std::vector<AppliedMigration> apply_migrations(SQLite::Database& connection) {
  std::vector<AppliedMigration> applied_now;
  int recorded = 0;
  if (connection.tableExists("schema_migrations")) {
    SQLite::Statement select = detail::prepare(connection, sql::kSchemaVersion);
    select.executeStep();
    recorded = select.getColumn(0).getInt();
  }
  for (const Migration& migration : sqlite_migrations()) {
    if (migration.version <= recorded) continue;
    SQLite::Transaction transaction(connection, SQLite::TransactionBehavior::IMMEDIATE);
    connection.exec(std::string(sql::kCreateSchemaMigrations));
    {
      SQLite::Statement applied = detail::prepare(connection, sql::kMigrationApplied);
      applied.bind(1, migration.version);
      applied.executeStep();
      if (applied.getColumn(0).getInt64() > 0) continue;  // another process was faster
    }
    connection.exec(std::string(migration.sql));
    SQLite::Statement record = detail::prepare(connection, sql::kRecordMigration);
    record.bind(1, migration.version);
    record.bind(2, std::string(migration.name));
    record.bind(3, detail::fixed_width_timestamp(storage::detail::now_utc()));
    record.exec();
    transaction.commit();
    applied_now.push_back({migration.version, std::string(migration.name)});
  }
  return applied_now;
}

/// Reads kCatalog into tables (the statement already orders them).
[[nodiscard]] std::vector<TableInfo> read_catalog(const SQLite::Database& connection) {
  SQLite::Statement select = detail::prepare(connection, sql::kCatalog);
  std::vector<TableInfo> tables;
  while (select.executeStep()) {
    std::string table = select.getColumn(0).getString();
    if (tables.empty() || tables.back().name != table) tables.push_back({std::move(table), {}});
    tables.back().columns.push_back({.name = select.getColumn(1).getString(),
                                     .type = select.getColumn(2).getString(),
                                     .nullable = select.getColumn(3).getInt() != 0});
  }
  return tables;
}

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, std::unique_ptr<Pool> pool)
      : path_(std::move(path)),
        store_(std::move(pool), path_ == kInMemory ? std::string{} : path_),
        users_(store_),
        transactions_(store_),
        health_scores_(store_),
        model_parameters_(store_),
        insights_(store_),
        api_keys_(store_),
        idempotency_keys_(store_),
        category_overrides_(store_),  // issue 7, helper K
        accounts_(store_),  // issue 7, helper A: accounts_ ... user_categories_
        goals_(store_),
        budgets_(store_),
        bills_(store_),
        user_categories_(store_) {}

  [[nodiscard]] std::string_view backend() const noexcept override { return detail::kBackend; }

  Result<void> ping() override {
    // A deleted file stays readable through open connections; only its path tells.
    if (path_ != kInMemory) {
      std::error_code error;
      if (!std::filesystem::exists(path_, error)) {
        return core::fail(core::ErrorCode::kUnavailable,
                          "sqlite: the database file " + path_ + " no longer exists");
      }
    }
    return store_.run("ping", [](SQLite::Database& connection) {
      SQLite::Statement select = detail::prepare(connection, sql::kPing);
      select.executeStep();
    });
  }

  [[nodiscard]] Result<int> schema_version() override {
    return store_.run("reading the schema version", [](SQLite::Database& connection) {
      SQLite::Statement select = detail::prepare(connection, sql::kSchemaVersion);
      select.executeStep();
      return select.getColumn(0).getInt();
    });
  }

  [[nodiscard]] Result<std::vector<TableInfo>> catalog() override {
    return store_.run("reading the catalog",
                      [](SQLite::Database& connection) { return read_catalog(connection); });
  }

  [[nodiscard]] std::vector<std::string> expected_tables() const override {
    return tables_created_by(sqlite_migrations());
  }

  Result<std::vector<AppliedMigration>> migrate() override {
    return store_.run("applying migrations",
                      [](SQLite::Database& connection) { return apply_migrations(connection); });
  }

  UserRepository& users() override { return users_; }
  TransactionRepository& transactions() override { return transactions_; }
  HealthScoreRepository& health_scores() override { return health_scores_; }
  ModelParameterRepository& model_parameters() override { return model_parameters_; }
  InsightsRepository& insights() override { return insights_; }
  ApiKeyRepository& api_keys() override { return api_keys_; }
  IdempotencyRepository& idempotency_keys() override { return idempotency_keys_; }
  CategoryOverrideRepository& category_overrides() override { return category_overrides_; }  // issue 7, helper K
  // --- the other resources (issue 7, helper A) ---
  AccountRepository& accounts() override { return accounts_; }
  GoalRepository& goals() override { return goals_; }
  BudgetRepository& budgets() override { return budgets_; }
  BillRepository& bills() override { return bills_; }
  UserCategoryRepository& user_categories() override { return user_categories_; }
  // --- end other resources ---

 private:
  std::string path_;
  SqliteStore store_;
  detail::SqliteUserRepository users_;
  detail::SqliteTransactionRepository transactions_;
  detail::SqliteHealthScoreRepository health_scores_;
  detail::SqliteModelParameterRepository model_parameters_;
  detail::SqliteInsightsRepository insights_;
  detail::SqliteApiKeyRepository api_keys_;
  detail::SqliteIdempotencyRepository idempotency_keys_;
  detail::SqliteCategoryOverrideRepository category_overrides_;  // issue 7, helper K
  // --- the other resources (issue 7, helper A) ---
  detail::SqliteAccountRepository accounts_;
  detail::SqliteGoalRepository goals_;
  detail::SqliteBudgetRepository budgets_;
  detail::SqliteBillRepository bills_;
  detail::SqliteUserCategoryRepository user_categories_;
  // --- end other resources ---
};

[[nodiscard]] std::vector<std::unique_ptr<SQLite::Database>> open_migrated_connections(
    const std::string& path, const SqliteOptions& options) {
  // Each plain ":memory:" connection would be a database of its own, and a shared-cache
  // in-memory database reports lock conflicts as SQLITE_LOCKED without waiting for the busy
  // timeout; one connection that the threads take turns on avoids both.
  const std::size_t size = path == kInMemory ? 1 : options.pool_size;
  std::vector<std::unique_ptr<SQLite::Database>> connections;
  connections.reserve(size);
  connections.push_back(detail::open_connection(path, options.busy_timeout));
  SQLite::Database& first = *connections.front();
  // Processes opening a new file together race for it: switching the journal mode answers
  // SQLITE_BUSY at once, without waiting through the busy timeout, so retry until it is over.
  const auto deadline = std::chrono::steady_clock::now() + options.busy_timeout;
  for (;;) {
    try {
      if (path != kInMemory) {
        // Before the first table and WAL: a new file takes this page size (issue 7, helper C).
        first.exec(std::string(sql::kPageSize));
        // WAL lets readers run while one writer writes; the mode is stored in the file.
        const std::string mode = first.execAndGet(std::string(sql::kJournalModeWal)).getString();
        if (mode != "wal") {
          throw storage::detail::StorageError(core::ErrorCode::kInternal,
                                              "could not switch " + path + " to WAL journal mode (it is in " +
                                                  mode + " mode)");
        }
      }
      static_cast<void>(apply_migrations(first));
      break;
    } catch (const SQLite::Exception& exception) {
      const int code = exception.getErrorCode() & 0xff;
      const bool contended = code == SQLITE_BUSY || code == SQLITE_LOCKED;
      if (!contended || std::chrono::steady_clock::now() >= deadline) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  while (connections.size() < size) {
    connections.push_back(detail::open_connection(path, options.busy_timeout));
  }
  return connections;
}

}  // namespace

core::Result<std::unique_ptr<Database>> open_sqlite_database(const std::string& path,
                                                             const SqliteOptions& options) {
  if (options.pool_size == 0) {
    return core::fail(core::ErrorCode::kInvalidArgument, "sqlite: pool_size must be at least 1");
  }
  if (path.empty()) {
    return core::fail(core::ErrorCode::kInvalidArgument, "sqlite: the database path is empty");
  }
  const std::string action = "opening " + path;
  try {
    auto pool = std::make_unique<Pool>(open_migrated_connections(path, options));
    // ping() checks this path; made absolute now, as SQLite did, so a later chdir cannot fool it.
    std::error_code error;
    const std::filesystem::path absolute = std::filesystem::absolute(path, error);
    return std::make_unique<SqliteDatabase>(
        path == kInMemory || error ? path : absolute.string(), std::move(pool));
  } catch (const SQLite::Exception& exception) {
    return std::unexpected(storage::detail::in_context(detail::kBackend, action,
                                                       detail::to_error(exception)));
  } catch (const storage::detail::StorageError& exception) {
    return std::unexpected(
        storage::detail::in_context(detail::kBackend, action, exception.error()));
  } catch (const std::exception& exception) {
    return std::unexpected(storage::detail::in_context(
        detail::kBackend, action, core::Error{core::ErrorCode::kInternal, exception.what(), {}}));
  } catch (...) {
    return std::unexpected(storage::detail::in_context(
        detail::kBackend, action,
        core::Error{core::ErrorCode::kInternal, "unknown exception", {}}));
  }
}

}  // namespace finml::storage::sqlite
