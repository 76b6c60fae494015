// If-Match and If-None-Match field values against a tag, and GETs of an unchanged row as 304.
#include <gtest/gtest.h>

#include <finml/http/entity_tags.hpp>

namespace finml::http {
namespace {

constexpr const char* kTag = "\"a1\"";

TEST(EntityTagsTest, IfMatchComparesStronglyIfNoneMatchWeakly) {
  EXPECT_TRUE(tag_list_names("\"a1\"", kTag, false));
  EXPECT_TRUE(tag_list_names(" \"b2\" ,\"a1\" ", kTag, false));
  EXPECT_TRUE(tag_list_names("*", kTag, false));
  EXPECT_FALSE(tag_list_names("W/\"a1\"", kTag, false));
  EXPECT_FALSE(tag_list_names("\"a\"", kTag, false));
  EXPECT_FALSE(tag_list_names("", kTag, false));
  EXPECT_FALSE(tag_list_names(",,", kTag, false));
  EXPECT_TRUE(tag_list_names("W/\"a1\"", kTag, true));
  EXPECT_TRUE(tag_list_names("\"a1\"", "W/\"a1\"", true));
  EXPECT_FALSE(tag_list_names("W/\"b2\"", kTag, true));
}

Response tagged(int status = 200) {
  Response response;
  response.status = status;
  response.body = "{}";
  response.with_header("ETag", kTag);
  return response;
}

Request get(std::string method, std::string if_none_match) {
  Request request;
  request.method = std::move(method);
  if (!if_none_match.empty()) request.headers = {{"if-none-match", std::move(if_none_match)}};
  return request;
}

TEST(EntityTagsTest, AGetOfAnUnchangedRowIsNotModifiedWithoutABody) {
  Response unchanged = tagged();
  not_modified_when_unchanged(get("GET", "\"z9\", \"a1\""), unchanged);
  EXPECT_EQ(unchanged.status, 304);
  EXPECT_TRUE(unchanged.body.empty());
  EXPECT_TRUE(unchanged.content_type.empty());
  ASSERT_EQ(unchanged.headers.size(), 1U);
  EXPECT_EQ(unchanged.headers[0].value, kTag) << "the 304 keeps the ETag";

  for (const auto& [method, condition, status] : {std::tuple{"GET", "\"z9\"", 200}, std::tuple{"GET", "", 200},
                                                  std::tuple{"PUT", "\"a1\"", 200}, std::tuple{"GET", "\"a1\"", 404}}) {
    SCOPED_TRACE(std::string(method) + " " + condition + " " + std::to_string(status));
    Response response = tagged(status);
    not_modified_when_unchanged(get(method, condition), response);
    EXPECT_EQ(response.status, status);
    EXPECT_EQ(response.body, "{}");
  }
  Response untagged;
  untagged.body = "{}";
  not_modified_when_unchanged(get("GET", "*"), untagged);
  EXPECT_EQ(untagged.status, 200) << "an answer without a tag has nothing to compare";
}

}  // namespace
}  // namespace finml::http
