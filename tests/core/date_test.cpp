#include <finml/core/date.hpp>

#include <gtest/gtest.h>

namespace finml::core {
namespace {

Date d(std::string_view text) { return *Date::parse_iso(text); }

TEST(DateTest, ParsesAndPrintsIsoDates) {
  EXPECT_EQ(d("2025-03-07").to_string(), "2025-03-07");
  EXPECT_EQ(d("2024-02-29").day(), 29u);
  EXPECT_FALSE(Date::parse_iso("2025-02-29"));
  EXPECT_FALSE(Date::parse_iso("2025-13-01"));
  EXPECT_FALSE(Date::parse_iso("2025-1-01"));
  EXPECT_FALSE(Date::parse_iso("2025-01-01T00:00:00"));
  EXPECT_FALSE(Date::parse_iso("0000-01-01"));
}

TEST(DateTest, DoesCalendarArithmetic) {
  EXPECT_EQ(days_between(d("2025-01-01"), d("2025-03-01")), 59);
  EXPECT_EQ(d("2024-12-31").plus_days(1), d("2025-01-01"));
  EXPECT_EQ(days_in_month(2024, 2), 29u);
  EXPECT_EQ(days_in_month(2100, 2), 28u);
  EXPECT_EQ(first_of_month(d("2025-05-17")), d("2025-05-01"));
  EXPECT_EQ(last_of_month(d("2025-04-17")), d("2025-04-30"));
  EXPECT_EQ(d("2026-11-23").weekday_index(), 0u);  // a Monday
}

TEST(DateTest, AddsMonthsClippingTheDayLikeRelativedelta) {
  EXPECT_EQ(add_months_clamped(d("2025-01-31"), 1), d("2025-02-28"));
  EXPECT_EQ(add_months_clamped(d("2024-01-31"), 1), d("2024-02-29"));
  EXPECT_EQ(add_months_clamped(d("2024-12-06"), 20), d("2026-08-06"));
  EXPECT_EQ(add_months_clamped(d("2025-03-31"), -1), d("2025-02-28"));
  EXPECT_EQ(add_months_clamped(d("2025-01-15"), -13), d("2023-12-15"));
}

TEST(DateTest, CountsWholeMonthsWithTheirDays) {
  EXPECT_EQ(whole_months_between(d("2025-01-15"), d("2025-02-14")), 0);
  EXPECT_EQ(whole_months_between(d("2025-01-15"), d("2025-02-15")), 1);
  EXPECT_EQ(whole_months_between(d("2025-01-31"), d("2025-02-28")), 1);
  EXPECT_EQ(whole_months_between(d("2024-12-06"), d("2026-12-31")), 24);
  EXPECT_EQ(whole_months_between(d("2025-03-10"), d("2025-01-10")), -2);
}

TEST(YearMonthTest, IndexesConsecutiveMonths) {
  const YearMonth december{2024, 12};
  EXPECT_EQ(YearMonth::from_index(december.index() + 1).to_string(), "2025-01");
  EXPECT_EQ(YearMonth::of(d("2025-07-19")).first_day(), d("2025-07-01"));
  EXPECT_LT(december, (YearMonth{2025, 1}));
}

TEST(BookingDateTest, ReadsPlainDates) {
  EXPECT_EQ(parse_booking_date("2025-10-31").value(), d("2025-10-31"));
}

TEST(BookingDateTest, TakesTheDatePartOfLocalTimestamps) {
  // The original's sample CSV: wall-clock times without a zone.
  EXPECT_EQ(parse_booking_date("2024-12-10 14:38:40.706809").value(), d("2024-12-10"));
  EXPECT_EQ(parse_booking_date("2025-12-08T23:59:59").value(), d("2025-12-08"));
  EXPECT_EQ(parse_booking_date("2025-12-08T12:00").value(), d("2025-12-08"));
}

TEST(BookingDateTest, RoundsZonedInstantsToTheNearestUtcMidnight) {
  // A local midnight serialised by JavaScript, from UTC+5:30 and from UTC-5.
  EXPECT_EQ(parse_booking_date("2026-10-31T18:30:00.000Z").value(), d("2026-11-01"));
  EXPECT_EQ(parse_booking_date("2026-11-01T05:00:00.000Z").value(), d("2026-11-01"));
  EXPECT_EQ(parse_booking_date("2026-11-01T00:00:00.000Z").value(), d("2026-11-01"));
  // The extremes the rule is meant for: UTC+12 and UTC-11.
  EXPECT_EQ(parse_booking_date("2026-10-31T12:00:00.000Z").value(), d("2026-11-01"));  // tie: up
  EXPECT_EQ(parse_booking_date("2026-11-01T11:00:00.000Z").value(), d("2026-11-01"));
  EXPECT_EQ(parse_booking_date("2026-11-01T11:59:59.999Z").value(), d("2026-11-01"));
  // Offsets are applied before rounding.
  EXPECT_EQ(parse_booking_date("2026-11-01T00:00:00+05:30").value(), d("2026-11-01"));
  EXPECT_EQ(parse_booking_date("2026-11-01T00:00:00-0800").value(), d("2026-11-01"));
  EXPECT_EQ(parse_booking_date("2026-11-01T20:00:00-08").value(), d("2026-11-02"));
  EXPECT_EQ(parse_booking_date("1969-12-31T23:00:00Z").value(), d("1970-01-01"));
}

TEST(BookingDateTest, RejectsWhatIsNotADateWithAClearMessage) {
  for (const char* bad : {"", "yesterday", "2025-02-30", "2025-10-31T25:00:00Z", "2025-10-31T10",
                          "2025-10-31T10:00:00.Z", "2025-10-31T10:00:00Q", "31/10/2025",
                          "2025-10-31 ", "2025-10-31T10:00:00+5"}) {
    const auto parsed = parse_booking_date(bad);
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_NE(parsed.error().message.find("not a date"), std::string::npos);
  }
}

}  // namespace
}  // namespace finml::core
