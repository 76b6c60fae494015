#pragma once
/// @file finml/storage/detail/resource_tables.hpp
/// What both adapters share for the ResourceRepository port (issue 7, helper A): one table
/// description per resource (accounts, financial_goals, budgets, bills, categories), how a row
/// becomes column values and back, and the SQL of create, find, update, remove and list in
/// either dialect. Each adapter only binds values and reads columns (sqlite_resources.cpp,
/// postgres_resources.cpp), so the five resources are one generic implementation per adapter.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <finml/core/date.hpp>
#include <finml/core/money.hpp>
#include <finml/core/timestamp.hpp>
#include <finml/storage/database.hpp>
#include <finml/storage/detail/storage_error.hpp>

namespace finml::storage::detail::resources {

/// A value to bind: NULL, an integer, a boolean, text, a date or an instant.
using ColumnValue = std::variant<std::monostate, std::int64_t, bool, std::string, core::Date, core::Timestamp>;

/// Reads column `i` of the current row; the adapter converts from its own storage form.
class ColumnReader {
 public:
  virtual ~ColumnReader() = default;
  [[nodiscard]] virtual bool is_null(int column) const = 0;
  [[nodiscard]] virtual std::int64_t int64(int column) const = 0;
  [[nodiscard]] virtual bool flag(int column) const = 0;
  [[nodiscard]] virtual std::string text(int column) const = 0;
  [[nodiscard]] virtual core::Date date(int column) const = 0;
  [[nodiscard]] virtual core::Timestamp timestamp(int column) const = 0;

  [[nodiscard]] std::optional<std::string> optional_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
  }
  [[nodiscard]] std::optional<std::int64_t> optional_int64(int column) const {
    if (is_null(column)) return std::nullopt;
    return int64(column);
  }
  [[nodiscard]] std::optional<core::Date> optional_date(int column) const {
    if (is_null(column)) return std::nullopt;
    return date(column);
  }
};

/// One resource table: its data columns (after id and user_id; created_at and updated_at
/// follow them) and the column each ResourceQuery filter applies to ("" when none).
struct Table {
  std::string_view name;
  std::vector<std::string_view> columns;
  std::string_view text_column;      ///< q: contains, ASCII case-insensitive
  std::string_view status_column;    ///< status: equal
  std::string_view kind_column;      ///< kind: equal
  std::string_view category_column;  ///< category: equal, ASCII case-insensitive
  std::string_view from_column;      ///< from: column >= from
  std::string_view to_column;        ///< to: column <= to
  std::string_view amount_column;    ///< min_amount, max_amount: inclusive
};

enum class Dialect { kSqlite, kPostgres };

/// The SQL text of bound parameter `index` (1-based): "?3" in SQLite, "$3" in PostgreSQL.
[[nodiscard]] inline std::string parameter_marker(Dialect dialect, int index) {
  return (dialect == Dialect::kSqlite ? "?" : "$") + std::to_string(index);
}

[[nodiscard]] inline core::Currency read_currency(const ColumnReader& reader, int column) {
  const std::string code = reader.text(column);
  const auto currency = core::Currency::from_code(code);
  if (!currency) throw StorageError(core::ErrorCode::kInternal, "stored currency '" + code + "' is unknown");
  return *currency;
}

[[nodiscard]] inline ColumnValue optional_value(const std::optional<std::string>& value) {
  if (!value) return std::monostate{};
  return *value;
}

template <class Row>
struct Traits;

template <>
struct Traits<Account> {
  using Id = core::AccountId;
  static const Table& table() {
    static const Table kTable{.name = "accounts",
                              .columns = {"name", "account_type", "currency", "balance_minor"},
                              .text_column = "name",
                              .status_column = "",
                              .kind_column = "account_type",
                              .category_column = "",
                              .from_column = "",
                              .to_column = "",
                              .amount_column = "balance_minor"};
    return kTable;
  }
  static std::vector<ColumnValue> values(const Account& row) {
    return {row.name, row.account_type, std::string(row.balance.currency().code()), row.balance.minor_units()};
  }
  static Account read(const ColumnReader& r) {
    return Account{.id = core::AccountId(r.int64(0)),
                   .name = r.text(1),
                   .account_type = r.text(2),
                   .balance = core::Money::from_minor(r.int64(4), read_currency(r, 3)),
                   .created_at = r.timestamp(5),
                   .updated_at = r.timestamp(6)};
  }
};

template <>
struct Traits<Goal> {
  using Id = core::GoalId;
  static const Table& table() {
    static const Table kTable{.name = "financial_goals",
                              .columns = {"goal_name", "target_amount_minor", "current_amount_minor", "currency",
                                          "target_date", "monthly_contribution_minor", "status"},
                              .text_column = "goal_name",
                              .status_column = "status",
                              .kind_column = "",
                              .category_column = "",
                              .from_column = "target_date",
                              .to_column = "target_date",
                              .amount_column = "target_amount_minor"};
    return kTable;
  }
  static std::vector<ColumnValue> values(const Goal& row) {
    ColumnValue date = std::monostate{};
    if (row.target_date) date = *row.target_date;
    ColumnValue monthly = std::monostate{};
    if (row.monthly_contribution) monthly = row.monthly_contribution->minor_units();
    return {row.name, row.target.minor_units(), row.current.minor_units(),
            std::string(row.target.currency().code()), date, monthly, row.status};
  }
  static Goal read(const ColumnReader& r) {
    const core::Currency currency = read_currency(r, 4);
    std::optional<core::Money> monthly;
    if (const auto minor = r.optional_int64(6)) monthly = core::Money::from_minor(*minor, currency);
    return Goal{.id = core::GoalId(r.int64(0)),
                .name = r.text(1),
                .target = core::Money::from_minor(r.int64(2), currency),
                .current = core::Money::from_minor(r.int64(3), currency),
                .target_date = r.optional_date(5),
                .monthly_contribution = monthly,
                .status = r.text(7),
                .created_at = r.timestamp(8),
                .updated_at = r.timestamp(9)};
  }
};

template <>
struct Traits<Budget> {
  using Id = core::BudgetId;
  static const Table& table() {
    static const Table kTable{.name = "budgets",
                              .columns = {"category", "amount_minor", "currency", "start_date", "end_date", "status"},
                              .text_column = "category",
                              .status_column = "status",
                              .kind_column = "",
                              .category_column = "category",
                              .from_column = "end_date",
                              .to_column = "start_date",
                              .amount_column = "amount_minor"};
    return kTable;
  }
  static std::vector<ColumnValue> values(const Budget& row) {
    return {optional_value(row.category), row.amount.minor_units(), std::string(row.amount.currency().code()),
            row.start_date, row.end_date, row.status};
  }
  static Budget read(const ColumnReader& r) {
    return Budget{.id = core::BudgetId(r.int64(0)),
                  .category = r.optional_text(1),
                  .amount = core::Money::from_minor(r.int64(2), read_currency(r, 3)),
                  .start_date = r.date(4),
                  .end_date = r.date(5),
                  .status = r.text(6),
                  .created_at = r.timestamp(7),
                  .updated_at = r.timestamp(8)};
  }
};

template <>
struct Traits<Bill> {
  using Id = core::BillId;
  static const Table& table() {
    static const Table kTable{.name = "bills",
                              .columns = {"bill_name", "due_date", "amount_minor", "currency", "status", "is_recurring",
                                          "recurrence_frequency", "reminder_days_before"},
                              .text_column = "bill_name",
                              .status_column = "status",
                              .kind_column = "",
                              .category_column = "",
                              .from_column = "due_date",
                              .to_column = "due_date",
                              .amount_column = "amount_minor"};
    return kTable;
  }
  static std::vector<ColumnValue> values(const Bill& row) {
    ColumnValue reminder = std::monostate{};
    if (row.reminder_days_before) reminder = static_cast<std::int64_t>(*row.reminder_days_before);
    return {row.name, row.due_date, row.amount.minor_units(), std::string(row.amount.currency().code()),
            row.status, row.recurring, optional_value(row.recurrence_frequency), reminder};
  }
  static Bill read(const ColumnReader& r) {
    std::optional<int> reminder;
    if (const auto days = r.optional_int64(8)) reminder = static_cast<int>(*days);
    return Bill{.id = core::BillId(r.int64(0)),
                .name = r.text(1),
                .due_date = r.date(2),
                .amount = core::Money::from_minor(r.int64(3), read_currency(r, 4)),
                .status = r.text(5),
                .recurring = r.flag(6),
                .recurrence_frequency = r.optional_text(7),
                .reminder_days_before = reminder,
                .created_at = r.timestamp(9),
                .updated_at = r.timestamp(10)};
  }
};

template <>
struct Traits<UserCategory> {
  using Id = core::CategoryId;
  static const Table& table() {
    static const Table kTable{.name = "categories",
                              .columns = {"name", "type", "bucket", "detailed"},
                              .text_column = "name",
                              .status_column = "",
                              .kind_column = "type",
                              .category_column = "",
                              .from_column = "",
                              .to_column = "",
                              .amount_column = ""};
    return kTable;
  }
  static std::vector<ColumnValue> values(const UserCategory& row) {
    return {row.name, row.type, optional_value(row.bucket), optional_value(row.detailed)};
  }
  static UserCategory read(const ColumnReader& r) {
    return UserCategory{.id = core::CategoryId(r.int64(0)),
                        .name = r.text(1),
                        .type = r.text(2),
                        .bucket = r.optional_text(3),
                        .detailed = r.optional_text(4),
                        .created_at = r.timestamp(5),
                        .updated_at = r.timestamp(6)};
  }
};

/// "id, c1, ..., cn, created_at, updated_at": the columns Traits::read expects, in order.
[[nodiscard]] inline std::string select_list(const Table& table) {
  std::string out = "id";
  for (const auto column : table.columns) (out += ", ") += column;
  out += ", created_at, updated_at";
  return out;
}

/// Parameters: 1 user, 2..n+1 the values, n+2 now. Returns the new id.
[[nodiscard]] inline std::string insert_sql(const Table& table, Dialect dialect) {
  std::string columns = "user_id";
  std::string values = parameter_marker(dialect, 1);
  int index = 2;
  for (const auto column : table.columns) {
    (columns += ", ") += column;
    (values += ", ") += parameter_marker(dialect, index++);
  }
  const std::string now = parameter_marker(dialect, index);
  return "INSERT INTO " + std::string(table.name) + " (" + columns + ", created_at, updated_at) VALUES (" + values +
         ", " + now + ", " + now + ") RETURNING id";
}

/// Parameters: 1..n the values, n+1 now, n+2 id, n+3 user.
[[nodiscard]] inline std::string update_sql(const Table& table, Dialect dialect) {
  std::string sets;
  int index = 1;
  for (const auto column : table.columns) {
    ((sets += std::string(column)) += " = ") += parameter_marker(dialect, index++);
    sets += ", ";
  }
  sets += "updated_at = " + parameter_marker(dialect, index);
  return "UPDATE " + std::string(table.name) + " SET " + sets + " WHERE id = " + parameter_marker(dialect, index + 1) +
         " AND user_id = " + parameter_marker(dialect, index + 2);
}

/// Parameters: 1 id, 2 user.
[[nodiscard]] inline std::string find_sql(const Table& table, Dialect dialect) {
  return "SELECT " + select_list(table) + " FROM " + std::string(table.name) + " WHERE id = " +
         parameter_marker(dialect, 1) + " AND user_id = " + parameter_marker(dialect, 2);
}

/// Parameters: 1 id, 2 user.
[[nodiscard]] inline std::string delete_sql(const Table& table, Dialect dialect) {
  return "DELETE FROM " + std::string(table.name) + " WHERE id = " + parameter_marker(dialect, 1) +
         " AND user_id = " + parameter_marker(dialect, 2);
}

/// `text` as a LIKE pattern that matches it anywhere, with \ escaping % _ and \ itself.
[[nodiscard]] inline std::string contains_pattern(std::string_view text) {
  std::string out = "%";
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  out += '%';
  return out;
}

struct Statement {
  std::string sql;
  std::vector<ColumnValue> params;
};

/// The list query: the user's rows matching `query`, in id order after `query.after`.
/// Filters the table has no column for are ignored (the service refuses them first).
[[nodiscard]] inline Statement list_statement(const Table& table, Dialect dialect, core::UserId user,
                                              const ResourceQuery& query) {
  Statement statement;
  statement.params.emplace_back(user.value());
  std::string where = "user_id = " + parameter_marker(dialect, 1);
  const auto add = [&](std::string_view condition_left, std::string_view op, ColumnValue value,
                       std::string_view wrap_open = "", std::string_view wrap_close = "") {
    statement.params.push_back(std::move(value));
    where += " AND ";
    where += condition_left;
    where += op;
    where += wrap_open;
    where += parameter_marker(dialect, static_cast<int>(statement.params.size()));
    where += wrap_close;
  };
  if (query.after) add("id", " > ", *query.after);
  if (query.status && !table.status_column.empty()) add(table.status_column, " = ", *query.status);
  if (query.kind && !table.kind_column.empty()) add(table.kind_column, " = ", *query.kind);
  if (query.category && !table.category_column.empty()) {
    add("LOWER(" + std::string(table.category_column) + ")", " = ", *query.category, "LOWER(", ")");
  }
  if (query.from && !table.from_column.empty()) add(table.from_column, " >= ", *query.from);
  if (query.to && !table.to_column.empty()) add(table.to_column, " <= ", *query.to);
  if (query.min_amount_minor && !table.amount_column.empty()) add(table.amount_column, " >= ", *query.min_amount_minor);
  if (query.max_amount_minor && !table.amount_column.empty()) add(table.amount_column, " <= ", *query.max_amount_minor);
  if (query.text && !table.text_column.empty()) {
    add("LOWER(COALESCE(" + std::string(table.text_column) + ", ''))", " LIKE ", contains_pattern(*query.text), "",
        " ESCAPE '\\'");
  }
  statement.sql = "SELECT " + select_list(table) + " FROM " + std::string(table.name) + " WHERE " + where +
                  " ORDER BY id";
  if (query.limit > 0) statement.sql += " LIMIT " + std::to_string(query.limit);
  return statement;
}

}  // namespace finml::storage::detail::resources
