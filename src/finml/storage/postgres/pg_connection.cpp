#include <finml/storage/postgres/pg_connection.hpp>

#include <charconv>
#include <cstdlib>
#include <optional>
#include <system_error>
#include <vector>

#include <finml/storage/postgres/sql.hpp>

namespace finml::storage::postgres::detail {
namespace {

/// libpq's messages end in a newline and may span lines; keep them on one line for logs.
[[nodiscard]] std::string one_line(const char* message) {
  std::string text;
  for (const char* c = message == nullptr ? "" : message; *c != '\0'; ++c) {
    const bool space = *c == ' ' || *c == '\n' || *c == '\r' || *c == '\t';
    if (!space) {
      text += *c;
    } else if (!text.empty() && text.back() != ' ') {
      text += ' ';
    }
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text.empty() ? "unknown libpq error" : text;
}

/// Errors after which this connection is gone: class 08 (connection exception) and the
/// server shutting down or restarting (57P01..57P03).
[[nodiscard]] bool is_connection_loss(std::string_view sqlstate) noexcept {
  return sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" ||
         sqlstate == "57P03";
}

/// Server errors that say "try again later" rather than "this is wrong": serialization
/// failures, deadlocks, lock timeouts, cancelled statements, exhausted resources.
[[nodiscard]] bool is_transient(std::string_view sqlstate) noexcept {
  return sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03" ||
         sqlstate == "57014" || sqlstate.starts_with("53");
}

void ignore_notice(void* /*argument*/, const char* /*message*/) noexcept {}

[[noreturn]] void throw_bad_value(int row, int column, std::string_view expected,
                                  std::string_view value) {
  throw PgError(core::ErrorCode::kInternal,
                "row " + std::to_string(row) + " column " + std::to_string(column) +
                    " is not " + std::string(expected) + ": \"" + std::string(value) + "\"",
                false);
}

template <class Number>
[[nodiscard]] std::optional<Number> parse_number(std::string_view text) noexcept {
  Number value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

Param int_param(std::int64_t value) { return std::to_string(value); }

Param real_param(double value) {
  // The shortest text that reads back as exactly this double.
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

Param text_param(std::string_view value) { return std::string(value); }
Param date_param(core::Date value) { return value.to_string(); }
Param timestamp_param(core::Timestamp value) { return core::format_timestamp(value); }

Param optional_int_param(std::optional<std::int64_t> value) {
  return value ? int_param(*value) : std::nullopt;
}
Param optional_real_param(std::optional<double> value) {
  return value ? real_param(*value) : std::nullopt;
}
Param optional_text_param(const std::optional<std::string>& value) { return value; }
Param optional_date_param(const std::optional<core::Date>& value) {
  return value ? date_param(*value) : std::nullopt;
}

// PgResult.

std::string PgResult::text(int row, int column) const {
  return std::string(PQgetvalue(result_.get(), row, column),
                     static_cast<std::size_t>(PQgetlength(result_.get(), row, column)));
}

std::int64_t PgResult::int64(int row, int column) const {
  const std::string value = text(row, column);
  const auto number = parse_number<std::int64_t>(value);
  if (!number) throw_bad_value(row, column, "an integer", value);
  return *number;
}

double PgResult::real(int row, int column) const {
  const std::string value = text(row, column);
  const auto number = parse_number<double>(value);
  if (!number) throw_bad_value(row, column, "a number", value);
  return *number;
}

core::Date PgResult::date(int row, int column) const {
  const std::string value = text(row, column);
  const auto date = core::Date::parse_iso(value);
  if (!date) throw_bad_value(row, column, "a YYYY-MM-DD date", value);
  return *date;
}

core::Timestamp PgResult::timestamp(int row, int column) const {
  const std::string value = text(row, column);
  const auto at = core::parse_timestamp(value);
  if (!at) throw_bad_value(row, column, "a timestamp", value);
  return *at;
}

std::optional<std::string> PgResult::optional_text(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return text(row, column);
}

std::optional<std::int64_t> PgResult::optional_int64(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return int64(row, column);
}

std::optional<double> PgResult::optional_real(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return real(row, column);
}

std::int64_t PgResult::affected_rows() const {
  const std::string_view value = PQcmdTuples(result_.get());
  const auto number = parse_number<std::int64_t>(value);
  if (!number) throw_bad_value(0, 0, "a row count", value);
  return *number;
}

// PgConnection.

std::unique_ptr<PgConnection> PgConnection::connect(const ConnectSettings& settings) {
  // dbname comes last so that what the URL says wins over these defaults.
  const std::string timeout = std::to_string(settings.connect_timeout.count());
  const char* const keywords[] = {"connect_timeout", "client_encoding", "dbname", nullptr};
  const char* const values[] = {timeout.c_str(), "UTF8", settings.url.c_str(), nullptr};
  std::unique_ptr<PgConnection> connection(
      new PgConnection(PQconnectdbParams(keywords, values, /*expand_dbname=*/1)));
  if (connection->connection_ == nullptr) {
    throw PgError(core::ErrorCode::kUnavailable, "libpq could not allocate a connection", false);
  }
  if (!connection->healthy()) {
    throw PgError(core::ErrorCode::kUnavailable,
                  "cannot connect: " + one_line(PQerrorMessage(connection->connection_.get())),
                  false);
  }
  connection->set_up_session();
  return connection;
}

PgResult PgConnection::exec(std::string_view sql, std::span<const Param> params) {
  const std::string statement(sql);
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const Param& param : params) values.push_back(param ? param->c_str() : nullptr);
  PgResult result(PQexecParams(connection_.get(), statement.c_str(),
                               static_cast<int>(params.size()), /*paramTypes=*/nullptr,
                               values.data(), /*paramLengths=*/nullptr,
                               /*paramFormats=*/nullptr, /*resultFormat=*/0));
  const PGresult* raw = result.raw();
  const ExecStatusType status = raw == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(raw);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw_error(raw);
  return result;
}

void PgConnection::exec_script(std::string_view sql) {
  const std::string script(sql);
  const PgResult result(PQexec(connection_.get(), script.c_str()));
  const PGresult* raw = result.raw();
  const ExecStatusType status = raw == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(raw);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw_error(raw);
}

std::int64_t PgConnection::copy_in(std::string_view copy_statement,
                                   core::FunctionRef<void(core::FunctionRef<void(std::string_view)>)> write) {
  const std::string statement(copy_statement);
  {
    const PgResult started(PQexec(connection_.get(), statement.c_str()));
    const PGresult* raw = started.raw();
    if (raw == nullptr || PQresultStatus(raw) != PGRES_COPY_IN) throw_error(raw);
  }
  bool sent = true;
  const auto send = [this, &sent](std::string_view chunk) {
    if (!sent || chunk.empty()) return;
    sent = PQputCopyData(connection_.get(), chunk.data(), static_cast<int>(chunk.size())) == 1;
  };
  try {
    write(send);
  } catch (...) {
    // End the COPY so that the connection can be used (and rolled back) again.
    static_cast<void>(PQputCopyEnd(connection_.get(), "aborted by the client"));
    while (PGresult* rest = PQgetResult(connection_.get())) PQclear(rest);
    throw;
  }
  if (!sent || PQputCopyEnd(connection_.get(), nullptr) != 1) throw_error(nullptr);
  std::optional<PgResult> failed;
  std::int64_t copied = 0;
  while (PGresult* next = PQgetResult(connection_.get())) {
    PgResult result(next);
    if (PQresultStatus(next) != PGRES_COMMAND_OK) {
      if (!failed) failed.emplace(std::move(result));
      continue;
    }
    const char* tuples = PQcmdTuples(next);
    if (tuples != nullptr && *tuples != '\0') copied = std::strtoll(tuples, nullptr, 10);
  }
  if (failed) throw_error(failed->raw());
  return copied;
}

bool PgConnection::in_transaction() const noexcept {
  const PGTransactionStatusType status = PQtransactionStatus(connection_.get());
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

void PgConnection::reset() {
  PQreset(connection_.get());
  if (!healthy()) {
    throw PgError(core::ErrorCode::kUnavailable,
                  "cannot reconnect: " + one_line(PQerrorMessage(connection_.get())), false);
  }
  set_up_session();
}

void PgConnection::rollback_quietly() noexcept {
  if (!healthy() || !in_transaction()) return;
  PQclear(PQexec(connection_.get(), std::string(sql::kRollback).c_str()));
}

void PgConnection::set_up_session() {
  // Notices ("relation already exists, skipping") would go to stderr otherwise.
  PQsetNoticeProcessor(connection_.get(), ignore_notice, nullptr);
  exec(sql::kSetTimeZoneUtc);
  exec(sql::kSetDateStyleIso);
}

void PgConnection::throw_error(const PGresult* result) const {
  const char* state = result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const std::string_view sqlstate = state == nullptr ? std::string_view() : state;
  const bool lost = !healthy() || is_connection_loss(sqlstate);
  std::string message =
      one_line(result == nullptr ? PQerrorMessage(connection_.get())
                                 : PQresultErrorMessage(result));
  if (!sqlstate.empty()) message += " (SQLSTATE " + std::string(sqlstate) + ")";
  // 23505 unique_violation: a unique key taken already conflicts with stored state (issue 7).
  // 23503 foreign_key_violation: a row names a record that does not exist (an unknown
  // account_id), the input's fault; the message is replaced, as it carries the driver's text.
  if (!lost && sqlstate == "23503") {
    throw PgError(core::ErrorCode::kInvalidArgument, "A row names an account or other record that does not exist", false);
  }
  const core::ErrorCode code = lost || is_transient(sqlstate) ? core::ErrorCode::kUnavailable
                               : sqlstate == "23505"          ? core::ErrorCode::kConflict
                                                              : core::ErrorCode::kInternal;
  throw PgError(code, message, lost);
}

// PgTransaction.

PgTransaction::PgTransaction(PgConnection& connection) : connection_(connection) {
  connection_.exec(sql::kBegin);
}

PgTransaction::~PgTransaction() {
  if (!finished_) connection_.rollback_quietly();
}

void PgTransaction::commit() {
  try {
    connection_.exec(sql::kCommit);
    finished_ = true;
  } catch (const PgError& error) {
    finished_ = true;  // the server ended the transaction, or the connection is gone
    if (!error.retryable()) throw;
    throw PgError(error.error().code,
                  error.error().message + "; the connection broke during COMMIT, so whether "
                                          "the transaction was committed is unknown",
                  false);
  }
}

}  // namespace finml::storage::postgres::detail
