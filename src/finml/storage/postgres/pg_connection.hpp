#pragma once
/// @file finml/storage/postgres/pg_connection.hpp
/// A thin RAII layer over libpq: one connection, its results, and a transaction guard. Every
/// failure is thrown as a PgError, which the adapter turns into a Result at its public methods.
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <libpq-fe.h>

#include <finml/core/function_ref.hpp>

#include <finml/core/date.hpp>
#include <finml/core/timestamp.hpp>
#include <finml/storage/detail/storage_error.hpp>

namespace finml::storage::postgres::detail {

inline constexpr std::string_view kBackend = "postgresql";

/// A failure of libpq or of the server. retryable() is true when the connection broke in a
/// way that lets the whole operation run again on a reset connection without doing it twice.
class PgError : public storage::detail::StorageError {
 public:
  PgError(core::ErrorCode code, const std::string& message, bool retryable)
      : StorageError(code, message), retryable_(retryable) {}

  [[nodiscard]] bool retryable() const noexcept { return retryable_; }

 private:
  bool retryable_;
};

/// A query parameter in PostgreSQL's text form; nullopt is SQL NULL.
using Param = std::optional<std::string>;

[[nodiscard]] Param int_param(std::int64_t value);
[[nodiscard]] Param real_param(double value);
[[nodiscard]] Param text_param(std::string_view value);
[[nodiscard]] Param date_param(core::Date value);
[[nodiscard]] Param timestamp_param(core::Timestamp value);
[[nodiscard]] Param optional_int_param(std::optional<std::int64_t> value);
[[nodiscard]] Param optional_real_param(std::optional<double> value);
[[nodiscard]] Param optional_text_param(const std::optional<std::string>& value);
[[nodiscard]] Param optional_date_param(const std::optional<core::Date>& value);

/// The rows of one successful statement, read as text. Readers throw PgError (kInternal) on
/// a value that is not of the expected form.
class PgResult {
 public:
  explicit PgResult(PGresult* result) noexcept : result_(result) {}

  [[nodiscard]] int rows() const noexcept { return PQntuples(result_.get()); }
  [[nodiscard]] bool is_null(int row, int column) const noexcept {
    return PQgetisnull(result_.get(), row, column) != 0;
  }
  [[nodiscard]] std::string text(int row, int column) const;
  [[nodiscard]] std::int64_t int64(int row, int column) const;
  [[nodiscard]] double real(int row, int column) const;
  [[nodiscard]] core::Date date(int row, int column) const;
  [[nodiscard]] core::Timestamp timestamp(int row, int column) const;
  [[nodiscard]] std::optional<std::string> optional_text(int row, int column) const;
  [[nodiscard]] std::optional<std::int64_t> optional_int64(int row, int column) const;
  [[nodiscard]] std::optional<double> optional_real(int row, int column) const;
  /// Rows changed by an INSERT, UPDATE or DELETE.
  [[nodiscard]] std::int64_t affected_rows() const;
  /// The libpq result, null when libpq could not even build one.
  [[nodiscard]] const PGresult* raw() const noexcept { return result_.get(); }

 private:
  struct Clear {
    void operator()(PGresult* result) const noexcept { PQclear(result); }
  };
  std::unique_ptr<PGresult, Clear> result_;
};

struct ConnectSettings {
  std::string url;  ///< a libpq URI or key=value string
  std::chrono::seconds connect_timeout{5};
};

class PgConnection {
 public:
  /// Connects and sets the session up (UTC, ISO dates, UTF-8). Throws PgError (kUnavailable)
  /// when the server cannot be reached.
  [[nodiscard]] static std::unique_ptr<PgConnection> connect(const ConnectSettings& settings);

  /// Runs one statement with text parameters.
  PgResult exec(std::string_view sql, std::span<const Param> params);
  PgResult exec(std::string_view sql, std::initializer_list<Param> params = {}) {
    return exec(sql, std::span<const Param>(params.begin(), params.size()));
  }
  /// Runs several statements without parameters (a migration file).
  void exec_script(std::string_view sql);
  /// Runs `copy_statement` (COPY ... FROM STDIN) and sends it what write(send) produces:
  /// write calls send(chunk) as often as it likes (issue 7, helper C: the import's rows).
  /// Returns the rows copied.
  std::int64_t copy_in(std::string_view copy_statement,
                       core::FunctionRef<void(core::FunctionRef<void(std::string_view)>)> write);

  /// False once libpq has seen the connection break.
  [[nodiscard]] bool healthy() const noexcept {
    return PQstatus(connection_.get()) == CONNECTION_OK;
  }
  /// True while a transaction is open (or failed and not yet rolled back).
  [[nodiscard]] bool in_transaction() const noexcept;
  /// Reconnects with the original settings and sets the session up again; throws PgError
  /// (kUnavailable, not retryable) when the server is still unreachable.
  void reset();
  /// Ends a failed or abandoned transaction; never throws.
  void rollback_quietly() noexcept;

 private:
  struct Finish {
    void operator()(PGconn* connection) const noexcept { PQfinish(connection); }
  };
  explicit PgConnection(PGconn* connection) noexcept : connection_(connection) {}
  void set_up_session();
  [[noreturn]] void throw_error(const PGresult* result) const;

  std::unique_ptr<PGconn, Finish> connection_;
};

/// BEGIN ... COMMIT, rolled back when left without commit().
class PgTransaction {
 public:
  explicit PgTransaction(PgConnection& connection);
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;
  ~PgTransaction();

  /// Commits; when the connection breaks during COMMIT the outcome is unknown, so the error
  /// is not retryable (running the work again could apply it twice).
  void commit();

 private:
  PgConnection& connection_;
  bool finished_ = false;
};

}  // namespace finml::storage::postgres::detail
