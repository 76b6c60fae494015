#include <finml/storage/sqlite/sqlite_repositories.hpp>

#include <algorithm>
#include <array>
#include <limits>
#include <memory>
#include <string>
#include <utility>

#include <sqlite3.h>

#include <finml/storage/sqlite/sql.hpp>

namespace finml::storage::sqlite::detail {
namespace {

using storage::detail::Refusal;
using storage::detail::StorageError;

void ensure_user(const SQLite::Database& connection, core::UserId user, const std::string& now) {
  SQLite::Statement statement = prepare(connection, sql::kEnsureUser);
  statement.bind(1, user.value());
  statement.bind(2, now);
  statement.exec();
}

/// Every write to a user's rows goes through here, in the same transaction as the write, so
/// that a cache keyed on data_version never serves data older than the database.
void bump_data_version(const SQLite::Database& connection, core::UserId user,
                       const std::string& now) {
  SQLite::Statement statement = prepare(connection, sql::kBumpDataVersion);
  statement.bind(1, user.value());
  statement.bind(2, now);
  statement.exec();
}

[[nodiscard]] std::optional<std::string> optional_text(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getString();
}

[[nodiscard]] double real_or_zero(const SQLite::Column& column) {
  return column.isNull() ? 0.0 : column.getDouble();
}

[[nodiscard]] std::optional<double> optional_real(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getDouble();
}

/// Reads a row of kListTransactions.
[[nodiscard]] core::Transaction read_transaction(SQLite::Statement& row) {
  const std::int64_t id = row.getColumn(0).getInt64();
  const std::string currency_code = row.getColumn(3).getString();
  const auto currency = core::Currency::from_code(currency_code);
  if (!currency) {
    throw StorageError(core::ErrorCode::kInternal, "transaction " + std::to_string(id) +
                                                       " has an unknown currency \"" +
                                                       currency_code + "\"");
  }
  const std::string type_name = row.getColumn(4).getString();
  const auto type = core::parse_transaction_type(type_name);
  if (!type) {
    throw StorageError(core::ErrorCode::kInternal, "transaction " + std::to_string(id) +
                                                       " has an unknown type \"" + type_name +
                                                       "\"");
  }
  const SQLite::Column account = row.getColumn(8);
  return core::Transaction{
      .id = core::TransactionId(id),
      .date = read_date(row.getColumn(1).getString()),
      .amount = core::Money::from_minor(row.getColumn(2).getInt64(), *currency),
      .type = *type,
      .category = row.getColumn(5).getString(),
      .description = row.getColumn(6).getString(),
      .note = row.getColumn(7).getString(),
      .account_id = account.isNull() ? std::nullopt
                                     : std::optional(core::AccountId(account.getInt64())),
      .external_id = optional_text(row.getColumn(9)),
  };
}

/// Reads a row of kHealthScoresSince or kLatestHealthScore.
[[nodiscard]] HealthScoreRecord read_health_score(SQLite::Statement& row) {
  HealthScoreRecord record;
  record.id = row.getColumn(0).getInt64();
  record.user_id = core::UserId(row.getColumn(1).getInt64());
  record.score = row.getColumn(2).getDouble();
  record.grade = row.getColumn(3).getString();
  record.savings_rate_score = real_or_zero(row.getColumn(4));
  record.expense_consistency_score = real_or_zero(row.getColumn(5));
  record.emergency_fund_score = real_or_zero(row.getColumn(6));
  record.debt_ratio_score = real_or_zero(row.getColumn(7));
  record.goal_progress_score = real_or_zero(row.getColumn(8));
  record.recommendations_json = row.getColumn(9).getString();
  record.calculated_at = read_timestamp(row.getColumn(10).getString());
  return record;
}

/// Reads a row of kFindModelParameters or kListModelParameters.
[[nodiscard]] ModelParameters read_model_parameters(SQLite::Statement& row) {
  ModelParameters parameters;
  parameters.id = row.getColumn(0).getInt64();
  parameters.user_id = core::UserId(row.getColumn(1).getInt64());
  parameters.model_type = row.getColumn(2).getString();
  parameters.target = row.getColumn(3).getString();
  parameters.slope = optional_real(row.getColumn(4));
  parameters.intercept = optional_real(row.getColumn(5));
  parameters.parameters_json = row.getColumn(6).getString();
  parameters.last_trained_date = read_date(row.getColumn(7).getString());
  parameters.updated_at = read_timestamp(row.getColumn(8).getString());
  return parameters;
}

/// Reads a row of kFindApiKey or kListApiKeys.
[[nodiscard]] ApiKeyRecord read_api_key(SQLite::Statement& row) {
  const SQLite::Column user = row.getColumn(1);
  const auto revoked_at = optional_text(row.getColumn(5));
  return ApiKeyRecord{
      .id = row.getColumn(0).getString(),
      .user_id = user.isNull() ? std::nullopt : std::optional(core::UserId(user.getInt64())),
      .name = row.getColumn(2).getString(),
      .secret_hash = row.getColumn(3).getString(),
      .created_at = read_timestamp(row.getColumn(4).getString()),
      .revoked_at = revoked_at ? std::optional(read_timestamp(*revoked_at)) : std::nullopt,
  };
}

/// Binds a row to the parameters of kInsertTransaction, kUpsertTransaction or kUpdateTransaction.
void bind_transaction(SQLite::Statement& statement, core::UserId user,
                      const core::Transaction& row, const std::string& now) {
  statement.bind(1, user.value());
  bind_optional(statement, 2,
                row.account_id ? std::optional(row.account_id->value()) : std::nullopt);
  statement.bind(3, row.amount.minor_units());
  statement.bind(4, std::string(row.amount.currency().code()));
  statement.bind(5, std::string(core::to_string(row.type)));
  statement.bind(6, row.date.to_string());
  statement.bind(7, row.category);
  statement.bind(8, row.description);
  statement.bind(9, row.note);
  bind_optional(statement, 10, row.external_id);
  statement.bind(11, now);
}

/// Writes `row` over the user's stored row `row.id` (kUpdateTransaction). The caller grows
/// data_version.
void store_update(SQLite::Database& connection, core::UserId user, const core::Transaction& row,
                  const std::string& now) {
  SQLite::Statement statement = prepare(connection, sql::kUpdateTransaction);
  bind_transaction(statement, user, row, now);
  statement.bind(12, row.id.value());
  statement.exec();
}

/// "YYYY-MM-DD" without snprintf (Date::to_string's cost showed in the import's profile).
class IsoDate {
 public:
  explicit IsoDate(const core::Date& date) noexcept {
    const auto ymd = date.ymd();
    const int year = static_cast<int>(ymd.year());
    const unsigned month = static_cast<unsigned>(ymd.month());
    const unsigned day = static_cast<unsigned>(ymd.day());
    text_ = {digit(year / 1000), digit(year / 100), digit(year / 10), digit(year), '-',
             digit(static_cast<int>(month / 10)), digit(static_cast<int>(month)), '-',
             digit(static_cast<int>(day / 10)), digit(static_cast<int>(day))};
  }
  [[nodiscard]] std::string_view text() const noexcept { return {text_.data(), text_.size()}; }

 private:
  static char digit(int value) noexcept { return static_cast<char>('0' + value % 10); }
  std::array<char, 10> text_{};
};

[[nodiscard]] std::optional<std::string> date_text(const std::optional<core::Date>& date) {
  if (!date) return std::nullopt;
  return date->to_string();
}

/// SQLite reads a negative LIMIT as "no limit".
[[nodiscard]] std::int64_t sql_limit(std::size_t limit) noexcept {
  if (limit == 0) return -1;
  constexpr auto kMax = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  return static_cast<std::int64_t>(std::min(limit, kMax));
}

}  // namespace

// Users.

Result<void> SqliteUserRepository::ensure(core::UserId id) {
  return store_.write("ensuring a user", [id](SQLite::Database& connection) {
    ensure_user(connection, id, fixed_width_timestamp(storage::detail::now_utc()));
  });
}

Result<std::optional<User>> SqliteUserRepository::find(core::UserId id) {
  return store_.run("finding a user", [id](SQLite::Database& connection) -> std::optional<User> {
    SQLite::Statement select = prepare(connection, sql::kFindUser);
    select.bind(1, id.value());
    if (!select.executeStep()) return std::nullopt;
    User user;
    user.id = core::UserId(select.getColumn(0).getInt64());
    user.name = select.getColumn(1).getString();
    user.email = optional_text(select.getColumn(2)).value_or("");
    user.data_version = select.getColumn(3).getInt64();
    user.created_at = read_timestamp(select.getColumn(4).getString());
    return user;
  });
}

Result<bool> SqliteUserRepository::remove(core::UserId id) {
  // The schema's ON DELETE CASCADE removes the user's rows in every table.
  return store_.write("removing a user", [id](SQLite::Database& connection) {
    SQLite::Statement statement = prepare(connection, sql::kDeleteUser);
    statement.bind(1, id.value());
    return statement.exec() > 0;
  });
}

// Transactions.

Result<std::vector<core::TransactionId>> SqliteTransactionRepository::insert(
    core::UserId user, std::span<const core::Transaction> rows) {
  return store_.write("inserting transactions", [user, rows](SQLite::Database& connection) {
    const std::string now = fixed_width_timestamp(storage::detail::now_utc());
    ensure_user(connection, user, now);
    std::vector<core::TransactionId> ids;
    ids.reserve(rows.size());
    SQLite::Statement insert = prepare(connection, sql::kInsertTransaction);
    for (const core::Transaction& row : rows) {
      bind_transaction(insert, user, row, now);
      insert.exec();
      ids.emplace_back(connection.getLastInsertRowid());
      insert.reset();
    }
    if (!rows.empty()) bump_data_version(connection, user, now);
    return ids;
  });
}

Result<std::vector<core::TransactionId>> SqliteTransactionRepository::upsert(
    core::UserId user, std::span<const core::Transaction> rows) {
  return store_.write("upserting transactions", [user, rows](SQLite::Database& connection) {
    const std::string now = fixed_width_timestamp(storage::detail::now_utc());
    ensure_user(connection, user, now);
    std::vector<core::TransactionId> ids;
    ids.reserve(rows.size());
    // One prepared statement, stepped once per row: in-process SQLite has no round trips to
    // save, and rows of one call that share an external_id replace each other in input order.
    SQLite::Statement upsert = prepare(connection, sql::kUpsertTransaction);
    for (const core::Transaction& row : rows) {
      bind_transaction(upsert, user, row, now);
      if (!upsert.executeStep()) {
        throw StorageError(core::ErrorCode::kInternal, "the upsert returned no id");
      }
      ids.emplace_back(upsert.getColumn(0).getInt64());
      // Step a RETURNING statement to its end so that its write is complete.
      while (upsert.executeStep()) {
      }
      upsert.reset();
    }
    if (!rows.empty()) bump_data_version(connection, user, now);
    return ids;
  });
}

Result<std::vector<std::optional<core::TransactionId>>> SqliteTransactionRepository::insert_new(
    core::UserId user, std::span<const core::Transaction> rows) {
  return store_.write("inserting new transactions", [user, rows](SQLite::Database& connection) {
    const std::string now = fixed_width_timestamp(storage::detail::now_utc());
    ensure_user(connection, user, now);
    std::vector<std::optional<core::TransactionId>> ids;
    ids.reserve(rows.size());
    bool any = false;
    // An import's hot loop (bench/README.md, "Users' data"): one prepared statement; the user
    // and the instant bound once; text bound without copies (the rows outlive each step); no
    // RETURNING (its ephemeral table cost as much as the insert): a row is skipped when the
    // unique index (user_id, external_id) already holds its external_id, stored before or
    // earlier in this call, which changes() tells.
    sqlite3* handle = connection.getHandle();
    const auto check = [handle](int code) {
      if (code != SQLITE_OK) throw SQLite::Exception(handle, code);
    };
    sqlite3_stmt* raw = nullptr;
    check(sqlite3_prepare_v2(handle, sql::kInsertNewTransactionNoReturn.data(),
                             static_cast<int>(sql::kInsertNewTransactionNoReturn.size()), &raw, nullptr));
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> owner(raw, sqlite3_finalize);
    sqlite3_stmt* statement = raw;
    const auto bind_text = [&check, statement](int index, std::string_view text) {
      check(sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC));
    };
    check(sqlite3_bind_int64(statement, 1, user.value()));
    bind_text(11, now);
    for (const core::Transaction& row : rows) {
      if (row.account_id) {
        check(sqlite3_bind_int64(statement, 2, row.account_id->value()));
      } else {
        check(sqlite3_bind_null(statement, 2));
      }
      check(sqlite3_bind_int64(statement, 3, row.amount.minor_units()));
      const core::Currency currency = row.amount.currency();  // code() views into it: keep it to the step
      bind_text(4, currency.code());
      bind_text(5, core::to_string(row.type));
      const IsoDate date(row.date);
      bind_text(6, date.text());
      bind_text(7, row.category);
      bind_text(8, row.description);
      bind_text(9, row.note);
      if (row.external_id) {
        bind_text(10, *row.external_id);
      } else {
        check(sqlite3_bind_null(statement, 10));
      }
      const int step = sqlite3_step(statement);
      if (step != SQLITE_DONE) {
        const int code = sqlite3_reset(statement);
        throw SQLite::Exception(handle, code == SQLITE_OK ? step : code);
      }
      if (sqlite3_changes(handle) > 0) {
        ids.emplace_back(core::TransactionId(sqlite3_last_insert_rowid(handle)));
        any = true;
      } else {
        ids.emplace_back(std::nullopt);
      }
      check(sqlite3_reset(statement));
    }
    check(sqlite3_clear_bindings(statement));
    if (any) bump_data_version(connection, user, now);
    return ids;
  });
}

Result<std::vector<core::Transaction>> SqliteTransactionRepository::list(
    core::UserId user, const TransactionQuery& query) {
  return store_.run("listing transactions", [user, &query](SQLite::Database& connection) {
    // The cursor is an id; the keyset is (date, id), so look up the cursor's date first.
    // A row's date never changes, so reading it outside the listing's snapshot is safe.
    std::optional<std::string> cursor_date = date_text(query.after_date);
    if (query.after && !cursor_date) {
      SQLite::Statement cursor = prepare(connection, sql::kTransactionCursorDate);
      cursor.bind(1, query.after->value());
      cursor.bind(2, user.value());
      if (!cursor.executeStep()) {
        throw StorageError(core::ErrorCode::kInvalidArgument,
                           "there is no transaction " + std::to_string(query.after->value()) +
                               " of user " + std::to_string(user.value()) + " to list after");
      }
      cursor_date = cursor.getColumn(0).getString();
    }
    // One lower keyset bound: the greater of (from, 0) and the cursor (ids are positive).
    std::pair<std::string, std::int64_t> lower{date_text(query.from).value_or(""), 0};
    if (cursor_date && query.after) lower = std::max(lower, std::pair(*cursor_date, query.after->value()));
    SQLite::Statement select = prepare(connection, sql::kListTransactions);
    select.bind(1, user.value());
    bind_optional(select, 3, date_text(query.to));
    select.bind(4, lower.first);
    select.bind(5, lower.second);
    select.bind(6, sql_limit(query.limit));
    bind_optional(select, 7,
                  query.type ? std::optional(std::string(core::to_string(*query.type))) : std::nullopt);
    bind_optional(select, 8, query.category);
    bind_optional(select, 9,
                  query.account_id ? std::optional(query.account_id->value()) : std::nullopt);
    bind_optional(select, 10, query.min_amount_minor);
    bind_optional(select, 11, query.max_amount_minor);
    bind_optional(select, 12, query.text);
    std::vector<core::Transaction> rows;
    while (select.executeStep()) rows.push_back(read_transaction(select));
    return rows;
  });
}

Result<std::int64_t> SqliteTransactionRepository::count(core::UserId user) {
  return store_.run("counting transactions", [user](SQLite::Database& connection) {
    SQLite::Statement select = prepare(connection, sql::kCountTransactions);
    select.bind(1, user.value());
    select.executeStep();
    return select.getColumn(0).getInt64();
  });
}

// The transactions resource (issue 7, helper T).

Result<std::optional<core::Transaction>> SqliteTransactionRepository::find(core::UserId user,
                                                                           core::TransactionId id) {
  return store_.run("finding a transaction",
                    [user, id](SQLite::Database& connection) -> std::optional<core::Transaction> {
                      SQLite::Statement select = prepare(connection, sql::kFindTransaction);
                      select.bind(1, user.value());
                      select.bind(2, id.value());
                      if (!select.executeStep()) return std::nullopt;
                      return read_transaction(select);
                    });
}

Result<std::optional<core::Transaction>> SqliteTransactionRepository::modify(
    core::UserId user, core::TransactionId id, core::FunctionRef<Result<void>(core::Transaction&)> change) {
  // BEGIN IMMEDIATE takes the database's write lock before the read: no other writer can
  // change the row between the read and the write.
  Refusal refusal;
  auto stored = store_.write("changing a transaction", [user, id, change, &refusal](SQLite::Database& connection)
                                                           -> std::optional<core::Transaction> {
    SQLite::Statement select = prepare(connection, sql::kFindTransaction);
    select.bind(1, user.value());
    select.bind(2, id.value());
    if (!select.executeStep()) return std::nullopt;
    core::Transaction row = read_transaction(select);
    select.reset();
    if (auto changed = change(row); !changed) refusal.refuse(std::move(changed.error()));
    row.id = id;
    const std::string now = fixed_width_timestamp(storage::detail::now_utc());
    store_update(connection, user, row, now);
    bump_data_version(connection, user, now);
    return row;
  });
  return refusal.outcome(std::move(stored));
}

Result<bool> SqliteTransactionRepository::remove_if(
    core::UserId user, core::TransactionId id, core::FunctionRef<Result<void>(const core::Transaction&)> allowed) {
  Refusal refusal;
  auto removed = store_.write("removing a transaction", [user, id, allowed, &refusal](SQLite::Database& connection) {
    SQLite::Statement select = prepare(connection, sql::kFindTransaction);  // under the write lock
    select.bind(1, user.value());
    select.bind(2, id.value());
    if (!select.executeStep()) return false;
    const core::Transaction row = read_transaction(select);
    select.reset();
    if (auto ok = allowed(row); !ok) refusal.refuse(std::move(ok.error()));
    SQLite::Statement statement = prepare(connection, sql::kDeleteTransaction);
    statement.bind(1, user.value());
    statement.bind(2, id.value());
    statement.exec();
    bump_data_version(connection, user, fixed_width_timestamp(storage::detail::now_utc()));
    return true;
  });
  return refusal.outcome(std::move(removed));
}

// Idempotency-Key (issue 7, helper T).

Result<std::optional<IdempotencyRecord>> SqliteIdempotencyRepository::claim(
    const IdempotencyRecord& pending, core::Timestamp not_before, core::Timestamp abandoned_before) {
  return store_.write("claiming an idempotency key", [&pending, not_before, abandoned_before](
                                                         SQLite::Database& connection)
                                                         -> std::optional<IdempotencyRecord> {
    const std::string now = fixed_width_timestamp(storage::detail::now_utc());
    ensure_user(connection, pending.user_id, now);
    SQLite::Statement expire = prepare(connection, sql::kDeleteExpiredIdempotencyKey);
    expire.bind(1, pending.user_id.value());
    expire.bind(2, pending.key);
    expire.bind(3, fixed_width_timestamp(not_before));
    expire.bind(4, fixed_width_timestamp(abandoned_before));
    expire.exec();
    SQLite::Statement insert = prepare(connection, sql::kClaimIdempotencyKey);
    insert.bind(1, pending.user_id.value());
    insert.bind(2, pending.key);
    insert.bind(3, pending.request_digest);
    insert.bind(4, fixed_width_timestamp(pending.created_at));
    if (insert.exec() > 0) return std::nullopt;
    SQLite::Statement select = prepare(connection, sql::kFindIdempotencyKey);
    select.bind(1, pending.user_id.value());
    select.bind(2, pending.key);
    if (!select.executeStep()) {
      throw StorageError(core::ErrorCode::kInternal, "the idempotency key vanished");
    }
    return IdempotencyRecord{
        .user_id = pending.user_id,
        .key = pending.key,
        .request_digest = select.getColumn(0).getString(),
        .status = select.getColumn(1).getInt(),
        .location = select.getColumn(2).getString(),
        .response_body = select.getColumn(3).getString(),
        .created_at = read_timestamp(select.getColumn(4).getString()),
    };
  });
}

Result<void> SqliteIdempotencyRepository::complete(const IdempotencyRecord& answered) {
  return store_.write("storing an idempotent answer", [&answered](SQLite::Database& connection) {
    SQLite::Statement statement = prepare(connection, sql::kCompleteIdempotencyKey);
    statement.bind(1, answered.user_id.value());
    statement.bind(2, answered.key);
    statement.bind(3, answered.status);
    statement.bind(4, answered.location);
    statement.bind(5, answered.response_body);
    statement.exec();
  });
}

Result<void> SqliteIdempotencyRepository::release(core::UserId user, std::string_view key) {
  return store_.write("releasing an idempotency key", [user, key](SQLite::Database& connection) {
    SQLite::Statement statement = prepare(connection, sql::kReleaseIdempotencyKey);
    statement.bind(1, user.value());
    statement.bind(2, std::string(key));
    statement.exec();
  });
}

// Health scores.

Result<std::int64_t> SqliteHealthScoreRepository::append(const HealthScoreRecord& record) {
  return store_.write("storing a health score", [&record](SQLite::Database& connection) {
    const std::string now = fixed_width_timestamp(storage::detail::now_utc());
    ensure_user(connection, record.user_id, now);
    SQLite::Statement insert = prepare(connection, sql::kInsertHealthScore);
    insert.bind(1, record.user_id.value());
    insert.bind(2, record.score);
    insert.bind(3, record.savings_rate_score);
    insert.bind(4, record.expense_consistency_score);
    insert.bind(5, record.emergency_fund_score);
    insert.bind(6, record.debt_ratio_score);
    insert.bind(7, record.goal_progress_score);
    insert.bind(8, record.grade);
    insert.bind(9, record.recommendations_json);
    insert.bind(10, fixed_width_timestamp(record.calculated_at));
    insert.exec();
    const std::int64_t id = connection.getLastInsertRowid();
    bump_data_version(connection, record.user_id, now);
    return id;
  });
}

Result<std::vector<HealthScoreRecord>> SqliteHealthScoreRepository::list_since(
    core::UserId user, core::Timestamp since) {
  return store_.run("listing health scores", [user, since](SQLite::Database& connection) {
    SQLite::Statement select = prepare(connection, sql::kHealthScoresSince);
    select.bind(1, user.value());
    select.bind(2, fixed_width_timestamp(since));
    std::vector<HealthScoreRecord> records;
    while (select.executeStep()) records.push_back(read_health_score(select));
    return records;
  });
}

Result<std::optional<HealthScoreRecord>> SqliteHealthScoreRepository::latest(core::UserId user) {
  return store_.run("reading the latest health score",
                    [user](SQLite::Database& connection) -> std::optional<HealthScoreRecord> {
                      SQLite::Statement select = prepare(connection, sql::kLatestHealthScore);
                      select.bind(1, user.value());
                      if (!select.executeStep()) return std::nullopt;
                      return read_health_score(select);
                    });
}

Result<std::vector<double>> SqliteHealthScoreRepository::latest_scores_of_all_users() {
  return store_.run("reading every user's latest health score", [](SQLite::Database& connection) {
    SQLite::Statement select = prepare(connection, sql::kLatestScoresOfAllUsers);
    std::vector<double> scores;
    while (select.executeStep()) scores.push_back(select.getColumn(0).getDouble());
    return scores;
  });
}

// Model parameters.

Result<std::int64_t> SqliteModelParameterRepository::upsert(const ModelParameters& parameters) {
  return store_.write("storing model parameters", [&parameters](SQLite::Database& connection) {
    const std::string now = fixed_width_timestamp(storage::detail::now_utc());
    ensure_user(connection, parameters.user_id, now);
    SQLite::Statement upsert = prepare(connection, sql::kUpsertModelParameters);
    upsert.bind(1, parameters.user_id.value());
    upsert.bind(2, parameters.model_type);
    upsert.bind(3, parameters.target);
    bind_optional(upsert, 4, parameters.slope);
    bind_optional(upsert, 5, parameters.intercept);
    upsert.bind(6, parameters.parameters_json);
    upsert.bind(7, parameters.last_trained_date.to_string());
    upsert.bind(8, fixed_width_timestamp(parameters.updated_at));
    if (!upsert.executeStep()) {
      throw StorageError(core::ErrorCode::kInternal, "the upsert returned no id");
    }
    const std::int64_t id = upsert.getColumn(0).getInt64();
    // Step a RETURNING statement to its end so that it finishes before the commit.
    while (upsert.executeStep()) {
    }
    bump_data_version(connection, parameters.user_id, now);
    return id;
  });
}

Result<std::optional<ModelParameters>> SqliteModelParameterRepository::find(
    core::UserId user, std::string_view model_type, std::string_view target) {
  return store_.run(
      "finding model parameters",
      [user, model_type, target](SQLite::Database& connection) -> std::optional<ModelParameters> {
        SQLite::Statement select = prepare(connection, sql::kFindModelParameters);
        select.bind(1, user.value());
        select.bind(2, std::string(model_type));
        select.bind(3, std::string(target));
        if (!select.executeStep()) return std::nullopt;
        return read_model_parameters(select);
      });
}

Result<std::vector<ModelParameters>> SqliteModelParameterRepository::list(core::UserId user) {
  return store_.run("listing model parameters", [user](SQLite::Database& connection) {
    SQLite::Statement select = prepare(connection, sql::kListModelParameters);
    select.bind(1, user.value());
    std::vector<ModelParameters> models;
    while (select.executeStep()) models.push_back(read_model_parameters(select));
    return models;
  });
}

// Latest insights.

Result<void> SqliteInsightsRepository::save_latest(const InsightsSnapshot& snapshot) {
  return store_.write("storing the latest insights", [&snapshot](SQLite::Database& connection) {
    const std::string now = fixed_width_timestamp(storage::detail::now_utc());
    ensure_user(connection, snapshot.user_id, now);
    SQLite::Statement save = prepare(connection, sql::kSaveLatestInsights);
    save.bind(1, snapshot.user_id.value());
    save.bind(2, snapshot.insights_json);
    save.bind(3, fixed_width_timestamp(snapshot.computed_at));
    save.exec();
    bump_data_version(connection, snapshot.user_id, now);
  });
}

Result<std::optional<InsightsSnapshot>> SqliteInsightsRepository::latest(core::UserId user) {
  return store_.run("reading the latest insights",
                    [user](SQLite::Database& connection) -> std::optional<InsightsSnapshot> {
                      SQLite::Statement select = prepare(connection, sql::kLatestInsights);
                      select.bind(1, user.value());
                      if (!select.executeStep()) return std::nullopt;
                      return InsightsSnapshot{
                          .user_id = core::UserId(select.getColumn(0).getInt64()),
                          .insights_json = select.getColumn(1).getString(),
                          .computed_at = read_timestamp(select.getColumn(2).getString()),
                      };
                    });
}

// API keys.

Result<void> SqliteApiKeyRepository::create(const ApiKeyRecord& key) {
  return store_.write("storing an API key", [&key](SQLite::Database& connection) {
    SQLite::Statement insert = prepare(connection, sql::kInsertApiKey);
    insert.bind(1, key.id);
    bind_optional(insert, 2, key.user_id ? std::optional(key.user_id->value()) : std::nullopt);
    insert.bind(3, key.name);
    insert.bind(4, key.secret_hash);
    insert.bind(5, fixed_width_timestamp(key.created_at));
    bind_optional(insert, 6,
                  key.revoked_at ? std::optional(fixed_width_timestamp(*key.revoked_at)) : std::nullopt);
    insert.exec();
  });
}

Result<std::optional<ApiKeyRecord>> SqliteApiKeyRepository::find(std::string_view id) {
  return store_.run("finding an API key",
                    [id](SQLite::Database& connection) -> std::optional<ApiKeyRecord> {
                      SQLite::Statement select = prepare(connection, sql::kFindApiKey);
                      select.bind(1, std::string(id));
                      if (!select.executeStep()) return std::nullopt;
                      return read_api_key(select);
                    });
}

Result<std::vector<ApiKeyRecord>> SqliteApiKeyRepository::list() {
  return store_.run("listing API keys", [](SQLite::Database& connection) {
    SQLite::Statement select = prepare(connection, sql::kListApiKeys);
    std::vector<ApiKeyRecord> keys;
    while (select.executeStep()) keys.push_back(read_api_key(select));
    return keys;
  });
}

Result<bool> SqliteApiKeyRepository::revoke(std::string_view id, core::Timestamp at) {
  return store_.write("revoking an API key", [id, at](SQLite::Database& connection) {
    SQLite::Statement update = prepare(connection, sql::kRevokeApiKey);
    update.bind(1, std::string(id));
    update.bind(2, fixed_width_timestamp(at));
    return update.exec() > 0;
  });
}

}  // namespace finml::storage::sqlite::detail
