// Where the analytics' rows come from (service/stored_data.hpp, issue 7 points 4 and 5): the
// body's rows win, else the stored ones; category overrides rewrite what they match; overrides
// that cannot be read leave sent rows answerable. Over an in-memory SQLite database, wrapped so
// that the overrides can be made unavailable.
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <finml/service/stored_data.hpp>
#include <finml/storage/sqlite/sqlite_database.hpp>

namespace finml::service {
namespace {

const core::Currency kInr = *core::Currency::from_code("INR");

core::Transaction row(std::string date, std::int64_t minor, core::TransactionType type, std::string category,
                      std::string description = {}) {
  return core::Transaction{.id = {},
                           .date = *core::Date::parse_iso(date),
                           .amount = core::Money::from_minor(minor, kInr),
                           .type = type,
                           .category = std::move(category),
                           .description = std::move(description),
                           .note = {},
                           .account_id = std::nullopt,
                           .external_id = std::nullopt};
}

// Overrides that cannot be read: the database went away.
class UnavailableOverrides final : public storage::CategoryOverrideRepository {
 public:
  core::Result<std::vector<storage::CategoryOverride>> list(core::UserId) override {
    return core::fail(core::ErrorCode::kUnavailable, "database unavailable");
  }
  core::Result<void> replace(core::UserId, std::span<const storage::CategoryOverride>) override {
    return core::fail(core::ErrorCode::kUnavailable, "database unavailable");
  }
};

// The real database, except for the overrides when `overrides_down`.
class Wrapped final : public storage::Database {
 public:
  explicit Wrapped(std::unique_ptr<storage::Database> inner) : inner_(std::move(inner)) {}
  bool overrides_down = false;

  std::string_view backend() const noexcept override { return inner_->backend(); }
  core::Result<void> ping() override { return inner_->ping(); }
  core::Result<int> schema_version() override { return inner_->schema_version(); }
  core::Result<std::vector<storage::TableInfo>> catalog() override { return inner_->catalog(); }
  std::vector<std::string> expected_tables() const override { return inner_->expected_tables(); }
  core::Result<std::vector<storage::AppliedMigration>> migrate() override { return inner_->migrate(); }
  storage::UserRepository& users() override { return inner_->users(); }
  storage::TransactionRepository& transactions() override { return inner_->transactions(); }
  storage::HealthScoreRepository& health_scores() override { return inner_->health_scores(); }
  storage::ModelParameterRepository& model_parameters() override { return inner_->model_parameters(); }
  storage::InsightsRepository& insights() override { return inner_->insights(); }
  storage::ApiKeyRepository& api_keys() override { return inner_->api_keys(); }
  storage::IdempotencyRepository& idempotency_keys() override { return inner_->idempotency_keys(); }
  storage::CategoryOverrideRepository& category_overrides() override {
    return overrides_down ? unavailable_ : inner_->category_overrides();
  }
  storage::AccountRepository& accounts() override { return inner_->accounts(); }
  storage::GoalRepository& goals() override { return inner_->goals(); }
  storage::BudgetRepository& budgets() override { return inner_->budgets(); }
  storage::BillRepository& bills() override { return inner_->bills(); }
  storage::UserCategoryRepository& user_categories() override { return inner_->user_categories(); }

 private:
  std::unique_ptr<storage::Database> inner_;
  UnavailableOverrides unavailable_;
};

class StoredDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = storage::sqlite::open_sqlite_database(":memory:");
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    db_ = std::make_unique<Wrapped>(std::move(*opened));
  }
  std::unique_ptr<Wrapped> db_;
};

TEST_F(StoredDataTest, SentRowsWinAndStoredOnesAreReadWhenNoneAreSent) {
  const core::UserId user(5);
  const std::vector<core::Transaction> stored = {row("2025-10-02", 5000, core::TransactionType::kExpense, "Dining"),
                                                 row("2025-10-01", 90000, core::TransactionType::kIncome, "Salary")};
  ASSERT_TRUE(db_->transactions().insert(user, stored).has_value());

  const std::vector<core::Transaction> sent = {row("2025-09-01", 100, core::TransactionType::kExpense, "Rent")};
  const auto from_body = analytics_transactions(*db_, user, sent, kInr, CategoryOverrides::kIgnore);
  ASSERT_TRUE(from_body.has_value()) << from_body.error().message;
  EXPECT_FALSE(from_body->from_storage);
  ASSERT_EQ(from_body->rows.size(), 1U);
  EXPECT_EQ(from_body->rows[0].category, "Rent");

  // An empty array is data too.
  const auto empty = analytics_transactions(*db_, user, std::vector<core::Transaction>{}, kInr, CategoryOverrides::kIgnore);
  ASSERT_TRUE(empty.has_value());
  EXPECT_TRUE(empty->rows.empty());

  const auto from_storage = analytics_transactions(*db_, user, std::nullopt, kInr, CategoryOverrides::kIgnore);
  ASSERT_TRUE(from_storage.has_value()) << from_storage.error().message;
  EXPECT_TRUE(from_storage->from_storage);
  ASSERT_EQ(from_storage->rows.size(), 2U);
  EXPECT_EQ(from_storage->rows[0].category, "Salary");  // ordered by date
  EXPECT_EQ(from_storage->currency, kInr);
}

TEST_F(StoredDataTest, NothingSentAndNothingStoredIsTheMissingTransactions422) {
  const auto none = analytics_transactions(*db_, core::UserId(77), std::nullopt, kInr, CategoryOverrides::kApply);
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().code, core::ErrorCode::kValidation);
  ASSERT_EQ(none.error().fields.size(), 1U);
  EXPECT_EQ(none.error().fields[0].path, "$.transactions");
  EXPECT_EQ(none.error().fields[0].type, "missing");
}

TEST_F(StoredDataTest, OverridesRewriteTheRowsTheyMatchByDescriptionThenCategory) {
  const std::vector<std::pair<std::string, std::string>> entries = {
      {"Dining", "FOOD_AND_DRINK_GROCERIES"},
      {"Household account", "TRANSFER_OUT_ACCOUNT_TRANSFER"},
      {"Piggy bank", "TRANSFER_OUT_SAVINGS"}};
  const auto overrides = analytics::categories::Overrides::make(entries);
  ASSERT_TRUE(overrides.has_value());
  std::vector<core::Transaction> rows = {
      row("2025-10-01", 100, core::TransactionType::kExpense, "Dining"),
      row("2025-10-02", 200, core::TransactionType::kExpense, "Groceries", "Household account"),
      row("2025-10-03", 300, core::TransactionType::kExpense, "Other", "piggy BANK"),
      row("2025-10-04", 400, core::TransactionType::kIncome, "Salary"),
      row("2025-10-05", 500, core::TransactionType::kExpense, "Rent")};
  EXPECT_EQ(apply_category_overrides(rows, *overrides), 3U);
  EXPECT_EQ(rows[0].category, "FOOD_AND_DRINK_GROCERIES");
  EXPECT_EQ(rows[0].type, core::TransactionType::kExpense);
  EXPECT_EQ(rows[1].category, "TRANSFER_OUT_ACCOUNT_TRANSFER");
  EXPECT_EQ(rows[1].type, core::TransactionType::kTransfer);
  EXPECT_EQ(rows[2].category, "TRANSFER_OUT_SAVINGS");
  EXPECT_EQ(rows[2].type, core::TransactionType::kSavings);
  EXPECT_EQ(rows[3].category, "Salary");
  EXPECT_EQ(rows[4].category, "Rent");
}

TEST_F(StoredDataTest, StoredOverridesApplyToSentAndStoredRows) {
  const core::UserId user(6);
  ASSERT_TRUE(db_->category_overrides().replace(user, std::vector<storage::CategoryOverride>{{"dining", "FOOD_AND_DRINK_GROCERIES"}}).has_value());
  ASSERT_TRUE(db_->transactions().insert(user, std::vector{row("2025-10-02", 5000, core::TransactionType::kExpense, "Dining")}).has_value());
  const auto stored = analytics_transactions(*db_, user, std::nullopt, kInr, CategoryOverrides::kApply);
  ASSERT_TRUE(stored.has_value()) << stored.error().message;
  EXPECT_EQ(stored->overrides_applied, 1U);
  EXPECT_EQ(stored->rows[0].category, "FOOD_AND_DRINK_GROCERIES");
  const auto sent = analytics_transactions(*db_, user, std::vector{row("2025-10-03", 1, core::TransactionType::kExpense, "dining")},
                                           kInr, CategoryOverrides::kApply);
  ASSERT_TRUE(sent.has_value());
  EXPECT_EQ(sent->rows[0].category, "FOOD_AND_DRINK_GROCERIES");
  // kIgnore leaves them as they are.
  const auto ignored = analytics_transactions(*db_, user, std::nullopt, kInr, CategoryOverrides::kIgnore);
  ASSERT_TRUE(ignored.has_value());
  EXPECT_EQ(ignored->rows[0].category, "Dining");
}

TEST_F(StoredDataTest, UnreadableOverridesLeaveSentRowsAnswerableButNotStoredOnes) {
  const core::UserId user(7);
  ASSERT_TRUE(db_->transactions().insert(user, std::vector{row("2025-10-02", 5000, core::TransactionType::kExpense, "Dining")}).has_value());
  db_->overrides_down = true;
  const auto sent = analytics_transactions(*db_, user, std::vector{row("2025-10-03", 1, core::TransactionType::kExpense, "Dining")},
                                           kInr, CategoryOverrides::kApply);
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  EXPECT_TRUE(sent->overrides_unavailable);
  EXPECT_EQ(sent->rows[0].category, "Dining");
  const auto stored = analytics_transactions(*db_, user, std::nullopt, kInr, CategoryOverrides::kApply);
  ASSERT_FALSE(stored.has_value());
  EXPECT_EQ(stored.error().code, core::ErrorCode::kUnavailable);
  // Routes without overrides do not read them.
  const auto habits = analytics_transactions(*db_, user, std::nullopt, kInr, CategoryOverrides::kIgnore);
  ASSERT_TRUE(habits.has_value());
  EXPECT_FALSE(habits->overrides_unavailable);
}

}  // namespace
}  // namespace finml::service
