#pragma once
/// @file finml/storage/postgres/postgres_store.hpp
/// The PostgreSQL adapter's plumbing, shared by its repositories: the connection pool, the
/// reconnect-and-retry-once policy, write transactions, and the exception-to-Error boundary.
#include <memory>
#include <string_view>
#include <type_traits>
#include <utility>

#include <finml/core/error.hpp>
#include <finml/storage/detail/connection_pool.hpp>
#include <finml/storage/detail/storage_error.hpp>
#include <finml/storage/postgres/pg_connection.hpp>

namespace finml::storage::postgres::detail {

class PostgresStore {
 public:
  explicit PostgresStore(std::unique_ptr<storage::detail::ConnectionPool<PgConnection>> pool)
      : pool_(std::move(pool)) {}

  /// Calls work(connection) on a pooled connection. A connection that libpq knows is broken
  /// is reset first; when the work fails because the connection broke (the server restarted),
  /// the connection is reset and the work runs once more. `action` names it in errors.
  template <class Work>
  auto run(std::string_view action, Work&& work)
      -> core::Result<std::invoke_result_t<Work&, PgConnection&>> {
    using Value = std::invoke_result_t<Work&, PgConnection&>;
    constexpr int kAttempts = 2;
    try {
      auto lease = pool_->acquire();
      const EndLeftoverTransaction cleanup(*lease);
      for (int attempt = 1;; ++attempt) {
        try {
          if (attempt > 1 || !lease->healthy()) lease->reset();
          if constexpr (std::is_void_v<Value>) {
            work(*lease);
            return {};
          } else {
            return work(*lease);
          }
        } catch (const PgError& error) {
          if (!error.retryable() || attempt == kAttempts) throw;
        }
      }
    } catch (const storage::detail::StorageError& error) {
      return std::unexpected(storage::detail::in_context(kBackend, action, error.error()));
    } catch (const std::exception& error) {
      return std::unexpected(storage::detail::in_context(
          kBackend, action, core::Error{core::ErrorCode::kInternal, error.what(), {}}));
    } catch (...) {
      return std::unexpected(storage::detail::in_context(
          kBackend, action, core::Error{core::ErrorCode::kInternal, "unknown exception", {}}));
    }
  }

  /// Like run(), inside BEGIN ... COMMIT; a retry runs the whole transaction again.
  template <class Work>
  auto write(std::string_view action, Work&& work)
      -> core::Result<std::invoke_result_t<Work&, PgConnection&>> {
    return run(action, [&work](PgConnection& connection) {
      PgTransaction transaction(connection);
      if constexpr (std::is_void_v<std::invoke_result_t<Work&, PgConnection&>>) {
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
  /// A connection goes back to the pool outside any transaction, whatever happened to it.
  class EndLeftoverTransaction {
   public:
    explicit EndLeftoverTransaction(PgConnection& connection) noexcept
        : connection_(connection) {}
    EndLeftoverTransaction(const EndLeftoverTransaction&) = delete;
    EndLeftoverTransaction& operator=(const EndLeftoverTransaction&) = delete;
    ~EndLeftoverTransaction() { connection_.rollback_quietly(); }

   private:
    PgConnection& connection_;
  };

  std::unique_ptr<storage::detail::ConnectionPool<PgConnection>> pool_;
};

}  // namespace finml::storage::postgres::detail
