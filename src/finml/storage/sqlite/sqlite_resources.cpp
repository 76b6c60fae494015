#include <finml/storage/sqlite/sqlite_resources.hpp>

#include <string>
#include <variant>

#include <finml/storage/detail/resource_tables.hpp>
#include <finml/storage/sqlite/sql.hpp>

namespace finml::storage::sqlite::detail {
namespace {

namespace res = storage::detail::resources;
constexpr auto kDialect = res::Dialect::kSqlite;

class Reader final : public res::ColumnReader {
 public:
  explicit Reader(SQLite::Statement& statement) noexcept : statement_(statement) {}
  [[nodiscard]] bool is_null(int column) const override { return statement_.getColumn(column).isNull(); }
  [[nodiscard]] std::int64_t int64(int column) const override { return statement_.getColumn(column).getInt64(); }
  [[nodiscard]] bool flag(int column) const override { return statement_.getColumn(column).getInt64() != 0; }
  [[nodiscard]] std::string text(int column) const override { return statement_.getColumn(column).getString(); }
  [[nodiscard]] core::Date date(int column) const override { return read_date(text(column)); }
  [[nodiscard]] core::Timestamp timestamp(int column) const override { return read_timestamp(text(column)); }

 private:
  SQLite::Statement& statement_;
};

void bind_value(SQLite::Statement& statement, int index, const res::ColumnValue& value) {
  std::visit(
      [&](const auto& v) {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::monostate>) {
          statement.bind(index);
        } else if constexpr (std::is_same_v<V, std::int64_t>) {
          statement.bind(index, v);
        } else if constexpr (std::is_same_v<V, bool>) {
          statement.bind(index, v ? 1 : 0);
        } else if constexpr (std::is_same_v<V, std::string>) {
          statement.bind(index, v);
        } else if constexpr (std::is_same_v<V, core::Date>) {
          statement.bind(index, v.to_string());
        } else {
          statement.bind(index, fixed_width_timestamp(v));
        }
      },
      value);
}

template <class Row>
std::optional<Row> select_one(SQLite::Database& connection, core::UserId user, std::int64_t id) {
  SQLite::Statement select = prepare(connection, res::find_sql(res::Traits<Row>::table(), kDialect));
  select.bind(1, id);
  select.bind(2, user.value());
  if (!select.executeStep()) return std::nullopt;
  return res::Traits<Row>::read(Reader(select));
}

void bump(SQLite::Database& connection, core::UserId user, const std::string& now) {
  SQLite::Statement statement = prepare(connection, sql::kBumpDataVersion);
  statement.bind(1, user.value());
  statement.bind(2, now);
  statement.exec();
}

}  // namespace

template <class Row, class Id>
Result<Row> SqliteResourceRepository<Row, Id>::create(core::UserId user, const Row& row) {
  const auto& table = res::Traits<Row>::table();
  return store_.write("storing " + std::string(table.name), [&](SQLite::Database& connection) {
    const core::Timestamp now_time = storage::detail::now_utc();
    const std::string now = fixed_width_timestamp(now_time);
    SQLite::Statement ensure = prepare(connection, sql::kEnsureUser);
    ensure.bind(1, user.value());
    ensure.bind(2, now);
    ensure.exec();
    SQLite::Statement insert = prepare(connection, res::insert_sql(table, kDialect));
    insert.bind(1, user.value());
    int index = 2;
    for (const auto& value : res::Traits<Row>::values(row)) bind_value(insert, index++, value);
    bind_value(insert, index, now_time);
    if (!insert.executeStep()) throw storage::detail::StorageError(core::ErrorCode::kInternal, "no id returned");
    const std::int64_t id = insert.getColumn(0).getInt64();
    insert.reset();
    bump(connection, user, now);
    auto stored = select_one<Row>(connection, user, id);
    if (!stored) throw storage::detail::StorageError(core::ErrorCode::kInternal, "stored row not found");
    return std::move(*stored);
  });
}

template <class Row, class Id>
Result<std::optional<Row>> SqliteResourceRepository<Row, Id>::find(core::UserId user, Id id) {
  return store_.run("reading " + std::string(res::Traits<Row>::table().name),
                    [&](SQLite::Database& connection) { return select_one<Row>(connection, user, id.value()); });
}

template <class Row, class Id>
Result<std::vector<Row>> SqliteResourceRepository<Row, Id>::list(core::UserId user, const ResourceQuery& query) {
  const auto& table = res::Traits<Row>::table();
  return store_.run("listing " + std::string(table.name), [&](SQLite::Database& connection) {
    const res::Statement statement = res::list_statement(table, kDialect, user, query);
    SQLite::Statement select = prepare(connection, statement.sql);
    for (std::size_t i = 0; i < statement.params.size(); ++i) bind_value(select, static_cast<int>(i + 1), statement.params[i]);
    std::vector<Row> rows;
    const Reader reader(select);
    while (select.executeStep()) rows.push_back(res::Traits<Row>::read(reader));
    return rows;
  });
}

template <class Row, class Id>
Result<std::optional<Row>> SqliteResourceRepository<Row, Id>::modify(core::UserId user, Id id,
                                                                     core::FunctionRef<Result<void>(Row&)> change) {
  const auto& table = res::Traits<Row>::table();
  // BEGIN IMMEDIATE takes the write lock before the read: nobody changes the row in between.
  storage::detail::Refusal refusal;
  auto stored = store_.write("updating " + std::string(table.name), [&](SQLite::Database& connection) -> std::optional<Row> {
    auto row = select_one<Row>(connection, user, id.value());
    if (!row) return std::nullopt;
    if (auto changed = change(*row); !changed) refusal.refuse(std::move(changed.error()));
    const core::Timestamp now_time = storage::detail::now_utc();
    SQLite::Statement statement = prepare(connection, res::update_sql(table, kDialect));
    int index = 1;
    for (const auto& value : res::Traits<Row>::values(*row)) bind_value(statement, index++, value);
    bind_value(statement, index, now_time);
    statement.bind(index + 1, id.value());
    statement.bind(index + 2, user.value());
    statement.exec();
    bump(connection, user, fixed_width_timestamp(now_time));
    return select_one<Row>(connection, user, id.value());
  });
  return refusal.outcome(std::move(stored));
}

template <class Row, class Id>
Result<bool> SqliteResourceRepository<Row, Id>::remove_if(core::UserId user, Id id,
                                                          core::FunctionRef<Result<void>(const Row&)> allowed) {
  const auto& table = res::Traits<Row>::table();
  storage::detail::Refusal refusal;
  auto removed = store_.write("removing from " + std::string(table.name), [&](SQLite::Database& connection) {
    const auto row = select_one<Row>(connection, user, id.value());  // under the write lock
    if (!row) return false;
    if (auto ok = allowed(*row); !ok) refusal.refuse(std::move(ok.error()));
    SQLite::Statement statement = prepare(connection, res::delete_sql(table, kDialect));
    statement.bind(1, id.value());
    statement.bind(2, user.value());
    statement.exec();
    bump(connection, user, fixed_width_timestamp(storage::detail::now_utc()));
    return true;
  });
  return refusal.outcome(std::move(removed));
}

template class SqliteResourceRepository<Account, core::AccountId>;
template class SqliteResourceRepository<Goal, core::GoalId>;
template class SqliteResourceRepository<Budget, core::BudgetId>;
template class SqliteResourceRepository<Bill, core::BillId>;
template class SqliteResourceRepository<UserCategory, core::CategoryId>;

}  // namespace finml::storage::sqlite::detail
