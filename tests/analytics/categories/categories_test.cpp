#include <finml/analytics/categories/categories.hpp>

#include <fstream>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace finml::analytics::categories {
namespace {

std::string_view detailed(std::string_view category, std::string_view description = "", bool income = false,
                          const Overrides& overrides = {}) {
  return categorise(category, description, income, overrides).category->detailed;
}

Rule rule(std::string_view category, std::string_view description = "", bool income = false) {
  return categorise(category, description, income).rule;
}

Group group(std::string_view category, std::string_view description = "", bool income = false) {
  return categorise(category, description, income).category->group;
}

Overrides overrides_of(std::vector<std::pair<std::string, std::string>> entries) {
  auto made = Overrides::make(entries);
  EXPECT_TRUE(made.has_value());
  return made ? std::move(*made) : Overrides{};
}

TEST(TaxonomyTest, EveryDetailedCategoryIsUniqueAndStartsWithItsPrimary) {
  std::set<std::string_view> seen;
  for (const auto& category : taxonomy()) {
    EXPECT_TRUE(seen.insert(category.detailed).second) << category.detailed;
    EXPECT_TRUE(category.detailed.starts_with(std::string(category.primary) + "_")) << category.detailed;
    EXPECT_EQ(find_detailed(category.detailed), &category);
  }
  EXPECT_GT(seen.size(), 100U);
}

TEST(TaxonomyTest, DetailedCategoriesArePlaidsPublishedListPlusOtherUncategorized) {
  std::ifstream in(std::string(FINML_SOURCE_DIR) + "/tests/analytics/categories/plaid_personal_finance_categories.txt");
  ASSERT_TRUE(in) << "fixture missing";
  std::set<std::string> plaid;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.front() != '#') plaid.insert(line);
  }
  ASSERT_EQ(plaid.size(), 104U);
  std::set<std::string> ours;
  for (const auto& category : taxonomy()) ours.insert(std::string(category.detailed));
  ours.erase("OTHER_UNCATEGORIZED");
  EXPECT_EQ(ours, plaid);
}

TEST(TaxonomyTest, EveryPrimaryHasExactlyOneGeneralCatchAll) {
  std::map<std::string_view, int> general;
  for (const auto& category : taxonomy()) general[category.primary] += category.general ? 1 : 0;
  for (const auto& [primary, count] : general) EXPECT_EQ(count, 1) << primary;
  EXPECT_EQ(general.size(), 17U);  // Plaid's 16 primaries and finml's OTHER
}

TEST(TaxonomyTest, GroupsFollowThe503020BucketsPlusIncomeAndTransfer) {
  EXPECT_EQ(find_detailed("FOOD_AND_DRINK_GROCERIES")->group, Group::kNeeds);
  EXPECT_EQ(find_detailed("FOOD_AND_DRINK_RESTAURANT")->group, Group::kWants);
  EXPECT_EQ(find_detailed("TRANSFER_OUT_SAVINGS")->group, Group::kSavings);
  EXPECT_EQ(find_detailed("INCOME_WAGES")->group, Group::kIncome);
  EXPECT_EQ(find_detailed("TRANSFER_IN_ACCOUNT_TRANSFER")->group, Group::kTransfer);
  EXPECT_EQ(find_detailed("LOAN_PAYMENTS_CREDIT_CARD_PAYMENT")->group, Group::kTransfer);
  EXPECT_EQ(find_detailed("food_and_drink_coffee")->detailed, "FOOD_AND_DRINK_COFFEE");
  EXPECT_EQ(find_detailed("FOOD_AND_DRINK"), nullptr);
  EXPECT_EQ(find_detailed("FOOD AND DRINK COFFEE"), nullptr);
  EXPECT_EQ(find_detailed(""), nullptr);
  EXPECT_EQ(to_string(Group::kTransfer), "transfer");
}

TEST(NormaliseTest, LowerCasesJoinsWordsReadsAmpersandAndDropsApostrophes) {
  EXPECT_EQ(normalise("  Haldiram's & Co. "), "haldirams and co");
  EXPECT_EQ(normalise("FOOD_AND_DRINK_COFFEE"), "food and drink coffee");
  EXPECT_EQ(normalise("Amazon.in"), "amazon in");
  EXPECT_EQ(normalise("---"), "");
  EXPECT_EQ(normalise("खर्च Bill"), "खर्च bill");
}

// The original service's sample CSV (seed-api.md 6.2), as the API fixture holds it: every one
// of its nine category names maps, and each to the group the budget routes count it in.
TEST(CategoriseTest, MapsEveryCategoryOfTheOriginalsSampleData) {
  std::ifstream file(std::string(FINML_SOURCE_DIR) + "/tests/api/fixtures/sample_transactions.json");
  ASSERT_TRUE(file) << "fixture missing";
  const auto fixture = nlohmann::json::parse(file);
  const std::map<std::string, std::pair<std::string_view, Group>> expected = {
      {"Income", {"INCOME_OTHER_INCOME", Group::kIncome}},
      {"Food", {"FOOD_AND_DRINK_GROCERIES", Group::kNeeds}},
      {"Entertainment", {"ENTERTAINMENT_OTHER_ENTERTAINMENT", Group::kWants}},
      {"Utilities", {"RENT_AND_UTILITIES_OTHER_UTILITIES", Group::kNeeds}},
      {"Transport", {"TRANSPORTATION_OTHER_TRANSPORTATION", Group::kNeeds}},
      {"Education", {"GENERAL_SERVICES_EDUCATION", Group::kNeeds}},
      {"Shopping", {"GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE", Group::kWants}},
      {"Healthcare", {"MEDICAL_OTHER_MEDICAL", Group::kNeeds}},
      {"Other", {"OTHER_UNCATEGORIZED", Group::kWants}},
  };
  std::set<std::string> seen;
  for (const auto& row : fixture.at("transactions")) {
    const auto name = row.at("category").get<std::string>();
    const bool income = row.at("type").get<std::string>() == "income";
    const auto it = expected.find(name);
    ASSERT_NE(it, expected.end()) << "unexpected category in the fixture: " << name;
    const Mapping mapping = categorise(name, "", income);
    EXPECT_EQ(mapping.category->detailed, it->second.first) << name;
    EXPECT_EQ(mapping.category->group, it->second.second) << name;
    EXPECT_EQ(mapping.rule, name == "Other" ? Rule::kFallback : Rule::kName) << name;
    seen.insert(name);
  }
  EXPECT_EQ(seen.size(), expected.size());
}

// The real client's categories and merchants (../shared/data/requests: Indian users).
TEST(CategoriseTest, MapsTheClientsCategoriesAndMerchants) {
  const std::vector<std::tuple<std::string_view, std::string_view, std::string_view>> cases = {
      {"Groceries", "BigBasket", "FOOD_AND_DRINK_GROCERIES"},
      {"Groceries", "Local Kirana Store", "FOOD_AND_DRINK_GROCERIES"},
      {"Dining", "Swiggy", "FOOD_AND_DRINK_RESTAURANT"},
      {"Dining", "Chai Point", "FOOD_AND_DRINK_RESTAURANT"},  // a specific category is kept
      {"Transport", "Uber", "TRANSPORTATION_TAXIS_AND_RIDE_SHARES"},  // refined
      {"Transport", "Namma Metro Recharge", "TRANSPORTATION_PUBLIC_TRANSIT"},
      {"Transport", "HP Petrol Pump", "TRANSPORTATION_GAS"},
      {"Transport", "FASTag Toll", "TRANSPORTATION_TOLLS"},
      {"Healthcare", "Apollo Pharmacy", "MEDICAL_PHARMACIES_AND_SUPPLEMENTS"},
      {"Healthcare", "Dr. Lal PathLabs", "MEDICAL_PRIMARY_CARE"},
      {"Shopping", "Amazon.in", "GENERAL_MERCHANDISE_ONLINE_MARKETPLACES"},
      {"Shopping", "Myntra", "GENERAL_MERCHANDISE_CLOTHING_AND_ACCESSORIES"},
      {"Shopping", "Croma", "GENERAL_MERCHANDISE_ELECTRONICS"},
      {"Shopping", "IKEA", "GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE"},  // other primary: kept
      {"Entertainment", "PVR Cinemas", "ENTERTAINMENT_TV_AND_MOVIES"},
      {"Entertainment", "Steam Games", "ENTERTAINMENT_VIDEO_GAMES"},
      {"Entertainment", "Timezone Arcade", "ENTERTAINMENT_SPORTING_EVENTS_AMUSEMENT_PARKS_AND_MUSEUMS"},
      {"Subscriptions", "Netflix Premium", "ENTERTAINMENT_TV_AND_MOVIES"},
      {"Subscriptions", "Spotify Family", "ENTERTAINMENT_MUSIC_AND_AUDIO"},
      {"Subscriptions", "Amazon Prime Quarterly", "ENTERTAINMENT_TV_AND_MOVIES"},
      {"Utilities", "BESCOM Electricity Bill", "RENT_AND_UTILITIES_GAS_AND_ELECTRICITY"},
      {"Utilities", "BWSSB Water Bill", "RENT_AND_UTILITIES_WATER"},
      {"Utilities", "ACT Fibernet Broadband", "RENT_AND_UTILITIES_INTERNET_AND_CABLE"},
      {"Utilities", "Jio Prepaid Recharge", "RENT_AND_UTILITIES_TELEPHONE"},
      {"Savings", "Transfer to Savings Account", "TRANSFER_OUT_SAVINGS"},
      {"Savings", "SIP - Index Fund", "TRANSFER_OUT_INVESTMENT_AND_RETIREMENT_FUNDS"},
      {"Rent", "Rent - Landlord", "RENT_AND_UTILITIES_RENT"},
      {"Health & Fitness", "Cult.fit Membership", "PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS"},
      {"Miscellaneous", "UPI Milk Booth", "FOOD_AND_DRINK_GROCERIES"},
      {"Miscellaneous", "UPI Vegetable Vendor", "FOOD_AND_DRINK_GROCERIES"},
      {"Miscellaneous", "UPI Auto Rickshaw", "TRANSPORTATION_TAXIS_AND_RIDE_SHARES"},
      {"Miscellaneous", "UPI Newspaper", "GENERAL_MERCHANDISE_BOOKSTORES_AND_NEWSSTANDS"},
      {"Miscellaneous", "UPI Flower Shop", "GENERAL_MERCHANDISE_GIFTS_AND_NOVELTIES"},
      {"Miscellaneous", "UPI Laundry", "PERSONAL_CARE_LAUNDRY_AND_DRY_CLEANING"},
      {"Miscellaneous", "UPI Pan Shop", "GENERAL_MERCHANDISE_TOBACCO_AND_VAPE"},
      {"Miscellaneous", "UPI Parking", "TRANSPORTATION_PARKING"},
      {"Miscellaneous", "UPI Xerox Shop", "GENERAL_MERCHANDISE_OFFICE_SUPPLIES"},
      {"Miscellaneous", "UPI Tea Stall", "FOOD_AND_DRINK_COFFEE"},
      {"Miscellaneous", "UPI Street Food", "FOOD_AND_DRINK_FAST_FOOD"},
      {"Miscellaneous", "UPI Water Can", "RENT_AND_UTILITIES_WATER"},
      {"Miscellaneous", "UPI Cobbler", "GENERAL_MERCHANDISE_CLOTHING_AND_ACCESSORIES"},
      {"Uncategorized", "Haldiram's", "FOOD_AND_DRINK_FAST_FOOD"},
      {"", "Cafe Coffee Day", "FOOD_AND_DRINK_COFFEE"},
      {"", "Google One Storage", "GENERAL_SERVICES_OTHER_GENERAL_SERVICES"},
  };
  for (const auto& [category, description, code] : cases) {
    EXPECT_EQ(detailed(category, description), code) << category << " / " << description;
  }
  EXPECT_EQ(detailed("Salary", "Salary - Acme Technologies", true), "INCOME_WAGES");
  EXPECT_EQ(detailed("Freelance", "Freelance Project Payment", true), "INCOME_OTHER_INCOME");
  EXPECT_EQ(detailed("Bonus", "Annual Bonus", true), "INCOME_WAGES");
  EXPECT_EQ(group("Savings", "SIP - Index Fund"), Group::kSavings);
}

TEST(CategoriseTest, KnowsUsMerchants) {
  EXPECT_EQ(detailed("", "WALMART SUPERCENTER #1234"), "GENERAL_MERCHANDISE_SUPERSTORES");
  EXPECT_EQ(detailed("", "STARBUCKS STORE 00123"), "FOOD_AND_DRINK_COFFEE");
  EXPECT_EQ(detailed("", "TRADER JOE'S #552"), "FOOD_AND_DRINK_GROCERIES");
  EXPECT_EQ(detailed("", "LYFT *RIDE SUN 3PM"), "TRANSPORTATION_TAXIS_AND_RIDE_SHARES");
  EXPECT_EQ(detailed("", "SHELL OIL 5744"), "TRANSPORTATION_GAS");
  EXPECT_EQ(detailed("", "HOME DEPOT 4411"), "HOME_IMPROVEMENT_HARDWARE");
  EXPECT_EQ(detailed("", "Zelle payment to John"), "TRANSFER_OUT_ACCOUNT_TRANSFER");
  EXPECT_EQ(detailed("", "ATM WITHDRAWAL 0042"), "TRANSFER_OUT_WITHDRAWAL");
  EXPECT_EQ(detailed("", "CREDIT CARD PAYMENT THANK YOU"), "LOAN_PAYMENTS_CREDIT_CARD_PAYMENT");
  EXPECT_EQ(detailed("", "Credit card interest charge"), "BANK_FEES_INTEREST_CHARGE");
  EXPECT_EQ(group("", "CREDIT CARD PAYMENT THANK YOU"), Group::kTransfer);
}

TEST(CategoriseTest, ReadsTaxonomyCodesDetailedAndPrimary) {
  EXPECT_EQ(detailed("FOOD_AND_DRINK_COFFEE", "Swiggy"), "FOOD_AND_DRINK_COFFEE");
  EXPECT_EQ(rule("food_and_drink_coffee"), Rule::kCode);
  EXPECT_EQ(detailed("TRAVEL"), "TRAVEL_OTHER_TRAVEL");
  EXPECT_EQ(detailed("TRANSPORTATION", "Rapido"), "TRANSPORTATION_TAXIS_AND_RIDE_SHARES");
  EXPECT_EQ(detailed("RENT_AND_UTILITIES"), "RENT_AND_UTILITIES_OTHER_UTILITIES");
  // A catch-all code given explicitly is not refined: the caller chose it.
  EXPECT_EQ(detailed("TRANSPORTATION_OTHER_TRANSPORTATION", "Uber"), "TRANSPORTATION_OTHER_TRANSPORTATION");
}

TEST(CategoriseTest, KeywordsOfTheCategoryHeadWordFirstAndPhrasesBeforeWords) {
  EXPECT_EQ(detailed("Health Insurance"), "GENERAL_SERVICES_INSURANCE");
  EXPECT_EQ(rule("Health Insurance"), Rule::kCategoryWord);
  EXPECT_EQ(detailed("Coffee Shop"), "FOOD_AND_DRINK_COFFEE");
  EXPECT_EQ(detailed("Monthly Rent"), "RENT_AND_UTILITIES_RENT");
  EXPECT_EQ(detailed("Fast Food Restaurant"), "FOOD_AND_DRINK_FAST_FOOD");
  EXPECT_EQ(detailed("Fast Food"), "FOOD_AND_DRINK_FAST_FOOD");
  // B29: "Car Rental" is not rent, and "Parental" contains no keyword.
  EXPECT_EQ(detailed("Car Rental"), "TRAVEL_RENTAL_CARS");
  EXPECT_EQ(group("Car Rental"), Group::kWants);
  EXPECT_EQ(rule("Parental Leave Costs"), Rule::kFallback);
  EXPECT_EQ(detailed("Netflix Premium"), "ENTERTAINMENT_TV_AND_MOVIES");
}

TEST(CategoriseTest, ASpecificCategoryWinsOverTheDescription) {
  EXPECT_EQ(detailed("Groceries", "Swiggy"), "FOOD_AND_DRINK_GROCERIES");
  EXPECT_EQ(rule("Groceries", "Swiggy"), Rule::kName);
  // General categories are refined only within their primary category.
  EXPECT_EQ(detailed("Food", "Swiggy"), "FOOD_AND_DRINK_RESTAURANT");
  EXPECT_EQ(rule("Food", "Swiggy"), Rule::kDescription);
  EXPECT_EQ(detailed("Food", "Uber"), "FOOD_AND_DRINK_GROCERIES");
  EXPECT_EQ(rule("Food", "Uber"), Rule::kName);
}

TEST(CategoriseTest, UnknownTextFallsBackByDirection) {
  for (const auto* name : {"Other", "Uncategorized", "misc", "", "Zzyzx", "खर्च", "???", "Miscellaneous"}) {
    const Mapping expense = categorise(name, "", false);
    EXPECT_EQ(expense.category, &uncategorized()) << name;
    EXPECT_EQ(expense.rule, Rule::kFallback) << name;
    EXPECT_EQ(expense.category->group, Group::kWants) << name;
    const Mapping income = categorise(name, "NEFT-XYZ-00042", true);
    EXPECT_EQ(income.category, &other_income()) << name;
    EXPECT_EQ(income.rule, Rule::kFallback) << name;
  }
  // A catch-all category lets the description decide, and a bare payment rail is no keyword.
  EXPECT_EQ(rule("Other", "UPI"), Rule::kFallback);
  EXPECT_EQ(rule("Other", "BigBasket"), Rule::kDescription);
}

TEST(OverridesTest, OverridesWinOverEveryRuleDescriptionFirst) {
  const Overrides overrides = overrides_of({
      {"swiggy", "FOOD_AND_DRINK_GROCERIES"},          // this user orders groceries on Swiggy
      {"Dining", "food_and_drink_fast_food"},          // codes in any case
      {"FOOD_AND_DRINK_COFFEE", "FOOD_AND_DRINK_RESTAURANT"},
      {"Zzyzx", "ENTERTAINMENT_CASINOS_AND_GAMBLING"},
  });
  EXPECT_EQ(overrides.size(), 4U);
  EXPECT_EQ(detailed("Dining", "SWIGGY", false, overrides), "FOOD_AND_DRINK_GROCERIES");
  EXPECT_EQ(detailed("Dining", "Swiggy", false, overrides), "FOOD_AND_DRINK_GROCERIES");
  EXPECT_EQ(detailed("Dining", "Zomato", false, overrides), "FOOD_AND_DRINK_FAST_FOOD");
  EXPECT_EQ(detailed("DINING", "", false, overrides), "FOOD_AND_DRINK_FAST_FOOD");
  EXPECT_EQ(detailed("FOOD_AND_DRINK_COFFEE", "", false, overrides), "FOOD_AND_DRINK_RESTAURANT");
  EXPECT_EQ(detailed("zzyzx", "", true, overrides), "ENTERTAINMENT_CASINOS_AND_GAMBLING");
  EXPECT_EQ(categorise("Zzyzx", "", false, overrides).rule, Rule::kOverride);
  // Without overrides the rules apply again.
  EXPECT_EQ(detailed("Dining", "Swiggy"), "FOOD_AND_DRINK_RESTAURANT");
}

TEST(OverridesTest, ALaterEntryForTheSameTextReplacesAnEarlierOne) {
  const Overrides overrides = overrides_of({{"Gym", "PERSONAL_CARE_OTHER_PERSONAL_CARE"},
                                            {"  GYM ", "MEDICAL_OTHER_MEDICAL"}});
  EXPECT_EQ(overrides.size(), 1U);
  EXPECT_EQ(detailed("gym", "", false, overrides), "MEDICAL_OTHER_MEDICAL");
}

TEST(OverridesTest, RefusesUnknownCodesAndEmptyTextNamingEachEntry) {
  const std::vector<std::pair<std::string, std::string>> entries = {
      {"Dining", "FOOD_AND_DRINK"},  // a primary code: not precise enough
      {"--", "FOOD_AND_DRINK_COFFEE"},
      {"Rent", "RENT_AND_UTILITIES_RENT"},
      {"Toys", "TOYS_AND_GAMES"},
  };
  const auto made = Overrides::make(entries);
  ASSERT_FALSE(made.has_value());
  EXPECT_EQ(made.error().code, core::ErrorCode::kValidation);
  ASSERT_EQ(made.error().fields.size(), 3U);
  EXPECT_EQ(made.error().fields[0].path, "$.overrides[0].category");
  EXPECT_EQ(made.error().fields[1].path, "$.overrides[1].match");
  EXPECT_EQ(made.error().fields[2].path, "$.overrides[3].category");
}

}  // namespace
}  // namespace finml::analytics::categories
