// Analytics on stored data over HTTP, against the real finml binary (issue 7, points 4 and 5):
// every analytics route that takes `transactions` in the body answers from `user_id` alone
// exactly as it answers the same rows sent in the body; data in the body wins; the user's
// category overrides change the budget and health answers; cached answers are not served once
// the user's data changes. On SQLite, and on PostgreSQL when the test runs with
// FINML_TEST_BACKEND=postgres (tests/api/CMakeLists.txt: api_stored_analytics_postgres_test).
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

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

json read_fixture() {
  std::ifstream file(std::string(FINML_SOURCE_DIR) + "/tests/api/fixtures/client_user8.json");
  std::stringstream text;
  text << file.rdbuf();
  return json::parse(text.str());
}

// The routes that take `transactions` in the body, each with the body naming user `user`
// (or the path naming it).
struct AnalyticsRoute {
  std::string path;  // "{user}" is replaced by the user id
  bool user_in_path = false;
};

const std::vector<AnalyticsRoute> kRoutes = {
    {"/api/v1/insights/health-score"},
    {"/insights"},
    {"/api/v1/budget/recommend"},
    {"/api/v1/budget/alerts"},
    {"/api/v1/budget/optimize"},
    {"/api/v1/recommendations/habits"},
    {"/api/v1/recommendations/habits/{user}", true},
    {"/api/v1/recommendations/opportunities"},
    {"/api/v1/recommendations/opportunities/{user}", true},
    {"/api/v1/recommendations/nudges"},
    {"/api/v1/recommendations/nudges/{user}", true},
    {"/api/v1/recommendations/subscriptions"},
    {"/api/v1/predictions/expense/advanced"},
};

class StoredAnalyticsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::map<std::string, std::string> environment{{"FIXED_NOW", "2025-10-31T12:00:00Z"}};
    const auto url = new_postgres_database("finml_http_stored_analytics_" + std::to_string(::getpid()));
    if (url) environment["DATABASE_URL"] = *url;
    server_ = new FinmlServer(environment);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  static HttpResponse call(std::string_view method, const std::string& target, const json& body = nullptr) {
    HttpConnection connection(server_->port(), 60s);
    auto response = connection.request(method, target, body.is_null() ? std::string() : body.dump(), kJson);
    if (!response) throw std::runtime_error("no response to " + std::string(method) + " " + target);
    return *response;
  }

  // Stores the fixture's transactions for `user` through the bulk route and returns them as
  // stored (ordered by date, then id), written back as transaction records for a body.
  static json store_fixture(int user) {
    const json fixture = read_fixture();
    const HttpResponse stored = call("POST", "/api/v1/users/" + std::to_string(user) + "/transactions/bulk",
                                     json{{"transactions", fixture["transactions"]}});
    EXPECT_EQ(stored.status, 201) << stored.body;
    const HttpResponse listed = call("GET", "/api/v1/users/" + std::to_string(user) + "/transactions?limit=1000");
    EXPECT_EQ(listed.status, 200) << listed.body;
    const json items = json::parse(listed.body)["items"];
    EXPECT_EQ(items.size(), fixture["transactions"].size());
    json rows = json::array();
    for (const json& item : items) {
      rows.push_back({{"date", item["date"]},
                      {"amount", item["amount"]},
                      {"currency", item["currency"]},
                      {"type", item["type"]},
                      {"category", item["category"]},
                      {"description", item["description"]},
                      {"note", item["note"]}});
    }
    return rows;
  }

  static std::string target(const AnalyticsRoute& route, int user) {
    std::string path = route.path;
    const auto at = path.find("{user}");
    if (at != std::string::npos) path.replace(at, 6, std::to_string(user));
    return path;
  }

  static json body_for(const AnalyticsRoute& route, int user) {
    json body = route.user_in_path ? json::object() : json{{"user_id", user}};
    // The alerts need a budget to compare with (not data: it is never stored).
    if (route.path == "/api/v1/budget/alerts") body["budget"] = {{"needs", 500}, {"wants", 500}, {"savings", 100000}};
    return body;
  }

  static inline FinmlServer* server_ = nullptr;
};

TEST_F(StoredAnalyticsTest, EveryRouteAnswersFromUserIdAloneAsFromTheSameRowsInTheBody) {
  const json rows = store_fixture(8);
  for (const auto& route : kRoutes) {
    SCOPED_TRACE(route.path);
    const HttpResponse stored = call("POST", target(route, 8), body_for(route, 8));
    ASSERT_EQ(stored.status, 200) << stored.body;
    json with_rows = body_for(route, 8);
    with_rows["transactions"] = rows;
    const HttpResponse sent = call("POST", target(route, 8), with_rows);
    ASSERT_EQ(sent.status, 200) << sent.body;
    EXPECT_EQ(json::parse(stored.body), json::parse(sent.body));
    EXPECT_EQ(json::parse(stored.body)["user_id"], 8);
  }
}

TEST_F(StoredAnalyticsTest, DataInTheBodyWinsOverStoredData) {
  store_fixture(11);
  // A few rows of their own: the answer for user 11 is the answer for a user with nothing
  // stored (12) sent the same rows, not the stored history's.
  const json few = json::array({{{"date", "2025-09-01"}, {"amount", 5000}, {"type", "income"}, {"category", "Salary"}},
                                {{"date", "2025-09-03"}, {"amount", 120}, {"type", "expense"}, {"category", "Dining"}},
                                {{"date", "2025-10-03"}, {"amount", 80}, {"type", "expense"}, {"category", "Groceries"}}});
  for (const auto& route : kRoutes) {
    SCOPED_TRACE(route.path);
    json body = body_for(route, 11);
    body["transactions"] = few;
    const HttpResponse stored_user = call("POST", target(route, 11), body);
    body = body_for(route, 12);
    body["transactions"] = few;
    const HttpResponse other_user = call("POST", target(route, 12), body);
    ASSERT_EQ(stored_user.status, other_user.status) << stored_user.body << other_user.body;
    if (stored_user.status != 200) continue;  // the few rows are too few for this route: same answer
    json a = json::parse(stored_user.body);
    json b = json::parse(other_user.body);
    EXPECT_EQ(a["user_id"], 11);
    a.erase("user_id");
    b.erase("user_id");
    EXPECT_EQ(a, b);
    const HttpResponse from_storage = call("POST", target(route, 11), body_for(route, 11));
    ASSERT_EQ(from_storage.status, 200) << from_storage.body;
    json c = json::parse(from_storage.body);
    c.erase("user_id");
    EXPECT_NE(a, c) << "the stored history gave the same answer as three rows";
  }
  // An empty array is data too: no rows, not "read the stored ones".
  const HttpResponse empty = call("POST", "/api/v1/recommendations/habits/11", json{{"transactions", json::array()}});
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_EQ(json::parse(empty.body)["habits_count"], 0);
}

TEST_F(StoredAnalyticsTest, AUserWithNothingStoredAndNoRowsSentIsA422NamingTransactions) {
  for (const auto& route : kRoutes) {
    SCOPED_TRACE(route.path);
    const HttpResponse response = call("POST", target(route, 555), body_for(route, 555));
    ASSERT_EQ(response.status, 422) << response.body;
    const json details = json::parse(response.body)["error"]["details"];
    ASSERT_EQ(details.size(), 1U) << response.body;
    EXPECT_EQ(details[0]["path"], "$.transactions");
    EXPECT_EQ(details[0]["type"], "missing");
  }
  // user_id is still required where the path does not name the user.
  const HttpResponse no_user = call("POST", "/api/v1/budget/recommend", json::object());
  ASSERT_EQ(no_user.status, 422) << no_user.body;
  EXPECT_EQ(json::parse(no_user.body)["error"]["details"][0]["path"], "$.user_id");
}

TEST_F(StoredAnalyticsTest, OverridesMoveBudgetBucketsForStoredAndSentRows) {
  const json rows = store_fixture(9);
  json with_rows = {{"user_id", 9}, {"transactions", rows}};
  const json before_stored = json::parse(call("POST", "/api/v1/budget/recommend", json{{"user_id", 9}}).body);
  const json before_sent = json::parse(call("POST", "/api/v1/budget/recommend", with_rows).body);
  ASSERT_EQ(before_stored, before_sent);
  const double dining_wants = before_stored["current_spending"]["wants"].get<double>();
  ASSERT_GT(dining_wants, 0.0);

  // Dining (a want by the budget's table) is groceries for this user: a need.
  const HttpResponse put = call("PUT", "/api/v1/users/9/categories/overrides",
                                json{{"overrides", {{{"match", "Dining"}, {"category", "FOOD_AND_DRINK_GROCERIES"}}}}});
  ASSERT_EQ(put.status, 200) << put.body;
  const HttpResponse after_stored = call("POST", "/api/v1/budget/recommend", json{{"user_id", 9}});
  const HttpResponse after_sent = call("POST", "/api/v1/budget/recommend", with_rows);
  ASSERT_EQ(after_stored.status, 200) << after_stored.body;
  ASSERT_EQ(after_sent.status, 200) << after_sent.body;
  const json stored = json::parse(after_stored.body);
  EXPECT_EQ(stored, json::parse(after_sent.body));
  EXPECT_GT(stored["current_spending"]["needs"].get<double>(),
            before_stored["current_spending"]["needs"].get<double>());
  EXPECT_LT(stored["current_spending"]["wants"].get<double>(), dining_wants);
  EXPECT_NEAR(stored["current_spending"]["needs"].get<double>() + stored["current_spending"]["wants"].get<double>(),
              before_stored["current_spending"]["needs"].get<double>() + dining_wants, 0.02);

  // Another user sending the same rows is not affected by user 9's overrides.
  with_rows["user_id"] = 19;
  json other = json::parse(call("POST", "/api/v1/budget/recommend", with_rows).body);
  json before = before_sent;
  other.erase("user_id");
  before.erase("user_id");
  EXPECT_EQ(other, before);
}

TEST_F(StoredAnalyticsTest, AnOverrideToATransferChangesTheHealthScore) {
  store_fixture(13);
  const HttpResponse before = call("POST", "/api/v1/insights/health-score", json{{"user_id", 13}});
  ASSERT_EQ(before.status, 200) << before.body;
  // Groceries are moved between the user's own accounts (say, a shared household account):
  // neither spending nor income, so the savings rate rises.
  const HttpResponse put = call("PUT", "/api/v1/users/13/categories/overrides",
                                json{{"overrides", {{{"match", "Groceries"}, {"category", "TRANSFER_OUT_ACCOUNT_TRANSFER"}}}}});
  ASSERT_EQ(put.status, 200) << put.body;
  const HttpResponse after = call("POST", "/api/v1/insights/health-score", json{{"user_id", 13}});
  ASSERT_EQ(after.status, 200) << after.body;
  const json a = json::parse(before.body);
  const json b = json::parse(after.body);
  EXPECT_NE(b["component_scores"]["savings_rate"]["details"], a["component_scores"]["savings_rate"]["details"])
      << before.body << "\n" << after.body;
  EXPECT_GE(b["component_scores"]["savings_rate"]["score"].get<double>(),
            a["component_scores"]["savings_rate"]["score"].get<double>());
  EXPECT_NE(b["overall_score"], a["overall_score"]);
}

TEST_F(StoredAnalyticsTest, CachedAnswersFromStoredDataAreNotServedOnceTheDataChanges) {
  store_fixture(10);
  const json request = {{"user_id", 10}};
  const HttpResponse first = call("POST", "/api/v1/budget/recommend", request);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.header("x-cache"), "MISS");
  const HttpResponse second = call("POST", "/api/v1/budget/recommend", request);
  EXPECT_EQ(second.header("x-cache"), "HIT");
  EXPECT_EQ(second.body, first.body);

  // A new salary in the window: the next answer is computed again, and differs.
  const HttpResponse written = call("POST", "/api/v1/users/10/transactions",
                                    json{{"date", "2025-10-30"}, {"amount", 90000}, {"type", "income"}, {"category", "Salary"}});
  ASSERT_EQ(written.status, 201) << written.body;
  const HttpResponse third = call("POST", "/api/v1/budget/recommend", request);
  ASSERT_EQ(third.status, 200) << third.body;
  EXPECT_EQ(third.header("x-cache"), "MISS");
  EXPECT_GT(json::parse(third.body)["monthly_income"].get<double>(), json::parse(first.body)["monthly_income"].get<double>());
  EXPECT_EQ(call("POST", "/api/v1/budget/recommend", request).header("x-cache"), "HIT");

  // The path variants key on the path's user the same way.
  EXPECT_EQ(call("POST", "/api/v1/recommendations/habits/10", json::object()).header("x-cache"), "MISS");
  EXPECT_EQ(call("POST", "/api/v1/recommendations/habits/10", json::object()).header("x-cache"), "HIT");
  ASSERT_EQ(call("DELETE", "/api/v1/users/10/transactions/" +
                               std::to_string(json::parse(written.body)["id"].get<std::int64_t>())).status,
            204);
  EXPECT_EQ(call("POST", "/api/v1/recommendations/habits/10", json::object()).header("x-cache"), "MISS");

  // Rows sent in the body are classified with the user's overrides: a change to them is a new
  // answer too.
  const json sent = {{"user_id", 10}, {"transactions", {{{"date", "2025-10-02"}, {"amount", 300}, {"type", "expense"}, {"category", "Dining"}},
                                                         {{"date", "2025-10-01"}, {"amount", 3000}, {"type", "income"}, {"category", "Salary"}}}}};
  const HttpResponse plain = call("POST", "/api/v1/budget/recommend", sent);
  EXPECT_EQ(call("POST", "/api/v1/budget/recommend", sent).header("x-cache"), "HIT");
  ASSERT_EQ(call("PUT", "/api/v1/users/10/categories/overrides",
                 json{{"overrides", {{{"match", "Dining"}, {"category", "FOOD_AND_DRINK_GROCERIES"}}}}})
                .status,
            200);
  const HttpResponse overridden = call("POST", "/api/v1/budget/recommend", sent);
  EXPECT_EQ(overridden.header("x-cache"), "MISS");
  // 300 a month over the 1.03 months observed: 290.32, a want, then a need.
  EXPECT_EQ(json::parse(plain.body)["current_spending"]["wants"], 290.32) << plain.body;
  EXPECT_EQ(json::parse(plain.body)["current_spending"]["needs"], 0.0) << plain.body;
  EXPECT_EQ(json::parse(overridden.body)["current_spending"]["needs"], 290.32) << overridden.body;
  EXPECT_EQ(json::parse(overridden.body)["current_spending"]["wants"], 0.0) << overridden.body;
}

TEST_F(StoredAnalyticsTest, StoredGoalsAndBudgetsAreReadWhenTheBodyLeavesThemOut) {
  const json rows = store_fixture(14);
  const HttpResponse goal = call("POST", "/api/v1/users/14/goals",
                                 json{{"goal_name", "Bike"}, {"target_amount", 1000}, {"current_amount", 500}});
  ASSERT_EQ(goal.status, 201) << goal.body;
  const HttpResponse budget = call("POST", "/api/v1/users/14/budgets",
                                   json{{"amount", 1000}, {"start_date", "2025-10-01"}, {"end_date", "2025-10-31"}});
  ASSERT_EQ(budget.status, 201) << budget.body;
  const json goals = json::array({{{"goal_name", "Bike"}, {"target_amount", 1000}, {"current_amount", 500}}});
  const json budgets = json::array({{{"amount", 1000}, {"start_date", "2025-10-01"}, {"end_date", "2025-10-31"}}});

  const struct {
    std::string path;
    json extra;
  } cases[] = {
      {"/api/v1/recommendations/nudges", {{"goals", goals}}},
      {"/api/v1/budget/recommend", {{"goals", goals}}},
      {"/api/v1/insights/health-score", {{"goals", goals}}},
      {"/api/v1/budget/alerts", {{"budgets", budgets}}},
  };
  for (const auto& entry : cases) {
    SCOPED_TRACE(entry.path);
    const HttpResponse stored = call("POST", entry.path, json{{"user_id", 14}});
    ASSERT_EQ(stored.status, 200) << stored.body;
    json sent = {{"user_id", 14}, {"transactions", rows}};
    sent.update(entry.extra);
    const HttpResponse with_data = call("POST", entry.path, sent);
    ASSERT_EQ(with_data.status, 200) << with_data.body;
    EXPECT_EQ(json::parse(stored.body), json::parse(with_data.body));
    // Without the goals or budgets the answer differs: they were read.
    sent.erase(entry.extra.begin().key());
    EXPECT_NE(json::parse(call("POST", entry.path, sent).body), json::parse(stored.body));
  }
}


}  // namespace
}  // namespace finml::testing
