#include <finml/analytics/recurring/streams.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace finml::analytics::recurring {
namespace {

const core::Currency kInr = *core::Currency::from_code("INR");

core::Date date(std::string_view text) { return *core::Date::parse_iso(text); }

core::Transaction row(std::string_view day, double amount, std::string description,
                      core::TransactionType type = core::TransactionType::kExpense, std::string category = "Bills") {
  return core::Transaction{
      .id = {},
      .date = date(day),
      .amount = core::Money::from_minor(static_cast<std::int64_t>(std::llround(amount * 100.0)), kInr),
      .type = type,
      .category = std::move(category),
      .description = std::move(description),
      .note = {},
      .account_id = std::nullopt,
      .external_id = std::nullopt,
  };
}

// `count` charges `step_days` apart from `first`.
void add_every(std::vector<core::Transaction>& rows, std::string_view first, int step_days, int count, double amount,
               const std::string& description) {
  const core::Date start = date(first);
  for (int i = 0; i < count; ++i) {
    auto transaction = row(start.plus_days(static_cast<std::int64_t>(i) * step_days).to_string(), amount, description);
    rows.push_back(std::move(transaction));
  }
}

// `count` charges `months` calendar months apart from `first`.
void add_monthly(std::vector<core::Transaction>& rows, std::string_view first, int months, int count, double amount,
                 const std::string& description) {
  for (int i = 0; i < count; ++i) {
    rows.push_back(row(core::add_months_clamped(date(first), i * months).to_string(), amount, description));
  }
}

const RecurringStream* find(const std::vector<RecurringStream>& streams, std::string_view key) {
  for (const auto& stream : streams) {
    if (stream.merchant_key == key) return &stream;
  }
  return nullptr;
}

// seed-api.md 2.19's request: the original found both; the weekly box is now tombstoned (its
// last charge was seven weeks before "now") and weekly charges annualise at 52.18 (B15).
TEST(DetectStreamsTest, FindsTheOriginalsExample) {
  std::vector<core::Transaction> rows;
  add_every(rows, "2025-06-15", 30, 6, 649.0, "Netflix Premium");
  add_every(rows, "2025-09-01", 7, 8, 99.0, "Weekly box");
  const auto streams = detect_streams(rows, date("2025-12-08"));
  ASSERT_EQ(streams.size(), 2u);
  const auto& netflix = streams[0];
  EXPECT_EQ(netflix.merchant_key, "netflix premium");
  EXPECT_EQ(netflix.description, "Netflix Premium");
  EXPECT_EQ(netflix.frequency, Frequency::kMonthly);
  EXPECT_EQ(netflix.occurrences, 6);
  EXPECT_DOUBLE_EQ(netflix.average_interval_days, 30.0);
  EXPECT_EQ(netflix.first_date, date("2025-06-15"));
  EXPECT_EQ(netflix.last_date, date("2025-11-12"));
  EXPECT_EQ(netflix.predicted_next_date, date("2025-12-12"));
  EXPECT_NEAR(netflix.annualised_cost, 7788.0, 1e-9);
  EXPECT_EQ(netflix.status, StreamStatus::kMature);
  EXPECT_FALSE(netflix.is_inflow);
  EXPECT_TRUE(netflix.price_changes.empty());
  const auto& box = streams[1];
  EXPECT_EQ(box.frequency, Frequency::kWeekly);
  EXPECT_EQ(box.occurrences, 8);
  EXPECT_NEAR(box.annualised_cost, 99.0 * 52.18, 1e-9);
  EXPECT_EQ(box.predicted_next_date, date("2025-10-27"));
  EXPECT_EQ(box.status, StreamStatus::kTombstoned);
  EXPECT_EQ(box.transaction_indices.size(), 8u);
}

TEST(DetectStreamsTest, RecognisesEveryFrequency) {
  std::vector<core::Transaction> rows;
  add_every(rows, "2025-01-03", 7, 40, 50.0, "Gym class");
  add_every(rows, "2025-01-10", 14, 20, 20000.0, "Payroll biweekly");
  for (int month = 1; month <= 10; ++month) {  // the 1st and the 15th
    rows.push_back(row(core::Date::from_ymd(2025, static_cast<unsigned>(month), 1)->to_string(), 30000.0, "Payroll semi"));
    rows.push_back(row(core::Date::from_ymd(2025, static_cast<unsigned>(month), 15)->to_string(), 30000.0, "Payroll semi"));
  }
  add_monthly(rows, "2024-01-31", 1, 22, 199.0, "Music service");
  add_monthly(rows, "2023-02-10", 3, 12, 599.0, "Prime quarterly");
  add_monthly(rows, "2021-03-05", 6, 9, 4500.0, "Car insurance");
  add_monthly(rows, "2021-07-20", 12, 4, 1499.0, "Domain renewal");
  const auto streams = detect_streams(rows, date("2025-10-20"));
  ASSERT_EQ(streams.size(), 7u);
  EXPECT_EQ(find(streams, "gym class")->frequency, Frequency::kWeekly);
  EXPECT_EQ(find(streams, "payroll biweekly")->frequency, Frequency::kBiweekly);
  EXPECT_EQ(find(streams, "payroll semi")->frequency, Frequency::kSemiMonthly);
  EXPECT_EQ(find(streams, "music service")->frequency, Frequency::kMonthly);
  EXPECT_EQ(find(streams, "music service")->missed_count, 0);  // 31 Jan, 29 Feb, 31 Mar: month ends
  EXPECT_EQ(find(streams, "prime quarterly")->frequency, Frequency::kQuarterly);
  EXPECT_EQ(find(streams, "car insurance")->frequency, Frequency::kSemiAnnually);
  EXPECT_EQ(find(streams, "domain renewal")->frequency, Frequency::kAnnually);
  EXPECT_NEAR(find(streams, "payroll biweekly")->annualised_cost, 20000.0 * 26.09, 1e-6);
  EXPECT_NEAR(find(streams, "payroll semi")->annualised_cost, 30000.0 * 24, 1e-6);
}

TEST(DetectStreamsTest, AStreamSurvivesWeekendShiftsAndAMissedCharge) {
  std::vector<core::Transaction> rows;
  for (const auto* day : {"2025-01-15", "2025-02-17", "2025-03-17", "2025-05-15", "2025-06-16", "2025-07-15"}) {
    rows.push_back(row(day, 1180.0, "ACT Fibernet"));  // April missed; weekends moved to Monday
  }
  const auto streams = detect_streams(rows, date("2025-07-20"));
  ASSERT_EQ(streams.size(), 1u);
  EXPECT_EQ(streams[0].frequency, Frequency::kMonthly);
  EXPECT_EQ(streams[0].missed_count, 1);
  EXPECT_EQ(streams[0].occurrences, 6);
  EXPECT_EQ(streams[0].status, StreamStatus::kMature);
}

TEST(DetectStreamsTest, APriceChangeKeepsOneStreamAndIsRecorded) {
  std::vector<core::Transaction> rows;
  add_monthly(rows, "2025-01-05", 1, 4, 649.0, "Netflix");
  add_monthly(rows, "2025-05-05", 1, 3, 799.0, "NETFLIX.COM 866-579");
  const auto streams = detect_streams(rows, date("2025-07-10"));
  ASSERT_EQ(streams.size(), 1u);
  const auto& stream = streams[0];
  EXPECT_EQ(stream.occurrences, 7);
  EXPECT_FALSE(stream.variable_amount);
  ASSERT_EQ(stream.price_changes.size(), 1u);
  EXPECT_EQ(stream.price_changes[0].date, date("2025-05-05"));
  EXPECT_DOUBLE_EQ(stream.price_changes[0].from, 649.0);
  EXPECT_DOUBLE_EQ(stream.price_changes[0].to, 799.0);
  EXPECT_DOUBLE_EQ(stream.last_amount, 799.0);
  EXPECT_DOUBLE_EQ(stream.predicted_next_amount, 799.0);
  EXPECT_NEAR(stream.average_amount, (4 * 649.0 + 3 * 799.0) / 7, 1e-9);
}

TEST(DetectStreamsTest, UsageBasedBillsVaryWithoutPriceChanges) {
  std::vector<core::Transaction> rows;
  const double amounts[] = {1102.46, 1111.84, 1415.98, 919.94, 1571.98, 1335.61, 1200.0, 1250.5};
  for (int i = 0; i < 8; ++i) {
    rows.push_back(row(core::add_months_clamped(date("2025-01-07"), i).plus_days(i % 3).to_string(), amounts[i],
                       "BESCOM Electricity Bill"));
  }
  const auto streams = detect_streams(rows, date("2025-08-20"));
  ASSERT_EQ(streams.size(), 1u);
  EXPECT_TRUE(streams[0].variable_amount);
  EXPECT_TRUE(streams[0].price_changes.empty());
  EXPECT_NEAR(streams[0].predicted_next_amount, (1335.61 + 1200.0 + 1250.5) / 3, 1e-9);
}

TEST(DetectStreamsTest, RowsWithoutDescriptionFallBackToTheirCategory) {
  std::vector<core::Transaction> rows;
  for (int i = 0; i < 6; ++i) {
    rows.push_back(row(core::add_months_clamped(date("2025-01-01"), i).to_string(), 38000.0, "",
                       core::TransactionType::kExpense, "Rent"));
  }
  const auto streams = detect_streams(rows, date("2025-06-10"));
  ASSERT_EQ(streams.size(), 1u);
  EXPECT_EQ(streams[0].merchant_key, "category:rent");
  EXPECT_EQ(streams[0].description, "Rent");
}

TEST(DetectStreamsTest, TheNoteStandsInForAMissingDescription) {
  std::vector<core::Transaction> rows;
  for (int i = 0; i < 3; ++i) {
    auto transaction = row(core::add_months_clamped(date("2025-01-09"), i).to_string(), 179.0, "");
    transaction.note = "Spotify";
    rows.push_back(std::move(transaction));
  }
  const auto streams = detect_streams(rows, date("2025-03-20"));
  ASSERT_EQ(streams.size(), 1u);
  EXPECT_EQ(streams[0].merchant_key, "spotify");
  EXPECT_EQ(streams[0].description, "Spotify");
}

TEST(DetectStreamsTest, FindsASubscriptionAmongOneOffPurchasesAtTheSameMerchant) {
  std::vector<core::Transaction> rows;
  std::mt19937 random(7);
  std::uniform_int_distribution<int> day(0, 700);
  std::uniform_int_distribution<int> amount(100, 9000);
  for (int i = 0; i < 60; ++i) {
    rows.push_back(row(date("2024-01-01").plus_days(day(random)).to_string(), amount(random), "Amazon.in"));
  }
  add_monthly(rows, "2024-01-12", 3, 8, 599.0, "AMAZON.IN");
  const auto streams = detect_streams(rows, date("2025-11-20"));
  ASSERT_EQ(streams.size(), 1u);
  EXPECT_EQ(streams[0].frequency, Frequency::kQuarterly);
  EXPECT_EQ(streams[0].occurrences, 8);
  EXPECT_DOUBLE_EQ(streams[0].last_amount, 599.0);
}

TEST(DetectStreamsTest, RandomPurchasesAreNoStream) {
  std::vector<core::Transaction> rows;
  std::mt19937 random(11);
  std::uniform_int_distribution<int> day(0, 1000);
  std::uniform_int_distribution<int> amount(150, 1500);
  for (const auto* merchant : {"BigBasket", "Uber", "Chai Point", "IKEA"}) {
    for (int i = 0; i < 150; ++i) rows.push_back(row(date("2023-01-01").plus_days(day(random)).to_string(), amount(random), merchant));
  }
  EXPECT_TRUE(detect_streams(rows, date("2025-12-01")).empty());
}

TEST(DetectStreamsTest, DuplicatedChargesAreReportedNotCounted) {
  std::vector<core::Transaction> rows;
  add_monthly(rows, "2025-01-10", 1, 5, 1999.0, "Cult.fit Membership");
  rows.push_back(row("2025-03-11", 1999.0, "Cult.fit Membership"));
  const auto streams = detect_streams(rows, date("2025-06-01"));
  ASSERT_EQ(streams.size(), 1u);
  EXPECT_EQ(streams[0].occurrences, 5);
  ASSERT_EQ(streams[0].duplicate_dates.size(), 1u);
  EXPECT_EQ(streams[0].duplicate_dates[0], date("2025-03-11"));
  EXPECT_EQ(streams[0].transaction_indices.size(), 6u);
}

TEST(DetectStreamsTest, SalaryIsAnInflowStream) {
  std::vector<core::Transaction> rows;
  for (int i = 0; i < 6; ++i) {
    rows.push_back(row(core::add_months_clamped(date("2025-01-01"), i).to_string(), 340000.0, "Salary - Acme",
                       core::TransactionType::kIncome, "Salary"));
  }
  const auto streams = detect_streams(rows, date("2025-06-15"));
  ASSERT_EQ(streams.size(), 1u);
  EXPECT_TRUE(streams[0].is_inflow);
  EXPECT_EQ(streams[0].type, core::TransactionType::kIncome);
}

TEST(DetectStreamsTest, StatusFollowsHitsAndTheCalendar) {
  std::vector<core::Transaction> rows;
  add_monthly(rows, "2025-10-03", 1, 2, 299.0, "Jio recharge");
  add_monthly(rows, "2024-11-20", 12, 2, 999.0, "Annual plan");
  const auto streams = detect_streams(rows, date("2025-11-20"));
  ASSERT_EQ(streams.size(), 2u);
  EXPECT_EQ(find(streams, "jio recharge")->status, StreamStatus::kEarlyDetection);
  EXPECT_EQ(find(streams, "annual plan")->status, StreamStatus::kMature);  // Plaid: 2 hits for annual
  // A month later, with no new charge, the monthly one is overdue past its grace.
  const auto later = detect_streams(rows, date("2025-12-20"));
  EXPECT_EQ(find(later, "jio recharge")->status, StreamStatus::kTombstoned);
}

TEST(DetectStreamsTest, PrepaidRechargesOncePerMonthOnWanderingDaysAreMonthly) {
  std::vector<core::Transaction> rows;
  for (const auto* day : {"2024-11-05", "2024-12-08", "2025-01-28", "2025-02-22", "2025-03-08", "2025-04-21",
                          "2025-05-02", "2025-06-19"}) {
    rows.push_back(row(day, 299.0, "Jio Prepaid Recharge"));
  }
  const auto streams = detect_streams(rows, date("2025-07-01"));
  ASSERT_EQ(streams.size(), 1u);
  EXPECT_EQ(streams[0].frequency, Frequency::kMonthly);
}

TEST(DetectStreamsTest, LeavesOutFutureRowsRefundsAndSingleCharges) {
  std::vector<core::Transaction> rows;
  add_monthly(rows, "2025-12-01", 1, 3, 500.0, "Future plan");  // only 2025-12-01 is not after today
  rows.push_back(row("2025-03-01", -649.0, "Netflix"));
  rows.push_back(row("2025-04-01", -649.0, "Netflix"));
  rows.push_back(row("2025-04-01", 10.0, "Once"));
  EXPECT_TRUE(detect_streams(rows, date("2025-12-08")).empty());
  EXPECT_TRUE(detect_streams(std::vector<core::Transaction>{}, date("2025-12-08")).empty());
}

TEST(DetectStreamsTest, ExtremeDatesAndAmountsAreSafe) {
  std::vector<core::Transaction> rows;
  const auto huge = std::numeric_limits<std::int64_t>::max();
  for (int i = 0; i < 3; ++i) {
    core::Transaction transaction = row(core::add_months_clamped(date("9999-09-30"), i).to_string(), 1.0, "Huge");
    transaction.amount = core::Money::from_minor(huge - i, kInr);
    rows.push_back(transaction);
    rows.push_back(row(core::add_months_clamped(date("0001-01-01"), i).to_string(), 5.0, "Ancient"));
  }
  const auto streams = detect_streams(rows, date("9999-12-31"));
  ASSERT_EQ(streams.size(), 2u);
  EXPECT_TRUE(std::isfinite(streams[0].annualised_cost));
}

TEST(DetectStreamsTest, IdsAreStableAndDistinct) {
  std::vector<core::Transaction> rows;
  add_monthly(rows, "2025-01-05", 1, 4, 649.0, "Netflix");
  add_monthly(rows, "2025-01-09", 1, 4, 179.0, "Spotify");
  const auto first = detect_streams(rows, date("2025-04-20"));
  rows.push_back(row("2025-04-01", 3.0, "Chai"));
  const auto second = detect_streams(rows, date("2025-04-20"));
  ASSERT_EQ(first.size(), 2u);
  ASSERT_EQ(second.size(), 2u);
  EXPECT_NE(first[0].id, first[1].id);
  EXPECT_EQ(first[0].id, second[0].id);
  EXPECT_EQ(first[0].id.rfind("rs_", 0), 0u);
  EXPECT_EQ(first[0].id.size(), 19u);
}

// The route hands over interned views (equal texts share one pointer); grouping by where the
// texts live must find what grouping by their content finds.
TEST(DetectStreamsTest, InternedViewsGiveTheSameStreamsAsCopies) {
  std::vector<core::Transaction> rows;
  add_monthly(rows, "2025-01-05", 1, 6, 649.0, "Netflix");
  add_monthly(rows, "2025-01-07", 1, 6, 649.0, "NETFLIX.COM 866-579");
  add_every(rows, "2025-01-03", 7, 20, 50.0, "Gym class");
  rows.push_back(row("2025-03-03", 12.0, "12345"));  // a description that is all noise
  const std::vector<std::string> pool = {"Netflix", "NETFLIX.COM 866-579", "Gym class", "12345", "Bills"};
  const auto interned = [&](const std::string& text) -> std::string_view {
    for (const auto& entry : pool) {
      if (entry == text) return entry;
    }
    return {};
  };
  std::vector<RowView> views;
  for (const auto& transaction : rows) {
    views.push_back({.date = transaction.date,
                     .amount = transaction.amount,
                     .type = transaction.type,
                     .category = interned(transaction.category),
                     .description = interned(transaction.description),
                     .note = {}});
  }
  const auto by_content = detect_streams(rows, date("2025-06-20"));
  const auto by_identity = detect_streams(std::span<const RowView>(views), date("2025-06-20"), Texts::kInterned);
  ASSERT_EQ(by_content.size(), 2u);
  ASSERT_EQ(by_identity.size(), by_content.size());
  for (std::size_t i = 0; i < by_content.size(); ++i) {
    EXPECT_EQ(by_identity[i].id, by_content[i].id);
    EXPECT_EQ(by_identity[i].transaction_indices, by_content[i].transaction_indices);
  }
}

}  // namespace
}  // namespace finml::analytics::recurring
