// The users' data service over a real (SQLite file) database: Idempotency-Key claims left
// by a process that died are abandoned after kAbandonedClaimAfter, on the service's clock (the
// `now` argument), and PATCH reads, changes and writes in one step (issue 7, helper C).
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <finml/service/user_data_service.hpp>
#include <finml/storage/sqlite/sqlite_database.hpp>

namespace finml::service {
namespace {

using namespace std::chrono_literals;

core::Timestamp instant(std::string_view text) { return *core::parse_timestamp(text); }

class UserDataServiceTest : public ::testing::Test {
 protected:
  // A file, so that the pool's connections really run at once (":memory:" has one).
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("finml_user_data_service_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    remove_files();
    auto opened = storage::sqlite::open_sqlite_database(path_.string());
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    db_ = std::move(*opened);
  }
  void TearDown() override {
    db_.reset();
    remove_files();
  }
  void remove_files() const {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix, ignored);
  }

  /// run_idempotent() at `now` whose create counts its calls and answers 201 with `body`.
  core::Result<StoredAnswer> post(const std::string& key, core::Timestamp now, int& creates,
                                  const std::string& body = R"({"id":1})") {
    const auto create = [&creates, &body]() -> core::Result<StoredAnswer> {
      ++creates;
      return StoredAnswer{.status = 201, .location = "/x/1", .body = body};
    };
    return run_idempotent(*db_, core::UserId(5), key, request_digest("POST", "/x", "{}"), now, create);
  }

  std::filesystem::path path_;
  std::unique_ptr<storage::Database> db_;
};

TEST_F(UserDataServiceTest, AClaimLeftPendingByADeadProcessIsAbandonedAfterAMinute) {
  const core::Timestamp t0 = instant("2026-03-01T10:00:00Z");
  // A request claimed the key at t0, then its process was killed before it answered.
  const storage::IdempotencyRecord pending{.user_id = core::UserId(5), .key = "k-dead",
                                           .request_digest = request_digest("POST", "/x", "{}"),
                                           .created_at = t0};
  ASSERT_TRUE(db_->idempotency_keys().claim(pending, t0 - kIdempotencyKeyLifetime).has_value());

  int creates = 0;
  // Within the minute the first request may still be answering: 409, nothing created.
  const auto early = post("k-dead", t0 + 30s, creates);
  ASSERT_FALSE(early.has_value());
  EXPECT_EQ(early.error().code, core::ErrorCode::kConflict);
  EXPECT_NE(early.error().message.find("still being answered"), std::string::npos) << early.error().message;
  const auto edge = post("k-dead", t0 + kAbandonedClaimAfter, creates);
  ASSERT_FALSE(edge.has_value());
  EXPECT_EQ(creates, 0);

  // After it, the claim is abandoned: this request claims the key and creates once.
  const auto retried = post("k-dead", t0 + kAbandonedClaimAfter + 1s, creates);
  ASSERT_TRUE(retried.has_value()) << retried.error().message;
  EXPECT_EQ(creates, 1);
  EXPECT_FALSE(retried->replayed);
  EXPECT_EQ(retried->status, 201);

  // Its answer is kept: later requests replay it, however late within the key's lifetime.
  const auto replay = post("k-dead", t0 + 23h, creates);
  ASSERT_TRUE(replay.has_value());
  EXPECT_TRUE(replay->replayed);
  EXPECT_EQ(replay->body, R"({"id":1})");
  EXPECT_EQ(creates, 1);
}

TEST_F(UserDataServiceTest, AnAnsweredKeyIsNeverAbandonedOnlyExpired) {
  const core::Timestamp t0 = instant("2026-03-01T10:00:00Z");
  int creates = 0;
  ASSERT_TRUE(post("k-done", t0, creates).has_value());
  const auto replay = post("k-done", t0 + 2h, creates, R"({"id":2})");
  ASSERT_TRUE(replay.has_value());
  EXPECT_TRUE(replay->replayed);
  EXPECT_EQ(replay->body, R"({"id":1})");
  EXPECT_EQ(creates, 1);
  const auto expired = post("k-done", t0 + kIdempotencyKeyLifetime + 1s, creates, R"({"id":3})");
  ASSERT_TRUE(expired.has_value());
  EXPECT_FALSE(expired->replayed);
  EXPECT_EQ(creates, 2);
}

TEST_F(UserDataServiceTest, PatchesFromManyThreadsLoseNoUpdate) {
  auto created = create_transactions(
      *db_, core::UserId(6),
      {core::Transaction{.id = core::TransactionId(), .date = *core::Date::parse_iso("2026-01-01"),
                         .amount = core::Money::from_minor(100, *core::Currency::from_code("USD")),
                         .type = core::TransactionType::kExpense, .category = "Food", .description = "",
                         .note = "", .account_id = std::nullopt, .external_id = std::nullopt}});
  ASSERT_TRUE(created.has_value());
  const core::TransactionId id = created->front().id;
  // Each thread sets its own member many times; in the end every member holds its last value.
  std::vector<std::thread> threads;
  threads.emplace_back([&] {
    for (int i = 1; i <= 50; ++i) ASSERT_TRUE(patch_transaction(*db_, core::UserId(6), id, {.category = "c" + std::to_string(i)}));
  });
  threads.emplace_back([&] {
    for (int i = 1; i <= 50; ++i) ASSERT_TRUE(patch_transaction(*db_, core::UserId(6), id, {.description = "d" + std::to_string(i)}));
  });
  threads.emplace_back([&] {
    for (int i = 1; i <= 50; ++i) ASSERT_TRUE(patch_transaction(*db_, core::UserId(6), id, {.note = "n" + std::to_string(i)}));
  });
  for (auto& thread : threads) thread.join();
  const auto stored = get_transaction(*db_, core::UserId(6), id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->category, "c50");
  EXPECT_EQ(stored->description, "d50");
  EXPECT_EQ(stored->note, "n50");
  EXPECT_EQ(stored->amount.minor_units(), 100);
  // A refused change stores nothing and answers its own error.
  const auto refused = patch_transaction(*db_, core::UserId(6), id, {.amount = std::string("abc"), .note = std::string("lost")});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kValidation);
  EXPECT_EQ(get_transaction(*db_, core::UserId(6), id)->note, "n50");
  const auto missing = patch_transaction(*db_, core::UserId(7), id, {.note = std::string("x")});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace finml::service
