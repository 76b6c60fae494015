// Accounts, goals, budgets, bills and users' own categories as use cases (issue 7, helper A),
// over an in-memory SQLite database: the checks, the cursors, and a user's categories acting
// in classification through load_category_overrides.
#include <gtest/gtest.h>

#include <finml/analytics/categories/categories.hpp>
#include <finml/service/category_service.hpp>
#include <finml/service/resources_service.hpp>
#include <finml/storage/sqlite/sqlite_database.hpp>

namespace finml::service {
namespace {

namespace categories = analytics::categories;

class ResourcesServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = storage::sqlite::open_sqlite_database(":memory:");
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    db_ = std::move(*opened);
  }
  std::unique_ptr<storage::Database> db_;
};

core::Money usd(std::int64_t minor) { return core::Money::from_minor(minor, *core::Currency::from_code("USD")); }

std::vector<std::string> paths(const core::Error& error) {
  std::vector<std::string> out;
  for (const auto& field : error.fields) out.push_back(field.path);
  return out;
}

TEST_F(ResourcesServiceTest, AUserCategoryClassifiesTransactionsOfItsNameAfterTheOverrides) {
  const core::UserId user(5);
  auto before = load_category_overrides(*db_, user);
  ASSERT_TRUE(before.has_value());
  const auto* fallback = categories::categorise("Ramesh Uncle", "", false, *before).category;
  ASSERT_NE(fallback->detailed, "PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS");

  auto created = create_resource(*db_, user,
                                 storage::UserCategory{.name = "Ramesh Uncle", .detailed = "personal_care_gyms_and_fitness_centers"});
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_EQ(created->detailed, "PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS");  // spelt as the taxonomy spells it
  EXPECT_EQ(created->bucket, std::string(categories::to_string(
                                 categories::find_detailed("PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS")->group)));
  auto loaded = load_category_overrides(*db_, user);
  ASSERT_TRUE(loaded.has_value());
  const auto mapped = categories::categorise("ramesh  uncle", "", false, *loaded);
  EXPECT_EQ(mapped.category->detailed, "PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS");
  EXPECT_EQ(mapped.rule, categories::Rule::kOverride);
  // Another user's categories do not act.
  auto other = load_category_overrides(*db_, core::UserId(6));
  ASSERT_TRUE(other.has_value());
  EXPECT_NE(categories::categorise("Ramesh Uncle", "", false, *other).category->detailed, "PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS");

  // An explicit override of the same text wins over the category.
  ASSERT_TRUE(replace_category_overrides(*db_, user, {{"ramesh uncle", "FOOD_AND_DRINK_RESTAURANT"}}).has_value());
  loaded = load_category_overrides(*db_, user);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(categories::categorise("Ramesh Uncle", "", false, *loaded).category->detailed, "FOOD_AND_DRINK_RESTAURANT");
  // A category without a detailed code does not act.
  ASSERT_TRUE(create_resource(*db_, user, storage::UserCategory{.name = "Misc stuff"}).has_value());
  loaded = load_category_overrides(*db_, user);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->find("misc stuff"), nullptr);
}

TEST_F(ResourcesServiceTest, ChecksNameEveryBadMember) {
  auto goal = create_resource(*db_, core::UserId(1),
                              storage::Goal{.name = "", .target = usd(0),
                                            .current = core::Money::from_minor(1, *core::Currency::from_code("EUR")),
                                            .status = "someday"});
  ASSERT_FALSE(goal.has_value());
  EXPECT_EQ(goal.error().code, core::ErrorCode::kValidation);
  EXPECT_EQ(paths(goal.error()),
            (std::vector<std::string>{"$.goal_name", "$.target_amount", "$.current_amount", "$.status"}));
  auto bill = create_resource(*db_, core::UserId(1),
                              storage::Bill{.name = "Rent", .amount = usd(1), .recurring = true,
                                            .reminder_days_before = -1});
  ASSERT_FALSE(bill.has_value());
  EXPECT_EQ(paths(bill.error()), (std::vector<std::string>{"$.recurrence_frequency", "$.reminder_days_before"}));
  auto category = create_resource(*db_, core::UserId(1),
                                  storage::UserCategory{.name = "Tea", .bucket = "needs",
                                                        .detailed = "FOOD_AND_DRINK_COFFEE"});
  ASSERT_FALSE(category.has_value());
  EXPECT_EQ(paths(category.error()), (std::vector<std::string>{"$.bucket"}));
  // Nothing was stored, and the user was not created.
  EXPECT_FALSE(db_->users().find(core::UserId(1))->has_value());
}

TEST_F(ResourcesServiceTest, CursorsAreOpaqueAndOnlyReadBackWhatWasWritten) {
  for (const std::int64_t id : {1LL, 42LL, 9'223'372'036'854'775'807LL}) {
    EXPECT_EQ(decode_resource_cursor(encode_resource_cursor(id)), id);
  }
  EXPECT_FALSE(decode_resource_cursor("").has_value());
  EXPECT_FALSE(decode_resource_cursor("abc").has_value());
  EXPECT_FALSE(decode_resource_cursor("42").has_value());
  const auto page = list_resources<storage::Account>(*db_, core::UserId(1), {}, std::string("nope"), 10);
  ASSERT_FALSE(page.has_value());
  EXPECT_EQ(paths(page.error()), (std::vector<std::string>{"query.cursor"}));
}

}  // namespace
}  // namespace finml::service
