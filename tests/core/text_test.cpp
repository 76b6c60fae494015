#include <finml/core/text.hpp>

#include <gtest/gtest.h>

namespace finml::core {
namespace {

TEST(TextTest, TrimsAsciiWhitespaceOnly) {
  EXPECT_EQ(trim(" \t\r\n\v\f 12.50 \r\n"), "12.50");
  EXPECT_EQ(trim("a b"), "a b");
  EXPECT_EQ(trim(" \t "), "");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("\xC2\xA0x\xC2\xA0"), "\xC2\xA0x\xC2\xA0");  // a no-break space is text, not ASCII space
  EXPECT_EQ(trim_right("  x \n"), "  x");
  static_assert(trim("  ok ") == "ok");
}

TEST(TextTest, LowersOnlyAsciiLetters) {
  EXPECT_EQ(to_lower_ascii("Postgres+PSYCOPG2://"), "postgres+psycopg2://");
  EXPECT_EQ(to_lower_ascii("\xC3\x89T\xC3\x89"), "\xC3\x89t\xC3\x89");  // ÉTÉ: the UTF-8 bytes of É stay
  EXPECT_EQ(to_lower_ascii('Q'), 'q');
  EXPECT_EQ(to_lower_ascii('['), '[');
}

TEST(TextTest, ComparesIgnoringAsciiCase) {
  EXPECT_TRUE(equals_ignoring_ascii_case("Bearer", "bEARER"));
  EXPECT_TRUE(equals_ignoring_ascii_case("", ""));
  EXPECT_FALSE(equals_ignoring_ascii_case("active", "active "));
  EXPECT_FALSE(equals_ignoring_ascii_case("[", "{"));  // 0x5B and 0x7B differ by the case bit but are not letters
  EXPECT_FALSE(equals_ignoring_ascii_case("\xC3\x89", "\xC3\xA9"));  // É and é: not ASCII
}

}  // namespace
}  // namespace finml::core
