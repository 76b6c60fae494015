#include <finml/storage/postgres/postgres_resources.hpp>

#include <string>
#include <variant>

#include <finml/storage/detail/resource_tables.hpp>
#include <finml/storage/postgres/sql.hpp>

namespace finml::storage::postgres::detail {
namespace {

namespace res = storage::detail::resources;
constexpr auto kDialect = res::Dialect::kPostgres;

class Reader final : public res::ColumnReader {
 public:
  Reader(const PgResult& result, int row) noexcept : result_(result), row_(row) {}
  [[nodiscard]] bool is_null(int column) const override { return result_.is_null(row_, column); }
  [[nodiscard]] std::int64_t int64(int column) const override { return result_.int64(row_, column); }
  [[nodiscard]] bool flag(int column) const override {
    const std::string text = result_.text(row_, column);
    return text == "t" || text == "true" || text == "1";
  }
  [[nodiscard]] std::string text(int column) const override { return result_.text(row_, column); }
  [[nodiscard]] core::Date date(int column) const override { return result_.date(row_, column); }
  [[nodiscard]] core::Timestamp timestamp(int column) const override { return result_.timestamp(row_, column); }

 private:
  const PgResult& result_;
  int row_;
};

Param to_param(const res::ColumnValue& value) {
  return std::visit(
      [](const auto& v) -> Param {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::monostate>) {
          return std::nullopt;
        } else if constexpr (std::is_same_v<V, std::int64_t>) {
          return int_param(v);
        } else if constexpr (std::is_same_v<V, bool>) {
          return text_param(v ? "true" : "false");
        } else if constexpr (std::is_same_v<V, std::string>) {
          return text_param(v);
        } else if constexpr (std::is_same_v<V, core::Date>) {
          return date_param(v);
        } else {
          return timestamp_param(v);
        }
      },
      value);
}

std::vector<Param> to_params(const std::vector<res::ColumnValue>& values) {
  std::vector<Param> params;
  params.reserve(values.size() + 3);
  for (const auto& value : values) params.push_back(to_param(value));
  return params;
}

/// select_one() with the row locked until the commit (SELECT ... FOR UPDATE): a concurrent
/// modify() or remove_if() of it waits, then reads what this one left.
constexpr bool kLockRow = true;

template <class Row>
std::optional<Row> select_one(PgConnection& connection, core::UserId user, std::int64_t id, bool lock = false) {
  const std::string sql = res::find_sql(res::Traits<Row>::table(), kDialect) + (lock ? " FOR UPDATE" : "");
  const PgResult result = connection.exec(sql, {int_param(id), int_param(user.value())});
  if (result.rows() == 0) return std::nullopt;
  return res::Traits<Row>::read(Reader(result, 0));
}

}  // namespace

template <class Row, class Id>
Result<Row> PostgresResourceRepository<Row, Id>::create(core::UserId user, const Row& row) {
  const auto& table = res::Traits<Row>::table();
  return store_.write("storing " + std::string(table.name), [&](PgConnection& connection) {
    const Param now = timestamp_param(storage::detail::now_utc());
    connection.exec(sql::kEnsureUser, {int_param(user.value()), now});
    std::vector<Param> params{int_param(user.value())};
    for (auto& value : to_params(res::Traits<Row>::values(row))) params.push_back(std::move(value));
    params.push_back(now);
    const PgResult inserted = connection.exec(res::insert_sql(table, kDialect), params);
    if (inserted.rows() != 1) throw storage::detail::StorageError(core::ErrorCode::kInternal, "no id returned");
    const std::int64_t id = inserted.int64(0, 0);
    connection.exec(sql::kBumpDataVersion, {int_param(user.value()), now});
    auto stored = select_one<Row>(connection, user, id);
    if (!stored) throw storage::detail::StorageError(core::ErrorCode::kInternal, "stored row not found");
    return std::move(*stored);
  });
}

template <class Row, class Id>
Result<std::optional<Row>> PostgresResourceRepository<Row, Id>::find(core::UserId user, Id id) {
  return store_.run("reading " + std::string(res::Traits<Row>::table().name),
                    [&](PgConnection& connection) { return select_one<Row>(connection, user, id.value()); });
}

template <class Row, class Id>
Result<std::vector<Row>> PostgresResourceRepository<Row, Id>::list(core::UserId user, const ResourceQuery& query) {
  const auto& table = res::Traits<Row>::table();
  return store_.run("listing " + std::string(table.name), [&](PgConnection& connection) {
    const res::Statement statement = res::list_statement(table, kDialect, user, query);
    const std::vector<Param> params = to_params(statement.params);
    const PgResult result = connection.exec(statement.sql, params);
    std::vector<Row> rows;
    rows.reserve(static_cast<std::size_t>(result.rows()));
    for (int i = 0; i < result.rows(); ++i) rows.push_back(res::Traits<Row>::read(Reader(result, i)));
    return rows;
  });
}

template <class Row, class Id>
Result<std::optional<Row>> PostgresResourceRepository<Row, Id>::modify(core::UserId user, Id id,
                                                                       core::FunctionRef<Result<void>(Row&)> change) {
  const auto& table = res::Traits<Row>::table();
  storage::detail::Refusal refusal;
  auto stored = store_.write("updating " + std::string(table.name), [&](PgConnection& connection) -> std::optional<Row> {
    refusal.reset();
    auto row = select_one<Row>(connection, user, id.value(), kLockRow);
    if (!row) return std::nullopt;
    if (auto changed = change(*row); !changed) refusal.refuse(std::move(changed.error()));
    const Param now = timestamp_param(storage::detail::now_utc());
    std::vector<Param> params = to_params(res::Traits<Row>::values(*row));
    params.push_back(now);
    params.push_back(int_param(id.value()));
    params.push_back(int_param(user.value()));
    connection.exec(res::update_sql(table, kDialect), params);
    connection.exec(sql::kBumpDataVersion, {int_param(user.value()), now});
    return select_one<Row>(connection, user, id.value());
  });
  return refusal.outcome(std::move(stored));
}

template <class Row, class Id>
Result<bool> PostgresResourceRepository<Row, Id>::remove_if(core::UserId user, Id id,
                                                            core::FunctionRef<Result<void>(const Row&)> allowed) {
  const auto& table = res::Traits<Row>::table();
  storage::detail::Refusal refusal;
  auto removed = store_.write("removing from " + std::string(table.name), [&](PgConnection& connection) {
    refusal.reset();
    const auto row = select_one<Row>(connection, user, id.value(), kLockRow);
    if (!row) return false;
    if (auto ok = allowed(*row); !ok) refusal.refuse(std::move(ok.error()));
    connection.exec(res::delete_sql(table, kDialect), {int_param(id.value()), int_param(user.value())});
    connection.exec(sql::kBumpDataVersion, {int_param(user.value()), timestamp_param(storage::detail::now_utc())});
    return true;
  });
  return refusal.outcome(std::move(removed));
}

template class PostgresResourceRepository<Account, core::AccountId>;
template class PostgresResourceRepository<Goal, core::GoalId>;
template class PostgresResourceRepository<Budget, core::BudgetId>;
template class PostgresResourceRepository<Bill, core::BillId>;
template class PostgresResourceRepository<UserCategory, core::CategoryId>;

}  // namespace finml::storage::postgres::detail
