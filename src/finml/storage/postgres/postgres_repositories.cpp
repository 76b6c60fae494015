#include <finml/storage/postgres/postgres_repositories.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include <finml/storage/postgres/sql.hpp>

namespace finml::storage::postgres::detail {
namespace {

using storage::detail::Refusal;
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

/// Reads row `row` of kFindApiKey or kListApiKeys.
[[nodiscard]] ApiKeyRecord read_api_key(const PgResult& result, int row) {
  const auto user = result.optional_int64(row, 1);
  return ApiKeyRecord{
      .id = result.text(row, 0),
      .user_id = user ? std::optional(core::UserId(*user)) : std::nullopt,
      .name = result.text(row, 2),
      .secret_hash = result.text(row, 3),
      .created_at = result.timestamp(row, 4),
      .revoked_at = result.is_null(row, 5) ? std::nullopt : std::optional(result.timestamp(row, 5)),
  };
}

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

/// Reads row `row` of kFindModelParameters or kListModelParameters.
[[nodiscard]] ModelParameters read_model_parameters(const PgResult& result, int row) {
  ModelParameters parameters;
  parameters.id = result.int64(row, 0);
  parameters.user_id = core::UserId(result.int64(row, 1));
  parameters.model_type = result.text(row, 2);
  parameters.target = result.text(row, 3);
  parameters.slope = result.optional_real(row, 4);
  parameters.intercept = result.optional_real(row, 5);
  parameters.parameters_json = result.text(row, 6);
  parameters.last_trained_date = result.date(row, 7);
  parameters.updated_at = result.timestamp(row, 8);
  return parameters;
}

/// Rows per batched INSERT: 9 parameters a row stay far below PostgreSQL's limit of 65,535
/// parameters a statement, and 100,000 rows take 100 round trips instead of 100,000.
constexpr std::size_t kRowsPerStatement = 1'000;

// kSkip (insert_new): a row whose external_id is stored already, or came earlier in the call,
// is not written and keeps the id 0.
enum class OnExternalId { kFail, kReplace, kSkip };

/// The batched INSERT of `rows` rows (see sql::kBatchInsertTransactionsHead).
[[nodiscard]] std::string batch_statement(std::size_t rows, OnExternalId on_external_id) {
  std::string statement(sql::kBatchInsertTransactionsHead);
  statement.reserve(statement.size() + rows * 64 + 512);
  int next = 3;  // $1 is the user, $2 now
  for (std::size_t row = 0; row < rows; ++row) {
    statement += row == 0 ? "($1, $2, $2" : ",\n($1, $2, $2";
    for (int column = 0; column < sql::kBatchTransactionColumns; ++column) {
      statement += ", $";
      statement += std::to_string(next++);
    }
    statement += ')';
  }
  if (on_external_id == OnExternalId::kReplace) statement += sql::kBatchUpsertTransactionsConflict;
  if (on_external_id == OnExternalId::kSkip) statement += sql::kBatchInsertNewTransactionsConflict;
  statement += sql::kBatchTransactionsReturning;
  return statement;
}

void append_transaction_params(std::vector<Param>& params, const core::Transaction& row) {
  params.push_back(
      optional_int_param(row.account_id ? std::optional(row.account_id->value()) : std::nullopt));
  params.push_back(int_param(row.amount.minor_units()));
  params.push_back(text_param(row.amount.currency().code()));
  params.push_back(text_param(core::to_string(row.type)));
  params.push_back(date_param(row.date));
  params.push_back(text_param(row.category));
  params.push_back(text_param(row.description));
  params.push_back(text_param(row.note));
  params.push_back(optional_text_param(row.external_id));
}

/// Writes `rows` of `user` with one statement per kRowsPerStatement rows, inside the caller's
/// transaction, and returns their ids in input order.
///
/// PostgreSQL refuses an ON CONFLICT DO UPDATE that would touch one row twice in a statement,
/// so when replacing, rows sharing an external_id are collapsed first: only the last of them
/// is written (it would have replaced the others anyway) and they all get its id.
[[nodiscard]] std::vector<core::TransactionId> write_transactions(
    PgConnection& connection, core::UserId user, std::span<const core::Transaction> rows,
    OnExternalId on_external_id, const Param& now) {
  std::vector<std::size_t> written;  // indices into rows, ascending
  written.reserve(rows.size());
  std::unordered_map<std::string_view, std::size_t> last_with_external_id;
  if (on_external_id == OnExternalId::kReplace) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].external_id) last_with_external_id[*rows[i].external_id] = i;
    }
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& external_id = rows[i].external_id;
    if (on_external_id == OnExternalId::kReplace && external_id &&
        last_with_external_id.at(*external_id) != i) {
      continue;
    }
    if (on_external_id == OnExternalId::kSkip && external_id &&
        !last_with_external_id.emplace(*external_id, i).second) {
      continue;
    }
    written.push_back(i);
  }

  std::vector<core::TransactionId> ids(rows.size());
  std::string statement;  // rebuilt only when the batch size changes: at most twice
  std::size_t statement_rows = 0;
  std::vector<Param> params;
  for (std::size_t start = 0; start < written.size(); start += kRowsPerStatement) {
    const std::size_t count = std::min(kRowsPerStatement, written.size() - start);
    if (count != statement_rows) {
      statement = batch_statement(count, on_external_id);
      statement_rows = count;
    }
    params.clear();
    params.reserve(2 + count * static_cast<std::size_t>(sql::kBatchTransactionColumns));
    params.push_back(int_param(user.value()));
    params.push_back(now);
    for (std::size_t k = 0; k < count; ++k) {
      append_transaction_params(params, rows[written[start + k]]);
    }
    const PgResult result = connection.exec(statement, std::span<const Param>(params));
    // RETURNING lists the rows of a VALUES list in its order; the external ids check it.
    if (on_external_id == OnExternalId::kSkip) {
      // Only the rows written come back: walk both lists, the inputs missing were skipped.
      int row = 0;
      for (std::size_t k = 0; k < count; ++k) {
        const core::Transaction& input = rows[written[start + k]];
        if (row < result.rows() && result.optional_text(row, 1) == input.external_id) {
          ids[written[start + k]] = core::TransactionId(result.int64(row, 0));
          ++row;
        } else if (!input.external_id) {
          throw StorageError(core::ErrorCode::kInternal,
                             "the batched insert returned its ids out of input order");
        }
      }
      if (row != result.rows()) {
        throw StorageError(core::ErrorCode::kInternal, "the batched insert returned ids for rows not sent");
      }
      continue;
    }
    if (static_cast<std::size_t>(result.rows()) != count) {
      throw StorageError(core::ErrorCode::kInternal,
                         "the batched insert returned " + std::to_string(result.rows()) +
                             " ids for " + std::to_string(count) + " rows");
    }
    for (std::size_t k = 0; k < count; ++k) {
      const int row = static_cast<int>(k);
      const core::Transaction& input = rows[written[start + k]];
      if (result.optional_text(row, 1) != input.external_id) {
        throw StorageError(core::ErrorCode::kInternal,
                           "the batched insert returned its ids out of input order");
      }
      ids[written[start + k]] = core::TransactionId(result.int64(row, 0));
    }
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (on_external_id == OnExternalId::kReplace && rows[i].external_id) {
      ids[i] = ids[last_with_external_id.at(*rows[i].external_id)];
    }
  }
  return ids;
}

/// NULL is PostgreSQL's "no limit".
[[nodiscard]] Param limit_param(std::size_t limit) {
  if (limit == 0) return std::nullopt;
  constexpr auto kMax = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  return int_param(static_cast<std::int64_t>(std::min(limit, kMax)));
}

/// Writes `row` over the user's stored row `row.id` (kUpdateTransaction). The caller grows
/// data_version.
void store_update(PgConnection& connection, core::UserId user, const core::Transaction& row, const Param& now) {
  connection.exec(sql::kUpdateTransaction,
                  {int_param(user.value()), int_param(row.id.value()),
                   optional_int_param(row.account_id ? std::optional(row.account_id->value()) : std::nullopt),
                   int_param(row.amount.minor_units()), text_param(row.amount.currency().code()),
                   text_param(core::to_string(row.type)), date_param(row.date), text_param(row.category),
                   text_param(row.description), text_param(row.note), now});
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
    std::vector<core::TransactionId> ids =
        write_transactions(connection, user, rows, OnExternalId::kFail, now);
    if (!rows.empty()) bump_data_version(connection, user, now);
    return ids;
  });
}

Result<std::vector<core::TransactionId>> PostgresTransactionRepository::upsert(
    core::UserId user, std::span<const core::Transaction> rows) {
  return store_.write("upserting transactions", [user, rows](PgConnection& connection) {
    const Param now = now_param();
    ensure_user(connection, user, now);
    std::vector<core::TransactionId> ids =
        write_transactions(connection, user, rows, OnExternalId::kReplace, now);
    if (!rows.empty()) bump_data_version(connection, user, now);
    return ids;
  });
}

namespace {

/// From this many rows on, insert_new() sends them by COPY (issue 7, helper C).
constexpr std::size_t kCopyFromRows = 1'000;

/// Appends `text` to a COPY text-format line: backslash, tab, line feed and carriage return escaped.
void append_copy_text(std::string& line, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '\\': line += "\\\\"; break;
      case '\t': line += "\\t"; break;
      case '\n': line += "\\n"; break;
      case '\r': line += "\\r"; break;
      default: line += c;
    }
  }
}

void append_copy_integer(std::string& line, std::int64_t value) {
  std::array<char, 24> digits{};
  const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
  line.append(digits.data(), static_cast<std::size_t>(end - digits.data()));
}

/// insert_new() of many rows: the rows sent by COPY to a temporary table, then one INSERT ...
/// SELECT ... ON CONFLICT DO NOTHING in input order. Returns each row's id, 0 for a row
/// skipped, in input order.
[[nodiscard]] std::vector<core::TransactionId> copy_new_transactions(PgConnection& connection, core::UserId user,
                                                                     std::span<const core::Transaction> rows,
                                                                     const Param& now) {
  connection.exec(sql::kCreateImportRows);
  connection.copy_in(sql::kCopyImportRows, [&](core::FunctionRef<void(std::string_view)> send) {
    constexpr std::size_t kChunk = 1U << 20U;
    std::string buffer;
    buffer.reserve(kChunk + 4096);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const core::Transaction& row = rows[i];
      append_copy_integer(buffer, static_cast<std::int64_t>(i));
      buffer += '\t';
      if (row.account_id) {
        append_copy_integer(buffer, row.account_id->value());
      } else {
        buffer += "\\N";
      }
      buffer += '\t';
      append_copy_integer(buffer, row.amount.minor_units());
      buffer += '\t';
      append_copy_text(buffer, row.amount.currency().code());
      buffer += '\t';
      buffer += core::to_string(row.type);
      buffer += '\t';
      buffer += row.date.to_string();
      buffer += '\t';
      append_copy_text(buffer, row.category);
      buffer += '\t';
      append_copy_text(buffer, row.description);
      buffer += '\t';
      append_copy_text(buffer, row.note);
      buffer += '\t';
      if (row.external_id) {
        append_copy_text(buffer, *row.external_id);
      } else {
        buffer += "\\N";
      }
      buffer += '\n';
      if (buffer.size() >= kChunk) {
        send(buffer);
        buffer.clear();
      }
    }
    send(buffer);
  });
  const PgResult inserted = connection.exec(sql::kInsertImportRows, {int_param(user.value()), now});
  // The identity grows in the order the rows were inserted, which is input order: sorted by
  // id, the rows written are the input rows in order minus those skipped. A skipped row's
  // external_id is taken, so it never equals the next written row's: match them in one pass.
  struct Written {
    std::int64_t id;
    int row;
  };
  std::vector<Written> written;
  written.reserve(static_cast<std::size_t>(inserted.rows()));
  for (int r = 0; r < inserted.rows(); ++r) written.push_back({inserted.int64(r, 0), r});
  std::sort(written.begin(), written.end(), [](const Written& a, const Written& b) { return a.id < b.id; });
  const PGresult* raw = inserted.raw();
  std::vector<core::TransactionId> result;
  result.reserve(rows.size());
  std::size_t next = 0;
  for (const core::Transaction& row : rows) {
    bool stored = false;
    if (next < written.size()) {
      const int r = written[next].row;
      const bool null = PQgetisnull(raw, r, 1) != 0;
      stored = row.external_id ? !null && std::string_view(PQgetvalue(raw, r, 1),
                                                           static_cast<std::size_t>(PQgetlength(raw, r, 1))) ==
                                                  *row.external_id
                               : null;
    }
    result.emplace_back(stored ? written[next++].id : 0);
  }
  if (next != written.size()) {
    throw StorageError(core::ErrorCode::kInternal, "the rows written do not follow the rows sent");
  }
  return result;
}

}  // namespace

Result<std::vector<std::optional<core::TransactionId>>> PostgresTransactionRepository::insert_new(
    core::UserId user, std::span<const core::Transaction> rows) {
  return store_.write("inserting new transactions", [user, rows](PgConnection& connection) {
    const Param now = now_param();
    ensure_user(connection, user, now);
    const std::vector<core::TransactionId> written =
        rows.size() >= kCopyFromRows ? copy_new_transactions(connection, user, rows, now)
                                     : write_transactions(connection, user, rows, OnExternalId::kSkip, now);
    std::vector<std::optional<core::TransactionId>> ids;
    ids.reserve(written.size());
    bool any = false;
    for (const core::TransactionId id : written) {
      ids.push_back(id.value() != 0 ? std::optional(id) : std::nullopt);
      any = any || id.value() != 0;
    }
    if (any) bump_data_version(connection, user, now);
    return ids;
  });
}

Result<std::vector<core::Transaction>> PostgresTransactionRepository::list(
    core::UserId user, const TransactionQuery& query) {
  return store_.run("listing transactions", [user, &query](PgConnection& connection) {
    // The cursor is an id; the keyset is (date, id), so look up the cursor's date first.
    // A row's date never changes, so reading it outside the listing's snapshot is safe.
    Param cursor_date = optional_date_param(query.after_date);
    if (query.after && !cursor_date) {
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
         limit_param(query.limit),
         query.type ? text_param(core::to_string(*query.type)) : Param{},
         optional_text_param(query.category),
         optional_int_param(query.account_id ? std::optional(query.account_id->value())
                                             : std::nullopt),
         optional_int_param(query.min_amount_minor), optional_int_param(query.max_amount_minor),
         optional_text_param(query.text)});
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

// The transactions resource (issue 7, helper T).

Result<std::optional<core::Transaction>> PostgresTransactionRepository::find(
    core::UserId user, core::TransactionId id) {
  return store_.run("finding a transaction",
                    [user, id](PgConnection& connection) -> std::optional<core::Transaction> {
                      const PgResult result = connection.exec(
                          sql::kFindTransaction, {int_param(user.value()), int_param(id.value())});
                      if (result.rows() == 0) return std::nullopt;
                      return read_transaction(result, 0);
                    });
}

Result<std::optional<core::Transaction>> PostgresTransactionRepository::modify(
    core::UserId user, core::TransactionId id, core::FunctionRef<Result<void>(core::Transaction&)> change) {
  // SELECT ... FOR UPDATE locks the row until the commit: a concurrent modify() waits and
  // then reads this one's result.
  Refusal refusal;
  auto stored = store_.write("changing a transaction", [user, id, change, &refusal](PgConnection& connection)
                                                           -> std::optional<core::Transaction> {
    refusal.reset();
    const PgResult result =
        connection.exec(sql::kFindTransactionForUpdate, {int_param(user.value()), int_param(id.value())});
    if (result.rows() == 0) return std::nullopt;
    core::Transaction row = read_transaction(result, 0);
    if (auto changed = change(row); !changed) refusal.refuse(std::move(changed.error()));
    row.id = id;
    const Param now = now_param();
    store_update(connection, user, row, now);
    bump_data_version(connection, user, now);
    return row;
  });
  return refusal.outcome(std::move(stored));
}

Result<bool> PostgresTransactionRepository::remove_if(
    core::UserId user, core::TransactionId id, core::FunctionRef<Result<void>(const core::Transaction&)> allowed) {
  Refusal refusal;
  auto removed = store_.write("removing a transaction", [user, id, allowed, &refusal](PgConnection& connection) {
    refusal.reset();
    const PgResult result =
        connection.exec(sql::kFindTransactionForUpdate, {int_param(user.value()), int_param(id.value())});
    if (result.rows() == 0) return false;
    if (auto ok = allowed(read_transaction(result, 0)); !ok) refusal.refuse(std::move(ok.error()));
    connection.exec(sql::kDeleteTransaction, {int_param(user.value()), int_param(id.value())});
    bump_data_version(connection, user, now_param());
    return true;
  });
  return refusal.outcome(std::move(removed));
}

// Idempotency-Key (issue 7, helper T).

Result<std::optional<IdempotencyRecord>> PostgresIdempotencyRepository::claim(
    const IdempotencyRecord& pending, core::Timestamp not_before, core::Timestamp abandoned_before) {
  return store_.write("claiming an idempotency key", [&pending, not_before, abandoned_before](
                                                         PgConnection& connection)
                                                         -> std::optional<IdempotencyRecord> {
    ensure_user(connection, pending.user_id, now_param());
    const Param user = int_param(pending.user_id.value());
    const Param key = text_param(pending.key);
    connection.exec(sql::kDeleteExpiredIdempotencyKey,
                    {user, key, timestamp_param(not_before), timestamp_param(abandoned_before)});
    const PgResult inserted =
        connection.exec(sql::kClaimIdempotencyKey, {user, key, text_param(pending.request_digest),
                                                    timestamp_param(pending.created_at)});
    if (inserted.affected_rows() > 0) return std::nullopt;
    const PgResult held = connection.exec(sql::kFindIdempotencyKey, {user, key});
    if (held.rows() == 0) {
      throw StorageError(core::ErrorCode::kInternal, "the idempotency key vanished");
    }
    return IdempotencyRecord{
        .user_id = pending.user_id,
        .key = pending.key,
        .request_digest = held.text(0, 0),
        .status = static_cast<int>(held.int64(0, 1)),
        .location = held.text(0, 2),
        .response_body = held.text(0, 3),
        .created_at = held.timestamp(0, 4),
    };
  });
}

Result<void> PostgresIdempotencyRepository::complete(const IdempotencyRecord& answered) {
  return store_.write("storing an idempotent answer", [&answered](PgConnection& connection) {
    connection.exec(sql::kCompleteIdempotencyKey,
                    {int_param(answered.user_id.value()), text_param(answered.key),
                     int_param(answered.status), text_param(answered.location),
                     text_param(answered.response_body)});
  });
}

Result<void> PostgresIdempotencyRepository::release(core::UserId user, std::string_view key) {
  return store_.write("releasing an idempotency key", [user, key](PgConnection& connection) {
    connection.exec(sql::kReleaseIdempotencyKey, {int_param(user.value()), text_param(key)});
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
        return read_model_parameters(result, 0);
      });
}

Result<std::vector<ModelParameters>> PostgresModelParameterRepository::list(core::UserId user) {
  return store_.run("listing model parameters", [user](PgConnection& connection) {
    const PgResult result = connection.exec(sql::kListModelParameters, {int_param(user.value())});
    std::vector<ModelParameters> models;
    models.reserve(static_cast<std::size_t>(result.rows()));
    for (int row = 0; row < result.rows(); ++row) {
      models.push_back(read_model_parameters(result, row));
    }
    return models;
  });
}

// Latest insights.

Result<void> PostgresInsightsRepository::save_latest(const InsightsSnapshot& snapshot) {
  return store_.write("storing the latest insights", [&snapshot](PgConnection& connection) {
    const Param now = now_param();
    ensure_user(connection, snapshot.user_id, now);
    connection.exec(sql::kSaveLatestInsights, {int_param(snapshot.user_id.value()),
                                               text_param(snapshot.insights_json),
                                               timestamp_param(snapshot.computed_at)});
    bump_data_version(connection, snapshot.user_id, now);
  });
}

Result<std::optional<InsightsSnapshot>> PostgresInsightsRepository::latest(core::UserId user) {
  return store_.run("reading the latest insights",
                    [user](PgConnection& connection) -> std::optional<InsightsSnapshot> {
                      const PgResult result =
                          connection.exec(sql::kLatestInsights, {int_param(user.value())});
                      if (result.rows() == 0) return std::nullopt;
                      return InsightsSnapshot{
                          .user_id = core::UserId(result.int64(0, 0)),
                          .insights_json = result.text(0, 1),
                          .computed_at = result.timestamp(0, 2),
                      };
                    });
}

// API keys.

Result<void> PostgresApiKeyRepository::create(const ApiKeyRecord& key) {
  return store_.write("storing an API key", [&key](PgConnection& connection) {
    connection.exec(sql::kInsertApiKey,
                    {text_param(key.id),
                     optional_int_param(key.user_id ? std::optional(key.user_id->value()) : std::nullopt),
                     text_param(key.name), text_param(key.secret_hash), timestamp_param(key.created_at),
                     key.revoked_at ? timestamp_param(*key.revoked_at) : Param{}});
  });
}

Result<std::optional<ApiKeyRecord>> PostgresApiKeyRepository::find(std::string_view id) {
  return store_.run("finding an API key", [id](PgConnection& connection) -> std::optional<ApiKeyRecord> {
    const PgResult result = connection.exec(sql::kFindApiKey, {text_param(id)});
    if (result.rows() == 0) return std::nullopt;
    return read_api_key(result, 0);
  });
}

Result<std::vector<ApiKeyRecord>> PostgresApiKeyRepository::list() {
  return store_.run("listing API keys", [](PgConnection& connection) {
    const PgResult result = connection.exec(sql::kListApiKeys);
    std::vector<ApiKeyRecord> keys;
    keys.reserve(static_cast<std::size_t>(result.rows()));
    for (int row = 0; row < result.rows(); ++row) keys.push_back(read_api_key(result, row));
    return keys;
  });
}

Result<bool> PostgresApiKeyRepository::revoke(std::string_view id, core::Timestamp at) {
  return store_.write("revoking an API key", [id, at](PgConnection& connection) {
    return connection.exec(sql::kRevokeApiKey, {text_param(id), timestamp_param(at)}).affected_rows() > 0;
  });
}

}  // namespace finml::storage::postgres::detail
