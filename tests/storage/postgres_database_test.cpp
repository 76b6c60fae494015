// What the PostgreSQL adapter promises beyond the shared contract: kUnavailable while the server
// is down, and working again once it is back, on the same Database object.
//
// The restart test runs a server of its own through scripts/test-postgres.sh (named by
// FINML_TEST_POSTGRES_SCRIPT), so that stopping it disturbs no other test.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <finml/storage/migrations.hpp>
#include <finml/storage/postgres/postgres_database.hpp>

namespace finml::storage::postgres {
namespace {

using namespace std::chrono_literals;

core::Transaction make_txn(std::int64_t minor) {
  return core::Transaction{
      .id = core::TransactionId(),
      .date = *core::Date::parse_iso("2025-01-15"),
      .amount = core::Money::from_minor(minor, *core::Currency::from_code("USD")),
      .type = core::TransactionType::kIncome,
      .category = "Salary",
      .description = "",
      .note = "",
      .account_id = std::nullopt,
      .external_id = std::nullopt,
  };
}

class PostgresRestartTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* script = std::getenv("FINML_TEST_POSTGRES_SCRIPT");
    ASSERT_NE(script, nullptr) << "FINML_TEST_POSTGRES_SCRIPT is not set: run this test "
                                  "through ctest, which names scripts/test-postgres.sh";
    script_ = script;
    state_ = std::filesystem::temp_directory_path() /
             ("finml-pg-restart-" + std::to_string(::getpid()));
    ASSERT_EQ(server("start"), 0) << "could not start a PostgreSQL server with " << script_;
    std::ifstream in(state_ / "url");
    std::getline(in, url_);
    ASSERT_FALSE(url_.empty());
  }

  void TearDown() override {
    if (!script_.empty()) {
      EXPECT_EQ(server("destroy"), 0);
    }
  }

  /// Runs the script's start, stop or destroy on this test's server; returns its exit code.
  int server(const std::string& command) const {
    const std::string line =
        "'" + script_ + "' " + command + " '" + state_.string() + "' >/dev/null";
    const int status = std::system(line.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  std::string script_;
  std::filesystem::path state_;
  std::string url_;
};

TEST_F(PostgresRestartTest, IsUnavailableWhileTheServerIsDownAndWorksAgainOnceItIsBack) {
  auto opened = open_postgres_database(url_, {.pool_size = 2, .connect_timeout = 5s});
  ASSERT_TRUE(opened.has_value()) << opened.error().message;
  Database& db = **opened;
  const core::UserId user(1);
  const std::vector<core::Transaction> rows{make_txn(100), make_txn(200)};
  ASSERT_TRUE(db.transactions().insert(user, rows).has_value());
  ASSERT_TRUE(db.ping().has_value());

  ASSERT_EQ(server("stop"), 0);
  const auto ping = db.ping();
  ASSERT_FALSE(ping.has_value());
  EXPECT_EQ(ping.error().code, core::ErrorCode::kUnavailable) << ping.error().message;
  const auto count = db.transactions().count(user);
  ASSERT_FALSE(count.has_value());
  EXPECT_EQ(count.error().code, core::ErrorCode::kUnavailable) << count.error().message;
  const auto inserted = db.transactions().insert(user, rows);
  ASSERT_FALSE(inserted.has_value());
  EXPECT_EQ(inserted.error().code, core::ErrorCode::kUnavailable) << inserted.error().message;

  ASSERT_EQ(server("start"), 0);
  const auto ping_again = db.ping();
  EXPECT_TRUE(ping_again.has_value()) << ping_again.error().message;
  const auto count_again = db.transactions().count(user);
  ASSERT_TRUE(count_again.has_value()) << count_again.error().message;
  EXPECT_EQ(*count_again, 2);

  // Every pooled connection recovers, not only the one that happened to be used first.
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        const std::vector<core::Transaction> one{make_txn(i)};
        if (!db.transactions().insert(user, one)) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(*db.transactions().count(user), 42);
}

TEST_F(PostgresRestartTest, ARestartWhileIdleGoesUnnoticedByCallers) {
  // Nothing runs while the server is down, so the pooled connections still look healthy
  // afterwards; each one's first statement fails, and the reset-and-retry-once hides it.
  auto opened = open_postgres_database(url_, {.pool_size = 2, .connect_timeout = 5s});
  ASSERT_TRUE(opened.has_value()) << opened.error().message;
  Database& db = **opened;
  const core::UserId user(1);
  const std::vector<core::Transaction> rows{make_txn(100)};
  ASSERT_TRUE(db.transactions().insert(user, rows).has_value());

  ASSERT_EQ(server("stop"), 0);
  ASSERT_EQ(server("start"), 0);

  const auto ping = db.ping();
  EXPECT_TRUE(ping.has_value()) << ping.error().message;
  std::vector<std::string> errors;
  std::mutex mutex;
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&] {
      const auto inserted = db.transactions().insert(user, rows);
      const std::lock_guard lock(mutex);
      if (!inserted) errors.push_back(inserted.error().message);
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_TRUE(errors.empty()) << errors.front();
  EXPECT_EQ(*db.transactions().count(user), 3);
}

TEST_F(PostgresRestartTest, InstancesStartingTogetherApplyEachMigrationOnce) {
  // The server's database is new: whichever instance takes the advisory lock first migrates
  // it, and the others find the work done. Without the lock, the losers would fail on
  // CREATE TABLE or on schema_migrations' primary key.
  std::vector<std::unique_ptr<Database>> opened(4);
  std::vector<std::string> errors(opened.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < opened.size(); ++i) {
    threads.emplace_back([this, &opened, &errors, i] {
      auto result = open_postgres_database(url_, {.pool_size = 1});
      if (result) {
        opened[i] = std::move(*result);
      } else {
        errors[i] = result.error().message;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (std::size_t i = 0; i < opened.size(); ++i) {
    ASSERT_NE(opened[i], nullptr) << errors[i];
    const auto version = opened[i]->schema_version();
    ASSERT_TRUE(version.has_value()) << version.error().message;
    EXPECT_EQ(*version, postgres_migrations().back().version);
  }
}

TEST(PostgresOpenTest, FailsWithUnavailableWhenNoServerListens) {
  // Port 1 on the loopback interface: nothing listens there, so the connection is refused.
  const auto opened = open_postgres_database("postgresql://finml@127.0.0.1:1/finml",
                                             {.pool_size = 1, .connect_timeout = 2s});
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, core::ErrorCode::kUnavailable) << opened.error().message;
}

TEST(PostgresOpenTest, RejectsAMalformedUrl) {
  const auto opened = open_postgres_database("postgresql://finml@127.0.0.1/db?no_such_option=1");
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, core::ErrorCode::kInvalidArgument) << opened.error().message;
}

}  // namespace
}  // namespace finml::storage::postgres
