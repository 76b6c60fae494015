// What the SQLite adapter promises beyond the shared contract: its file format, its pragmas,
// ping() on a vanished file, in-memory databases, and busy errors as kUnavailable.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <finml/core/timestamp.hpp>
#include <finml/storage/migrations.hpp>
#include <finml/storage/sqlite/sqlite_database.hpp>

namespace finml::storage::sqlite {
namespace {

using namespace std::chrono_literals;

class SqliteDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("finml-sqlite-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
    ASSERT_TRUE(std::filesystem::create_directories(directory_));
    path_ = (directory_ / "finml.db").string();
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }

  std::unique_ptr<Database> open(const SqliteOptions& options = {}) {
    auto opened = open_sqlite_database(path_, options);
    EXPECT_TRUE(opened.has_value()) << opened.error().message;
    return opened ? std::move(*opened) : nullptr;
  }

  std::string raw_text(const std::string& sql) const {
    SQLite::Database connection(path_, SQLite::OPEN_READONLY);
    return connection.execAndGet(sql).getString();
  }

  std::filesystem::path directory_;
  std::string path_;
};

core::Transaction make_txn(std::int64_t minor) {
  return core::Transaction{
      .id = core::TransactionId(),
      .date = *core::Date::parse_iso("2025-01-15"),
      .amount = core::Money::from_minor(minor, *core::Currency::from_code("EUR")),
      .type = core::TransactionType::kExpense,
      .category = "Food",
      .description = "",
      .note = "",
      .account_id = std::nullopt,
      .external_id = std::nullopt,
  };
}

TEST_F(SqliteDatabaseTest, CreatesTheFileInWalMode) {
  const auto db = open();
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(db->backend(), "sqlite");
  EXPECT_TRUE(std::filesystem::exists(path_));
  EXPECT_EQ(raw_text("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(raw_text("SELECT name FROM schema_migrations WHERE version = 1"), "init");
}

TEST_F(SqliteDatabaseTest, StoresInstantsAsFixedWidthUtcText) {
  const auto db = open();
  ASSERT_NE(db, nullptr);
  HealthScoreRecord record;
  record.user_id = core::UserId(1);
  record.score = 50;
  record.grade = "C";
  record.calculated_at = *core::parse_timestamp("2025-06-01T10:00:00Z");
  ASSERT_TRUE(db->health_scores().append(record).has_value());

  EXPECT_EQ(raw_text("SELECT calculated_at FROM financial_health_history"),
            "2025-06-01T10:00:00.000000Z");
  const std::string created_at = raw_text("SELECT created_at FROM users");
  EXPECT_EQ(created_at.size(), 27U) << created_at;
  EXPECT_EQ(created_at.back(), 'Z');
  EXPECT_EQ(raw_text("SELECT applied_at FROM schema_migrations").size(), 27U);
}

TEST_F(SqliteDatabaseTest, StoresMoneyAsIntegerMinorUnitsAndDatesAsIsoText) {
  const auto db = open();
  ASSERT_NE(db, nullptr);
  const std::vector<core::Transaction> rows{make_txn(-1'999)};
  ASSERT_TRUE(db->transactions().insert(core::UserId(1), rows).has_value());
  EXPECT_EQ(raw_text("SELECT typeof(amount_minor) || ' ' || amount_minor || ' ' || currency || "
                     "' ' || date FROM transactions"),
            "integer -1999 EUR 2025-01-15");
}

TEST_F(SqliteDatabaseTest, PingFailsOnceTheFileIsGone) {
  const auto db = open();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->ping().has_value());

  std::filesystem::remove(path_);
  const auto ping = db->ping();
  ASSERT_FALSE(ping.has_value());
  EXPECT_EQ(ping.error().code, core::ErrorCode::kUnavailable);
  EXPECT_NE(ping.error().message.find(path_), std::string::npos) << ping.error().message;
}

// Open connections would still write into the unlinked file, and the write would be lost
// with it: a write after the file is gone must fail, not pretend.
TEST_F(SqliteDatabaseTest, WritesFailOnceTheFileIsGone) {
  const auto db = open();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->users().ensure(core::UserId(7)).has_value());

  std::filesystem::remove(path_);
  const auto written = db->health_scores().append({.id = 0, .user_id = core::UserId(7), .score = 71.5, .grade = "C",
                                                   .savings_rate_score = 0, .expense_consistency_score = 0,
                                                   .emergency_fund_score = 0, .debt_ratio_score = 0,
                                                   .goal_progress_score = 0, .recommendations_json = "[]",
                                                   .calculated_at = {}});
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().code, core::ErrorCode::kUnavailable);
  EXPECT_FALSE(db->users().ensure(core::UserId(8)).has_value());
}

TEST_F(SqliteDatabaseTest, AWriterThatCannotGetTheLockWithinTheBusyTimeoutIsUnavailable) {
  const auto db = open({.pool_size = 2, .busy_timeout = 100ms});
  ASSERT_NE(db, nullptr);
  SQLite::Database other_process(path_, SQLite::OPEN_READWRITE);
  other_process.exec("BEGIN IMMEDIATE");

  const auto ensured = db->users().ensure(core::UserId(1));
  ASSERT_FALSE(ensured.has_value());
  EXPECT_EQ(ensured.error().code, core::ErrorCode::kUnavailable) << ensured.error().message;
  // Readers are not blocked by a writer in WAL mode.
  EXPECT_TRUE(db->transactions().count(core::UserId(1)).has_value());

  other_process.exec("ROLLBACK");
  EXPECT_TRUE(db->users().ensure(core::UserId(1)).has_value());
}

TEST_F(SqliteDatabaseTest, ReopeningAnExistingFileKeepsItsSchemaVersion) {
  ASSERT_NE(open(), nullptr);
  const auto db = open();
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(raw_text("SELECT COUNT(*) FROM schema_migrations"),
            std::to_string(sqlite_migrations().size()));
  EXPECT_EQ(*db->schema_version(), sqlite_migrations().back().version);
}

TEST_F(SqliteDatabaseTest, ProcessesOpeningANewFileTogetherApplyEachMigrationOnce) {
  std::vector<std::unique_ptr<Database>> opened(4);
  std::vector<std::string> errors(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < opened.size(); ++i) {
    threads.emplace_back([this, &opened, &errors, i] {
      auto result = open_sqlite_database(path_);
      if (result) {
        opened[i] = std::move(*result);
      } else {
        errors[i] = result.error().message;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (std::size_t i = 0; i < opened.size(); ++i) ASSERT_NE(opened[i], nullptr) << errors[i];
  EXPECT_EQ(raw_text("SELECT COUNT(*) FROM schema_migrations"),
            std::to_string(sqlite_migrations().size()));
  EXPECT_EQ(raw_text("SELECT COUNT(*) FROM sqlite_master WHERE name = 'transactions'"), "1");
}

TEST_F(SqliteDatabaseTest, InMemoryDatabaseIsOneDatabaseForAllThreadsAndPrivateToItsOpener) {
  auto opened = open_sqlite_database(":memory:", {.pool_size = 4});
  ASSERT_TRUE(opened.has_value()) << opened.error().message;
  Database& db = **opened;

  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&db, &failures] {
      for (int i = 0; i < 25; ++i) {
        const std::vector<core::Transaction> rows{make_txn(i)};
        if (!db.transactions().insert(core::UserId(1), rows)) ++failures;
        if (!db.transactions().count(core::UserId(1))) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(*db.transactions().count(core::UserId(1)), 100);
  EXPECT_TRUE(db.ping().has_value());

  auto other = open_sqlite_database(":memory:");
  ASSERT_TRUE(other.has_value());
  EXPECT_EQ(*(*other)->transactions().count(core::UserId(1)), 0);
}

TEST_F(SqliteDatabaseTest, OpenReportsAMissingDirectoryAsUnavailable) {
  const auto opened = open_sqlite_database((directory_ / "missing" / "finml.db").string());
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, core::ErrorCode::kUnavailable) << opened.error().message;
}

TEST_F(SqliteDatabaseTest, OpenRejectsAnEmptyPool) {
  const auto opened = open_sqlite_database(path_, {.pool_size = 0});
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, core::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace finml::storage::sqlite
