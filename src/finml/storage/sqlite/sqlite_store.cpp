#include <finml/storage/sqlite/sqlite_store.hpp>

#include <filesystem>

#include <algorithm>
#include <cstdio>
#include <limits>

#include <sqlite3.h>

#include <finml/storage/sqlite/sql.hpp>

namespace finml::storage::sqlite::detail {

std::unique_ptr<SQLite::Database> open_connection(const std::string& filename,
                                                  std::chrono::milliseconds busy_timeout) {
  const auto timeout_ms = static_cast<int>(
      std::clamp<std::chrono::milliseconds::rep>(busy_timeout.count(), 0,
                                                 std::numeric_limits<int>::max()));
  auto connection = std::make_unique<SQLite::Database>(
      filename, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, timeout_ms);
  // Foreign keys are off by default in SQLite and the setting is per connection.
  connection->exec(std::string(sql::kEnableForeignKeys));
  connection->exec(std::string(sql::kSynchronousFull));
  connection->exec(std::string(sql::kCacheSize));
  connection->exec(std::string(sql::kMmapSize));  // issue 7, helper C
  return connection;
}

const core::Error kUnknownReference{core::ErrorCode::kInvalidArgument,
                                    "A row names an account or other record that does not exist", {}};

core::Error to_error(const SQLite::Exception& exception) {
  core::ErrorCode code = core::ErrorCode::kInternal;
  switch (exception.getErrorCode()) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
      code = core::ErrorCode::kUnavailable;
      break;
    case SQLITE_CONSTRAINT:
      // A unique key taken already (issue 7: an external_id the user has) conflicts with
      // stored state; other constraint failures stay internal.
      if (exception.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE ||
          exception.getExtendedErrorCode() == SQLITE_CONSTRAINT_PRIMARYKEY) {
        code = core::ErrorCode::kConflict;
      }
      // A row naming a record that does not exist (an unknown account_id) is the input's
      // fault, and its text must not carry the driver's.
      if (exception.getExtendedErrorCode() == SQLITE_CONSTRAINT_FOREIGNKEY) return kUnknownReference;
      break;
    default:
      // The file was deleted or renamed under an open connection: the database is gone.
      if (exception.getExtendedErrorCode() == SQLITE_READONLY_DBMOVED) {
        code = core::ErrorCode::kUnavailable;
      }
      break;
  }
  return core::Error{code, exception.what(), {}};
}

SQLite::Statement prepare(const SQLite::Database& connection, std::string_view sql) {
  return SQLite::Statement(connection, std::string(sql));
}

std::string fixed_width_timestamp(core::Timestamp at) {
  const auto days = std::chrono::floor<std::chrono::days>(at);
  const std::chrono::year_month_day ymd{days};
  const std::chrono::hh_mm_ss time{at - days};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%06lldZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()),
                static_cast<long long>(time.subseconds().count()));
  return buffer;
}

core::Timestamp read_timestamp(std::string_view text) {
  const auto at = core::parse_timestamp(text);
  if (!at) {
    throw storage::detail::StorageError(core::ErrorCode::kInternal,
                                        "stored instant is not a timestamp: \"" +
                                            std::string(text) + "\"");
  }
  return *at;
}

core::Date read_date(std::string_view text) {
  const auto date = core::Date::parse_iso(text);
  if (!date) {
    throw storage::detail::StorageError(core::ErrorCode::kInternal,
                                        "stored date is not YYYY-MM-DD: \"" + std::string(text) +
                                            "\"");
  }
  return *date;
}

void bind_optional(SQLite::Statement& statement, int index,
                   const std::optional<std::string>& value) {
  if (value) {
    statement.bind(index, *value);
  } else {
    statement.bind(index);
  }
}

void bind_optional(SQLite::Statement& statement, int index, std::optional<std::int64_t> value) {
  if (value) {
    statement.bind(index, *value);
  } else {
    statement.bind(index);
  }
}

void bind_optional(SQLite::Statement& statement, int index, std::optional<double> value) {
  if (value) {
    statement.bind(index, *value);
  } else {
    statement.bind(index);
  }
}

std::optional<core::Error> SqliteStore::missing_file(std::string_view action) const {
  if (file_.empty()) return std::nullopt;
  std::error_code error;
  if (std::filesystem::exists(file_, error)) return std::nullopt;
  return storage::detail::in_context(
      kBackend, action,
      core::Error{core::ErrorCode::kUnavailable, "the database file " + file_ + " no longer exists", {}});
}

SqliteStore::RollbackLeftovers::~RollbackLeftovers() {
  // SQLite::Transaction rolls back on unwinding; this catches a rollback that itself failed.
  if (sqlite3_get_autocommit(connection_.getHandle()) == 0) {
    static_cast<void>(connection_.tryExec(std::string(sql::kRollback)));
  }
}

}  // namespace finml::storage::sqlite::detail
