#include <finml/storage/postgres/postgres_repositories.hpp>

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include <finml/storage/postgres/sql.hpp>

namespace finml::storage::postgres::detail {
namespace {

using storage::detail::StorageError;

void ensure_user(PgConnection& connection, core::UserId user, const Param& now) {
  connection.exec(sql::kEnsureUser, {int_param(user.value()), now});
}

/// Every write to a user's rows goes through here, in the same transaction as the write, so
/// that a cache keyed on data_version never serves data older than the database.
void bump_data_version(PgConnection& connection, core::UserId user, const Param& now) {
  connection.exec(sql::kBumpDataVersion, {int_param(user.value()), now});
}

[[nodiscard]] Param now_param() { return timestamp_param(storage::detail::now_utc()); }

/// Reads row `row` of kListTransactions.
[[nodiscard]] core::Transaction read_transaction(const PgResult& result, int row) {
  const std::int64_t id = result.int64(row, 0);
  const std::string currency_code = result.text(row, 3);
  const auto currency = core::Currency::from_code(currency_code);
  if (!currency) {
    throw StorageError(core::ErrorCode::kInternal, "transaction " + std::to_string(id) +
                                                       " has an unknown currency \"" +
                                                       currency_code + "\"");
  }
  const std::string type_name = result.text(row, 4);
  const auto type = core::parse_transaction_type(type_name);
  if (!type) {
    throw StorageError(core::ErrorCode::kInternal, "transaction " + std::to_string(id) +
                                                       " has an unknown type \"" + type_name +
                                                       "\"");
  }
  const auto account = result.optional_int64(row, 8);
  return core::Transaction{
      .id = core::TransactionId(id),
      .date = result.date(row, 1),
      .amount = core::Money::from_minor(result.int64(row, 2), *currency),
      .type = *type,
      .category = result.text(row, 5),
      .description = result.text(row, 6),
      .note = result.text(row, 7),
      .account_id = account ? std::optional(core::AccountId(*account)) : std::nullopt,
      .external_id = result.optional_text(row, 9),
  };
}

/// Reads row `row` of kHealthScoresSince or kLatestHealthScore.
[[nodiscard]] HealthScoreRecord read_health_score(const PgResult& result, int row) {
  HealthScoreRecord record;
  record.id = result.int64(row, 0);
  record.user_id = core::UserId(result.int64(row, 1));
  record.score = result.real(row, 2);
  record.grade = result.text(row, 3);
  record.savings_rate_score = result.optional_real(row, 4).value_or(0.0);
  record.expense_consistency_score = result.optional_real(row, 5).value_or(0.0);
  record.emergency_fund_score = result.optional_real(row, 6).value_or(0.0);
  record.debt_ratio_score = result.optional_real(row, 7).value_or(0.0);
  record.goal_progress_score = result.optional_real(row, 8).value_or(0.0);
  record.recommendations_json = result.text(row, 9);
  record.calculated_at = result.timestamp(row, 10);
  return record;
}

/// NULL is PostgreSQL's "no limit".
[[nodiscard]] Param limit_param(std::size_t limit) {
  if (limit == 0) return std::nullopt;
  constexpr auto kMax = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  return int_param(static_cast<std::int64_t>(std::min(limit, kMax)));
}

}  // namespace

// Users.

Result<void> PostgresUserRepository::ensure(core::UserId id) {
  return store_.write("ensuring a user",
                      [id](PgConnection& connection) { ensure_user(connection, id, now_param()); });
}

Result<std::optional<User>> PostgresUserRepository::find(core::UserId id) {
  return store_.run("finding a user", [id](PgConnection& connection) -> std::optional<User> {
    const PgResult result = connection.exec(sql::kFindUser, {int_param(id.value())});
    if (result.rows() == 0) return std::nullopt;
    User user;
    user.id = core::UserId(result.int64(0, 0));
    user.name = result.text(0, 1);
    user.email = result.optional_text(0, 2).value_or("");
    user.data_version = result.int64(0, 3);
    user.created_at = result.timestamp(0, 4);
    return user;
  });
}

Result<bool> PostgresUserRepository::remove(core::UserId id) {
  // The schema's ON DELETE CASCADE removes the user's rows in every table.
  return store_.write("removing a user", [id](PgConnection& connection) {
    return connection.exec(sql::kDeleteUser, {int_param(id.value())}).affected_rows() > 0;
  });
}

// Transactions.

Result<std::vector<core::TransactionId>> PostgresTransactionRepository::insert(
    core::UserId user, std::span<const core::Transaction> rows) {
  return store_.write("inserting transactions", [user, rows](PgConnection& connection) {
    const Param now = now_param();
    ensure_user(connection, user, now);
    std::vector<core::TransactionId> ids;
    ids.reserve(rows.size());
    for (const core::Transaction& row : rows) {
      const PgResult inserted = connection.exec(
          sql::kInsertTransaction,
          {int_param(user.value()),
           optional_int_param(row.account_id ? std::optional(row.account_id->value())
                                             : std::nullopt),
           int_param(row.amount.minor_units()), text_param(row.amount.currency().code()),
           text_param(core::to_string(row.type)), date_param(row.date), text_param(row.category),
           text_param(row.description), text_param(row.note),
           optional_text_param(row.external_id), now});
      ids.emplace_back(inserted.int64(0, 0));
    }
    if (!rows.empty()) bump_data_version(connection, user, now);
    return ids;
  });
}

Result<std::vector<core::Transaction>> PostgresTransactionRepository::list(
    core::UserId user, const TransactionQuery& query) {
  return store_.run("listing transactions", [user, &query](PgConnection& connection) {
    // The cursor is an id; the keyset is (date, id), so look up the cursor's date first.
    // A row's date never changes, so reading it outside the listing's snapshot is safe.
    Param cursor_date;
    if (query.after) {
      const PgResult cursor = connection.exec(
          sql::kTransactionCursorDate, {int_param(query.after->value()), int_param(user.value())});
      if (cursor.rows() == 0) {
        throw StorageError(core::ErrorCode::kInvalidArgument,
                           "there is no transaction " + std::to_string(query.after->value()) +
                               " of user " + std::to_string(user.value()) + " to list after");
      }
      cursor_date = cursor.text(0, 0);
    }
    const PgResult result = connection.exec(
        sql::kListTransactions,
        {int_param(user.value()), optional_date_param(query.from), optional_date_param(query.to),
         cursor_date,
         optional_int_param(query.after ? std::optional(query.after->value()) : std::nullopt),
         limit_param(query.limit)});
    std::vector<core::Transaction> rows;
    rows.reserve(static_cast<std::size_t>(result.rows()));
    for (int row = 0; row < result.rows(); ++row) rows.push_back(read_transaction(result, row));
    return rows;
  });
}

Result<std::int64_t> PostgresTransactionRepository::count(core::UserId user) {
  return store_.run("counting transactions", [user](PgConnection& connection) {
    return connection.exec(sql::kCountTransactions, {int_param(user.value())}).int64(0, 0);
  });
}

// Health scores.

Result<std::int64_t> PostgresHealthScoreRepository::append(const HealthScoreRecord& record) {
  return store_.write("storing a health score", [&record](PgConnection& connection) {
    const Param now = now_param();
    ensure_user(connection, record.user_id, now);
    const PgResult inserted = connection.exec(
        sql::kInsertHealthScore,
        {int_param(record.user_id.value()), real_param(record.score),
         real_param(record.savings_rate_score), real_param(record.expense_consistency_score),
         real_param(record.emergency_fund_score), real_param(record.debt_ratio_score),
         real_param(record.goal_progress_score), text_param(record.grade),
         text_param(record.recommendations_json), timestamp_param(record.calculated_at)});
    const std::int64_t id = inserted.int64(0, 0);
    bump_data_version(connection, record.user_id, now);
    return id;
  });
}

Result<std::vector<HealthScoreRecord>> PostgresHealthScoreRepository::list_since(
    core::UserId user, core::Timestamp since) {
  return store_.run("listing health scores", [user, since](PgConnection& connection) {
    const PgResult result = connection.exec(sql::kHealthScoresSince,
                                            {int_param(user.value()), timestamp_param(since)});
    std::vector<HealthScoreRecord> records;
    records.reserve(static_cast<std::size_t>(result.rows()));
    for (int row = 0; row < result.rows(); ++row) {
      records.push_back(read_health_score(result, row));
    }
    return records;
  });
}

Result<std::optional<HealthScoreRecord>> PostgresHealthScoreRepository::latest(
    core::UserId user) {
  return store_.run("reading the latest health score",
                    [user](PgConnection& connection) -> std::optional<HealthScoreRecord> {
                      const PgResult result =
                          connection.exec(sql::kLatestHealthScore, {int_param(user.value())});
                      if (result.rows() == 0) return std::nullopt;
                      return read_health_score(result, 0);
                    });
}

Result<std::vector<double>> PostgresHealthScoreRepository::latest_scores_of_all_users() {
  return store_.run("reading every user's latest health score", [](PgConnection& connection) {
    const PgResult result = connection.exec(sql::kLatestScoresOfAllUsers);
    std::vector<double> scores;
    scores.reserve(static_cast<std::size_t>(result.rows()));
    for (int row = 0; row < result.rows(); ++row) scores.push_back(result.real(row, 0));
    return scores;
  });
}

// Model parameters.

Result<std::int64_t> PostgresModelParameterRepository::upsert(const ModelParameters& parameters) {
  return store_.write("storing model parameters", [&parameters](PgConnection& connection) {
    const Param now = now_param();
    ensure_user(connection, parameters.user_id, now);
    const PgResult upserted = connection.exec(
        sql::kUpsertModelParameters,
        {int_param(parameters.user_id.value()), text_param(parameters.model_type),
         text_param(parameters.target), optional_real_param(parameters.slope),
         optional_real_param(parameters.intercept), text_param(parameters.parameters_json),
         date_param(parameters.last_trained_date), timestamp_param(parameters.updated_at)});
    const std::int64_t id = upserted.int64(0, 0);
    bump_data_version(connection, parameters.user_id, now);
    return id;
  });
}

Result<std::optional<ModelParameters>> PostgresModelParameterRepository::find(
    core::UserId user, std::string_view model_type, std::string_view target) {
  return store_.run(
      "finding model parameters",
      [user, model_type, target](PgConnection& connection) -> std::optional<ModelParameters> {
        const PgResult result = connection.exec(
            sql::kFindModelParameters,
            {int_param(user.value()), text_param(model_type), text_param(target)});
        if (result.rows() == 0) return std::nullopt;
        ModelParameters parameters;
        parameters.user_id = core::UserId(result.int64(0, 0));
        parameters.model_type = result.text(0, 1);
        parameters.target = result.text(0, 2);
        parameters.slope = result.optional_real(0, 3);
        parameters.intercept = result.optional_real(0, 4);
        parameters.parameters_json = result.text(0, 5);
        parameters.last_trained_date = result.date(0, 6);
        parameters.updated_at = result.timestamp(0, 7);
        return parameters;
      });
}

}  // namespace finml::storage::postgres::detail
