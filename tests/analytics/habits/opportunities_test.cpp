#include <finml/analytics/habits/opportunities.hpp>

#include <gtest/gtest.h>

#include "analytics/budget/sample_rows.hpp"

namespace finml::analytics::habits {
namespace {

using namespace budget::testing;

constexpr double kCent = 0.01;

core::Transaction described(std::string_view date, std::string_view amount, std::string_view category,
                            std::string_view description) {
  auto row = expense(date, amount, category);
  row.description = std::string(description);
  return row;
}

// seed-api.md 2.20's verified example (sample transactions, now 2025-12-08) found small
// charges (41 under 50: 1,008.74) and one impulse day. A small charge is now one under both
// 2.5 % of the user's average month (48.42) and half their median purchase (48.23 / 2 = 24.11):
// 20 rows, 236.02; the impulse day is the original's, now with its total.
TEST(FindOpportunitiesTest, SampleTransactionsWithRelativeThresholds) {
  const auto report = find_opportunities(sample_rows(), sample_today());
  ASSERT_EQ(report.opportunities.size(), 2u);
  const auto& small = report.opportunities[0];
  EXPECT_EQ(small.kind, OpportunityKind::kHiddenFees);
  EXPECT_EQ(small.category, "Small Charges");
  EXPECT_EQ(small.transaction_count, 20);
  EXPECT_NEAR(*small.total_amount, 236.02, kCent);
  EXPECT_NEAR(*small.potential_savings, 118.01, kCent);
  EXPECT_EQ(small.message, "Multiple small charges totaling Rs. 236. Review for unnecessary fees.");
  const auto& impulse = report.opportunities[1];
  EXPECT_EQ(impulse.kind, OpportunityKind::kImpulsePurchases);
  EXPECT_EQ(impulse.occurrences, 1);
  EXPECT_EQ(impulse.message,
            "Detected 1 day with multiple purchases in same category. Plan purchases to reduce impulse buying.");
  EXPECT_NEAR(report.total_potential_savings, 118.01, kCent);
}

// The same spending pattern in a currency a thousand times larger finds the same things.
TEST(FindOpportunitiesTest, ScaleFreeThresholds) {
  auto rows = sample_rows();
  for (auto& row : rows) row.amount = core::Money::from_minor(row.amount.minor_units() * 1000, row.amount.currency());
  const auto report = find_opportunities(rows, sample_today(), {.analysis_months = 3, .currency_label = "IDR"});
  ASSERT_EQ(report.opportunities.size(), 2u);
  EXPECT_EQ(report.opportunities[0].transaction_count, 20);
  EXPECT_EQ(report.opportunities[0].message, "Multiple small charges totaling IDR 236,020. Review for unnecessary fees.");
}

TEST(FindOpportunitiesTest, NamedFeesComeFirstAndAreAllAvoidable) {
  const std::vector rows{expense("2025-11-10", "2000", "Rent"), described("2025-11-12", "35", "Bank", "Late fee"),
                         expense("2025-11-20", "15", "Bank Charges"), expense("2025-12-01", "2000", "Rent")};
  const auto report = find_opportunities(rows, sample_today());
  ASSERT_FALSE(report.opportunities.empty());
  const auto& fees = report.opportunities[0];
  EXPECT_EQ(fees.kind, OpportunityKind::kBankFees);
  EXPECT_EQ(fees.transaction_count, 2);
  EXPECT_NEAR(*fees.potential_savings, 50.0, kCent);
  EXPECT_TRUE(names_a_fee("ATM fee"));
  EXPECT_TRUE(names_a_fee("Overdraft"));
  EXPECT_FALSE(names_a_fee("Electricity charges"));
  EXPECT_FALSE(names_a_fee("Coffee"));
}

TEST(FindOpportunitiesTest, WeekendSpendingPerCalendarDay) {
  std::vector<core::Transaction> rows;
  for (core::Date day = d("2025-11-09"); day <= sample_today(); day = day.plus_days(1)) {
    rows.push_back(expense(day.to_string(), day.weekday_index() >= 5 ? "300" : "100", "Shopping"));
  }
  const auto report = find_opportunities(rows, sample_today(), {.analysis_months = 1, .currency_label = "Rs."});
  const auto found = std::ranges::find(report.opportunities, OpportunityKind::kWeekendSpending, &Opportunity::kind);
  ASSERT_NE(found, report.opportunities.end());
  EXPECT_NEAR(*found->weekend_average, 300.0, kCent);
  EXPECT_NEAR(*found->weekday_average, 100.0, kCent);
  EXPECT_EQ(found->message, "Weekend spending is 3.0x higher than weekdays. Plan weekend activities to reduce costs.");
  // (300 - 100) x 9 weekend days (Nov 9 - Dec 8) x 0.5
  EXPECT_NEAR(*found->potential_savings, 900.0, kCent);
}

TEST(FindOpportunitiesTest, CategorySpikeAgainstItsOwnAverage) {
  std::vector<core::Transaction> rows;
  for (const char* month : {"2025-08", "2025-09", "2025-10"}) {
    rows.push_back(expense(std::string(month) + "-05", "1000", "Shopping"));
    rows.push_back(expense(std::string(month) + "-06", "3000", "Rent"));
  }
  rows.push_back(expense("2025-11-05", "2500", "Shopping"));
  rows.push_back(expense("2025-11-06", "3000", "Rent"));
  const auto report = find_opportunities(rows, sample_today());
  const auto found = std::ranges::find(report.opportunities, OpportunityKind::kCategorySpike, &Opportunity::kind);
  ASSERT_NE(found, report.opportunities.end());
  EXPECT_EQ(found->category, "Shopping");
  EXPECT_NEAR(*found->total_amount, 2500.0, kCent);
  EXPECT_NEAR(*found->average_amount, 1000.0, kCent);
  EXPECT_NEAR(*found->potential_savings, 1500.0, kCent);
  EXPECT_EQ(found->message,
            "Shopping spending rose to Rs. 2,500 in November 2025, 2.5x its average of Rs. 1,000 over the 3 months "
            "before. Bringing it back would save Rs. 1,500 a month.");
}

TEST(FindOpportunitiesTest, OverlappingStreamingSubscriptions) {
  std::vector<core::Transaction> rows;
  for (const char* date : {"2025-09-15", "2025-10-15", "2025-11-15"}) {
    rows.push_back(described(date, "649", "Entertainment", "NETFLIX.COM 4411"));
    rows.push_back(described(date, "299", "Entertainment", "Spotify"));
  }
  rows.push_back(described("2025-11-20", "500", "Entertainment", "Cinema"));  // a one-off
  // Monthly bills of a need are not subscriptions to cancel.
  for (const char* date : {"2025-09-01", "2025-10-01", "2025-11-01"}) {
    rows.push_back(described(date, "900", "Utilities", "Electricity"));
    rows.push_back(described(date, "300", "Utilities", "Water"));
  }
  const auto report = find_opportunities(rows, sample_today());
  const auto found =
      std::ranges::find(report.opportunities, OpportunityKind::kOverlappingSubscriptions, &Opportunity::kind);
  ASSERT_NE(found, report.opportunities.end());
  EXPECT_EQ(found->category, "Entertainment");
  EXPECT_EQ(found->occurrences, 2);
  EXPECT_NEAR(*found->total_amount, 948.0, kCent);
  EXPECT_NEAR(*found->potential_savings, 299.0 * 3, kCent);
  EXPECT_EQ(found->message,
            "You pay for 2 recurring Entertainment charges (NETFLIX.COM 4411, Spotify) totaling Rs. 948 a month. "
            "Keeping only the one you use most would save Rs. 299 a month.");
  EXPECT_EQ(std::ranges::count(report.opportunities, OpportunityKind::kOverlappingSubscriptions, &Opportunity::kind), 1);
}

TEST(FindOpportunitiesTest, NothingToFindInNothing) {
  const auto report = find_opportunities({}, sample_today());
  EXPECT_TRUE(report.opportunities.empty());
  EXPECT_DOUBLE_EQ(report.total_potential_savings, 0.0);
}

}  // namespace
}  // namespace finml::analytics::habits
