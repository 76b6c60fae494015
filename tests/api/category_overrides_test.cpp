// The category taxonomy and a user's category overrides over HTTP, against the real finml
// binary (issue 7, point 5): on SQLite, and on PostgreSQL when the test runs with
// FINML_TEST_BACKEND=postgres (tests/api/CMakeLists.txt: api_category_overrides_postgres_test).
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/test_database.hpp"

namespace finml::testing {
namespace {

using nlohmann::json;
using Headers = std::map<std::string, std::string>;
using namespace std::chrono_literals;

const Headers kJson{{"Content-Type", "application/json"}};

class CategoryOverridesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::map<std::string, std::string> environment{{"FIXED_NOW", "2026-03-15T12:00:00Z"}};
    const auto url = new_postgres_database("finml_http_categories_" + std::to_string(::getpid()));
    if (url) environment["DATABASE_URL"] = *url;
    server_ = new FinmlServer(environment);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  static HttpResponse call(std::string_view method, const std::string& target, std::string_view body = {}) {
    HttpConnection connection(server_->port(), 60s);
    auto response = connection.request(method, target, body, kJson);
    if (!response) throw std::runtime_error("no response to " + std::string(method) + " " + target);
    if (response->status >= 400) {
      const json error = json::parse(response->body);
      EXPECT_TRUE(error.contains("detail")) << response->body;
      EXPECT_EQ(error["error"]["status_code"], response->status) << response->body;
    }
    return *response;
  }

  static std::string overrides(int user) { return "/api/v1/users/" + std::to_string(user) + "/categories/overrides"; }

  static inline FinmlServer* server_ = nullptr;
};

TEST_F(CategoryOverridesTest, TheTaxonomyListsEveryCategoryWithItsPrimaryAndGroup) {
  const HttpResponse response = call("GET", "/api/v1/categories");
  ASSERT_EQ(response.status, 200) << response.body;
  const json body = json::parse(response.body);
  EXPECT_EQ(body["groups"], json::array({"needs", "wants", "savings", "income", "transfer"}));
  ASSERT_EQ(body["count"], body["categories"].size());
  EXPECT_GT(body["categories"].size(), 100U);
  std::map<std::string, json> by_code;
  for (const json& category : body["categories"]) by_code[category["detailed"].get<std::string>()] = category;
  EXPECT_EQ(by_code.at("FOOD_AND_DRINK_GROCERIES"),
            (json{{"detailed", "FOOD_AND_DRINK_GROCERIES"}, {"primary", "FOOD_AND_DRINK"}, {"group", "needs"}, {"general", false}}));
  EXPECT_EQ(by_code.at("TRANSFER_OUT_SAVINGS")["group"], "savings");
  EXPECT_EQ(by_code.at("OTHER_UNCATEGORIZED")["general"], true);
}

TEST_F(CategoryOverridesTest, AUserWithoutOverridesHasAnEmptyList) {
  const HttpResponse response = call("GET", overrides(201));
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(json::parse(response.body), (json{{"user_id", 201}, {"count", 0}, {"overrides", json::array()}}));
}

TEST_F(CategoryOverridesTest, PutReplacesTheSetNormalisedAndOrderedAndGetSeesItAtOnce) {
  // Read first, so that a cached answer would be served if the write did not invalidate it.
  ASSERT_EQ(call("GET", overrides(202)).status, 200);
  const json put = {{"overrides",
                     {{{"match", "  Swiggy "}, {"category", "food_and_drink_groceries"}},
                      {{"match", "Dining"}, {"category", "FOOD_AND_DRINK_FAST_FOOD"}},
                      {{"match", "Haldiram's"}, {"category", "FOOD_AND_DRINK_RESTAURANT"}},
                      {{"match", "SWIGGY"}, {"category", "FOOD_AND_DRINK_RESTAURANT"}}}}};
  const HttpResponse stored = call("PUT", overrides(202), put.dump());
  ASSERT_EQ(stored.status, 200) << stored.body;
  const json expected = {
      {"user_id", 202},
      {"count", 3},
      {"overrides",
       {{{"match", "dining"}, {"category", "FOOD_AND_DRINK_FAST_FOOD"}, {"primary", "FOOD_AND_DRINK"}, {"group", "wants"}},
        {{"match", "haldirams"}, {"category", "FOOD_AND_DRINK_RESTAURANT"}, {"primary", "FOOD_AND_DRINK"}, {"group", "wants"}},
        // the later entry for the same normalised text won
        {{"match", "swiggy"}, {"category", "FOOD_AND_DRINK_RESTAURANT"}, {"primary", "FOOD_AND_DRINK"}, {"group", "wants"}}}}};
  EXPECT_EQ(json::parse(stored.body), expected);
  const HttpResponse read = call("GET", overrides(202));
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(json::parse(read.body), expected);

  const HttpResponse cleared = call("PUT", overrides(202), R"({"overrides": []})");
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_EQ(json::parse(call("GET", overrides(202)).body)["count"], 0);
  // Another user's set is their own.
  EXPECT_EQ(json::parse(call("GET", overrides(203)).body)["count"], 0);
}

TEST_F(CategoryOverridesTest, BadEntriesAreA422NamingEachAndStoreNothing) {
  ASSERT_EQ(call("PUT", overrides(204), R"({"overrides": [{"match": "uber", "category": "TRAVEL_OTHER_TRAVEL"}]})").status,
            200);
  const HttpResponse refused =
      call("PUT", overrides(204),
           R"({"overrides": [{"match": "rent", "category": "RENT_AND_UTILITIES_RENT"},
                             {"match": "swiggy", "category": "FOOD_AND_DRINK"},
                             {"match": "--", "category": "TRAVEL_FLIGHTS"},
                             {"match": 7, "category": "TRAVEL_FLIGHTS"},
                             {"category": "TRAVEL_FLIGHTS"}]})");
  ASSERT_EQ(refused.status, 422) << refused.body;
  const json refused_body = json::parse(refused.body);
  std::set<std::string> paths;
  for (const json& detail : refused_body["error"]["details"]) paths.insert(detail["path"].get<std::string>());
  // The schema problems are found first and reported alone.
  EXPECT_EQ(paths, (std::set<std::string>{"$.overrides[3].match", "$.overrides[4].match"}));

  const HttpResponse values = call("PUT", overrides(204),
                                   R"({"overrides": [{"match": "rent", "category": "RENT_AND_UTILITIES_RENT"},
                                                     {"match": "swiggy", "category": "FOOD_AND_DRINK"},
                                                     {"match": "--", "category": "TRAVEL_FLIGHTS"}]})");
  ASSERT_EQ(values.status, 422) << values.body;
  const json values_body = json::parse(values.body);
  paths.clear();
  for (const json& detail : values_body["error"]["details"]) paths.insert(detail["path"].get<std::string>());
  EXPECT_EQ(paths, (std::set<std::string>{"$.overrides[1].category", "$.overrides[2].match"}));

  EXPECT_EQ(call("PUT", overrides(204), "{").status, 400);
  EXPECT_EQ(call("PUT", overrides(204), "{}").status, 422);
  EXPECT_EQ(call("PUT", overrides(204), R"({"overrides": {"match": "a"}})").status, 422);
  const HttpResponse kept = call("GET", overrides(204));
  EXPECT_EQ(json::parse(kept.body)["overrides"],
            (json{{{"match", "uber"}, {"category", "TRAVEL_OTHER_TRAVEL"}, {"primary", "TRAVEL"}, {"group", "wants"}}}));
}

TEST_F(CategoryOverridesTest, AtMostAThousandOverrides) {
  json many = json::array();
  for (int i = 0; i <= 1000; ++i) many.push_back({{"match", "m" + std::to_string(i)}, {"category", "TRAVEL_FLIGHTS"}});
  EXPECT_EQ(call("PUT", overrides(205), json{{"overrides", many}}.dump()).status, 422);
  many.erase(many.begin());
  const HttpResponse stored = call("PUT", overrides(205), json{{"overrides", many}}.dump());
  ASSERT_EQ(stored.status, 200) << stored.body;
  EXPECT_EQ(json::parse(stored.body)["count"], 1000);
}

TEST_F(CategoryOverridesTest, DeletingTheUserRemovesTheirOverrides) {
  ASSERT_EQ(call("PUT", overrides(206), R"({"overrides": [{"match": "uber", "category": "TRAVEL_OTHER_TRAVEL"}]})").status,
            200);
  ASSERT_EQ(call("DELETE", "/api/v1/users/206").status, 204);
  EXPECT_EQ(json::parse(call("GET", overrides(206)).body)["count"], 0);
}

}  // namespace
}  // namespace finml::testing
