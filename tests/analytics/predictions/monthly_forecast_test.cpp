// Spending forecasts: the window (B13: empty months are zero, the running month is left out),
// the original's error texts, and the reconciliation of category forecasts with the total.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numeric>

#include <finml/analytics/predictions/monthly_forecast.hpp>

namespace finml::analytics::predictions {
namespace {

const core::Currency kInr = *core::Currency::from_code("INR");

core::Transaction txn(std::string_view date, std::int64_t minor, core::TransactionType type,
                      std::string category = "Food") {
  return core::Transaction{.id = {},
                           .date = *core::Date::parse_iso(date),
                           .amount = core::Money::from_minor(minor, kInr),
                           .type = type,
                           .category = std::move(category),
                           .description = {},
                           .note = {},
                           .account_id = std::nullopt,
                           .external_id = std::nullopt};
}

core::Date day(std::string_view text) { return *core::Date::parse_iso(text); }

/// `months` months of spending from 2024-01 in three categories, plus income.
std::vector<core::Transaction> history(int months) {
  std::vector<core::Transaction> rows;
  for (int m = 0; m < months; ++m) {
    const auto month = core::YearMonth::from_index(core::YearMonth{2024, 1}.index() + m);
    const std::string date = month.to_string() + "-15";
    rows.push_back(txn(date, 100'000 + 1'000 * (m % 5), core::TransactionType::kExpense, "Food"));
    rows.push_back(txn(date, 50'000 + 3'000 * (m % 3), core::TransactionType::kExpense, "Transport"));
    rows.push_back(txn(date, 200'000, core::TransactionType::kExpense, "Rent"));
    rows.push_back(txn(date, 900'000, core::TransactionType::kIncome, "Salary"));
  }
  return rows;
}

MonthlyForecastOptions options(std::string_view today, int horizon = 3) {
  return {.horizon = horizon, .level = 0.95, .today = day(today), .min_months = 3, .max_months = 24};
}

TEST(TrainingWindowTest, LeavesOutTheRunningMonthAndCountsEmptyMonthsAsZero) {
  const std::vector<core::Transaction> rows{
      txn("2025-01-10", 100, core::TransactionType::kExpense), txn("2025-04-10", 100, core::TransactionType::kExpense),
      txn("2025-06-03", 100, core::TransactionType::kExpense)};
  const auto window = training_window(rows, core::TransactionType::kExpense, day("2025-06-08"), 3, 24);
  ASSERT_TRUE(window);
  EXPECT_EQ(window->first, (core::YearMonth{2025, 1}));
  EXPECT_EQ(window->last, (core::YearMonth{2025, 5}));
  EXPECT_TRUE(window->excluded_partial_month);
  EXPECT_EQ(window->months(), 5);  // February, March and May count as zero
}

TEST(TrainingWindowTest, KeepsTheMostRecentMaxMonths) {
  const auto rows = history(40);
  const auto window = training_window(rows, core::TransactionType::kExpense, day("2030-01-01"), 3, 24);
  ASSERT_TRUE(window);
  EXPECT_EQ(window->months(), 24);
  EXPECT_EQ(window->last, (core::YearMonth{2027, 4}));
}

TEST(ForecastSpendingTest, AnswersTheOriginalsErrorTexts) {
  const std::vector<core::Transaction> income_only{txn("2025-01-10", 100, core::TransactionType::kIncome)};
  const auto none = forecast_spending(income_only, options("2025-06-08"));
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().message, "No expense data available");
  const auto few = forecast_spending(history(2), options("2024-06-08"));
  ASSERT_FALSE(few);
  EXPECT_EQ(few.error().message, "Insufficient data (minimum 3 months required)");
  EXPECT_EQ(few.error().code, core::ErrorCode::kInsufficientData);
}

TEST(ForecastSpendingTest, OnlyThePartialMonthIsNotEnough) {
  const std::vector<core::Transaction> rows{txn("2025-06-01", 100, core::TransactionType::kExpense),
                                            txn("2025-06-02", 100, core::TransactionType::kExpense)};
  const auto result = forecast_spending(rows, options("2025-06-08"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "Insufficient data (minimum 3 months required)");
}

TEST(ForecastSpendingTest, ReportsTheOriginalsMetadataOnCompleteMonths) {
  auto rows = history(12);
  rows.push_back(txn("2025-01-03", 1, core::TransactionType::kExpense));  // the running month
  const auto result = forecast_spending(rows, options("2025-01-08", 6));
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->window.months(), 12);
  EXPECT_TRUE(result->window.excluded_partial_month);
  ASSERT_EQ(result->forecast_months.size(), 6u);
  EXPECT_EQ(result->forecast_months.front(), (core::YearMonth{2025, 1}));
  double sum = 0.0;
  for (int m = 0; m < 12; ++m) sum += 3'500.0 + 10.0 * (m % 5) + 30.0 * (m % 3);
  EXPECT_NEAR(result->average_monthly_expense, sum / 12.0, 1e-9);
  EXPECT_NEAR(result->last_month_expense, 3'500.0 + 10.0 * (11 % 5) + 30.0 * (11 % 3), 1e-9);
  ASSERT_FALSE(result->notes.empty());
  EXPECT_TRUE(result->notes.front().starts_with("excluded_partial_month"));
}

TEST(ForecastSpendingTest, CategoriesAddUpToTheTotalAtEveryHorizon) {
  const auto result = forecast_spending(history(24), options("2026-01-10", 12));
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->categories.size(), 3u);
  EXPECT_EQ(result->categories[0].category, "Food");  // alphabetical
  for (std::size_t h = 0; h < 12; ++h) {
    double cents = 0.0;
    for (const auto& category : result->categories) {
      cents += std::round(category.band.mean[h] * 100.0);
      EXPECT_GE(category.band.lower[h], 0.0);
      EXPECT_LE(category.band.lower[h], category.band.mean[h]);
      EXPECT_GE(category.band.upper[h], category.band.mean[h]);
    }
    EXPECT_EQ(cents, std::round(result->total.mean[h] * 100.0)) << "h=" << h;
    EXPECT_GE(result->total.lower[h], 0.0);
    EXPECT_LE(result->total.lower[h], result->total.mean[h]);
    EXPECT_GE(result->total.upper[h], result->total.mean[h]);
  }
}

TEST(ForecastSpendingTest, RejectsMixedCurrencies) {
  auto rows = history(6);
  rows.back().amount = core::Money::from_minor(5, *core::Currency::from_code("USD"));
  rows.back().type = core::TransactionType::kExpense;
  const auto result = forecast_spending(rows, options("2025-01-08"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "Transactions must all be in one currency");
}

TEST(ForecastSpendingTest, SurvivesHugeAmountsWithoutNonFiniteOutput) {
  std::vector<core::Transaction> rows;
  for (int m = 1; m <= 6; ++m) {
    const std::string date = "2025-0" + std::to_string(m) + "-10";
    rows.push_back(txn(date, std::numeric_limits<std::int64_t>::max(), core::TransactionType::kExpense));
    rows.push_back(txn(date, std::numeric_limits<std::int64_t>::max(), core::TransactionType::kExpense, "Rent"));
  }
  const auto result = forecast_spending(rows, options("2025-07-08"));
  ASSERT_TRUE(result);
  for (const double v : result->total.mean) EXPECT_TRUE(std::isfinite(v));
}

TEST(ReconcileCategoriesTest, SplitsInProportionAndScalesBounds) {
  const Band total{{300.0}, {200.0}, {400.0}};
  std::vector<Band> categories{{{100.0}, {50.0}, {150.0}}, {{50.0}, {40.0}, {60.0}}};
  const std::vector<double> past{1.0, 1.0};
  reconcile_categories(total, categories, past, 2);
  // Shares 2/3 and 1/3 of 300; each category's bounds scaled by its factor (2 and 2).
  EXPECT_DOUBLE_EQ(categories[0].mean[0], 200.0);
  EXPECT_DOUBLE_EQ(categories[1].mean[0], 100.0);
  EXPECT_DOUBLE_EQ(categories[0].lower[0], 100.0);
  EXPECT_DOUBLE_EQ(categories[0].upper[0], 300.0);
  EXPECT_DOUBLE_EQ(categories[1].lower[0], 80.0);
  EXPECT_DOUBLE_EQ(categories[1].upper[0], 120.0);
}

TEST(ReconcileCategoriesTest, RoundedMeansAddUpExactly) {
  const Band total{{100.0}, {90.0}, {110.0}};
  std::vector<Band> categories(3, Band{{1.0}, {0.5}, {1.5}});
  const std::vector<double> past{1.0, 1.0, 1.0};
  reconcile_categories(total, categories, past, 2);
  double cents = 0.0;
  for (const auto& c : categories) cents += std::round(c.mean[0] * 100.0);
  EXPECT_EQ(cents, 10'000.0);  // 33.34 + 33.33 + 33.33
}

TEST(ReconcileCategoriesTest, FallsBackToPastSharesWhenEveryForecastIsZero) {
  const Band total{{90.0}, {0.0}, {180.0}};
  std::vector<Band> categories(2, Band{{0.0}, {0.0}, {10.0}});
  const std::vector<double> past{2.0, 1.0};
  reconcile_categories(total, categories, past, 2);
  EXPECT_DOUBLE_EQ(categories[0].mean[0], 60.0);
  EXPECT_DOUBLE_EQ(categories[1].mean[0], 30.0);
}

TEST(ModelTypeNameTest, KeepsTheOriginalsNames) {
  forecast::ForecastResult r;
  r.model = "ETS(A,A,A)";
  EXPECT_EQ(model_type_name(r), "holt_winters");
  r.model = "ARIMA(1,1,0)";
  EXPECT_EQ(model_type_name(r), "arima");
  r.model = "Linear trend";
  r.method = forecast::Method::kLinear;
  EXPECT_EQ(model_type_name(r), "linear");
  r.model = "ETS(A,Ad,N)";
  EXPECT_EQ(model_type_name(r), "ets(A,Ad,N)");
  r.model = "Combination(Seasonal naive, ETS(A,N,N))";
  r.method = forecast::Method::kAuto;
  EXPECT_EQ(model_type_name(r), "combination");
  r.model = "Theta";
  r.method = forecast::Method::kTheta;
  EXPECT_EQ(model_type_name(r), "theta");
}

}  // namespace
}  // namespace finml::analytics::predictions
