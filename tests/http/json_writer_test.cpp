#include <finml/http/json/error_json.hpp>
#include <finml/http/json/writer.hpp>

#include <cmath>
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

namespace finml::http::json {
namespace {

TEST(JsonWriterTest, NeverWritesNanOrInfinity) {
  Writer writer;
  writer.begin_array().number(std::nan("")).number(INFINITY).number(-INFINITY).number(-0.0).end_array();
  EXPECT_EQ(writer.take(), "[null,null,null,0.0]");
}

TEST(JsonWriterTest, WritesOnlyUtf8ReplacingBrokenBytes) {
  Writer writer;
  writer.begin_object()
      .field("ok", "caf\xC3\xA9 \xE2\x82\xAC")
      .field("bad", "a\xFF" "b\xC3" "(\xED\xA0\x80)")
      .key("\xC0\x80").integer(1)
      .end_object();
  const std::string text = writer.take();
  EXPECT_EQ(text, "{\"ok\":\"caf\xC3\xA9 \xE2\x82\xAC\",\"bad\":\"a\xEF\xBF\xBD" "b\xEF\xBF\xBD(\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD)\","
                  "\"\xEF\xBF\xBD\xEF\xBF\xBD\":1}");
  EXPECT_TRUE(nlohmann::json::accept(text));
}

TEST(JsonWriterTest, WritesShortestRoundTripNumbersAndExactMoney) {
  Writer writer;
  writer.begin_array()
      .number(0.1)
      .number(50000.0)
      .number_rounded(2.675, 2)
      .money(core::Money::from_minor(104230, *core::Currency::from_code("INR")))
      .money(core::Money::from_minor(-5, *core::Currency::from_code("KWD")))
      .integer(-42)
      .end_array();
  EXPECT_EQ(writer.take(), "[0.1,50000.0,2.67,1042.30,-0.005,-42]");
}

TEST(JsonWriterTest, EscapesStrings) {
  Writer writer;
  writer.begin_object().field("k\"ey", "line\nbreak \"quoted\" \\ \x01").end_object();
  const auto parsed = nlohmann::json::parse(writer.take());
  EXPECT_EQ(parsed["k\"ey"], "line\nbreak \"quoted\" \\ \x01");
}

TEST(ErrorJsonTest, KeepsTheOriginalsEnvelopeBesideDetail) {
  const auto body = nlohmann::json::parse(write_error_body({.status = 422,
                                                            .type = "ValidationError",
                                                            .code = "validation_error",
                                                            .message = "Invalid input data",
                                                            .fields = {{"$.transactions[3].amount", "must be a number, not null", "null"}},
                                                            .exception_text = std::nullopt,
                                                            .request_id = "r1",
                                                            .extra_members = {}}));
  EXPECT_EQ(body["detail"], "Invalid input data: $.transactions[3].amount: must be a number, not null");
  EXPECT_EQ(body["error"]["type"], "ValidationError");
  EXPECT_EQ(body["error"]["status_code"], 422);
  EXPECT_EQ(body["error"]["details"][0]["field"], "body -> transactions -> 3 -> amount");
  EXPECT_EQ(body["error"]["details"][0]["path"], "$.transactions[3].amount");
}

TEST(ErrorJsonTest, ConvertsJsonPathsToTheOriginalsLocations) {
  EXPECT_EQ(original_field_location("$.target_amount"), "body -> target_amount");
  EXPECT_EQ(original_field_location(R"($.a["odd key"][2])"), "body -> a -> odd key -> 2");
  EXPECT_EQ(original_field_location("$"), "body");
  EXPECT_EQ(original_field_location("path.user_id"), "path -> user_id");
  EXPECT_EQ(original_field_location("query.months"), "query -> months");
}

}  // namespace
}  // namespace finml::http::json
