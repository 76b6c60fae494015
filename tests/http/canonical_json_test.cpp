// Digests of request bodies for cache keys: whitespace and key order do not matter, values do.
#include <gtest/gtest.h>

#include <finml/http/json/canonical_json.hpp>

namespace finml::http::json {
namespace {

std::string digest(const std::string& body) {
  const auto result = canonical_body_digest(body);
  EXPECT_TRUE(result.has_value()) << body;
  return result ? result->digest : std::string();
}

TEST(CanonicalJsonTest, WhitespaceAndKeyOrderDoNotMatter) {
  const std::string compact = R"({"user_id":7,"transactions":[{"amount":"12.50","date":"2025-01-01"}],"goal":{"a":1,"b":[true,null]}})";
  const std::string spread = R"( {
    "goal" : { "b" : [ true , null ] , "a" : 1 },
    "transactions": [ { "date": "2025-01-01", "amount": "12.50" } ],
    "user_id": 7
  } )";
  EXPECT_EQ(digest(compact), digest(spread));
  EXPECT_EQ(digest(compact).size(), 32U);
}

TEST(CanonicalJsonTest, ValuesArrayOrderAndTypesMatter) {
  const std::string base = digest(R"({"a":1,"b":[1,2],"c":"x"})");
  EXPECT_NE(base, digest(R"({"a":2,"b":[1,2],"c":"x"})"));
  EXPECT_NE(base, digest(R"({"a":1,"b":[2,1],"c":"x"})"));
  EXPECT_NE(base, digest(R"({"a":"1","b":[1,2],"c":"x"})"));   // a string is not a number
  EXPECT_NE(base, digest(R"({"a":1.0,"b":[1,2],"c":"x"})"));   // numbers as written
  EXPECT_NE(base, digest(R"({"a":1,"b":[1,2],"c":"x","d":null})"));
  EXPECT_NE(base, digest(R"({"a":1,"b":[1,2]})"));
  EXPECT_NE(base, digest(R"({"a":1,"b":[[1],2],"c":"x"})"));
  // Lengths are part of the form: moving a character between neighbours changes the digest.
  EXPECT_NE(digest(R"({"ab":"c"})"), digest(R"({"a":"bc"})"));
  EXPECT_NE(digest(R"(["ab","c"])"), digest(R"(["a","bc"])"));
}

TEST(CanonicalJsonTest, StringsCompareUnescaped) {
  EXPECT_EQ(digest(R"({"k":"A\u00e9"})"), digest("{\"k\":\"A\xc3\xa9\"}"));
}

TEST(CanonicalJsonTest, FindsTheTopLevelUserId) {
  EXPECT_EQ(canonical_body_digest(R"({"months":3,"user_id":42})")->user_id, "42");
  EXPECT_EQ(canonical_body_digest(R"({"user_id":"42"})")->user_id, "42");
  EXPECT_EQ(canonical_body_digest(R"({"nested":{"user_id":42}})")->user_id, std::nullopt);
  EXPECT_EQ(canonical_body_digest(R"([{"user_id":42}])")->user_id, std::nullopt);
}

TEST(CanonicalJsonTest, BlankBodiesShareOneDigestAndMalformedOnesHaveNone) {
  EXPECT_EQ(digest(""), digest("  \r\n"));
  EXPECT_NE(digest(""), digest("{}"));
  for (const std::string bad : {"{", "{\"a\":}", "{\"a\":1}}", "{} x", "[1,]", "nul", "{\"a\":tru}", "{\"a\":1x}", "42"}) {
    EXPECT_FALSE(canonical_body_digest(bad).has_value()) << bad;
  }
}

TEST(CanonicalJsonTest, ReadsBodiesWithoutPaddingToo) {
  std::string tight = R"({"b":1,"a":2})";
  tight.shrink_to_fit();
  EXPECT_EQ(digest(tight), digest(R"({"a":2,"b":1})"));
}

}  // namespace
}  // namespace finml::http::json
