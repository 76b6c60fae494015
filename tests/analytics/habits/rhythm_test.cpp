#include <finml/analytics/habits/rhythm.hpp>

#include <gtest/gtest.h>

#include "analytics/budget/sample_rows.hpp"

namespace finml::analytics::habits {
namespace {

using namespace budget::testing;

TEST(WeekdayWeekendSpendingTest, CountsCalendarDaysAndSpendingDays) {
  // 2025-12-01 is a Monday; the two weeks to 2025-12-14 hold 4 weekend days and 10 weekdays.
  const std::vector rows{expense("2025-12-06", "300", "Fun"), expense("2025-12-06", "100", "Fun"),
                         expense("2025-12-02", "50", "Food"), income("2025-12-03", "5000"),
                         expense("2025-12-20", "999", "Fun")};
  const auto split = weekday_weekend_spending(rows, d("2025-12-01"), d("2025-12-14"));
  EXPECT_EQ(split.weekend.calendar_days, 4);
  EXPECT_EQ(split.weekday.calendar_days, 10);
  EXPECT_EQ(split.weekend.spending_days, 1);
  EXPECT_DOUBLE_EQ(split.weekend.total, 400.0);
  EXPECT_DOUBLE_EQ(split.weekend.average_per_day, 100.0);
  EXPECT_DOUBLE_EQ(split.weekend.average_per_spending_day, 400.0);
  EXPECT_DOUBLE_EQ(split.weekday.average_per_day, 5.0);
  EXPECT_DOUBLE_EQ(*split.weekend_to_weekday_ratio, 20.0);
}

TEST(WeekdayWeekendSpendingTest, EmptyAndReversedPeriods) {
  const auto split = weekday_weekend_spending({}, d("2025-12-14"), d("2025-12-01"));
  EXPECT_EQ(split.weekend.calendar_days + split.weekday.calendar_days, 0);
  EXPECT_FALSE(split.weekend_to_weekday_ratio);
  EXPECT_EQ(no_spend_days({}, d("2025-12-14"), d("2025-12-01")).days, 0);
}

TEST(NoSpendDaysTest, HugeRangesAndAmountsStayCheap) {
  const std::vector rows{expense("0001-01-01", "92233720368547758.07", "X"),
                         expense("9999-12-31", "92233720368547758.07", "X")};
  const auto days = no_spend_days(rows, d("0001-01-01"), d("9999-12-31"));
  EXPECT_EQ(days.spending_days, 2);
  EXPECT_EQ(days.no_spend_days, days.days - 2);
  const auto split = weekday_weekend_spending(rows, d("0001-01-01"), d("9999-12-31"));
  EXPECT_EQ(split.weekend.calendar_days + split.weekday.calendar_days, days.days);
}

}  // namespace
}  // namespace finml::analytics::habits
