#include <finml/core/timestamp.hpp>

#include <gtest/gtest.h>

namespace finml::core {
namespace {

using namespace std::chrono_literals;

TEST(TimestampTest, RoundTripsThroughText) {
  const Timestamp at = Timestamp(std::chrono::sys_days(2026y / 11 / 24)) + 10h + 15min + 30s + 123456us;
  EXPECT_EQ(format_timestamp(at), "2026-11-24T10:15:30.123456Z");
  EXPECT_EQ(parse_timestamp(format_timestamp(at)), at);
  const Timestamp whole = Timestamp(std::chrono::sys_days(2026y / 1 / 2));
  EXPECT_EQ(format_timestamp(whole), "2026-01-02T00:00:00Z");
}

TEST(TimestampTest, ReadsTheDatabasesTextForms) {
  const Timestamp expected = Timestamp(std::chrono::sys_days(2026y / 11 / 24)) + 10h + 500ms;
  EXPECT_EQ(parse_timestamp("2026-11-24 10:00:00.5+00"), expected);
  EXPECT_EQ(parse_timestamp("2026-11-24T15:30:00.500+05:30"), expected);
  EXPECT_EQ(parse_timestamp("2026-11-24 10:00:00.500000"), expected);
  EXPECT_FALSE(parse_timestamp("2026-11-24"));
  EXPECT_FALSE(parse_timestamp("2026-11-24T10:00:00Zjunk"));
}

TEST(TimestampTest, GivesTheUtcDate) {
  const Timestamp late = Timestamp(std::chrono::sys_days(2026y / 11 / 24)) + 23h + 59min;
  EXPECT_EQ(utc_date(late).to_string(), "2026-11-24");
}

}  // namespace
}  // namespace finml::core
