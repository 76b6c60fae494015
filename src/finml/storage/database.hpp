#pragma once
/// @file finml/storage/database.hpp
/// The storage ports: narrow repositories shaped around what the services ask, implemented by
/// the SQLite adapter (storage/sqlite) and the PostgreSQL adapter (storage/postgres). Every
/// adapter passes the same contract tests (tests/storage/repository_contract_test.cpp).
///
/// All methods are safe to call from many threads at once. Failures come back as values:
/// kUnavailable when the database cannot be reached, kInternal for anything else; a write that
/// fails leaves nothing behind.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <finml/core/date.hpp>
#include <finml/core/error.hpp>
#include <finml/core/function_ref.hpp>
#include <finml/core/ids.hpp>
#include <finml/core/money.hpp>
#include <finml/core/timestamp.hpp>
#include <finml/core/transaction.hpp>

namespace finml::storage {

using core::Result;

struct User {
  core::UserId id;
  std::string name;
  std::string email;
  /// Grows by one with every change to the user's data; part of cache keys.
  std::int64_t data_version = 0;
  core::Timestamp created_at;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  /// Creates the user when it does not exist yet (ids are the caller's own); idempotent.
  virtual Result<void> ensure(core::UserId id) = 0;
  [[nodiscard]] virtual Result<std::optional<User>> find(core::UserId id) = 0;
  /// Removes the user and everything of theirs; false when there was no such user.
  virtual Result<bool> remove(core::UserId id) = 0;
};

/// Which of a user's transactions to list. Rows come ordered by (date, id), ascending.
struct TransactionQuery {
  // Every member has an initializer, so that callers may name only the ones they need
  // ({.from = d}) without -Wmissing-field-initializers.
  std::optional<core::Date> from{};            ///< inclusive
  std::optional<core::Date> to{};              ///< inclusive
  std::optional<core::TransactionId> after{};  ///< keyset cursor: rows after this one
  std::size_t limit = 0;                       ///< 0: no limit
  // --- filters and cursor of the transactions resource (issue 7, helper T) ---
  /// With `after`: the cursor row's date, so that the keyset (after_date, after) is used as
  /// given (the row may have been changed or removed since); without it the date is looked up.
  std::optional<core::Date> after_date{};
  std::optional<core::TransactionType> type{};
  std::optional<std::string> category{};       ///< equal, ASCII case-insensitive
  std::optional<core::AccountId> account_id{};
  std::optional<std::int64_t> min_amount_minor{};  ///< inclusive, in the row's minor units
  std::optional<std::int64_t> max_amount_minor{};  ///< inclusive
  /// Rows whose description, note or category contains this text, ASCII case-insensitive.
  std::optional<std::string> text{};
  // --- end transactions resource ---
};

class TransactionRepository {
 public:
  virtual ~TransactionRepository() = default;
  /// Inserts all rows in one database transaction (all or none), creating the user when
  /// needed, and returns their new ids in input order. A row whose external_id the user
  /// already has fails the whole call (use upsert() to replace such rows).
  virtual Result<std::vector<core::TransactionId>> insert(
      core::UserId user, std::span<const core::Transaction> rows) = 0;
  /// Like insert(), except that a row whose external_id (the caller's own id for it) names a
  /// stored row of the same user replaces that row's date, amount, currency, type, category,
  /// description and note, keeping its id. Rows without external_id are inserted. Returns the
  /// ids in input order; rows of one call that share an external_id end as one stored row
  /// (the last of them wins) and get its id. All or none, in one database transaction.
  virtual Result<std::vector<core::TransactionId>> upsert(
      core::UserId user, std::span<const core::Transaction> rows) = 0;
  // --- import (issue 7, helper I) ---
  /// Like insert(), except that a row whose external_id the user already has (stored before,
  /// or earlier in the same call) is skipped instead of failing the call: for imports, whose
  /// rows carry their fingerprint as external_id. Returns, in input order, each row's new id or
  /// nullopt for a row skipped. All or none, in one database transaction; data_version grows
  /// only when a row was inserted.
  virtual Result<std::vector<std::optional<core::TransactionId>>> insert_new(
      core::UserId user, std::span<const core::Transaction> rows) = 0;
  // --- end import ---
  [[nodiscard]] virtual Result<std::vector<core::Transaction>> list(
      core::UserId user, const TransactionQuery& query) = 0;
  [[nodiscard]] virtual Result<std::int64_t> count(core::UserId user) = 0;
  // --- the transactions resource (issue 7, helper T) ---
  /// The user's row with this id; nullopt when there is none (or it is another user's).
  [[nodiscard]] virtual Result<std::optional<core::Transaction>> find(core::UserId user,
                                                                      core::TransactionId id) = 0;
  /// Removes the user's row when allowed(row) succeeds: the row is read and removed in one
  /// database transaction with it locked (a precondition such as If-Match holds at the delete).
  /// False when the user has no such row; when allowed() fails, nothing is removed and its
  /// error is returned as it is. Grows data_version.
  virtual Result<bool> remove_if(core::UserId user, core::TransactionId id,
                                 core::FunctionRef<Result<void>(const core::Transaction&)> allowed) = 0;
  /// remove_if() without a check.
  Result<bool> remove(core::UserId user, core::TransactionId id) {
    return remove_if(user, id, [](const core::Transaction&) -> Result<void> { return {}; });
  }
  // --- end transactions resource ---
  // --- atomic read-modify-write (issue 7, helper C) ---
  /// Reads the user's row `id`, calls change(row), and stores its date, amount, currency, type,
  /// category, description, note and account as change() left them (external_id and
  /// created_at are kept), all in one database transaction with the row locked, so that
  /// concurrent changes of one row never lose one another. Grows data_version. Returns the row
  /// as stored; nullopt when the user has no such row. When change() fails, nothing is stored
  /// and its error is returned as it is.
  virtual Result<std::optional<core::Transaction>> modify(
      core::UserId user, core::TransactionId id, core::FunctionRef<Result<void>(core::Transaction&)> change) = 0;
  // --- end atomic read-modify-write ---
};

/// One computed financial health score, kept so that trends and benchmarks can be answered.
struct HealthScoreRecord {
  std::int64_t id = 0;  ///< 0 until stored
  core::UserId user_id;
  double score = 0.0;  ///< 0..100, two decimals, never truncated
  std::string grade;   ///< A..F
  double savings_rate_score = 0.0;
  double expense_consistency_score = 0.0;
  double emergency_fund_score = 0.0;
  double debt_ratio_score = 0.0;
  double goal_progress_score = 0.0;
  std::string recommendations_json;  ///< opaque to storage
  core::Timestamp calculated_at;
};

class HealthScoreRepository {
 public:
  virtual ~HealthScoreRepository() = default;
  /// Stores a score, creating the user when needed; returns its id.
  virtual Result<std::int64_t> append(const HealthScoreRecord& record) = 0;
  /// The user's scores with calculated_at >= since, oldest first.
  [[nodiscard]] virtual Result<std::vector<HealthScoreRecord>> list_since(
      core::UserId user, core::Timestamp since) = 0;
  [[nodiscard]] virtual Result<std::optional<HealthScoreRecord>> latest(core::UserId user) = 0;
  /// The latest score of every user that has one, for peer percentiles.
  [[nodiscard]] virtual Result<std::vector<double>> latest_scores_of_all_users() = 0;
};

/// A trained model's parameters, one row per (user, model_type, target).
struct ModelParameters {
  std::int64_t id = 0;  ///< 0 until stored; kept when the row is replaced
  core::UserId user_id;
  std::string model_type;  ///< "linear_regression", "ets", ...
  std::string target;      ///< what was modelled: "transactions_savings", "expense"
  std::optional<double> slope;
  std::optional<double> intercept;
  std::string parameters_json;  ///< opaque to storage
  core::Date last_trained_date;
  core::Timestamp updated_at;
};

class ModelParameterRepository {
 public:
  virtual ~ModelParameterRepository() = default;
  /// Inserts or replaces the row of (user, model_type, target); returns its id.
  virtual Result<std::int64_t> upsert(const ModelParameters& parameters) = 0;
  [[nodiscard]] virtual Result<std::optional<ModelParameters>> find(
      core::UserId user, std::string_view model_type, std::string_view target) = 0;
  /// Every model of the user, ordered by (model_type, target); empty for an unknown user.
  [[nodiscard]] virtual Result<std::vector<ModelParameters>> list(core::UserId user) = 0;
};

/// The last insights computed for a user (POST /insights), kept so that the real client's
/// GET /insights/summary/{user_id} can answer them.
struct InsightsSnapshot {
  core::UserId user_id;
  std::string insights_json;  ///< the document as answered; opaque to storage
  core::Timestamp computed_at;
};

class InsightsRepository {
 public:
  virtual ~InsightsRepository() = default;
  /// Replaces the user's stored insights with `snapshot` (one per user: the last write wins),
  /// creating the user when needed.
  virtual Result<void> save_latest(const InsightsSnapshot& snapshot) = 0;
  /// The user's stored insights; nullopt when none were computed (or the user is unknown).
  [[nodiscard]] virtual Result<std::optional<InsightsSnapshot>> latest(core::UserId user) = 0;
};

/// An API key as stored: never the key itself, only its public id and a hash of it.
struct ApiKeyRecord {
  std::string id;                       ///< the public id, also part of the key
  std::optional<core::UserId> user_id;  ///< the user a user key acts for; nullopt: an admin key
  std::string name;                     ///< a label for people; may be empty
  std::string secret_hash;              ///< opaque to storage (service/api_keys.hpp makes it)
  core::Timestamp created_at;
  std::optional<core::Timestamp> revoked_at;  ///< set once, by revoke()

  [[nodiscard]] bool admin() const noexcept { return !user_id.has_value(); }
};

class ApiKeyRepository {
 public:
  virtual ~ApiKeyRepository() = default;
  /// Stores a new key; fails when a key with the same id exists (the stored one is kept).
  virtual Result<void> create(const ApiKeyRecord& key) = 0;
  [[nodiscard]] virtual Result<std::optional<ApiKeyRecord>> find(std::string_view id) = 0;
  /// Every key, revoked ones included, ordered by (created_at, id).
  [[nodiscard]] virtual Result<std::vector<ApiKeyRecord>> list() = 0;
  /// Marks the key revoked at `at`; a key revoked before keeps its first revoked_at. False
  /// when there is no such key.
  virtual Result<bool> revoke(std::string_view id, core::Timestamp at) = 0;
};

// --- Idempotency-Key of the users' resource POSTs (issue 7, helper T) ---
/// One Idempotency-Key of a user: the request it came with and, once answered, the answer.
struct IdempotencyRecord {
  core::UserId user_id{};
  std::string key{};
  std::string request_digest{};  ///< opaque to storage
  int status = 0;                ///< 0: the first request is still being answered
  std::string location{};        ///< the answer's Location header; may be empty
  std::string response_body{};
  core::Timestamp created_at{};
};

class IdempotencyRepository {
 public:
  virtual ~IdempotencyRepository() = default;
  /// Claims `pending.key` for the user (creating the user when needed) by storing `pending`,
  /// unless the user holds the key already with created_at >= not_before: then returns that
  /// record and stores nothing. A record older than not_before is replaced (expired).
  virtual Result<std::optional<IdempotencyRecord>> claim(const IdempotencyRecord& pending,
                                                         core::Timestamp not_before) {
    return claim(pending, not_before, not_before);
  }
  /// Like claim(), except that a record still pending (status 0) is replaced as abandoned
  /// when created before `abandoned_before` (its request's process died; issue 7, helper C).
  virtual Result<std::optional<IdempotencyRecord>> claim(const IdempotencyRecord& pending,
                                                         core::Timestamp not_before,
                                                         core::Timestamp abandoned_before) = 0;
  /// Stores the answer (status, location, response_body) of the user's claimed key.
  virtual Result<void> complete(const IdempotencyRecord& answered) = 0;
  /// Forgets the user's key (the request it claimed failed, so a retry may run it again).
  virtual Result<void> release(core::UserId user, std::string_view key) = 0;
};
// --- end Idempotency-Key ---

// --- per-user category overrides (issue 7, helper K) ---
/// One of a user's category overrides: a transaction whose description or category matches
/// `match` gets the detailed taxonomy category `category` (finml/analytics/categories). Storage
/// keeps both as given; the service normalises `match` and checks `category` before storing.
struct CategoryOverride {
  std::string match;
  std::string category;

  friend bool operator==(const CategoryOverride&, const CategoryOverride&) = default;
};

class CategoryOverrideRepository {
 public:
  virtual ~CategoryOverrideRepository() = default;
  /// The user's overrides ordered by match (byte order); empty when there are none.
  [[nodiscard]] virtual Result<std::vector<CategoryOverride>> list(core::UserId user) = 0;
  /// Replaces every override of the user with `overrides` (each match once: a repeated match
  /// fails the call), creating the user when needed. All or none, in one database transaction;
  /// grows the user's data_version, since the overrides change analytics answers.
  virtual Result<void> replace(core::UserId user, std::span<const CategoryOverride> overrides) = 0;
};
// --- end category overrides ---

// --- the other resources of a user's stored data (issue 7, point 1; helper A implements) ---
/// Which of a user's accounts, goals, budgets or bills to list: rows come in id order, after
/// the cursor `after`. Filters a resource has no column for are kValidation from its service.
struct ResourceQuery {
  std::optional<std::int64_t> after{};  ///< keyset cursor: rows with a greater id
  std::size_t limit = 0;                ///< 0: no limit
  std::optional<std::string> status{};  ///< goals, budgets, bills: equal
  std::optional<std::string> kind{};    ///< accounts: account_type; categories: type
  std::optional<std::string> category{};  ///< budgets: equal, ASCII case-insensitive
  std::optional<core::Date> from{};     ///< budgets: end_date >= from; bills: due_date >= from
  std::optional<core::Date> to{};       ///< budgets: start_date <= to; bills: due_date <= to
  std::optional<std::int64_t> min_amount_minor{};  ///< inclusive: balance, target, amount
  std::optional<std::int64_t> max_amount_minor{};  ///< inclusive
  std::optional<std::string> text{};    ///< name contains, ASCII case-insensitive
};

/// A money account of the user (table accounts).
struct Account {
  core::AccountId id{};  ///< 0 until stored
  std::string name{};
  std::string account_type = "other";  ///< cash, checking, savings, credit_card, loan, investment, other
  core::Money balance;
  core::Timestamp created_at{};
  core::Timestamp updated_at{};
};

/// A savings goal of the user (table financial_goals).
struct Goal {
  core::GoalId id{};
  std::string name{};
  core::Money target;
  core::Money current;  ///< same currency as target
  std::optional<core::Date> target_date{};
  std::optional<core::Money> monthly_contribution{};
  std::string status = "active";  ///< active, completed, paused, cancelled
  core::Timestamp created_at{};
  core::Timestamp updated_at{};
};

/// A spending limit of the user for a period (table budgets); no category: an overall budget.
struct Budget {
  core::BudgetId id{};
  std::optional<std::string> category{};
  core::Money amount;
  core::Date start_date{};
  core::Date end_date{};  ///< inclusive, >= start_date
  std::string status = "active";  ///< active, expired
  core::Timestamp created_at{};
  core::Timestamp updated_at{};
};

/// A bill the user must pay (table bills).
struct Bill {
  core::BillId id{};
  std::string name{};
  core::Date due_date{};
  core::Money amount;
  std::string status = "unpaid";  ///< paid, unpaid
  bool recurring = false;
  std::optional<std::string> recurrence_frequency{};  ///< weekly, biweekly, monthly, quarterly, yearly
  std::optional<int> reminder_days_before{};
  core::Timestamp created_at{};
  core::Timestamp updated_at{};
};

/// A category of the user's own (table categories with user_id set): transactions whose
/// free-text category equals `name` (ASCII case-insensitive) are classified as `detailed`,
/// in `bucket`.
struct UserCategory {
  core::CategoryId id{};
  std::string name{};
  std::string type = "expense";        ///< income, expense, savings, transfer
  std::optional<std::string> bucket{};    ///< needs, wants, savings, income, transfer
  std::optional<std::string> detailed{};  ///< a detailed code of analytics/categories
  core::Timestamp created_at{};
  core::Timestamp updated_at{};
};

/// Create, read, update, delete and list one kind of a user's resource. Every write grows the
/// user's data_version; create makes the user when needed. Another user's id is "none"
/// (nullopt / false), exactly as an id that does not exist.
template <class Row, class Id>
class ResourceRepository {
 public:
  virtual ~ResourceRepository() = default;
  /// Stores `row` (its id and timestamps are ignored) and returns it as stored.
  virtual Result<Row> create(core::UserId user, const Row& row) = 0;
  [[nodiscard]] virtual Result<std::optional<Row>> find(core::UserId user, Id id) = 0;
  [[nodiscard]] virtual Result<std::vector<Row>> list(core::UserId user, const ResourceQuery& query) = 0;
  /// Reads the user's row `id`, calls change(row) and stores what it left (id and created_at
  /// kept), in one database transaction with the row locked, so that concurrent changes of one
  /// row never lose one another. Returns the row as stored; nullopt when the user has none.
  /// When change() fails, nothing is stored and its error is returned as it is.
  virtual Result<std::optional<Row>> modify(core::UserId user, Id id, core::FunctionRef<Result<void>(Row&)> change) = 0;
  /// Removes the user's row when allowed(row) succeeds, read and removed with the row locked;
  /// false when the user has none; when allowed() fails nothing is removed and its error is
  /// returned as it is.
  virtual Result<bool> remove_if(core::UserId user, Id id, core::FunctionRef<Result<void>(const Row&)> allowed) = 0;
  /// remove_if() without a check.
  Result<bool> remove(core::UserId user, Id id) {
    return remove_if(user, id, [](const Row&) -> Result<void> { return {}; });
  }
};

using AccountRepository = ResourceRepository<Account, core::AccountId>;
using GoalRepository = ResourceRepository<Goal, core::GoalId>;
using BudgetRepository = ResourceRepository<Budget, core::BudgetId>;
using BillRepository = ResourceRepository<Bill, core::BillId>;
using UserCategoryRepository = ResourceRepository<UserCategory, core::CategoryId>;
// --- end other resources ---

/// One column of a table, as the database describes it.
struct ColumnInfo {
  std::string name;
  std::string type;  ///< the dialect's type name, upper case: "INTEGER", "TIMESTAMP WITH TIME ZONE"
  bool nullable = true;
};

/// One table of the database with its columns in declaration order.
struct TableInfo {
  std::string name;
  std::vector<ColumnInfo> columns;
};

/// One migration that migrate() applied.
struct AppliedMigration {
  int version = 0;
  std::string name;  ///< "transaction_external_id" of 0002_transaction_external_id.sql
};

/// One open database: the repositories over it, and its health.
class Database {
 public:
  virtual ~Database() = default;
  /// "sqlite" or "postgresql".
  [[nodiscard]] virtual std::string_view backend() const noexcept = 0;
  /// Succeeds when the database answers a query now.
  virtual Result<void> ping() = 0;
  /// The highest migration applied.
  [[nodiscard]] virtual Result<int> schema_version() = 0;
  /// Every table of the application's schema (SQLite's own sqlite_* tables and other schemas
  /// of a PostgreSQL database left out), sorted by name, with their columns.
  [[nodiscard]] virtual Result<std::vector<TableInfo>> catalog() = 0;
  /// The tables that this backend's migrations create, and schema_migrations; sorted.
  [[nodiscard]] virtual std::vector<std::string> expected_tables() const = 0;
  /// Applies the migrations not applied yet, as opening the database does (so normally none),
  /// each in its own transaction; returns those it applied, in order.
  virtual Result<std::vector<AppliedMigration>> migrate() = 0;

  virtual UserRepository& users() = 0;
  virtual TransactionRepository& transactions() = 0;
  virtual HealthScoreRepository& health_scores() = 0;
  virtual ModelParameterRepository& model_parameters() = 0;
  virtual InsightsRepository& insights() = 0;
  virtual ApiKeyRepository& api_keys() = 0;
  virtual IdempotencyRepository& idempotency_keys() = 0;  // issue 7, helper T
  virtual CategoryOverrideRepository& category_overrides() = 0;  // issue 7, helper K
  // --- the other resources of a user's stored data (issue 7, helper A) ---
  virtual AccountRepository& accounts() = 0;
  virtual GoalRepository& goals() = 0;
  virtual BudgetRepository& budgets() = 0;
  virtual BillRepository& bills() = 0;
  virtual UserCategoryRepository& user_categories() = 0;
  // --- end other resources ---
};

}  // namespace finml::storage
