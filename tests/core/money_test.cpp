#include <finml/core/money.hpp>

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace finml::core {
namespace {

Currency currency(std::string_view code) { return *Currency::from_code(code); }

TEST(CurrencyTest, KnowsTheExponentOfItsMinorUnit) {
  EXPECT_EQ(currency("USD").exponent(), 2);
  EXPECT_EQ(currency("INR").exponent(), 2);
  EXPECT_EQ(currency("JPY").exponent(), 0);
  EXPECT_EQ(currency("KWD").exponent(), 3);
  EXPECT_EQ(currency("KWD").minor_per_major(), 1000);
}

TEST(CurrencyTest, ReadsCodesCaseInsensitivelyAndRejectsUnknownOnes) {
  EXPECT_EQ(currency("eur").code(), "EUR");
  EXPECT_FALSE(Currency::from_code("XXX").has_value());
  EXPECT_FALSE(Currency::from_code("US").has_value());
  EXPECT_FALSE(Currency::from_code("U$D").has_value());
}

TEST(MoneyParseTest, ReadsDecimalTextExactly) {
  const auto usd = currency("USD");
  EXPECT_EQ(Money::parse("12.34", usd)->minor_units(), 1234);
  EXPECT_EQ(Money::parse("0.1", usd)->minor_units(), 10);
  EXPECT_EQ(Money::parse("-5", usd)->minor_units(), -500);
  EXPECT_EQ(Money::parse(" 7.5 ", usd)->minor_units(), 750);
  EXPECT_EQ(Money::parse("+3.", usd)->minor_units(), 300);
  EXPECT_EQ(Money::parse(".25", usd)->minor_units(), 25);
  EXPECT_EQ(Money::parse("25000.00", usd)->minor_units(), 2'500'000);
  EXPECT_EQ(Money::parse("1e3", usd)->minor_units(), 100'000);
  EXPECT_EQ(Money::parse("1.5E-1", usd)->minor_units(), 15);
  EXPECT_EQ(Money::parse("1234.5", currency("JPY"))->minor_units(), 1234);  // half-even
  EXPECT_EQ(Money::parse("1.2345", currency("KWD"))->minor_units(), 1234);
}

TEST(MoneyParseTest, RoundsExtraDigitsHalfEven) {
  const auto usd = currency("USD");
  EXPECT_EQ(Money::parse("0.125", usd)->minor_units(), 12);
  EXPECT_EQ(Money::parse("0.135", usd)->minor_units(), 14);
  EXPECT_EQ(Money::parse("0.1251", usd)->minor_units(), 13);
  EXPECT_EQ(Money::parse("0.004", usd)->minor_units(), 0);
  EXPECT_EQ(Money::parse("0.005", usd)->minor_units(), 0);
  EXPECT_EQ(Money::parse("0.0051", usd)->minor_units(), 1);
  EXPECT_EQ(Money::parse("-2.675", usd)->minor_units(), -268);
  EXPECT_EQ(Money::parse("0.00001", usd)->minor_units(), 0);
}

TEST(MoneyParseTest, RejectsWhatIsNotADecimalNumber) {
  const auto usd = currency("USD");
  for (const char* bad : {"", " ", "abc", "1,234.56", "1.2.3", "--1", "1e", "0x10", "NaN", "inf",
                          "12 34", "."}) {
    const auto parsed = Money::parse(bad, usd);
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(MoneyParseTest, RejectsAmountsBeyondInt64) {
  const auto usd = currency("USD");
  EXPECT_FALSE(Money::parse("92233720368547758.08", usd).has_value());
  EXPECT_TRUE(Money::parse("92233720368547758.07", usd).has_value());
  EXPECT_FALSE(Money::parse("1e40", usd).has_value());
}

TEST(MoneyTest, PrintsPlainDecimalsWithTheCurrencysDigits) {
  EXPECT_EQ(Money::from_minor(1230, currency("USD")).to_decimal_string(), "12.30");
  EXPECT_EQ(Money::from_minor(-5, currency("USD")).to_decimal_string(), "-0.05");
  EXPECT_EQ(Money::from_minor(500, currency("JPY")).to_decimal_string(), "500");
  EXPECT_EQ(Money::from_minor(1, currency("KWD")).to_decimal_string(), "0.001");
  EXPECT_EQ(Money::from_minor(std::numeric_limits<std::int64_t>::min(), currency("USD"))
                .to_decimal_string(),
            "-92233720368547758.08");
}

TEST(MoneyTest, AddsOnlyTheSameCurrencyAndDetectsOverflow) {
  const auto usd = currency("USD");
  EXPECT_EQ(checked_add(Money::from_minor(150, usd), Money::from_minor(275, usd))->minor_units(), 425);
  EXPECT_EQ(checked_subtract(Money::from_minor(150, usd), Money::from_minor(275, usd))->minor_units(),
            -125);
  EXPECT_FALSE(checked_add(Money::from_minor(1, usd), Money::from_minor(1, currency("EUR"))));
  EXPECT_FALSE(checked_add(Money::from_minor(std::numeric_limits<std::int64_t>::max(), usd),
                           Money::from_minor(1, usd)));
}

TEST(RoundToMoneyTest, NamesItsRoundingMode) {
  const auto usd = currency("USD");
  EXPECT_EQ(round_to_money(0.125, usd, RoundingMode::kHalfEven)->minor_units(), 12);
  EXPECT_EQ(round_to_money(0.125, usd, RoundingMode::kHalfAwayFromZero)->minor_units(), 13);
  EXPECT_EQ(round_to_money(-0.125, usd, RoundingMode::kHalfAwayFromZero)->minor_units(), -13);
  EXPECT_EQ(round_to_money(1042.344, usd, RoundingMode::kHalfEven)->minor_units(), 104234);
  EXPECT_FALSE(round_to_money(std::nan(""), usd, RoundingMode::kHalfEven));
  EXPECT_FALSE(round_to_money(INFINITY, usd, RoundingMode::kHalfEven));
  EXPECT_FALSE(round_to_money(1e17, usd, RoundingMode::kHalfEven));
}

TEST(RoundDecimalTest, BehavesLikePythonRound) {
  EXPECT_DOUBLE_EQ(round_decimal(2.675, 2), 2.67);  // 2.675 is 2.67499999... in binary
  EXPECT_DOUBLE_EQ(round_decimal(0.125, 2), 0.12);  // an exact tie goes to even
  EXPECT_DOUBLE_EQ(round_decimal(0.375, 2), 0.38);
  EXPECT_DOUBLE_EQ(round_decimal(1042.3449999, 2), 1042.34);
  EXPECT_DOUBLE_EQ(round_decimal(-1.005, 2), -1.0);
  EXPECT_DOUBLE_EQ(round_decimal(82.675000000001, 2), 82.68);
  EXPECT_FALSE(std::signbit(round_decimal(-0.001, 2)));
  EXPECT_TRUE(std::isnan(round_decimal(std::nan(""), 2)));
}

}  // namespace
}  // namespace finml::core
