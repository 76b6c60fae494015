// The budget's 50/30/20 classification falls back on the category taxonomy for names its own
// tables do not know (finml/analytics/budget/classification.hpp, step 3).
#include <finml/analytics/budget/classification.hpp>
#include <finml/analytics/categories/categories.hpp>

#include <gtest/gtest.h>

namespace finml::analytics::budget {
namespace {

TEST(BudgetClassificationTaxonomyTest, MerchantNamedCategoriesGetTheTaxonomysBucket) {
  EXPECT_EQ(classify_category("Swiggy"), (Classification{Bucket::kWants, MatchKind::kWord}));
  EXPECT_EQ(classify_category("BigBasket"), (Classification{Bucket::kNeeds, MatchKind::kWord}));
  EXPECT_EQ(classify_category("Namma Metro"), (Classification{Bucket::kNeeds, MatchKind::kWord}));
  EXPECT_EQ(classify_category("Uber"), (Classification{Bucket::kWants, MatchKind::kWord}));
  EXPECT_EQ(classify_category("Netflix"), (Classification{Bucket::kWants, MatchKind::kWord}));
  EXPECT_EQ(classify_category("SIP"), (Classification{Bucket::kSavings, MatchKind::kWord}));
  EXPECT_EQ(classify_category("Apollo Pharmacy"), (Classification{Bucket::kNeeds, MatchKind::kWord}));
  EXPECT_EQ(classify_category("FOOD_AND_DRINK_GROCERIES"), (Classification{Bucket::kNeeds, MatchKind::kName}));
}

TEST(BudgetClassificationTaxonomyTest, EveryDetailedCodeGetsItsTaxonomyGroup) {
  // The word tables alone read these three against the taxonomy (an override writes the code).
  EXPECT_EQ(classify_category("FOOD_AND_DRINK_OTHER_FOOD_AND_DRINK").bucket, Bucket::kWants);
  EXPECT_EQ(classify_category("TRANSPORTATION_BIKES_AND_SCOOTERS").bucket, Bucket::kWants);
  EXPECT_EQ(classify_category("PERSONAL_CARE_LAUNDRY_AND_DRY_CLEANING").bucket, Bucket::kNeeds);
  for (const auto& category : categories::taxonomy()) {
    const Classification classification = classify_category(category.detailed);
    switch (category.group) {
      case categories::Group::kNeeds: EXPECT_EQ(classification.bucket, Bucket::kNeeds) << category.detailed; break;
      case categories::Group::kWants: EXPECT_EQ(classification.bucket, Bucket::kWants) << category.detailed; break;
      case categories::Group::kSavings: EXPECT_EQ(classification.bucket, Bucket::kSavings) << category.detailed; break;
      case categories::Group::kIncome:
      case categories::Group::kTransfer:
        EXPECT_EQ(classification.match, MatchKind::kUnclassified) << category.detailed;
        break;
    }
  }
}

TEST(BudgetClassificationTaxonomyTest, IncomeTransfersAndUnknownNamesStayUnclassified) {
  for (const auto* name : {"Salary", "Zelle", "ATM", "Zzyzx", "Other", "Miscellaneous"}) {
    EXPECT_EQ(classify_category(name), (Classification{Bucket::kWants, MatchKind::kUnclassified})) << name;
  }
}

TEST(BudgetClassificationTaxonomyTest, TheBudgetsOwnTablesStillDecideFirst) {
  // "Food" is a need by the budget's whole-name table, "Gas" by its word table.
  EXPECT_EQ(classify_category("Food"), (Classification{Bucket::kNeeds, MatchKind::kName}));
  EXPECT_EQ(classify_category("Gas"), (Classification{Bucket::kNeeds, MatchKind::kWord}));
  EXPECT_EQ(classify_category("Car Rental"), (Classification{Bucket::kWants, MatchKind::kName}));
}

}  // namespace
}  // namespace finml::analytics::budget
