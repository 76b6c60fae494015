#include <finml/analytics/recurring/merchant_key.hpp>

#include <string>

#include <gtest/gtest.h>

namespace finml::analytics::recurring {
namespace {

std::string key(std::string_view text) { return std::string(normalise_merchant(text).view()); }

TEST(NormaliseMerchantTest, LowerCasesAndCollapsesSeparators) {
  EXPECT_EQ(key("Netflix Premium"), "netflix premium");
  EXPECT_EQ(key("  NETFLIX   premium "), "netflix premium");
  EXPECT_EQ(key("Domino's Pizza"), "domino s pizza");
}

TEST(NormaliseMerchantTest, DropsTokensWithDigitsAndBankNoise) {
  EXPECT_EQ(key("NETFLIX.COM 866-579 REF#88213"), "netflix");
  EXPECT_EQ(key("POS DEBIT CARD XXXX1234 SPOTIFY P0A1B2"), "spotify");
  EXPECT_EQ(key("UPI/Swiggy/4401239"), "swiggy");
  EXPECT_EQ(key("Netflix.com"), key("netflix"));
}

TEST(NormaliseMerchantTest, NoiseOnlyTextGivesAnEmptyKey) {
  EXPECT_TRUE(normalise_merchant("").empty());
  EXPECT_TRUE(normalise_merchant("12345 #678").empty());
  EXPECT_TRUE(normalise_merchant("POS XXXX").empty());
}

TEST(NormaliseMerchantTest, KeepsUtf8AndCutsVeryLongText) {
  EXPECT_EQ(key("Café Müller"), "caf\xC3\xA9 m\xC3\xBCller");
  const std::string long_text(500, 'a');
  EXPECT_TRUE(normalise_merchant(long_text).empty());  // one 500-byte word is no name
  std::string words;
  for (int i = 0; i < 100; ++i) words += "word ";
  EXPECT_LE(normalise_merchant(words).view().size(), MerchantKey::kCapacity);
}

TEST(NormaliseMerchantTest, EqualKeysHashEqually) {
  EXPECT_EQ(normalise_merchant("Spotify 1234").hash(), normalise_merchant("SPOTIFY").hash());
  EXPECT_NE(normalise_merchant("Spotify").hash(), normalise_merchant("Netflix").hash());
}

}  // namespace
}  // namespace finml::analytics::recurring
