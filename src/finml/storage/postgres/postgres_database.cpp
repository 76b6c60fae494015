#include <finml/storage/postgres/postgres_database.hpp>

#include <cstdint>
#include <utility>
#include <vector>

#include <libpq-fe.h>

#include <finml/storage/migrations.hpp>
#include <finml/storage/postgres/pg_connection.hpp>
#include <finml/storage/postgres/postgres_category_overrides.hpp>  // issue 7, helper K
#include <finml/storage/postgres/postgres_resources.hpp>  // issue 7, helper A
#include <finml/storage/postgres/postgres_repositories.hpp>
#include <finml/storage/postgres/postgres_store.hpp>
#include <finml/storage/postgres/sql.hpp>

namespace finml::storage::postgres {
namespace {

using detail::PgConnection;
using detail::PgResult;
using detail::PostgresStore;
using Pool = storage::detail::ConnectionPool<PgConnection>;

/// The advisory lock that serialises migrations: "finml" in ASCII, a key that other
/// applications sharing the database are unlikely to pick.
constexpr std::int64_t kMigrationLockKey = 0x66'69'6e'6d'6c;

/// Applies every migration that schema_migrations does not list, each in its own transaction
/// under the advisory lock, so that instances starting together apply each exactly once.
std::vector<AppliedMigration> apply_migrations(PgConnection& connection) {
  std::vector<AppliedMigration> applied_now;
  for (const Migration& migration : postgres_migrations()) {
    detail::PgTransaction transaction(connection);
    connection.exec(sql::kLockMigrations, {detail::int_param(kMigrationLockKey)});
    connection.exec(sql::kCreateSchemaMigrations);
    const PgResult applied =
        connection.exec(sql::kMigrationApplied, {detail::int_param(migration.version)});
    if (applied.int64(0, 0) > 0) continue;  // rolls back, releasing the lock
    connection.exec_script(migration.sql);
    connection.exec(sql::kRecordMigration,
                    {detail::int_param(migration.version), detail::text_param(migration.name)});
    transaction.commit();
    applied_now.push_back({migration.version, std::string(migration.name)});
  }
  return applied_now;
}

/// Reads kCatalog into tables (the statement already orders them).
[[nodiscard]] std::vector<TableInfo> read_catalog(PgConnection& connection) {
  const PgResult result = connection.exec(sql::kCatalog);
  std::vector<TableInfo> tables;
  for (int row = 0; row < result.rows(); ++row) {
    std::string table = result.text(row, 0);
    if (tables.empty() || tables.back().name != table) tables.push_back({std::move(table), {}});
    tables.back().columns.push_back({.name = result.text(row, 1),
                                     .type = result.text(row, 2),
                                     .nullable = result.text(row, 3) == "t"});
  }
  return tables;
}

class PostgresDatabase final : public Database {
 public:
  explicit PostgresDatabase(std::unique_ptr<Pool> pool)
      : store_(std::move(pool)),
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
    return store_.run("ping", [](PgConnection& connection) { connection.exec(sql::kPing); });
  }

  [[nodiscard]] Result<int> schema_version() override {
    return store_.run("reading the schema version", [](PgConnection& connection) {
      return static_cast<int>(connection.exec(sql::kSchemaVersion).int64(0, 0));
    });
  }

  [[nodiscard]] Result<std::vector<TableInfo>> catalog() override {
    return store_.run("reading the catalog",
                      [](PgConnection& connection) { return read_catalog(connection); });
  }

  [[nodiscard]] std::vector<std::string> expected_tables() const override {
    return tables_created_by(postgres_migrations());
  }

  Result<std::vector<AppliedMigration>> migrate() override {
    return store_.run("applying migrations",
                      [](PgConnection& connection) { return apply_migrations(connection); });
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
  PostgresStore store_;
  detail::PostgresUserRepository users_;
  detail::PostgresTransactionRepository transactions_;
  detail::PostgresHealthScoreRepository health_scores_;
  detail::PostgresModelParameterRepository model_parameters_;
  detail::PostgresInsightsRepository insights_;
  detail::PostgresApiKeyRepository api_keys_;
  detail::PostgresIdempotencyRepository idempotency_keys_;
  detail::PostgresCategoryOverrideRepository category_overrides_;  // issue 7, helper K
  // --- the other resources (issue 7, helper A) ---
  detail::PostgresAccountRepository accounts_;
  detail::PostgresGoalRepository goals_;
  detail::PostgresBudgetRepository budgets_;
  detail::PostgresBillRepository bills_;
  detail::PostgresUserCategoryRepository user_categories_;
  // --- end other resources ---
};

/// Checks the URL's syntax, so that a typo is reported as such and not as a server that
/// cannot be reached.
[[nodiscard]] core::Result<void> check_url_syntax(const std::string& url) {
  char* message = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &message);
  if (options != nullptr) {
    PQconninfoFree(options);
    return {};
  }
  std::string reason = message == nullptr ? "out of memory" : message;
  PQfreemem(message);
  while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
  return core::fail(core::ErrorCode::kInvalidArgument,
                    "postgresql: the connection URL is not valid: " + reason);
}

}  // namespace

core::Result<std::unique_ptr<Database>> open_postgres_database(const std::string& url,
                                                               const PostgresOptions& options) {
  if (options.pool_size == 0) {
    return core::fail(core::ErrorCode::kInvalidArgument,
                      "postgresql: pool_size must be at least 1");
  }
  if (auto syntax = check_url_syntax(url); !syntax) return std::unexpected(syntax.error());
  constexpr std::string_view kAction = "opening the database";
  try {
    const detail::ConnectSettings settings{url, options.connect_timeout};
    std::vector<std::unique_ptr<PgConnection>> connections;
    connections.reserve(options.pool_size);
    connections.push_back(PgConnection::connect(settings));
    static_cast<void>(apply_migrations(*connections.front()));
    while (connections.size() < options.pool_size) {
      connections.push_back(PgConnection::connect(settings));
    }
    return std::make_unique<PostgresDatabase>(std::make_unique<Pool>(std::move(connections)));
  } catch (const storage::detail::StorageError& error) {
    return std::unexpected(storage::detail::in_context(detail::kBackend, kAction, error.error()));
  } catch (const std::exception& error) {
    return std::unexpected(storage::detail::in_context(
        detail::kBackend, kAction, core::Error{core::ErrorCode::kInternal, error.what(), {}}));
  } catch (...) {
    return std::unexpected(storage::detail::in_context(
        detail::kBackend, kAction,
        core::Error{core::ErrorCode::kInternal, "unknown exception", {}}));
  }
}

}  // namespace finml::storage::postgres
