#pragma once
/// @file finml/storage/sqlite/sqlite_store.hpp
/// The SQLite adapter's plumbing, shared by its repositories: the connection pool, the
/// exception-to-Error boundary, write transactions, and the text forms of dates and instants.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <SQLiteCpp/SQLiteCpp.h>

#include <finml/core/date.hpp>
#include <finml/core/error.hpp>
#include <finml/core/timestamp.hpp>
#include <finml/storage/detail/connection_pool.hpp>
#include <finml/storage/detail/storage_error.hpp>

namespace finml::storage::sqlite::detail {

inline constexpr std::string_view kBackend = "sqlite";

/// Opens one connection to `filename` and sets it up as every connection must be: busy
/// timeout, foreign keys on, synchronous=FULL. Throws SQLite::Exception.
[[nodiscard]] std::unique_ptr<SQLite::Database> open_connection(
    const std::string& filename, std::chrono::milliseconds busy_timeout);

/// kUnavailable for a database that is busy, locked, cannot be opened or was moved away;
/// kInternal for everything else.
[[nodiscard]] core::Error to_error(const SQLite::Exception& exception);

[[nodiscard]] SQLite::Statement prepare(const SQLite::Database& connection, std::string_view sql);

/// "YYYY-MM-DDTHH:MM:SS.ffffffZ", always 27 characters, so that text order is time order.
[[nodiscard]] std::string fixed_width_timestamp(core::Timestamp at);
/// Reads a stored instant; throws StorageError (kInternal) on text no adapter wrote.
[[nodiscard]] core::Timestamp read_timestamp(std::string_view text);
/// Reads a stored "YYYY-MM-DD"; throws StorageError (kInternal) otherwise.
[[nodiscard]] core::Date read_date(std::string_view text);

/// Binds a value, or NULL for nullopt.
void bind_optional(SQLite::Statement& statement, int index,
                   const std::optional<std::string>& value);
void bind_optional(SQLite::Statement& statement, int index, std::optional<std::int64_t> value);
void bind_optional(SQLite::Statement& statement, int index, std::optional<double> value);

/// Runs the adapter's work on pooled connections and turns every exception into an Error.
class SqliteStore {
 public:
  /// `file` is the database's path (empty for an in-memory database).
  SqliteStore(std::unique_ptr<storage::detail::ConnectionPool<SQLite::Database>> pool, std::string file)
      : pool_(std::move(pool)), file_(std::move(file)) {}

  /// Calls work(connection) on a pooled connection; `action` names it in error messages.
  template <class Work>
  auto run(std::string_view action, Work&& work)
      -> core::Result<std::invoke_result_t<Work&, SQLite::Database&>> {
    using Value = std::invoke_result_t<Work&, SQLite::Database&>;
    try {
      auto lease = pool_->acquire();
      const RollbackLeftovers cleanup(*lease);
      if constexpr (std::is_void_v<Value>) {
        work(*lease);
        return {};
      } else {
        return work(*lease);
      }
    } catch (const SQLite::Exception& exception) {
      return std::unexpected(storage::detail::in_context(kBackend, action, to_error(exception)));
    } catch (const storage::detail::StorageError& exception) {
      return std::unexpected(storage::detail::in_context(kBackend, action, exception.error()));
    } catch (const std::exception& exception) {
      return std::unexpected(storage::detail::in_context(
          kBackend, action, core::Error{core::ErrorCode::kInternal, exception.what(), {}}));
    } catch (...) {
      return std::unexpected(storage::detail::in_context(
          kBackend, action, core::Error{core::ErrorCode::kInternal, "unknown exception", {}}));
    }
  }

  /// Like run(), inside a BEGIN IMMEDIATE transaction that commits when work returns: the
  /// write lock is taken up front, so two writers never deadlock upgrading a read lock.
  template <class Work>
  auto write(std::string_view action, Work&& work)
      -> core::Result<std::invoke_result_t<Work&, SQLite::Database&>> {
    if (auto gone = missing_file(action)) return std::unexpected(std::move(*gone));
    return run(action, [&work](SQLite::Database& connection) {
      SQLite::Transaction transaction(connection, SQLite::TransactionBehavior::IMMEDIATE);
      if constexpr (std::is_void_v<std::invoke_result_t<Work&, SQLite::Database&>>) {
        work(connection);
        transaction.commit();
      } else {
        auto value = work(connection);
        transaction.commit();
        return value;
      }
    });
  }

 private:
  /// kUnavailable when the database file has been deleted or moved: open connections would
  /// still write into the unlinked file, and the write would be lost (ping() says the same).
  [[nodiscard]] std::optional<core::Error> missing_file(std::string_view action) const;

  /// A connection goes back to the pool outside any transaction, whatever happened to it.
  class RollbackLeftovers {
   public:
    explicit RollbackLeftovers(SQLite::Database& connection) noexcept : connection_(connection) {}
    RollbackLeftovers(const RollbackLeftovers&) = delete;
    RollbackLeftovers& operator=(const RollbackLeftovers&) = delete;
    ~RollbackLeftovers();

   private:
    SQLite::Database& connection_;
  };

  std::unique_ptr<storage::detail::ConnectionPool<SQLite::Database>> pool_;
  std::string file_;
};

}  // namespace finml::storage::sqlite::detail
