// The storage ports' contract: one suite, run against every adapter (SQLite on a temporary
// file, PostgreSQL on a private server). An adapter is correct when it passes all of it.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <finml/core/date.hpp>
#include <finml/core/money.hpp>
#include <finml/core/text.hpp>
#include <finml/core/timestamp.hpp>
#include <finml/core/transaction.hpp>
#include <finml/storage/database.hpp>
#include <finml/storage/migrations.hpp>

#include "storage/contract_backends.hpp"

namespace finml::storage {
namespace {

using core::AccountId;
using core::Currency;
using core::Date;
using core::Money;
using core::Timestamp;
using core::Transaction;
using core::TransactionId;
using core::TransactionType;
using core::UserId;

template <class T>
::testing::AssertionResult ok(const core::Result<T>& result) {
  if (result) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "error " << static_cast<int>(result.error().code)
                                       << ": " << result.error().message;
}

Currency currency(std::string_view code) { return *Currency::from_code(code); }
Date date(std::string_view iso) { return *Date::parse_iso(iso); }
Timestamp instant(std::string_view text) { return *core::parse_timestamp(text); }

Transaction make_txn(std::string_view day, std::int64_t minor, std::string_view code = "USD",
                     std::string category = "Groceries") {
  return Transaction{
      .id = TransactionId(),
      .date = date(day),
      .amount = Money::from_minor(minor, currency(code)),
      .type = TransactionType::kExpense,
      .category = std::move(category),
      .description = "",
      .note = "",
      .account_id = std::nullopt,
      .external_id = std::nullopt,
  };
}

HealthScoreRecord make_score(UserId user, std::string_view at, double score,
                             std::string grade = "B") {
  HealthScoreRecord record;
  record.user_id = user;
  record.score = score;
  record.grade = std::move(grade);
  record.calculated_at = instant(at);
  return record;
}

/// Every stored field of a transaction but its id, for readable comparisons.
std::string describe(const Transaction& t) {
  return t.date.to_string() + " | " + std::to_string(t.amount.minor_units()) + " " +
         std::string(t.amount.currency().code()) + " | " + std::string(core::to_string(t.type)) +
         " | " + t.category + " | " + t.description + " | " + t.note + " | " +
         (t.account_id ? std::to_string(t.account_id->value()) : "null") + " | " +
         (t.external_id ? "\"" + *t.external_id + "\"" : "null");
}

std::string describe(const HealthScoreRecord& r) {
  return std::to_string(r.id) + " | " + std::to_string(r.user_id.value()) + " | " +
         std::to_string(r.score) + " " + r.grade + " | " + std::to_string(r.savings_rate_score) +
         " " + std::to_string(r.expense_consistency_score) + " " +
         std::to_string(r.emergency_fund_score) + " " + std::to_string(r.debt_ratio_score) + " " +
         std::to_string(r.goal_progress_score) + " | " + r.recommendations_json + " | " +
         core::format_timestamp(r.calculated_at);
}

std::vector<std::int64_t> ids_of(const std::vector<Transaction>& rows) {
  std::vector<std::int64_t> ids;
  for (const Transaction& row : rows) ids.push_back(row.id.value());
  return ids;
}

std::size_t utf8_characters(std::string_view text) {
  return static_cast<std::size_t>(std::ranges::count_if(
      text, [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

template <class Backend>
class RepositoryContractTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(backend_.prepare());
    ASSERT_NO_FATAL_FAILURE(reopen());
  }

  /// Destroys the Database and opens a new one on the same file or server database.
  void reopen() {
    database_.reset();
    auto opened = backend_.open();
    ASSERT_TRUE(ok(opened));
    database_ = std::move(*opened);
  }

  Database& db() { return *database_; }

  std::int64_t data_version(UserId user) {
    const auto found = db().users().find(user);
    EXPECT_TRUE(ok(found));
    EXPECT_TRUE(found && found->has_value());
    return found && found->has_value() ? (*found)->data_version : -1;
  }

  std::vector<Transaction> list(UserId user, const TransactionQuery& query = {}) {
    auto rows = db().transactions().list(user, query);
    EXPECT_TRUE(ok(rows));
    return rows ? *rows : std::vector<Transaction>{};
  }

  // Declared first so that it is destroyed last, after the Database that uses its database.
  Backend backend_;
  std::unique_ptr<Database> database_;
};

// The order matters: tests/storage/CMakeLists.txt gives instance 1 (PostgreSQL) the server.
using Backends = ::testing::Types<SqliteBackend, PostgresBackend>;
TYPED_TEST_SUITE(RepositoryContractTest, Backends);

// Stores `row` over the user's row `row.id` through modify(), as a PUT does.
template <class Repository, class Row>
auto store_over(Repository& repository, UserId user, const Row& row) {
  return repository.modify(user, row.id, [&row](Row& stored) -> core::Result<void> {
    stored = row;
    return {};
  });
}

// Users.

TYPED_TEST(RepositoryContractTest, EnsureCreatesTheUserOnceAndFindReadsIt) {
  const UserId user(7);
  const Timestamp before = std::chrono::time_point_cast<std::chrono::microseconds>(
      std::chrono::system_clock::now() - std::chrono::seconds(5));
  ASSERT_TRUE(ok(this->db().users().ensure(user)));
  ASSERT_TRUE(ok(this->db().users().ensure(user)));

  const auto found = this->db().users().find(user);
  ASSERT_TRUE(ok(found));
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, user);
  EXPECT_EQ((*found)->name, "");
  EXPECT_EQ((*found)->email, "");
  EXPECT_EQ((*found)->data_version, 0);
  EXPECT_GE((*found)->created_at, before);
  EXPECT_EQ(this->backend_.query_scalar("SELECT COUNT(*) FROM users"), "1");
}

TYPED_TEST(RepositoryContractTest, FindReturnsNothingForAnUnknownUser) {
  const auto found = this->db().users().find(UserId(404));
  ASSERT_TRUE(ok(found));
  EXPECT_FALSE(found->has_value());
}

TYPED_TEST(RepositoryContractTest, RemoveTakesTheUsersRowsInEveryTableWithIt) {
  const UserId user(1);
  const UserId other(2);
  const std::vector<Transaction> rows{make_txn("2025-01-01", 100), make_txn("2025-01-02", 200)};
  for (const UserId id : {user, other}) {
    ASSERT_TRUE(ok(this->db().transactions().insert(id, rows)));
    ASSERT_TRUE(ok(this->db().health_scores().append(make_score(id, "2025-01-03T00:00:00Z", 60))));
    ASSERT_TRUE(ok(this->db().model_parameters().upsert(ModelParameters{
        .user_id = id,
        .model_type = "ets",
        .target = "expense",
        .slope = std::nullopt,
        .intercept = std::nullopt,
        .parameters_json = "{}",
        .last_trained_date = date("2025-01-03"),
        .updated_at = instant("2025-01-03T00:00:00Z"),
    })));
  }

  const auto removed = this->db().users().remove(user);
  ASSERT_TRUE(ok(removed));
  EXPECT_TRUE(*removed);

  EXPECT_FALSE(this->db().users().find(user)->has_value());
  EXPECT_EQ(*this->db().transactions().count(user), 0);
  EXPECT_FALSE(this->db().health_scores().latest(user)->has_value());
  EXPECT_FALSE(this->db().model_parameters().find(user, "ets", "expense")->has_value());
  // The other user keeps everything.
  EXPECT_EQ(*this->db().transactions().count(other), 2);
  EXPECT_TRUE(this->db().health_scores().latest(other)->has_value());
  EXPECT_TRUE(this->db().model_parameters().find(other, "ets", "expense")->has_value());

  const auto removed_again = this->db().users().remove(user);
  ASSERT_TRUE(ok(removed_again));
  EXPECT_FALSE(*removed_again);
}

// Transactions.

TYPED_TEST(RepositoryContractTest, InsertReturnsNewIdsInInputOrder) {
  const UserId user(3);
  const std::vector<Transaction> rows{make_txn("2025-02-01", 300), make_txn("2025-02-01", 100),
                                      make_txn("2025-02-01", 200)};
  const auto ids = this->db().transactions().insert(user, rows);
  ASSERT_TRUE(ok(ids));
  ASSERT_EQ(ids->size(), rows.size());
  EXPECT_TRUE(std::ranges::is_sorted(*ids, std::less<>()));
  EXPECT_EQ(std::set<TransactionId>(ids->begin(), ids->end()).size(), rows.size());

  // Same date: the listing order is the id order, which is the input order.
  const std::vector<Transaction> listed = this->list(user);
  ASSERT_EQ(listed.size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(listed[i].id, (*ids)[i]);
    EXPECT_EQ(listed[i].amount, rows[i].amount);
  }
}

TYPED_TEST(RepositoryContractTest, ListOrdersByDateThenId) {
  const UserId user(3);
  const std::vector<Transaction> rows{make_txn("2025-03-05", 1), make_txn("2025-01-20", 2),
                                      make_txn("2025-03-05", 3), make_txn("2024-12-31", 4),
                                      make_txn("2025-01-20", 5)};
  ASSERT_TRUE(ok(this->db().transactions().insert(user, rows)));

  const std::vector<Transaction> listed = this->list(user);
  std::vector<std::int64_t> amounts;
  for (const Transaction& row : listed) amounts.push_back(row.amount.minor_units());
  EXPECT_EQ(amounts, (std::vector<std::int64_t>{4, 2, 5, 1, 3}));
  EXPECT_TRUE(std::ranges::is_sorted(listed, [](const Transaction& a, const Transaction& b) {
    return std::tie(a.date, a.id) < std::tie(b.date, b.id);
  }));
}

TYPED_TEST(RepositoryContractTest, DateFiltersIncludeBothBounds) {
  const UserId user(3);
  const std::vector<Transaction> rows{make_txn("2025-01-31", 1), make_txn("2025-02-01", 2),
                                      make_txn("2025-02-15", 3), make_txn("2025-02-28", 4),
                                      make_txn("2025-03-01", 5)};
  ASSERT_TRUE(ok(this->db().transactions().insert(user, rows)));

  const auto amounts = [&](const TransactionQuery& query) {
    std::vector<std::int64_t> out;
    for (const Transaction& row : this->list(user, query)) out.push_back(row.amount.minor_units());
    return out;
  };
  EXPECT_EQ(amounts({.from = date("2025-02-01"), .to = date("2025-02-28")}),
            (std::vector<std::int64_t>{2, 3, 4}));
  EXPECT_EQ(amounts({.from = date("2025-02-28")}), (std::vector<std::int64_t>{4, 5}));
  EXPECT_EQ(amounts({.to = date("2025-01-31")}), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(amounts({.from = date("2025-02-02"), .to = date("2025-02-14")}),
            (std::vector<std::int64_t>{}));
}

TYPED_TEST(RepositoryContractTest, KeysetPaginationWalksEveryRowExactlyOnce) {
  const UserId user(9);
  std::vector<Transaction> rows;
  // 25 rows over 6 dates, inserted out of date order, so that pages break inside a date.
  for (int i = 0; i < 25; ++i) {
    rows.push_back(make_txn(Date::from_days_since_epoch(20'000 + (i * 7) % 6).to_string(), i));
  }
  ASSERT_TRUE(ok(this->db().transactions().insert(user, rows)));
  ASSERT_TRUE(ok(this->db().transactions().insert(UserId(10), rows)));  // not to be seen
  const std::vector<std::int64_t> all = ids_of(this->list(user));
  ASSERT_EQ(all.size(), rows.size());

  std::vector<std::int64_t> walked;
  TransactionQuery query{.limit = 4};
  for (int page = 0; page < 20; ++page) {
    const std::vector<Transaction> rows_of_page = this->list(user, query);
    ASSERT_LE(rows_of_page.size(), 4U);
    if (rows_of_page.empty()) break;
    for (const Transaction& row : rows_of_page) walked.push_back(row.id.value());
    query.after = rows_of_page.back().id;
  }
  EXPECT_EQ(walked, all);

  // The cursor combines with the date bounds.
  const Date first_date = Date::from_days_since_epoch(20'001);
  const std::vector<Transaction> bounded =
      this->list(user, {.from = first_date, .to = first_date.plus_days(1)});
  ASSERT_GE(bounded.size(), 3U);
  const std::vector<Transaction> rest = this->list(
      user, {.from = first_date, .to = first_date.plus_days(1), .after = bounded[1].id});
  const std::vector<std::int64_t> bounded_ids = ids_of(bounded);
  EXPECT_EQ(ids_of(rest), std::vector<std::int64_t>(bounded_ids.begin() + 2, bounded_ids.end()));
}

TYPED_TEST(RepositoryContractTest, ListingAfterAnUnknownCursorIsAnError) {
  const UserId user(9);
  const std::vector<Transaction> rows{make_txn("2025-01-01", 1)};
  const auto ids = this->db().transactions().insert(user, rows);
  ASSERT_TRUE(ok(ids));

  const auto unknown = this->db().transactions().list(user, {.after = TransactionId(999'999)});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, core::ErrorCode::kInvalidArgument);
  // Another user's row is no cursor for this user.
  const auto foreign = this->db().transactions().list(UserId(10), {.after = ids->front()});
  ASSERT_FALSE(foreign.has_value());
  EXPECT_EQ(foreign.error().code, core::ErrorCode::kInvalidArgument);
}

TYPED_TEST(RepositoryContractTest, CountCountsOnlyTheUsersRows) {
  const std::vector<Transaction> three{make_txn("2025-01-01", 1), make_txn("2025-01-02", 2),
                                       make_txn("2025-01-03", 3)};
  ASSERT_TRUE(ok(this->db().transactions().insert(UserId(1), three)));
  ASSERT_TRUE(ok(this->db().transactions().insert(UserId(2), std::span(three).first(2))));
  EXPECT_EQ(*this->db().transactions().count(UserId(1)), 3);
  EXPECT_EQ(*this->db().transactions().count(UserId(2)), 2);
  EXPECT_EQ(*this->db().transactions().count(UserId(3)), 0);
}

TYPED_TEST(RepositoryContractTest, StoredTransactionsComeBackExactly) {
  const UserId user(11);
  ASSERT_TRUE(ok(this->db().users().ensure(user)));
  const AccountId account = create_account(this->backend_, user);

  std::string category;
  for (int i = 0; i < 50; ++i) category += "食";
  for (int i = 0; i < 50; ++i) category += "é";
  ASSERT_EQ(utf8_characters(category), 100U);

  std::vector<Transaction> rows;
  rows.push_back(Transaction{.id = TransactionId(),
                             .date = date("2025-03-01"),
                             .amount = Money::from_minor(-1'234, currency("USD")),
                             .type = TransactionType::kExpense,
                             .category = category,
                             .description = "Café de Flore, Paris",
                             .note = "",
                             .account_id = std::nullopt,
                             .external_id = "bank-ref-0001"});
  rows.push_back(Transaction{.id = TransactionId(),
                             .date = date("2025-03-02"),
                             .amount = Money::from_minor(500'000, currency("JPY")),
                             .type = TransactionType::kIncome,
                             .category = "Salary",
                             .description = "ACME 株式会社",
                             .note = "bonus; it's \"late\"",
                             .account_id = account,
                             .external_id = std::nullopt});
  rows.push_back(Transaction{.id = TransactionId(),
                             .date = date("1999-12-31"),
                             .amount = Money::from_minor(1'234'567, currency("KWD")),
                             .type = TransactionType::kSavings,
                             .category = "",
                             .description = "",
                             .note = "line one\nline two",
                             .account_id = std::nullopt,
                             .external_id = ""});
  rows.push_back(Transaction{.id = TransactionId(),
                             .date = date("2025-03-04"),
                             .amount = Money::from_minor(0, currency("USD")),
                             .type = TransactionType::kTransfer,
                             .category = "Transfer",
                             .description = "to savings",
                             .note = "",
                             .account_id = account,
                             .external_id = "x"});
  const auto ids = this->db().transactions().insert(user, rows);
  ASSERT_TRUE(ok(ids));

  const std::vector<Transaction> listed = this->list(user);
  ASSERT_EQ(listed.size(), rows.size());
  // Listed by date: the 1999 row comes first.
  const std::vector<std::size_t> input_index{2, 0, 1, 3};
  for (std::size_t i = 0; i < listed.size(); ++i) {
    EXPECT_EQ(describe(listed[i]), describe(rows[input_index[i]]));
    EXPECT_EQ(listed[i].id, (*ids)[input_index[i]]);
  }
}

TYPED_TEST(RepositoryContractTest, InsertIsAllOrNothing) {
  const UserId user(12);
  const std::vector<Transaction> first{make_txn("2025-01-01", 1)};
  ASSERT_TRUE(ok(this->db().transactions().insert(user, first)));
  const std::int64_t version = this->data_version(user);

  std::vector<Transaction> batch{make_txn("2025-01-02", 2), make_txn("2025-01-03", 3),
                                 make_txn("2025-01-04", 4)};
  batch[2].account_id = AccountId(987'654);  // no such account: a foreign key violation
  const auto inserted = this->db().transactions().insert(user, batch);
  EXPECT_FALSE(inserted.has_value());
  EXPECT_EQ(*this->db().transactions().count(user), 1);
  EXPECT_EQ(this->data_version(user), version);

  // A failed first write leaves not even the user behind.
  const UserId newcomer(13);
  EXPECT_FALSE(this->db().transactions().insert(newcomer, batch).has_value());
  EXPECT_EQ(*this->db().transactions().count(newcomer), 0);
  EXPECT_FALSE(this->db().users().find(newcomer)->has_value());

  // The database is still usable afterwards.
  EXPECT_TRUE(ok(this->db().transactions().insert(user, std::span(batch).first(2))));
  EXPECT_EQ(*this->db().transactions().count(user), 3);
}

TYPED_TEST(RepositoryContractTest, DataVersionGrowsWithEveryWriteToTheUsersData) {
  const UserId user(14);
  ASSERT_TRUE(ok(this->db().users().ensure(user)));
  EXPECT_EQ(this->data_version(user), 0);

  const std::vector<Transaction> rows{make_txn("2025-01-01", 1), make_txn("2025-01-02", 2)};
  ASSERT_TRUE(ok(this->db().transactions().insert(user, rows)));
  EXPECT_EQ(this->data_version(user), 1);
  ASSERT_TRUE(ok(this->db().health_scores().append(make_score(user, "2025-01-03T00:00:00Z", 50))));
  EXPECT_EQ(this->data_version(user), 2);
  const ModelParameters parameters{.user_id = user,
                                   .model_type = "linear_regression",
                                   .target = "expense",
                                   .slope = 1.0,
                                   .intercept = 0.0,
                                   .parameters_json = "{}",
                                   .last_trained_date = date("2025-01-03"),
                                   .updated_at = instant("2025-01-03T00:00:00Z")};
  ASSERT_TRUE(ok(this->db().model_parameters().upsert(parameters)));
  EXPECT_EQ(this->data_version(user), 3);
  ASSERT_TRUE(ok(this->db().model_parameters().upsert(parameters)));
  EXPECT_EQ(this->data_version(user), 4);

  // Reads, ensure and other users' writes leave it alone.
  ASSERT_TRUE(ok(this->db().users().ensure(user)));
  static_cast<void>(this->list(user));
  ASSERT_TRUE(ok(this->db().transactions().insert(UserId(15), rows)));
  EXPECT_EQ(this->data_version(user), 4);
}

// Upserting transactions.

TYPED_TEST(RepositoryContractTest, UpsertReplacesRowsOfTheSameExternalIdAndInsertsTheRest) {
  const UserId user(60);
  ASSERT_TRUE(ok(this->db().users().ensure(user)));
  const AccountId account = create_account(this->backend_, user);
  std::vector<Transaction> first{make_txn("2025-01-01", 100), make_txn("2025-01-02", 200),
                                 make_txn("2025-01-03", 300)};
  first[0].external_id = "client-1";
  first[0].account_id = account;
  first[2].external_id = "client-3";
  const auto first_ids = this->db().transactions().upsert(user, first);
  ASSERT_TRUE(ok(first_ids));
  ASSERT_EQ(first_ids->size(), 3U);
  EXPECT_EQ(std::set<TransactionId>(first_ids->begin(), first_ids->end()).size(), 3U);
  EXPECT_EQ(this->data_version(user), 1);

  // client-1 comes again with every replaceable field changed; client-4 is new, and a row
  // without external_id is always a new row.
  Transaction changed{.id = TransactionId(),
                      .date = date("2024-12-24"),
                      .amount = Money::from_minor(5'000, currency("EUR")),
                      .type = TransactionType::kIncome,
                      .category = "Gifts",
                      .description = "from grandma",
                      .note = "merry",
                      .account_id = std::nullopt,
                      .external_id = "client-1"};
  std::vector<Transaction> second{make_txn("2025-02-01", 400), changed,
                                  make_txn("2025-02-02", 500)};
  second[0].external_id = "client-4";
  const auto second_ids = this->db().transactions().upsert(user, second);
  ASSERT_TRUE(ok(second_ids));
  ASSERT_EQ(second_ids->size(), 3U);
  EXPECT_EQ((*second_ids)[1], (*first_ids)[0]);
  EXPECT_EQ(std::set<TransactionId>({(*first_ids)[0], (*first_ids)[1], (*first_ids)[2],
                                     (*second_ids)[0], (*second_ids)[2]})
                .size(),
            5U);
  EXPECT_EQ(*this->db().transactions().count(user), 5);
  EXPECT_EQ(this->data_version(user), 2);

  const std::vector<Transaction> listed = this->list(user);
  ASSERT_EQ(listed.size(), 5U);
  // The replaced row moved to its new date (first by date) and kept its id and account.
  EXPECT_EQ(listed[0].id, (*first_ids)[0]);
  Transaction expected = changed;
  expected.account_id = account;
  EXPECT_EQ(describe(listed[0]), describe(expected));
  EXPECT_EQ(describe(listed[1]), describe(first[1]));
  EXPECT_EQ(describe(listed[2]), describe(first[2]));
  EXPECT_EQ(describe(listed[3]), describe(second[0]));
  EXPECT_EQ(describe(listed[4]), describe(second[2]));
  EXPECT_EQ(this->backend_.query_scalar("SELECT COUNT(*) FROM transactions WHERE created_at = "
                                        "updated_at AND id = " +
                                        std::to_string((*first_ids)[0].value())),
            "0");
}

TYPED_TEST(RepositoryContractTest, ExternalIdsBelongToTheirUser) {
  std::vector<Transaction> rows{make_txn("2025-01-01", 1)};
  rows[0].external_id = "shared";
  const auto mine = this->db().transactions().upsert(UserId(61), rows);
  ASSERT_TRUE(ok(mine));
  rows[0].amount = Money::from_minor(2, currency("USD"));
  const auto theirs = this->db().transactions().upsert(UserId(62), rows);
  ASSERT_TRUE(ok(theirs));
  EXPECT_NE(mine->front(), theirs->front());
  EXPECT_EQ(this->list(UserId(61)).front().amount.minor_units(), 1);
  EXPECT_EQ(this->list(UserId(62)).front().amount.minor_units(), 2);
}

TYPED_TEST(RepositoryContractTest, RowsOfOneUpsertSharingAnExternalIdEndAsOneRowTheLastWins) {
  const UserId user(63);
  std::vector<Transaction> rows{make_txn("2025-01-01", 1), make_txn("2025-01-02", 2),
                                make_txn("2025-01-03", 3), make_txn("2025-01-04", 4)};
  rows[0].external_id = "dup";
  rows[2].external_id = "dup";
  rows[3].external_id = "dup";
  const auto ids = this->db().transactions().upsert(user, rows);
  ASSERT_TRUE(ok(ids));
  ASSERT_EQ(ids->size(), 4U);
  EXPECT_EQ((*ids)[0], (*ids)[3]);
  EXPECT_EQ((*ids)[2], (*ids)[3]);
  EXPECT_NE((*ids)[1], (*ids)[3]);
  const std::vector<Transaction> listed = this->list(user);
  ASSERT_EQ(listed.size(), 2U);
  EXPECT_EQ(listed[1].id, (*ids)[3]);
  EXPECT_EQ(describe(listed[1]), describe(rows[3]));
}

TYPED_TEST(RepositoryContractTest, UpsertIsAllOrNothing) {
  const UserId user(64);
  std::vector<Transaction> first{make_txn("2025-01-01", 1)};
  first[0].external_id = "keep-me";
  ASSERT_TRUE(ok(this->db().transactions().upsert(user, first)));
  const std::int64_t version = this->data_version(user);

  std::vector<Transaction> batch{make_txn("2025-01-02", 2), make_txn("2025-01-03", 3),
                                 make_txn("2025-01-04", 4)};
  batch[0].external_id = "keep-me";                 // would replace the stored row
  batch[2].account_id = AccountId(987'654);  // no such account: a foreign key violation
  EXPECT_FALSE(this->db().transactions().upsert(user, batch).has_value());
  const std::vector<Transaction> listed = this->list(user);
  ASSERT_EQ(listed.size(), 1U);
  EXPECT_EQ(describe(listed[0]), describe(first[0]));
  EXPECT_EQ(this->data_version(user), version);

  const UserId newcomer(65);
  EXPECT_FALSE(this->db().transactions().upsert(newcomer, batch).has_value());
  EXPECT_FALSE(this->db().users().find(newcomer)->has_value());

  EXPECT_TRUE(ok(this->db().transactions().upsert(user, std::span(batch).first(2))));
  EXPECT_EQ(*this->db().transactions().count(user), 2);
}

TYPED_TEST(RepositoryContractTest, UpsertOfNothingChangesNothing) {
  const UserId user(66);
  const auto ids = this->db().transactions().upsert(user, std::span<const Transaction>());
  ASSERT_TRUE(ok(ids));
  EXPECT_TRUE(ids->empty());
  EXPECT_EQ(this->data_version(user), 0);  // created, as with insert, but not changed
}

TYPED_TEST(RepositoryContractTest, InsertRefusesAnExternalIdTheUserAlreadyHas) {
  const UserId user(67);
  std::vector<Transaction> rows{make_txn("2025-01-01", 1)};
  rows[0].external_id = "once";
  ASSERT_TRUE(ok(this->db().transactions().insert(user, rows)));
  std::vector<Transaction> again{make_txn("2025-01-02", 2), rows[0]};
  EXPECT_FALSE(this->db().transactions().insert(user, again).has_value());
  EXPECT_EQ(*this->db().transactions().count(user), 1);
}

TYPED_TEST(RepositoryContractTest, UpsertHandlesAHundredThousandRows) {
  constexpr int kRows = 100'000;
  const UserId user(68);
  std::vector<Transaction> rows;
  rows.reserve(kRows);
  for (int i = 0; i < kRows; ++i) {
    rows.push_back(make_txn(Date::from_days_since_epoch(19'000 + i % 1'000).to_string(), i));
    if (i % 2 == 0) rows.back().external_id = "ext-" + std::to_string(i);
  }
  const auto started = std::chrono::steady_clock::now();
  const auto first = this->db().transactions().upsert(user, rows);
  ASSERT_TRUE(ok(first));
  ASSERT_EQ(first->size(), static_cast<std::size_t>(kRows));

  // Again, every amount doubled: the rows with an external id are replaced, the others added.
  for (Transaction& row : rows) {
    row.amount = Money::from_minor(row.amount.minor_units() * 2, row.amount.currency());
  }
  const auto second = this->db().transactions().upsert(user, rows);
  ASSERT_TRUE(ok(second));
  ASSERT_EQ(second->size(), static_cast<std::size_t>(kRows));
  const auto elapsed = std::chrono::steady_clock::now() - started;
  // Row-at-a-time round trips would take minutes; batches take seconds even under sanitizers.
  EXPECT_LT(elapsed, std::chrono::seconds(90));

  for (int i = 0; i < kRows; ++i) {
    const auto index = static_cast<std::size_t>(i);
    if (i % 2 == 0) {
      ASSERT_EQ((*second)[index], (*first)[index]) << "row " << i;
    } else {
      ASSERT_NE((*second)[index], (*first)[index]) << "row " << i;
    }
  }
  EXPECT_EQ(*this->db().transactions().count(user), kRows + kRows / 2);
  const std::string sum =
      this->backend_.query_scalar("SELECT SUM(amount_minor) FROM transactions WHERE user_id = 68");
  // Replaced even rows: 2i; odd rows twice: i and 2i.
  std::int64_t expected = 0;
  for (std::int64_t i = 0; i < kRows; ++i) expected += i % 2 == 0 ? 2 * i : 3 * i;
  EXPECT_EQ(sum, std::to_string(expected));
}

TYPED_TEST(RepositoryContractTest, ExternalIdMigrationKeepsTheNewestOfDuplicateRows) {
  // A database of before the unique index: drop it, store duplicates, then run the migration
  // that made it (version 2) again.
  const std::string_view migration = this->backend_.migration_sql(2);
  ASSERT_FALSE(migration.empty());
  this->backend_.run_script("DROP INDEX ux_transactions_user_external_id");
  const UserId user(69);
  const UserId bystander(70);
  std::vector<Transaction> rows{make_txn("2025-01-01", 1), make_txn("2025-01-02", 2),
                                make_txn("2025-01-03", 3), make_txn("2025-01-04", 4),
                                make_txn("2025-01-05", 5), make_txn("2025-01-06", 6)};
  rows[0].external_id = "x";  // made newest below by its updated_at
  rows[1].external_id = "x";
  rows[2].external_id = "x";
  rows[3].external_id = "y";  // same updated_at as the next: the higher id wins
  rows[4].external_id = "y";
  const auto ids = this->db().transactions().insert(user, rows);
  ASSERT_TRUE(ok(ids));
  std::vector<Transaction> unique_rows{make_txn("2025-01-01", 7)};
  unique_rows[0].external_id = "x";
  ASSERT_TRUE(ok(this->db().transactions().insert(bystander, unique_rows)));
  this->backend_.run_script(
      "UPDATE transactions SET updated_at = '2099-01-01T00:00:00.000000Z' WHERE id = " +
      std::to_string((*ids)[0].value()));
  const std::int64_t version = this->data_version(user);
  const std::int64_t bystander_version = this->data_version(bystander);

  this->backend_.run_script(migration);

  std::vector<std::int64_t> remaining = ids_of(this->list(user));
  EXPECT_EQ(remaining, (std::vector<std::int64_t>{(*ids)[0].value(), (*ids)[4].value(),
                                                  (*ids)[5].value()}));
  EXPECT_EQ(*this->db().transactions().count(bystander), 1);
  EXPECT_EQ(this->data_version(user), version + 1);
  EXPECT_EQ(this->data_version(bystander), bystander_version);
  // The index is back: upserts replace again.
  rows[0].amount = Money::from_minor(100, currency("USD"));
  const auto replaced = this->db().transactions().upsert(user, std::span(rows).first(1));
  ASSERT_TRUE(ok(replaced));
  EXPECT_EQ(replaced->front(), (*ids)[0]);
  EXPECT_EQ(*this->db().transactions().count(user), 3);
}

// Health scores.

TYPED_TEST(RepositoryContractTest, HealthScoresComeBackExactly) {
  HealthScoreRecord record = make_score(UserId(20), "2025-06-01T10:15:30.123456Z", 72.35, "C");
  record.savings_rate_score = 0.1;
  record.expense_consistency_score = 1.0 / 3.0;
  record.emergency_fund_score = 100.0;
  record.debt_ratio_score = 0.0;
  record.goal_progress_score = 12.5;
  record.recommendations_json = R"([{"title":"Épargne","priority":1}])";
  const auto id = this->db().health_scores().append(record);
  ASSERT_TRUE(ok(id));
  EXPECT_GT(*id, 0);
  record.id = *id;

  const auto latest = this->db().health_scores().latest(record.user_id);
  ASSERT_TRUE(ok(latest));
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ(describe(**latest), describe(record));
  // Doubles are stored exactly, not rounded to some digits.
  EXPECT_EQ((*latest)->score, 72.35);
  EXPECT_EQ((*latest)->savings_rate_score, 0.1);
  EXPECT_EQ((*latest)->expense_consistency_score, 1.0 / 3.0);
  EXPECT_EQ((*latest)->calculated_at, record.calculated_at);
}

TYPED_TEST(RepositoryContractTest, ListSinceIncludesTheBoundaryAndIsOldestFirst) {
  const UserId user(21);
  // Out of order; a whole second, one microsecond after it, and a tenth of a second after it,
  // so that a text form of varying width would sort them wrongly.
  for (const auto& [at, score] : {std::pair{"2025-06-01T10:00:00.100000Z", 3.0},
                                  std::pair{"2025-06-01T10:00:00Z", 1.0},
                                  std::pair{"2025-05-31T23:59:59.999999Z", 0.0},
                                  std::pair{"2025-06-01T10:00:00.000001Z", 2.0}}) {
    ASSERT_TRUE(ok(this->db().health_scores().append(make_score(user, at, score))));
  }
  ASSERT_TRUE(
      ok(this->db().health_scores().append(make_score(UserId(22), "2025-06-02T00:00:00Z", 9))));

  const auto since = this->db().health_scores().list_since(user, instant("2025-06-01T10:00:00Z"));
  ASSERT_TRUE(ok(since));
  std::vector<double> scores;
  for (const HealthScoreRecord& r : *since) scores.push_back(r.score);
  EXPECT_EQ(scores, (std::vector<double>{1.0, 2.0, 3.0}));
  EXPECT_EQ(since->front().calculated_at, instant("2025-06-01T10:00:00Z"));

  const auto after_all =
      this->db().health_scores().list_since(user, instant("2025-06-01T10:00:00.100001Z"));
  ASSERT_TRUE(ok(after_all));
  EXPECT_TRUE(after_all->empty());
}

TYPED_TEST(RepositoryContractTest, LatestIsTheMostRecentScore) {
  const UserId user(23);
  EXPECT_FALSE(this->db().health_scores().latest(user)->has_value());
  ASSERT_TRUE(ok(this->db().health_scores().append(make_score(user, "2025-06-03T00:00:00Z", 80))));
  ASSERT_TRUE(ok(this->db().health_scores().append(make_score(user, "2025-06-01T00:00:00Z", 10))));
  const auto latest = this->db().health_scores().latest(user);
  ASSERT_TRUE(ok(latest));
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->score, 80.0);
}

TYPED_TEST(RepositoryContractTest, LatestScoresOfAllUsersTakesEachUsersLatest) {
  auto& scores = this->db().health_scores();
  ASSERT_TRUE(ok(scores.append(make_score(UserId(1), "2025-01-01T00:00:00Z", 50))));
  ASSERT_TRUE(ok(scores.append(make_score(UserId(1), "2025-02-01T00:00:00Z", 70))));
  ASSERT_TRUE(ok(scores.append(make_score(UserId(2), "2025-01-15T00:00:00Z", 30))));
  ASSERT_TRUE(ok(scores.append(make_score(UserId(3), "2025-03-01T00:00:00Z", 90))));
  ASSERT_TRUE(ok(scores.append(make_score(UserId(3), "2025-01-01T00:00:00Z", 10))));
  ASSERT_TRUE(ok(this->db().users().ensure(UserId(4))));  // no score: not counted

  auto latest = scores.latest_scores_of_all_users();
  ASSERT_TRUE(ok(latest));
  std::ranges::sort(*latest);
  EXPECT_EQ(*latest, (std::vector<double>{30.0, 70.0, 90.0}));
}

// Latest insights.

InsightsSnapshot make_insights(UserId user, std::string json, std::string_view computed_at) {
  return InsightsSnapshot{.user_id = user, .insights_json = std::move(json), .computed_at = instant(computed_at)};
}

// The response cache keys stored-data answers on (data_version, created_at): saving insights
// must move the version, and a user deleted and created again must not repeat an old pair.
TYPED_TEST(RepositoryContractTest, CacheKeyPartsChangeWithInsightsAndWithRecreation) {
  const UserId user(17);
  ASSERT_TRUE(ok(this->db().users().ensure(user)));
  ASSERT_TRUE(ok(this->db().insights().save_latest(make_insights(user, "{}", "2025-12-01T00:00:00Z"))));
  EXPECT_EQ(this->data_version(user), 1);
  ASSERT_TRUE(ok(this->db().insights().save_latest(make_insights(user, "{}", "2025-12-02T00:00:00Z"))));
  EXPECT_EQ(this->data_version(user), 2);

  ASSERT_TRUE(ok(this->db().users().ensure(user)));
  const auto before = this->db().users().find(user);
  ASSERT_TRUE(ok(before) && before->has_value());
  ASSERT_TRUE(ok(this->db().users().remove(user)));
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  ASSERT_TRUE(ok(this->db().transactions().insert(user, std::vector<Transaction>{make_txn("2025-01-01", 1)})));
  ASSERT_TRUE(ok(this->db().transactions().insert(user, std::vector<Transaction>{make_txn("2025-01-02", 2)})));
  const auto after = this->db().users().find(user);
  ASSERT_TRUE(ok(after) && after->has_value());
  EXPECT_EQ((*after)->data_version, 2);  // the same version as before the removal...
  EXPECT_GT((*after)->created_at, (*before)->created_at);  // ...but not the same user
}

TYPED_TEST(RepositoryContractTest, LatestInsightsAreNothingForAUserWithoutAny) {
  ASSERT_TRUE(ok(this->db().users().ensure(UserId(70))));
  for (const UserId user : {UserId(70), UserId(404)}) {
    const auto latest = this->db().insights().latest(user);
    ASSERT_TRUE(ok(latest));
    EXPECT_FALSE(latest->has_value());
  }
}

TYPED_TEST(RepositoryContractTest, SaveLatestInsightsCreatesTheUserAndComesBackExactly) {
  const UserId user(71);
  // UTF-8, quotes and a microsecond instant survive as they were given.
  const InsightsSnapshot saved =
      make_insights(user, R"({"insights":[{"category":"Café \"Ö\""}],"n":1.5})", "2025-12-08T12:00:00.123456Z");
  ASSERT_TRUE(ok(this->db().insights().save_latest(saved)));

  EXPECT_TRUE(this->db().users().find(user)->has_value());
  EXPECT_EQ(this->data_version(user), 1);
  const auto latest = this->db().insights().latest(user);
  ASSERT_TRUE(ok(latest));
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->user_id, user);
  EXPECT_EQ((*latest)->insights_json, saved.insights_json);
  EXPECT_EQ((*latest)->computed_at, saved.computed_at);
}

TYPED_TEST(RepositoryContractTest, SaveLatestInsightsReplacesOnlyThatUsersInsights) {
  const UserId user(72);
  const UserId other(73);
  ASSERT_TRUE(ok(this->db().insights().save_latest(make_insights(user, "{\"v\":1}", "2025-12-01T00:00:00Z"))));
  ASSERT_TRUE(ok(this->db().insights().save_latest(make_insights(other, "{\"v\":9}", "2025-12-02T00:00:00Z"))));
  // The last write wins, even with an earlier timestamp: it is what was computed last.
  ASSERT_TRUE(ok(this->db().insights().save_latest(make_insights(user, "{\"v\":2}", "2025-11-30T00:00:00Z"))));

  const auto latest = this->db().insights().latest(user);
  ASSERT_TRUE(ok(latest));
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->insights_json, "{\"v\":2}");
  EXPECT_EQ((*latest)->computed_at, instant("2025-11-30T00:00:00Z"));
  EXPECT_EQ(this->data_version(user), 2);
  EXPECT_EQ((*this->db().insights().latest(other))->insights_json, "{\"v\":9}");
  EXPECT_EQ(this->backend_.query_scalar("SELECT COUNT(*) FROM latest_insights"), "2");
}

TYPED_TEST(RepositoryContractTest, RemovingAUserRemovesTheirInsights) {
  const UserId user(74);
  const UserId other(75);
  ASSERT_TRUE(ok(this->db().insights().save_latest(make_insights(user, "{}", "2025-12-01T00:00:00Z"))));
  ASSERT_TRUE(ok(this->db().insights().save_latest(make_insights(other, "{}", "2025-12-01T00:00:00Z"))));
  ASSERT_TRUE(ok(this->db().users().remove(user)));
  EXPECT_FALSE(this->db().insights().latest(user)->has_value());
  EXPECT_TRUE(this->db().insights().latest(other)->has_value());
}

TYPED_TEST(RepositoryContractTest, LatestInsightsSurviveARestart) {
  const UserId user(76);
  const InsightsSnapshot saved = make_insights(user, R"({"success":true})", "2025-12-08T12:00:00.000001Z");
  ASSERT_TRUE(ok(this->db().insights().save_latest(saved)));
  ASSERT_NO_FATAL_FAILURE(this->reopen());
  const auto latest = this->db().insights().latest(user);
  ASSERT_TRUE(ok(latest));
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->insights_json, saved.insights_json);
  EXPECT_EQ((*latest)->computed_at, saved.computed_at);
}

// API keys.

ApiKeyRecord make_key(std::string id, std::optional<UserId> user, std::string_view created_at) {
  return ApiKeyRecord{.id = std::move(id),
                      .user_id = user,
                      .name = "",
                      .secret_hash = std::string(64, 'a'),
                      .created_at = instant(created_at),
                      .revoked_at = std::nullopt};
}

TYPED_TEST(RepositoryContractTest, ApiKeysComeBackExactlyAsCreated) {
  ApiKeyRecord user_key = make_key("k1user", UserId(42), "2025-12-08T12:00:00.123456Z");
  user_key.name = "Café \"phone\"";
  user_key.secret_hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  const ApiKeyRecord admin_key = make_key("k2admin", std::nullopt, "2025-12-08T12:00:01Z");
  ASSERT_TRUE(ok(this->db().api_keys().create(user_key)));
  ASSERT_TRUE(ok(this->db().api_keys().create(admin_key)));

  const auto found = this->db().api_keys().find("k1user");
  ASSERT_TRUE(ok(found));
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, "k1user");
  EXPECT_EQ((*found)->user_id, UserId(42));
  EXPECT_FALSE((*found)->admin());
  EXPECT_EQ((*found)->name, user_key.name);
  EXPECT_EQ((*found)->secret_hash, user_key.secret_hash);
  EXPECT_EQ((*found)->created_at, user_key.created_at);
  EXPECT_FALSE((*found)->revoked_at.has_value());

  const auto admin = this->db().api_keys().find("k2admin");
  ASSERT_TRUE(ok(admin));
  ASSERT_TRUE(admin->has_value());
  EXPECT_TRUE((*admin)->admin());
  EXPECT_FALSE((*admin)->user_id.has_value());
  // A key is not a user's data: creating one neither creates the user nor changes its data.
  EXPECT_FALSE(this->db().users().find(UserId(42))->has_value());
}

TYPED_TEST(RepositoryContractTest, FindingAnUnknownApiKeyIsNothing) {
  ASSERT_TRUE(ok(this->db().api_keys().create(make_key("known", UserId(1), "2025-01-01T00:00:00Z"))));
  for (const std::string_view id : {"unknown", "KNOWN", "know", ""}) {
    const auto found = this->db().api_keys().find(id);
    ASSERT_TRUE(ok(found));
    EXPECT_FALSE(found->has_value()) << id;
  }
}

TYPED_TEST(RepositoryContractTest, CreatingAnApiKeyWithATakenIdFailsAndKeepsTheFirst) {
  ASSERT_TRUE(ok(this->db().api_keys().create(make_key("same", UserId(1), "2025-01-01T00:00:00Z"))));
  EXPECT_FALSE(this->db().api_keys().create(make_key("same", UserId(2), "2025-01-02T00:00:00Z")));
  EXPECT_EQ((*this->db().api_keys().find("same"))->user_id, UserId(1));
  EXPECT_EQ(this->backend_.query_scalar("SELECT COUNT(*) FROM api_keys"), "1");
}

TYPED_TEST(RepositoryContractTest, ApiKeysAreListedByCreationTimeWithRevokedOnes) {
  ASSERT_TRUE(ok(this->db().api_keys().create(make_key("b", UserId(2), "2025-01-02T00:00:00Z"))));
  ASSERT_TRUE(ok(this->db().api_keys().create(make_key("c", std::nullopt, "2025-01-01T00:00:00Z"))));
  ASSERT_TRUE(ok(this->db().api_keys().create(make_key("a", UserId(1), "2025-01-02T00:00:00Z"))));
  ASSERT_TRUE(ok(this->db().api_keys().revoke("b", instant("2025-02-01T00:00:00Z"))));
  const auto listed = this->db().api_keys().list();
  ASSERT_TRUE(ok(listed));
  std::vector<std::string> ids;
  for (const ApiKeyRecord& key : *listed) ids.push_back(key.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"c", "a", "b"}));
  EXPECT_TRUE((*listed)[2].revoked_at.has_value());
  EXPECT_FALSE((*listed)[0].revoked_at.has_value());
}

TYPED_TEST(RepositoryContractTest, RevokingAnApiKeyKeepsTheFirstRevocationTime) {
  ASSERT_TRUE(ok(this->db().api_keys().create(make_key("k", UserId(5), "2025-01-01T00:00:00Z"))));
  ASSERT_TRUE(ok(this->db().api_keys().create(make_key("other", UserId(5), "2025-01-01T00:00:00Z"))));
  const auto revoked = this->db().api_keys().revoke("k", instant("2025-03-01T10:00:00.5Z"));
  ASSERT_TRUE(ok(revoked));
  EXPECT_TRUE(*revoked);
  const auto again = this->db().api_keys().revoke("k", instant("2025-04-01T00:00:00Z"));
  ASSERT_TRUE(ok(again));
  EXPECT_TRUE(*again);
  EXPECT_EQ((*this->db().api_keys().find("k"))->revoked_at, instant("2025-03-01T10:00:00.5Z"));
  EXPECT_FALSE((*this->db().api_keys().find("other"))->revoked_at.has_value());

  const auto unknown = this->db().api_keys().revoke("nope", instant("2025-03-01T00:00:00Z"));
  ASSERT_TRUE(ok(unknown));
  EXPECT_FALSE(*unknown);
}

TYPED_TEST(RepositoryContractTest, ApiKeysSurviveARestartAndTheirUsersRemoval) {
  ASSERT_TRUE(ok(this->db().transactions().insert(UserId(9), std::vector{make_txn("2025-01-01", 1)})));
  ASSERT_TRUE(ok(this->db().api_keys().create(make_key("kept", UserId(9), "2025-01-01T00:00:00Z"))));
  ASSERT_TRUE(ok(this->db().users().remove(UserId(9))));
  ASSERT_NO_FATAL_FAILURE(this->reopen());
  const auto found = this->db().api_keys().find("kept");
  ASSERT_TRUE(ok(found));
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->user_id, UserId(9));
}

// Model parameters.

TYPED_TEST(RepositoryContractTest, UpsertReplacesTheRowOfTheSameModelAndTarget) {
  const UserId user(30);
  const ModelParameters first{.user_id = user,
                              .model_type = "linear_regression",
                              .target = "transactions_savings",
                              .slope = 0.1,
                              .intercept = -20.25,
                              .parameters_json = R"({"r2":0.91})",
                              .last_trained_date = date("2025-05-01"),
                              .updated_at = instant("2025-05-01T08:00:00.5Z")};
  const auto first_id = this->db().model_parameters().upsert(first);
  ASSERT_TRUE(ok(first_id));

  const ModelParameters second{.user_id = user,
                               .model_type = "linear_regression",
                               .target = "transactions_savings",
                               .slope = std::nullopt,
                               .intercept = 1.0 / 3.0,
                               .parameters_json = R"({"r2":0.5,"n":12})",
                               .last_trained_date = date("2025-06-01"),
                               .updated_at = instant("2025-06-01T08:00:00.000001Z")};
  const auto second_id = this->db().model_parameters().upsert(second);
  ASSERT_TRUE(ok(second_id));
  EXPECT_EQ(*second_id, *first_id);
  EXPECT_EQ(this->backend_.query_scalar("SELECT COUNT(*) FROM model_parameters"), "1");

  const auto found =
      this->db().model_parameters().find(user, "linear_regression", "transactions_savings");
  ASSERT_TRUE(ok(found));
  ASSERT_TRUE(found->has_value());
  const ModelParameters& stored = **found;
  EXPECT_EQ(stored.user_id, user);
  EXPECT_EQ(stored.model_type, "linear_regression");
  EXPECT_EQ(stored.target, "transactions_savings");
  EXPECT_FALSE(stored.slope.has_value());
  EXPECT_EQ(stored.intercept, 1.0 / 3.0);
  EXPECT_EQ(stored.parameters_json, second.parameters_json);
  EXPECT_EQ(stored.last_trained_date.to_string(), "2025-06-01");
  EXPECT_EQ(stored.updated_at, second.updated_at);

  // Another target is another row.
  ModelParameters other = first;
  other.target = "expense";
  const auto other_id = this->db().model_parameters().upsert(other);
  ASSERT_TRUE(ok(other_id));
  EXPECT_NE(*other_id, *first_id);
  const auto other_found = this->db().model_parameters().find(user, "linear_regression", "expense");
  ASSERT_TRUE(ok(other_found));
  ASSERT_TRUE(other_found->has_value());
  EXPECT_EQ((*other_found)->slope, 0.1);
}

TYPED_TEST(RepositoryContractTest, FindModelParametersReturnsNothingWhenUnknown) {
  const auto found = this->db().model_parameters().find(UserId(31), "ets", "expense");
  ASSERT_TRUE(ok(found));
  EXPECT_FALSE(found->has_value());
}

TYPED_TEST(RepositoryContractTest, FindAndListCarryTheIdThatUpsertReturned) {
  const UserId user(32);
  ModelParameters parameters{.user_id = user,
                             .model_type = "linear_regression",
                             .target = "transactions_savings",
                             .slope = 105.0,
                             .intercept = 1005.0,
                             .parameters_json = R"({"r2_score":1.0})",
                             .last_trained_date = date("2025-12-08"),
                             .updated_at = instant("2025-12-08T12:00:00Z")};
  const auto savings_id = this->db().model_parameters().upsert(parameters);
  ASSERT_TRUE(ok(savings_id));
  EXPECT_GT(*savings_id, 0);
  parameters.model_type = "ets";
  parameters.target = "expense";
  parameters.slope = std::nullopt;
  const auto ets_id = this->db().model_parameters().upsert(parameters);
  ASSERT_TRUE(ok(ets_id));
  parameters.model_type = "arima";
  const auto arima_id = this->db().model_parameters().upsert(parameters);
  ASSERT_TRUE(ok(arima_id));
  parameters.user_id = UserId(33);  // another user's model: not listed
  ASSERT_TRUE(ok(this->db().model_parameters().upsert(parameters)));

  const auto found =
      this->db().model_parameters().find(user, "linear_regression", "transactions_savings");
  ASSERT_TRUE(ok(found));
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, *savings_id);

  const auto listed = this->db().model_parameters().list(user);
  ASSERT_TRUE(ok(listed));
  ASSERT_EQ(listed->size(), 3U);
  // Ordered by (model_type, target).
  EXPECT_EQ((*listed)[0].id, *arima_id);
  EXPECT_EQ((*listed)[0].model_type, "arima");
  EXPECT_EQ((*listed)[1].id, *ets_id);
  EXPECT_EQ((*listed)[2].id, *savings_id);
  EXPECT_EQ((*listed)[2].model_type, "linear_regression");
  EXPECT_EQ((*listed)[2].target, "transactions_savings");
  EXPECT_EQ((*listed)[2].slope, 105.0);
  EXPECT_EQ((*listed)[2].intercept, 1005.0);
  EXPECT_EQ((*listed)[2].parameters_json, R"({"r2_score":1.0})");
  EXPECT_EQ((*listed)[2].last_trained_date.to_string(), "2025-12-08");
  EXPECT_EQ((*listed)[2].updated_at, instant("2025-12-08T12:00:00Z"));
  for (const ModelParameters& model : *listed) EXPECT_EQ(model.user_id, user);

  const auto none = this->db().model_parameters().list(UserId(34));
  ASSERT_TRUE(ok(none));
  EXPECT_TRUE(none->empty());
}

// The database as a whole.

TYPED_TEST(RepositoryContractTest, SchemaVersionIsTheLastMigration) {
  const auto version = this->db().schema_version();
  ASSERT_TRUE(ok(version));
  EXPECT_EQ(*version, this->backend_.last_migration_version());
  EXPECT_TRUE(ok(this->db().ping()));
}

TYPED_TEST(RepositoryContractTest, CatalogListsTheTablesTheMigrationsCreateWithTheirColumns) {
  const auto catalog = this->db().catalog();
  ASSERT_TRUE(ok(catalog));
  std::vector<std::string> names;
  for (const TableInfo& table : *catalog) names.push_back(table.name);
  EXPECT_EQ(names, tables_created_by(this->backend_.migrations()));
  EXPECT_EQ(names, this->db().expected_tables());
  // Both dialects create the same tables.
  EXPECT_EQ(names, tables_created_by(sqlite_migrations()));
  EXPECT_EQ(names, tables_created_by(postgres_migrations()));
  EXPECT_TRUE(std::ranges::is_sorted(names));

  const auto users = std::ranges::find(*catalog, std::string("users"), &TableInfo::name);
  ASSERT_NE(users, catalog->end());
  std::vector<std::string> columns;
  for (const ColumnInfo& column : users->columns) columns.push_back(column.name);
  EXPECT_EQ(columns, (std::vector<std::string>{"user_id", "name", "email", "data_version",
                                               "created_at", "updated_at"}));
  EXPECT_FALSE(users->columns[0].nullable);  // the primary key
  EXPECT_FALSE(users->columns[1].nullable);
  EXPECT_TRUE(users->columns[2].nullable);
  EXPECT_EQ(users->columns[1].type, "TEXT");
  for (const TableInfo& table : *catalog) {
    EXPECT_FALSE(table.columns.empty()) << table.name;
    for (const ColumnInfo& column : table.columns) {
      EXPECT_FALSE(column.type.empty()) << table.name << "." << column.name;
      EXPECT_TRUE(std::ranges::none_of(column.type, [](char c) { return c >= 'a' && c <= 'z'; }))
          << table.name << "." << column.name << ": " << column.type;
    }
  }
}

TYPED_TEST(RepositoryContractTest, MigrateOnAnUpToDateDatabaseAppliesNothing) {
  const auto applied = this->db().migrate();
  ASSERT_TRUE(ok(applied));
  EXPECT_TRUE(applied->empty());
  EXPECT_EQ(*this->db().schema_version(), this->backend_.last_migration_version());
}

TYPED_TEST(RepositoryContractTest, MigrateRecreatesTheSchemaOfAnEmptiedDatabase) {
  this->backend_.drop_every_table();
  const auto emptied = this->db().catalog();
  ASSERT_TRUE(ok(emptied));
  EXPECT_TRUE(emptied->empty());

  const auto applied = this->db().migrate();
  ASSERT_TRUE(ok(applied));
  ASSERT_EQ(applied->size(), this->backend_.migrations().size());
  for (std::size_t i = 0; i < applied->size(); ++i) {
    EXPECT_EQ((*applied)[i].version, this->backend_.migrations()[i].version);
    EXPECT_EQ((*applied)[i].name, this->backend_.migrations()[i].name);
  }
  const auto catalog = this->db().catalog();
  ASSERT_TRUE(ok(catalog));
  EXPECT_EQ(catalog->size(), tables_created_by(this->backend_.migrations()).size());
  EXPECT_EQ(*this->db().schema_version(), this->backend_.last_migration_version());
  // The repositories work on the new schema, and a second run has nothing to do.
  EXPECT_TRUE(ok(this->db().transactions().upsert(UserId(1), std::vector{make_txn("2025-01-01", 1)})));
  const auto again = this->db().migrate();
  ASSERT_TRUE(ok(again));
  EXPECT_TRUE(again->empty());
}

TYPED_TEST(RepositoryContractTest, EverythingSurvivesARestartAndReopeningMigratesNothing) {
  const UserId user(40);
  const std::vector<Transaction> rows{make_txn("2025-04-01", -500, "JPY", "Ramen"),
                                      make_txn("2025-04-02", 123'456, "KWD", "Rent")};
  ASSERT_TRUE(ok(this->db().transactions().insert(user, rows)));
  HealthScoreRecord score = make_score(user, "2025-04-03T12:00:00.654321Z", 64.5, "C");
  score.recommendations_json = R"(["save more"])";
  const auto score_id = this->db().health_scores().append(score);
  ASSERT_TRUE(ok(score_id));
  score.id = *score_id;
  const ModelParameters parameters{.user_id = user,
                                   .model_type = "ets",
                                   .target = "expense",
                                   .slope = 2.5,
                                   .intercept = std::nullopt,
                                   .parameters_json = R"({"alpha":0.3})",
                                   .last_trained_date = date("2025-04-03"),
                                   .updated_at = instant("2025-04-03T12:00:01Z")};
  ASSERT_TRUE(ok(this->db().model_parameters().upsert(parameters)));
  const std::vector<Transaction> listed_before = this->list(user);
  const std::int64_t version_before = this->data_version(user);
  const std::string migrations_before =
      this->backend_.query_scalar("SELECT COUNT(*) FROM schema_migrations");
  const std::string applied_at_before =
      this->backend_.query_scalar("SELECT MAX(applied_at) FROM schema_migrations");

  ASSERT_NO_FATAL_FAILURE(this->reopen());

  const std::vector<Transaction> listed_after = this->list(user);
  ASSERT_EQ(listed_after.size(), listed_before.size());
  for (std::size_t i = 0; i < listed_after.size(); ++i) {
    EXPECT_EQ(listed_after[i].id, listed_before[i].id);
    EXPECT_EQ(describe(listed_after[i]), describe(rows[i]));
  }
  EXPECT_EQ(this->data_version(user), version_before);
  const auto latest = this->db().health_scores().latest(user);
  ASSERT_TRUE(ok(latest));
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ(describe(**latest), describe(score));
  const auto found = this->db().model_parameters().find(user, "ets", "expense");
  ASSERT_TRUE(ok(found));
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->slope, 2.5);
  EXPECT_EQ((*found)->parameters_json, parameters.parameters_json);

  EXPECT_EQ(*this->db().schema_version(), this->backend_.last_migration_version());
  EXPECT_EQ(this->backend_.query_scalar("SELECT COUNT(*) FROM schema_migrations"),
            migrations_before);
  EXPECT_EQ(this->backend_.query_scalar("SELECT MAX(applied_at) FROM schema_migrations"),
            applied_at_before);
}

TYPED_TEST(RepositoryContractTest, ConcurrentWritersAndReadersLoseNothing) {
  constexpr int kThreads = 8;
  constexpr int kBatchesPerThread = 100;
  const UserId user(50);
  Database& db = this->db();

  std::mutex mutex;
  std::vector<std::int64_t> inserted_ids;
  std::vector<std::string> errors;
  std::int64_t expected_sum = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kBatchesPerThread; ++i) {
        const std::int64_t amount = t * 1'000 + i;
        const Transaction row =
            make_txn(Date::from_days_since_epoch(20'000 + i % 28).to_string(), amount);
        const auto ids = db.transactions().insert(user, std::span(&row, 1));
        const auto listed = db.transactions().list(user, {.from = row.date, .limit = 10});
        const std::lock_guard lock(mutex);
        if (!ids || ids->size() != 1) {
          errors.push_back(ids ? "wrong id count" : ids.error().message);
        } else {
          inserted_ids.push_back(ids->front().value());
          expected_sum += amount;
        }
        if (!listed) errors.push_back(listed.error().message);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  ASSERT_TRUE(errors.empty()) << errors.size() << " failures, the first: " << errors.front();
  constexpr std::int64_t kTotal = kThreads * kBatchesPerThread;
  EXPECT_EQ(*db.transactions().count(user), kTotal);
  EXPECT_EQ(this->data_version(user), kTotal);
  const std::vector<Transaction> all = this->list(user);
  ASSERT_EQ(all.size(), static_cast<std::size_t>(kTotal));
  std::int64_t sum = 0;
  for (const Transaction& row : all) sum += row.amount.minor_units();
  EXPECT_EQ(sum, expected_sum);
  std::vector<std::int64_t> listed_ids = ids_of(all);
  std::ranges::sort(listed_ids);
  std::ranges::sort(inserted_ids);
  EXPECT_EQ(listed_ids, inserted_ids);
}

// --- The transactions resource and Idempotency-Key (issue 7, helper T) ---------------------

TYPED_TEST(RepositoryContractTest, FindUpdateAndRemoveSeeOnlyTheUsersOwnTransaction) {
  const UserId owner(700);
  const UserId other(701);
  ASSERT_TRUE(ok(this->db().users().ensure(other)));
  Transaction row = make_txn("2025-03-01", 1250);
  row.external_id = "ext-1";
  const auto ids = this->db().transactions().insert(owner, std::vector<Transaction>{row});
  ASSERT_TRUE(ok(ids));
  const TransactionId id = ids->at(0);
  const std::int64_t version = this->data_version(owner);
  // An external_id the user has already is a conflict with stored state (HTTP 409).
  const auto again = this->db().transactions().insert(owner, std::vector<Transaction>{row});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::ErrorCode::kConflict) << again.error().message;

  const auto found = this->db().transactions().find(owner, id);
  ASSERT_TRUE(ok(found));
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, id);
  EXPECT_EQ(describe(**found), describe(row));
  const auto foreign = this->db().transactions().find(other, id);
  ASSERT_TRUE(ok(foreign));
  EXPECT_FALSE(foreign->has_value());
  EXPECT_FALSE(this->db().transactions().find(owner, TransactionId(id.value() + 1000))->has_value());

  Transaction changed = make_txn("2024-12-31", -99, "EUR", "Refunds");
  changed.id = id;
  changed.type = TransactionType::kIncome;
  changed.description = "Shop";
  changed.note = "returned";
  changed.external_id = "ignored";
  // Another user's id updates and removes nothing and leaves both versions alone.
  const std::int64_t other_version = this->data_version(other);
  EXPECT_FALSE(store_over(this->db().transactions(), other, changed)->has_value());
  EXPECT_FALSE(*this->db().transactions().remove(other, id));
  EXPECT_EQ(this->data_version(owner), version);
  EXPECT_EQ(this->data_version(other), other_version);

  ASSERT_TRUE(store_over(this->db().transactions(), owner, changed)->has_value());
  EXPECT_EQ(this->data_version(owner), version + 1);
  Transaction expected = changed;
  expected.external_id = "ext-1";  // kept
  EXPECT_EQ(describe(**this->db().transactions().find(owner, id)), describe(expected));

  ASSERT_TRUE(*this->db().transactions().remove(owner, id));
  EXPECT_EQ(this->data_version(owner), version + 2);
  EXPECT_FALSE(this->db().transactions().find(owner, id)->has_value());
  EXPECT_FALSE(*this->db().transactions().remove(owner, id));
  EXPECT_FALSE(store_over(this->db().transactions(), owner, changed)->has_value());
  EXPECT_EQ(this->data_version(owner), version + 2);
}

TYPED_TEST(RepositoryContractTest, ListFiltersCombineAndKeysetPagesWalkEveryRowOnce) {
  const UserId user(710);
  std::vector<Transaction> rows;
  for (int i = 0; i < 60; ++i) {
    Transaction row = make_txn(i % 3 == 0 ? "2025-01-10" : (i % 3 == 1 ? "2025-02-10" : "2025-03-10"),
                               100 * (i + 1), "USD", i % 2 == 0 ? "Groceries" : "Rent");
    row.type = i % 4 == 0 ? TransactionType::kIncome : TransactionType::kExpense;
    row.description = i % 5 == 0 ? "Corner SHOP" : "bank";
    row.note = i % 7 == 0 ? "shopping list" : "";
    rows.push_back(row);
  }
  ASSERT_TRUE(ok(this->db().transactions().insert(user, rows)));
  ASSERT_TRUE(ok(this->db().transactions().insert(UserId(711), rows)));

  const auto matches = [](const Transaction& t, const TransactionQuery& q) {
    if (q.from && t.date < *q.from) return false;
    if (q.to && t.date > *q.to) return false;
    if (q.type && t.type != *q.type) return false;
    if (q.category) {
      if (core::to_lower_ascii(t.category) != core::to_lower_ascii(*q.category)) return false;
    }
    if (q.min_amount_minor && t.amount.minor_units() < *q.min_amount_minor) return false;
    if (q.max_amount_minor && t.amount.minor_units() > *q.max_amount_minor) return false;
    if (q.text) {
      const std::string needle = core::to_lower_ascii(*q.text);
      if (core::to_lower_ascii(t.description).find(needle) == std::string::npos &&
          core::to_lower_ascii(t.note).find(needle) == std::string::npos &&
          core::to_lower_ascii(t.category).find(needle) == std::string::npos) {
        return false;
      }
    }
    return true;
  };
  const std::vector<Transaction> all = this->list(user);
  ASSERT_EQ(all.size(), rows.size());
  const std::vector<TransactionQuery> queries{
      {},
      {.type = TransactionType::kIncome},
      {.category = "groceries"},
      {.min_amount_minor = 1000, .max_amount_minor = 3000},
      {.text = "shop"},
      {.from = date("2025-02-01"), .to = date("2025-02-28"), .category = "RENT", .text = "BANK"},
  };
  for (const TransactionQuery& filter : queries) {
    std::vector<std::int64_t> expected;
    for (const Transaction& t : all) {
      if (matches(t, filter)) expected.push_back(t.id.value());
    }
    ASSERT_FALSE(expected.empty());
    EXPECT_EQ(ids_of(this->list(user, filter)), expected);
    // Pages of 7 by the keyset (date, id), given as the cursor: every row exactly once.
    std::vector<std::int64_t> walked;
    TransactionQuery page = filter;
    page.limit = 7;
    for (int guard = 0; guard < 100; ++guard) {
      const std::vector<Transaction> got = this->list(user, page);
      for (const Transaction& t : got) walked.push_back(t.id.value());
      if (got.size() < page.limit) break;
      page.after = got.back().id;
      page.after_date = got.back().date;
    }
    EXPECT_EQ(walked, expected);
  }
  // A cursor whose row has gone still pages on from its (date, id).
  const Transaction& middle = all[30];
  ASSERT_TRUE(*this->db().transactions().remove(user, middle.id));
  const auto after = this->list(user, {.after = middle.id, .limit = 1, .after_date = middle.date});
  ASSERT_EQ(after.size(), 1U);
  EXPECT_EQ(after[0].id, all[31].id);
  // Filtering by an account the user has no rows of.
  const auto accounts = this->db().transactions().list(user, {.account_id = AccountId(123456)});
  ASSERT_TRUE(ok(accounts));
  EXPECT_TRUE(accounts->empty());
}

TYPED_TEST(RepositoryContractTest, IdempotencyKeysAreClaimedOnceAnsweredReleasedAndExpire) {
  const UserId user(720);
  auto& keys = this->db().idempotency_keys();
  const Timestamp t0 = instant("2026-01-01T00:00:00Z");
  const IdempotencyRecord pending{.user_id = user, .key = "k-1", .request_digest = "d1",
                                  .created_at = t0};
  const auto first = keys.claim(pending, t0 - std::chrono::hours(24));
  ASSERT_TRUE(ok(first));
  EXPECT_FALSE(first->has_value());
  // The user exists now (keys go with their user); claiming is not a data change.
  EXPECT_EQ(this->data_version(user), 0);

  IdempotencyRecord again = pending;
  again.request_digest = "d2";
  const auto held = keys.claim(again, t0 - std::chrono::hours(24));
  ASSERT_TRUE(ok(held));
  ASSERT_TRUE(held->has_value());
  EXPECT_EQ((*held)->request_digest, "d1");
  EXPECT_EQ((*held)->status, 0);

  IdempotencyRecord answered = pending;
  answered.status = 201;
  answered.location = "/api/v1/users/720/transactions/9";
  answered.response_body = R"({"id":9})";
  ASSERT_TRUE(ok(keys.complete(answered)));
  const auto replay = keys.claim(pending, t0 - std::chrono::hours(24));
  ASSERT_TRUE(ok(replay));
  ASSERT_TRUE(replay->has_value());
  EXPECT_EQ((*replay)->status, 201);
  EXPECT_EQ((*replay)->location, answered.location);
  EXPECT_EQ((*replay)->response_body, answered.response_body);
  EXPECT_EQ((*replay)->created_at, t0);

  // Another user's key of the same name is another key.
  IdempotencyRecord foreign = pending;
  foreign.user_id = UserId(721);
  EXPECT_FALSE(keys.claim(foreign, t0 - std::chrono::hours(24))->has_value());

  // Expired: a claim whose not_before is after the record's creation replaces it.
  IdempotencyRecord later = again;
  later.created_at = t0 + std::chrono::hours(25);
  EXPECT_FALSE(keys.claim(later, t0 + std::chrono::hours(1))->has_value());
  EXPECT_EQ((*keys.claim(pending, t0))->request_digest, "d2");

  // Released: claimable again.
  ASSERT_TRUE(ok(keys.release(user, "k-1")));
  EXPECT_FALSE(keys.claim(pending, t0 - std::chrono::hours(24))->has_value());

  // Removing the user removes their keys.
  ASSERT_TRUE(*this->db().users().remove(user));
  EXPECT_FALSE(keys.claim(again, t0 - std::chrono::hours(24))->has_value());
}
// --- end transactions resource and Idempotency-Key -----------------------------------------


// --- insert_new: imports skip rows whose fingerprint the user has (issue 7, helper I) ---------

Transaction with_external_id(Transaction row, std::string external_id) {
  row.external_id = std::move(external_id);
  return row;
}

TYPED_TEST(RepositoryContractTest, InsertNewSkipsExternalIdsTheUserHasAndRepeatsWithinTheCall) {
  const UserId user(31);
  const UserId other(32);
  ASSERT_TRUE(ok(this->db().transactions().insert(user, std::vector{with_external_id(make_txn("2025-01-01", 100), "fp:a")})));
  ASSERT_TRUE(ok(this->db().transactions().insert(other, std::vector{with_external_id(make_txn("2025-01-01", 100), "fp:b")})));
  const std::int64_t version = this->data_version(user);

  const std::vector<Transaction> rows{
      with_external_id(make_txn("2025-01-02", 200), "fp:a"),  // stored already: skipped, not replaced
      with_external_id(make_txn("2025-01-03", 300), "fp:b"),  // another user's: inserted
      make_txn("2025-01-04", 400),                            // no external id: inserted
      with_external_id(make_txn("2025-01-05", 500), "fp:c"),
      with_external_id(make_txn("2025-01-06", 600), "fp:c"),  // repeats a row of this call: skipped
  };
  const auto ids = this->db().transactions().insert_new(user, rows);
  ASSERT_TRUE(ok(ids));
  ASSERT_EQ(ids->size(), 5U);
  EXPECT_FALSE((*ids)[0].has_value());
  EXPECT_TRUE((*ids)[1].has_value());
  EXPECT_TRUE((*ids)[2].has_value());
  EXPECT_TRUE((*ids)[3].has_value());
  EXPECT_FALSE((*ids)[4].has_value());
  EXPECT_EQ(this->data_version(user), version + 1);

  std::vector<std::string> stored;
  for (const Transaction& row : this->list(user)) stored.push_back(describe(row));
  EXPECT_EQ(stored, (std::vector<std::string>{
                        describe(with_external_id(make_txn("2025-01-01", 100), "fp:a")),
                        describe(with_external_id(make_txn("2025-01-03", 300), "fp:b")),
                        describe(make_txn("2025-01-04", 400)),
                        describe(with_external_id(make_txn("2025-01-05", 500), "fp:c")),
                    }));
  const auto listed = this->list(user);
  EXPECT_EQ(listed[1].id, *(*ids)[1]);
  EXPECT_EQ(listed[3].id, *(*ids)[3]);
  EXPECT_EQ(*this->db().transactions().count(other), 1);

  // The same rows again add nothing and leave data_version alone.
  const std::vector<Transaction> again{rows[0], rows[1], rows[3]};
  const auto none = this->db().transactions().insert_new(user, again);
  ASSERT_TRUE(ok(none));
  EXPECT_EQ(*none, (std::vector<std::optional<TransactionId>>{std::nullopt, std::nullopt, std::nullopt}));
  EXPECT_EQ(this->data_version(user), version + 1);
  EXPECT_EQ(*this->db().transactions().count(user), 4);
}

TYPED_TEST(RepositoryContractTest, InsertNewIsAllOrNothing) {
  const UserId user(33);
  std::vector<Transaction> rows;
  for (int i = 0; i < 2'500; ++i) {
    rows.push_back(with_external_id(make_txn("2025-02-01", 100 + i), "fp:" + std::to_string(i)));
  }
  rows[2'200].account_id = AccountId(987'654);  // no such account, in the third batch: a foreign key violation
  EXPECT_FALSE(this->db().transactions().insert_new(user, rows).has_value());
  EXPECT_EQ(*this->db().transactions().count(user), 0);
  EXPECT_FALSE(this->db().users().find(user)->has_value());

  rows[2'200].account_id = std::nullopt;
  const auto ids = this->db().transactions().insert_new(user, rows);
  ASSERT_TRUE(ok(ids));
  EXPECT_EQ(*this->db().transactions().count(user), 2'500);
}

TYPED_TEST(RepositoryContractTest, InsertNewHandlesManyRowsAcrossStatementBatches) {
  const UserId user(34);
  std::vector<Transaction> rows;
  for (int i = 0; i < 2'500; ++i) {
    rows.push_back(with_external_id(make_txn("2025-03-01", 100 + i), "fp:" + std::to_string(i % 2'000)));
  }
  // Half of the first batch is stored already.
  std::vector<Transaction> first(rows.begin(), rows.begin() + 500);
  ASSERT_TRUE(ok(this->db().transactions().insert(user, first)));
  const auto ids = this->db().transactions().insert_new(user, rows);
  ASSERT_TRUE(ok(ids));
  const auto inserted = std::ranges::count_if(*ids, [](const auto& id) { return id.has_value(); });
  EXPECT_EQ(inserted, 1'500);  // 2,000 distinct ids, 500 of them stored before
  for (std::size_t i = 0; i < ids->size(); ++i) {
    EXPECT_EQ((*ids)[i].has_value(), i >= 500 && i < 2'000) << i;
  }
  EXPECT_EQ(*this->db().transactions().count(user), 2'000);
}
// --- end insert_new ----------------------------------------------------------------------------

// --- category overrides (issue 7, helper K) ---------------------------------------------------

TYPED_TEST(RepositoryContractTest, CategoryOverridesAreNothingForAUserWithoutAny) {
  const auto listed = this->db().category_overrides().list(UserId(9101));
  ASSERT_TRUE(ok(listed));
  EXPECT_TRUE(listed->empty());
  EXPECT_FALSE(this->db().users().find(UserId(9101))->has_value());
}

TYPED_TEST(RepositoryContractTest, CategoryOverridesReplaceTheWholeSetInByteOrderAndGrowDataVersion) {
  const UserId user(9102);
  const UserId other(9103);
  const std::vector<CategoryOverride> first = {{"swiggy", "FOOD_AND_DRINK_GROCERIES"},
                                               {"Dining", "FOOD_AND_DRINK_FAST_FOOD"},
                                               {"big bazaar", "GENERAL_MERCHANDISE_SUPERSTORES"},
                                               {"खर्च", "OTHER_UNCATEGORIZED"}};
  ASSERT_TRUE(ok(this->db().category_overrides().replace(user, first)));
  ASSERT_TRUE(ok(this->db().category_overrides().replace(other, std::vector<CategoryOverride>{
                                                                    {"uber", "TRAVEL_OTHER_TRAVEL"}})));
  EXPECT_EQ(this->data_version(user), 1);  // the user was created by the write
  const auto listed = this->db().category_overrides().list(user);
  ASSERT_TRUE(ok(listed));
  // Byte order on both backends: upper case before lower case, UTF-8 last.
  EXPECT_EQ(*listed, (std::vector<CategoryOverride>{{"Dining", "FOOD_AND_DRINK_FAST_FOOD"},
                                                    {"big bazaar", "GENERAL_MERCHANDISE_SUPERSTORES"},
                                                    {"swiggy", "FOOD_AND_DRINK_GROCERIES"},
                                                    {"खर्च", "OTHER_UNCATEGORIZED"}}));

  ASSERT_TRUE(ok(this->db().category_overrides().replace(
      user, std::vector<CategoryOverride>{{"swiggy", "FOOD_AND_DRINK_RESTAURANT"}})));
  EXPECT_EQ(*this->db().category_overrides().list(user),
            (std::vector<CategoryOverride>{{"swiggy", "FOOD_AND_DRINK_RESTAURANT"}}));
  EXPECT_EQ(this->data_version(user), 2);
  ASSERT_TRUE(ok(this->db().category_overrides().replace(user, std::vector<CategoryOverride>{})));
  EXPECT_TRUE(this->db().category_overrides().list(user)->empty());
  EXPECT_EQ(this->data_version(user), 3);
  // The other user's set is untouched.
  EXPECT_EQ(*this->db().category_overrides().list(other),
            (std::vector<CategoryOverride>{{"uber", "TRAVEL_OTHER_TRAVEL"}}));
}

TYPED_TEST(RepositoryContractTest, ReplacingCategoryOverridesIsAllOrNothing) {
  const UserId user(9104);
  const std::vector<CategoryOverride> kept = {{"zomato", "FOOD_AND_DRINK_RESTAURANT"}};
  ASSERT_TRUE(ok(this->db().category_overrides().replace(user, kept)));
  const std::int64_t version = this->data_version(user);
  // A repeated match fails the call, after the first rows were written: none of it stays.
  const std::vector<CategoryOverride> repeated = {{"a", "OTHER_UNCATEGORIZED"},
                                                  {"b", "OTHER_UNCATEGORIZED"},
                                                  {"a", "TRAVEL_FLIGHTS"}};
  EXPECT_FALSE(this->db().category_overrides().replace(user, repeated).has_value());
  EXPECT_EQ(*this->db().category_overrides().list(user), kept);
  EXPECT_EQ(this->data_version(user), version);
}

TYPED_TEST(RepositoryContractTest, CategoryOverridesSurviveARestartAndGoWithTheirUser) {
  const UserId user(9105);
  const std::vector<CategoryOverride> saved = {{"rent landlord", "RENT_AND_UTILITIES_RENT"}};
  ASSERT_TRUE(ok(this->db().category_overrides().replace(user, saved)));
  ASSERT_NO_FATAL_FAILURE(this->reopen());
  EXPECT_EQ(*this->db().category_overrides().list(user), saved);
  ASSERT_TRUE(ok(this->db().users().remove(user)));
  EXPECT_TRUE(this->db().category_overrides().list(user)->empty());
  EXPECT_EQ(this->backend_.query_scalar("SELECT COUNT(*) FROM category_overrides WHERE user_id = 9105"), "0");
}
// --- end category overrides ------------------------------------------------------------------

// --- the other resources: accounts, goals, budgets, bills, user categories (issue 7, helper A) ---

Account make_account(std::string name, std::int64_t minor, std::string type = "checking") {
  return Account{.name = std::move(name), .account_type = std::move(type),
                 .balance = Money::from_minor(minor, currency("USD"))};
}

Goal make_goal(std::string name, std::int64_t target, std::int64_t current) {
  return Goal{.name = std::move(name),
              .target = Money::from_minor(target, currency("EUR")),
              .current = Money::from_minor(current, currency("EUR")),
              .target_date = date("2027-06-30"),
              .monthly_contribution = Money::from_minor(25'000, currency("EUR"))};
}

Budget make_budget(std::optional<std::string> category, std::int64_t minor, std::string_view start,
                   std::string_view end) {
  return Budget{.category = std::move(category), .amount = Money::from_minor(minor, currency("USD")),
                .start_date = date(start), .end_date = date(end)};
}

Bill make_bill(std::string name, std::string_view due, std::int64_t minor) {
  return Bill{.name = std::move(name), .due_date = date(due), .amount = Money::from_minor(minor, currency("JPY")),
              .recurring = true, .recurrence_frequency = "monthly", .reminder_days_before = 3};
}

TYPED_TEST(RepositoryContractTest, AccountsAreCreatedReadUpdatedAndRemovedGrowingDataVersion) {
  const UserId user(9201);
  auto created = this->db().accounts().create(user, make_account("Everyday", 123'45));
  ASSERT_TRUE(ok(created));
  EXPECT_GT(created->id.value(), 0);
  EXPECT_EQ(created->name, "Everyday");
  EXPECT_EQ(created->account_type, "checking");
  EXPECT_EQ(created->balance, Money::from_minor(123'45, currency("USD")));
  EXPECT_EQ(created->created_at, created->updated_at);
  EXPECT_EQ(this->data_version(user), 1);  // the user was created by the write

  auto found = this->db().accounts().find(user, created->id);
  ASSERT_TRUE(ok(found));
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->name, "Everyday");
  EXPECT_EQ((*found)->created_at, created->created_at);

  Account changed = **found;
  changed.name = "Bills account";
  changed.account_type = "savings";
  changed.balance = Money::from_minor(-5, currency("KWD"));
  auto updated = store_over(this->db().accounts(), user, changed);
  ASSERT_TRUE(ok(updated));
  ASSERT_TRUE(updated->has_value());
  EXPECT_EQ((*updated)->name, "Bills account");
  EXPECT_EQ((*updated)->account_type, "savings");
  EXPECT_EQ((*updated)->balance, Money::from_minor(-5, currency("KWD")));
  EXPECT_EQ((*updated)->created_at, created->created_at);
  EXPECT_GE((*updated)->updated_at, created->updated_at);
  EXPECT_EQ(this->data_version(user), 2);

  ASSERT_NO_FATAL_FAILURE(this->reopen());
  EXPECT_EQ(this->db().accounts().find(user, created->id)->value().name, "Bills account");
  auto removed = this->db().accounts().remove(user, created->id);
  ASSERT_TRUE(ok(removed));
  EXPECT_TRUE(*removed);
  EXPECT_EQ(this->data_version(user), 3);
  EXPECT_FALSE(this->db().accounts().find(user, created->id)->has_value());
  EXPECT_FALSE(*this->db().accounts().remove(user, created->id));
  EXPECT_EQ(this->data_version(user), 3);  // nothing removed, nothing changed
}

TYPED_TEST(RepositoryContractTest, AnotherUsersResourceIsTheSameAsAMissingOne) {
  const UserId owner(9202);
  const UserId other(9203);
  auto goal = this->db().goals().create(owner, make_goal("Car", 1'000'000, 50'000));
  ASSERT_TRUE(ok(goal));
  ASSERT_TRUE(ok(this->db().users().ensure(other)));
  const std::int64_t owner_version = this->data_version(owner);
  const std::int64_t other_version = this->data_version(other);

  EXPECT_FALSE(this->db().goals().find(other, goal->id)->has_value());
  Goal stolen = *goal;
  stolen.name = "Mine now";
  auto updated = store_over(this->db().goals(), other, stolen);
  ASSERT_TRUE(ok(updated));
  EXPECT_FALSE(updated->has_value());
  EXPECT_FALSE(*this->db().goals().remove(other, goal->id));
  EXPECT_TRUE(this->db().goals().list(other, {})->empty());
  EXPECT_EQ(this->data_version(owner), owner_version);
  EXPECT_EQ(this->data_version(other), other_version);
  EXPECT_EQ(this->db().goals().find(owner, goal->id)->value().name, "Car");
  // A missing id behaves the same.
  EXPECT_FALSE(this->db().goals().find(owner, core::GoalId(goal->id.value() + 1000))->has_value());
}

TYPED_TEST(RepositoryContractTest, GoalsKeepEveryMember) {
  const UserId user(9204);
  auto created = this->db().goals().create(user, make_goal("Holiday", 300'000, 12'345));
  ASSERT_TRUE(ok(created));
  EXPECT_EQ(created->target, Money::from_minor(300'000, currency("EUR")));
  EXPECT_EQ(created->current, Money::from_minor(12'345, currency("EUR")));
  EXPECT_EQ(created->target_date, date("2027-06-30"));
  EXPECT_EQ(created->monthly_contribution, Money::from_minor(25'000, currency("EUR")));
  EXPECT_EQ(created->status, "active");
  Goal bare = *created;
  bare.target_date.reset();
  bare.monthly_contribution.reset();
  bare.status = "paused";
  auto updated = store_over(this->db().goals(), user, bare);
  ASSERT_TRUE(ok(updated));
  EXPECT_FALSE((*updated)->target_date.has_value());
  EXPECT_FALSE((*updated)->monthly_contribution.has_value());
  EXPECT_EQ((*updated)->status, "paused");
}

TYPED_TEST(RepositoryContractTest, BudgetsBillsAndUserCategoriesKeepEveryMember) {
  const UserId user(9205);
  auto budget = this->db().budgets().create(user, make_budget(std::nullopt, 200'000, "2026-03-01", "2026-03-31"));
  ASSERT_TRUE(ok(budget));
  EXPECT_FALSE(budget->category.has_value());
  EXPECT_EQ(budget->amount, Money::from_minor(200'000, currency("USD")));
  EXPECT_EQ(budget->start_date, date("2026-03-01"));
  EXPECT_EQ(budget->end_date, date("2026-03-31"));
  EXPECT_EQ(budget->status, "active");

  auto bill = this->db().bills().create(user, make_bill("Rent", "2026-04-01", 95'000));
  ASSERT_TRUE(ok(bill));
  EXPECT_EQ(bill->name, "Rent");
  EXPECT_EQ(bill->due_date, date("2026-04-01"));
  EXPECT_EQ(bill->amount, Money::from_minor(95'000, currency("JPY")));
  EXPECT_EQ(bill->status, "unpaid");
  EXPECT_TRUE(bill->recurring);
  EXPECT_EQ(bill->recurrence_frequency, "monthly");
  EXPECT_EQ(bill->reminder_days_before, 3);
  Bill paid = *bill;
  paid.status = "paid";
  paid.recurring = false;
  paid.recurrence_frequency.reset();
  paid.reminder_days_before.reset();
  auto updated = store_over(this->db().bills(), user, paid);
  ASSERT_TRUE(ok(updated));
  EXPECT_EQ((*updated)->status, "paid");
  EXPECT_FALSE((*updated)->recurring);
  EXPECT_FALSE((*updated)->recurrence_frequency.has_value());
  EXPECT_FALSE((*updated)->reminder_days_before.has_value());

  auto category = this->db().user_categories().create(
      user, UserCategory{.name = "Chai stall", .type = "expense", .bucket = "wants",
                         .detailed = "FOOD_AND_DRINK_COFFEE"});
  ASSERT_TRUE(ok(category));
  EXPECT_EQ(category->name, "Chai stall");
  EXPECT_EQ(category->bucket, "wants");
  EXPECT_EQ(category->detailed, "FOOD_AND_DRINK_COFFEE");
  // The same name and type twice is a conflict, and stores nothing.
  const std::int64_t version = this->data_version(user);
  auto twice = this->db().user_categories().create(user, UserCategory{.name = "Chai stall", .type = "expense"});
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(this->data_version(user), version);
  EXPECT_EQ(this->db().user_categories().list(user, {})->size(), 1U);
  // Another user may use the name.
  EXPECT_TRUE(ok(this->db().user_categories().create(UserId(9206), UserCategory{.name = "Chai stall"})));
}

TYPED_TEST(RepositoryContractTest, ResourceListsFilterAndPageInIdOrder) {
  const UserId user(9207);
  std::vector<core::BillId> ids;
  for (int i = 0; i < 7; ++i) {
    Bill bill = make_bill(i % 2 == 0 ? "Power 100%" : "Water_bill", "2026-04-0" + std::to_string(i + 1),
                          1'000 * (i + 1));
    bill.status = i < 3 ? "paid" : "unpaid";
    auto created = this->db().bills().create(user, bill);
    ASSERT_TRUE(ok(created));
    ids.push_back(created->id);
  }
  ASSERT_TRUE(ok(this->db().bills().create(UserId(9208), make_bill("Power", "2026-04-01", 1))));
  const auto names = [&](const ResourceQuery& query) {
    std::vector<std::int64_t> out;
    auto rows = this->db().bills().list(user, query);
    EXPECT_TRUE(ok(rows));
    if (rows) for (const auto& row : *rows) out.push_back(row.id.value());
    return out;
  };
  const auto pick = [&](std::initializer_list<int> indexes) {
    std::vector<std::int64_t> out;
    for (const int i : indexes) out.push_back(ids[static_cast<std::size_t>(i)].value());
    return out;
  };
  EXPECT_EQ(names({}), pick({0, 1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(names({.limit = 3}), pick({0, 1, 2}));
  EXPECT_EQ(names({.after = ids[2].value(), .limit = 3}), pick({3, 4, 5}));
  EXPECT_EQ(names({.after = ids[6].value()}), pick({}));
  EXPECT_EQ(names({.status = "paid"}), pick({0, 1, 2}));
  EXPECT_EQ(names({.from = date("2026-04-03"), .to = date("2026-04-05")}), pick({2, 3, 4}));
  EXPECT_EQ(names({.min_amount_minor = 2'000, .max_amount_minor = 4'000}), pick({1, 2, 3}));
  // Text: contains, ASCII case-insensitive; % and _ are plain characters.
  EXPECT_EQ(names({.text = "POWER"}), pick({0, 2, 4, 6}));
  EXPECT_EQ(names({.text = "100%"}), pick({0, 2, 4, 6}));
  EXPECT_EQ(names({.text = "r_b"}), pick({1, 3, 5}));
  EXPECT_EQ(names({.text = "%"}), pick({0, 2, 4, 6}));
  EXPECT_EQ(names({.status = "unpaid", .text = "water"}), pick({3, 5}));

  const UserId spender(9209);
  ASSERT_TRUE(ok(this->db().budgets().create(spender, make_budget("Groceries", 100, "2026-01-01", "2026-01-31"))));
  ASSERT_TRUE(ok(this->db().budgets().create(spender, make_budget("Dining", 200, "2026-02-01", "2026-02-28"))));
  ASSERT_TRUE(ok(this->db().budgets().create(spender, make_budget(std::nullopt, 300, "2026-01-15", "2026-03-15"))));
  const auto budget_amounts = [&](const ResourceQuery& query) {
    std::vector<std::int64_t> out;
    const auto rows = this->db().budgets().list(spender, query);
    for (const auto& row : *rows) out.push_back(row.amount.minor_units());
    return out;
  };
  EXPECT_EQ(budget_amounts({.category = "groceries"}), (std::vector<std::int64_t>{100}));
  // A budget overlapping [from, to].
  EXPECT_EQ(budget_amounts({.from = date("2026-02-10"), .to = date("2026-02-20")}),
            (std::vector<std::int64_t>{200, 300}));
  EXPECT_EQ(budget_amounts({.to = date("2026-01-10")}), (std::vector<std::int64_t>{100}));

  ASSERT_TRUE(ok(this->db().accounts().create(spender, make_account("Card", -500, "credit_card"))));
  ASSERT_TRUE(ok(this->db().accounts().create(spender, make_account("Cash", 900, "cash"))));
  const auto accounts = this->db().accounts().list(spender, {.kind = "cash"});
  ASSERT_TRUE(ok(accounts));
  ASSERT_EQ(accounts->size(), 1U);
  EXPECT_EQ(accounts->front().name, "Cash");
}

TYPED_TEST(RepositoryContractTest, ResourcesGoWithTheirUser) {
  const UserId user(9210);
  ASSERT_TRUE(ok(this->db().accounts().create(user, make_account("A", 1))));
  ASSERT_TRUE(ok(this->db().goals().create(user, make_goal("G", 100, 0))));
  ASSERT_TRUE(ok(this->db().budgets().create(user, make_budget("Food", 1, "2026-01-01", "2026-01-31"))));
  ASSERT_TRUE(ok(this->db().bills().create(user, make_bill("B", "2026-01-01", 1))));
  ASSERT_TRUE(ok(this->db().user_categories().create(user, UserCategory{.name = "C"})));
  EXPECT_EQ(this->data_version(user), 5);
  ASSERT_TRUE(ok(this->db().users().remove(user)));
  EXPECT_TRUE(this->db().accounts().list(user, {})->empty());
  EXPECT_TRUE(this->db().goals().list(user, {})->empty());
  EXPECT_TRUE(this->db().budgets().list(user, {})->empty());
  EXPECT_TRUE(this->db().bills().list(user, {})->empty());
  EXPECT_TRUE(this->db().user_categories().list(user, {})->empty());
}
// --- end other resources (helper A) ----------------------------------------------------------

// Increments are the strictest read-modify-write: any lost update shows in the total.
constexpr int kThreads = 4;
constexpr int kIncrements = 25;

// Runs `step` `times` times on each of `threads` threads at once.
template <class Step>
void at_once(int threads, int times, const Step& step) {
  std::vector<std::thread> running;
  for (int t = 0; t < threads; ++t) {
    running.emplace_back([&] {
      for (int i = 0; i < times; ++i) step();
    });
  }
  for (auto& thread : running) thread.join();
}

// --- atomic read-modify-write of a transaction (issue 7, helper C) ---------------------------
TYPED_TEST(RepositoryContractTest, ModifyReadsChangesAndWritesARowWithoutLosingConcurrentChanges) {
  const UserId user(9300);
  const auto ids = this->db().transactions().insert(user, std::vector{with_external_id(make_txn("2025-05-01", 0), "m-1")});
  ASSERT_TRUE(ok(ids));
  const TransactionId id = ids->front();
  const std::int64_t version = this->data_version(user);
  at_once(kThreads, kIncrements, [&] {
    const auto changed = this->db().transactions().modify(user, id, [](Transaction& row) -> core::Result<void> {
      row.amount = core::Money::from_minor(row.amount.minor_units() + 1, row.amount.currency());
      return {};
    });
    EXPECT_TRUE(ok(changed));
  });
  const auto stored = this->db().transactions().find(user, id);
  ASSERT_TRUE(ok(stored));
  ASSERT_TRUE(stored->has_value());
  EXPECT_EQ((*stored)->amount.minor_units(), kThreads * kIncrements);
  EXPECT_EQ((*stored)->external_id, "m-1");  // kept
  EXPECT_EQ(this->data_version(user), version + kThreads * kIncrements);

  // The row as stored comes back; a refused change stores nothing and its error comes back as is.
  const auto noted = this->db().transactions().modify(user, id, [](Transaction& row) -> core::Result<void> {
    row.note = "kept";
    return {};
  });
  ASSERT_TRUE(ok(noted));
  ASSERT_TRUE(noted->has_value());
  EXPECT_EQ((*noted)->note, "kept");
  EXPECT_EQ((*noted)->id, id);
  const auto refused = this->db().transactions().modify(user, id, [](Transaction& row) -> core::Result<void> {
    row.note = "lost";
    return core::fail(core::ErrorCode::kValidation, "no, thanks");
  });
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kValidation);
  EXPECT_EQ(refused.error().message, "no, thanks");
  EXPECT_EQ((*this->db().transactions().find(user, id))->note, "kept");

  // Another user's row, or none: nullopt, and change() is not called.
  bool called = false;
  const auto foreign = this->db().transactions().modify(UserId(9301), id, [&called](Transaction&) -> core::Result<void> {
    called = true;
    return {};
  });
  ASSERT_TRUE(ok(foreign));
  EXPECT_FALSE(foreign->has_value());
  EXPECT_FALSE(called);
}

// An import's insert_new() of many rows (PostgreSQL sends them by COPY): text with the bytes
// COPY escapes comes back as sent, rows without external_id are always written, ids grow in
// input order and are matched to their rows.
TYPED_TEST(RepositoryContractTest, InsertNewOfManyRowsKeepsTextIdsAndOrder) {
  const UserId user(9310);
  std::vector<Transaction> rows;
  for (int i = 0; i < 1'500; ++i) {
    Transaction row = make_txn("2025-06-01", 1'000 + i);
    row.description = "tab\there, line\nfeed, back\\slash \\N, cr\r, caf\u00e9 #" + std::to_string(i);
    row.note = i % 3 == 0 ? "" : "\\.";
    if (i % 5 != 0) row.external_id = "imp:" + std::to_string(i % 1'000);  // 400 repeat an earlier row
    rows.push_back(std::move(row));
  }
  const auto ids = this->db().transactions().insert_new(user, rows);
  ASSERT_TRUE(ok(ids));
  std::int64_t previous = 0;
  std::size_t written = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const bool repeated = rows[i].external_id && i >= 1'000 && (i % 1'000) % 5 != 0;
    EXPECT_EQ((*ids)[i].has_value(), !repeated) << i;
    if (!(*ids)[i]) continue;
    ++written;
    EXPECT_GT((*ids)[i]->value(), previous) << i;
    previous = (*ids)[i]->value();
    const auto stored = this->db().transactions().find(user, *(*ids)[i]);
    ASSERT_TRUE(ok(stored));
    ASSERT_TRUE(stored->has_value()) << i;
    EXPECT_EQ((*stored)->description, rows[i].description) << i;
    EXPECT_EQ((*stored)->note, rows[i].note) << i;
    EXPECT_EQ((*stored)->amount.minor_units(), rows[i].amount.minor_units()) << i;
    EXPECT_EQ((*stored)->external_id, rows[i].external_id) << i;
  }
  EXPECT_EQ(*this->db().transactions().count(user), static_cast<std::int64_t>(written));
  EXPECT_EQ(written, 1'500U - 400U);
  // Listed in (date, id) order, the rows of one date come in input order.
  const auto listed = this->db().transactions().list(user, {});
  ASSERT_TRUE(ok(listed));
  ASSERT_EQ(listed->size(), written);
  EXPECT_EQ(listed->front().amount.minor_units(), 1'000);
  EXPECT_TRUE(std::ranges::is_sorted(*listed, {}, [](const Transaction& row) { return row.id.value(); }));
}
// A resource's modify() is as atomic as a transaction's: no increment is lost.
TYPED_TEST(RepositoryContractTest, ModifyOfAResourceLosesNoConcurrentChange) {
  const UserId user(9320);
  auto goal = this->db().goals().create(user, make_goal("Bike", 1'000'000, 0));
  ASSERT_TRUE(ok(goal));
  const std::int64_t version = this->data_version(user);
  at_once(kThreads, kIncrements, [&] {
    const auto changed = this->db().goals().modify(user, goal->id, [](Goal& row) -> core::Result<void> {
      row.current = core::Money::from_minor(row.current.minor_units() + 1, row.current.currency());
      return {};
    });
    EXPECT_TRUE(ok(changed));
  });
  const auto stored = this->db().goals().find(user, goal->id);
  ASSERT_TRUE(ok(stored));
  EXPECT_EQ((*stored)->current.minor_units(), kThreads * kIncrements);
  EXPECT_EQ((*stored)->created_at, goal->created_at);
  EXPECT_EQ(this->data_version(user), version + kThreads * kIncrements);

  const auto refused = this->db().goals().modify(user, goal->id, [](Goal& row) -> core::Result<void> {
    row.name = "lost";
    return core::fail(core::ErrorCode::kPreconditionFailed, "changed since");
  });
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kPreconditionFailed);
  EXPECT_EQ((*this->db().goals().find(user, goal->id))->name, "Bike");
  EXPECT_EQ(this->data_version(user), version + kThreads * kIncrements);
}

// remove_if() removes only what its check allows, and a refusal leaves everything as it was.
TYPED_TEST(RepositoryContractTest, RemoveIfRemovesOnlyWhatItsCheckAllows) {
  const UserId user(9321);
  const auto ids = this->db().transactions().insert(user, std::vector{make_txn("2025-05-02", 700)});
  ASSERT_TRUE(ok(ids));
  auto bill = this->db().bills().create(user, make_bill("Water", "2026-05-01", 4'000));
  ASSERT_TRUE(ok(bill));
  const std::int64_t version = this->data_version(user);
  const auto refuse = [](const auto&) -> core::Result<void> {
    return core::fail(core::ErrorCode::kPreconditionFailed, "changed since");
  };
  const auto allow = [](const auto&) -> core::Result<void> { return {}; };

  const auto kept_row = this->db().transactions().remove_if(user, ids->front(), refuse);
  ASSERT_FALSE(kept_row.has_value());
  EXPECT_EQ(kept_row.error().code, core::ErrorCode::kPreconditionFailed);
  const auto kept_bill = this->db().bills().remove_if(user, bill->id, refuse);
  ASSERT_FALSE(kept_bill.has_value());
  EXPECT_EQ(kept_bill.error().code, core::ErrorCode::kPreconditionFailed);
  EXPECT_TRUE(this->db().transactions().find(user, ids->front())->has_value());
  EXPECT_TRUE(this->db().bills().find(user, bill->id)->has_value());
  EXPECT_EQ(this->data_version(user), version);

  // The check sees the stored row.
  std::int64_t seen_amount = 0;
  const auto removed = this->db().transactions().remove_if(user, ids->front(), [&](const Transaction& row) {
    seen_amount = row.amount.minor_units();
    return core::Result<void>{};
  });
  ASSERT_TRUE(ok(removed));
  EXPECT_TRUE(*removed);
  EXPECT_EQ(seen_amount, 700);
  EXPECT_TRUE(*this->db().bills().remove_if(user, bill->id, allow));
  EXPECT_FALSE(this->db().transactions().find(user, ids->front())->has_value());
  EXPECT_FALSE(this->db().bills().find(user, bill->id)->has_value());
  EXPECT_EQ(this->data_version(user), version + 2);
  // Gone, or another user's: false, and the check is not asked.
  bool asked = false;
  const auto ask = [&asked](const auto&) -> core::Result<void> {
    asked = true;
    return {};
  };
  EXPECT_FALSE(*this->db().transactions().remove_if(user, ids->front(), ask));
  EXPECT_FALSE(*this->db().bills().remove_if(UserId(9322), bill->id, ask));
  EXPECT_FALSE(asked);
}

// --- end atomic read-modify-write (helper C) ---------------------------------------------------

}  // namespace
}  // namespace finml::storage
