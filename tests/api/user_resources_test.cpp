// Accounts, goals, budgets, bills and the user's own categories over HTTP, against the real
// finml binary (issue 7, helper A): every route and error path, on SQLite, and on PostgreSQL
// when the test runs with FINML_TEST_BACKEND=postgres (tests/api/CMakeLists.txt:
// api_user_resources_postgres_test).
#include <gtest/gtest.h>

#include <unistd.h>

#include <csignal>
#include <iostream>
#include <thread>
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
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

Headers with_key(const std::string& key) { return {{"Content-Type", "application/json"}, {"Idempotency-Key", key}}; }

/// DATABASE_URL of a new database: a PostgreSQL database of its own on the test server when
/// FINML_TEST_BACKEND=postgres, else nothing (FinmlServer's own SQLite file).
std::map<std::string, std::string> database_environment(const std::string& suffix) {
  const auto url = new_postgres_database("finml_http_user_resources_" + std::to_string(::getpid()) + "_" + suffix);
  if (!url) return {};
  return {{"DATABASE_URL", *url}};
}

class UserResourcesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto environment = database_environment("suite");
    environment["FIXED_NOW"] = "2026-03-15T12:00:00Z";
    server_ = new FinmlServer(environment);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  static HttpResponse call(std::string_view method, const std::string& target, std::string_view body = {},
                           const Headers& headers = kJson) {
    HttpConnection connection(server_->port(), 120s);
    auto response = connection.request(method, target, body, headers);
    if (!response) throw std::runtime_error("no response to " + std::string(method) + " " + target);
    if (response->status >= 400) {
      const json error = json::parse(response->body);
      EXPECT_TRUE(error.contains("detail")) << response->body;
      EXPECT_EQ(error["error"]["status_code"], response->status) << response->body;
    }
    return *response;
  }

  static std::string base(int user, std::string_view resource) {
    return "/api/v1/users/" + std::to_string(user) + "/" + std::string(resource);
  }

  /// Every page of the listing under `query`, in order.
  static std::vector<json> walk(const std::string& list, const std::string& query, int limit) {
    std::vector<json> items;
    std::string cursor;
    for (int guard = 0; guard < 10'000; ++guard) {
      std::string target = list + "?limit=" + std::to_string(limit) + query;
      if (!cursor.empty()) target += "&cursor=" + cursor;
      const HttpResponse page = call("GET", target);
      EXPECT_EQ(page.status, 200) << page.body;
      if (page.status != 200) break;
      const json body = json::parse(page.body);
      EXPECT_LE(body["items"].size(), static_cast<std::size_t>(limit));
      for (const json& item : body["items"]) items.push_back(item);
      if (body["next_cursor"].is_null()) break;
      cursor = body["next_cursor"].get<std::string>();
    }
    return items;
  }

  static inline FinmlServer* server_ = nullptr;
};

/// The member `name` of a body exactly as written (a JSON parser would read 2.00 as 2.0).
std::string raw_member(const std::string& body, const std::string& name) {
  const std::string key = "\"" + name + "\":";
  const std::size_t at = body.find(key);
  if (at == std::string::npos) return {};
  const std::size_t start = at + key.size();
  return body.substr(start, body.find_first_of(",}", start) - start);
}

/// True when the 422 body names `path` anywhere (as a path or inside one).
bool names(const HttpResponse& response, const std::string& path) {
  return response.body.find(path) != std::string::npos;
}

struct Resource {
  std::string segment;
  json create;   ///< a valid body
  json replace;  ///< another valid body
  json patch;    ///< a PATCH body
  std::string patched_member;  ///< a member the patch changes...
  json patched_value;          ///< ...to this
  std::string kept_member;     ///< a member the patch leaves alone
};

std::vector<Resource> resources() {
  return {
      {"accounts", {{"name", "Everyday"}, {"account_type", "checking"}, {"balance", "1250.50"}},
       {{"name", "Card"}, {"account_type", "credit_card"}, {"balance", -300}, {"currency", "EUR"}},
       {{"name", "Renamed"}}, "name", "Renamed", "account_type"},
      {"goals",
       {{"goal_name", "Emergency fund"}, {"target_amount", "10000"}, {"current_amount", "2500.25"},
        {"target_date", "2027-01-01"}, {"monthly_contribution", 500}},
       {{"goal_name", "Car"}, {"target_amount", 20000}, {"status", "paused"}},
       {{"status", "completed"}}, "status", "completed", "goal_name"},
      {"budgets", {{"category", "Groceries"}, {"amount", "400"}, {"start_date", "2026-03-01"}, {"end_date", "2026-03-31"}},
       {{"amount", 900}, {"start_date", "2026-04-01"}, {"end_date", "2026-04-30"}, {"status", "expired"}},
       {{"category", "Dining"}}, "category", "Dining", "start_date"},
      {"bills",
       {{"bill_name", "Rent"}, {"due_date", "2026-04-01"}, {"amount", "1200.00"}, {"is_recurring", true},
        {"recurrence_frequency", "monthly"}, {"reminder_days_before", 3}},
       {{"bill_name", "Phone"}, {"due_date", "2026-04-10"}, {"amount", 45}},
       {{"status", "paid"}}, "status", "paid", "bill_name"},
      {"categories", {{"name", "Chai stall"}, {"type", "expense"}, {"detailed", "FOOD_AND_DRINK_COFFEE"}},
       {{"name", "Side gig"}, {"type", "income"}},
       {{"bucket", nullptr}, {"detailed", nullptr}}, "detailed", nullptr, "name"},
  };
}

TEST_F(UserResourcesTest, EveryResourceIsCreatedReadReplacedPatchedAndDeleted) {
  int user = 301;
  for (const Resource& resource : resources()) {
    SCOPED_TRACE(resource.segment);
    const std::string list = base(user, resource.segment);
    const HttpResponse created = call("POST", list, resource.create.dump());
    ASSERT_EQ(created.status, 201) << created.body;
    const json stored = json::parse(created.body);
    const std::int64_t id = stored["id"].get<std::int64_t>();
    EXPECT_EQ(created.header("location"), list + "/" + std::to_string(id));
    for (const auto& [key, value] : resource.create.items()) {
      if (value.is_string() && key != "balance" && key != "target_amount" && key != "current_amount" && key != "amount") {
        EXPECT_EQ(stored[key], value) << key;
      }
    }
    EXPECT_TRUE(stored.contains("created_at"));

    const HttpResponse read = call("GET", created.header("location"));
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_EQ(json::parse(read.body), stored);

    const HttpResponse replaced = call("PUT", created.header("location"), resource.replace.dump());
    ASSERT_EQ(replaced.status, 200) << replaced.body;
    const json after = json::parse(replaced.body);
    EXPECT_EQ(after["id"], id);
    EXPECT_EQ(after["created_at"], stored["created_at"]);
    EXPECT_EQ(json::parse(call("GET", created.header("location")).body), after);

    const HttpResponse patched = call("PATCH", created.header("location"), resource.patch.dump());
    ASSERT_EQ(patched.status, 200) << patched.body;
    const json patched_body = json::parse(patched.body);
    EXPECT_EQ(patched_body[resource.patched_member], resource.patched_value);
    EXPECT_EQ(patched_body[resource.kept_member], after[resource.kept_member]);

    const json page = json::parse(call("GET", list).body);
    ASSERT_EQ(page["items"].size(), 1U) << page.dump();
    EXPECT_EQ(page["items"][0], patched_body);
    EXPECT_TRUE(page["next_cursor"].is_null());

    EXPECT_EQ(call("DELETE", created.header("location")).status, 204);
    EXPECT_EQ(call("GET", created.header("location")).status, 404);
    EXPECT_EQ(call("DELETE", created.header("location")).status, 404);
    EXPECT_EQ(call("PUT", created.header("location"), resource.replace.dump()).status, 404);
    EXPECT_EQ(call("PATCH", created.header("location"), resource.patch.dump()).status, 404);
    ++user;
  }
}

// Optimistic concurrency: every answer about one row carries its ETag, and PUT, PATCH and
// DELETE with If-Match go ahead only while the stored row still has it.
TEST_F(UserResourcesTest, EveryRowHasAnETagThatIfMatchChecksBeforeAnyWrite) {
  int user = 351;
  for (const Resource& resource : resources()) {
    SCOPED_TRACE(resource.segment);
    const HttpResponse created = call("POST", base(user, resource.segment), resource.create.dump());
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string location = created.header("location");
    const std::string first = created.header("etag");
    ASSERT_EQ(first.size(), 34U) << "a quoted 128-bit hash: " << first;
    EXPECT_EQ(call("GET", location).header("etag"), first);

    const auto if_match = [](const std::string& tags) { return Headers{{"Content-Type", "application/json"}, {"If-Match", tags}}; };
    const HttpResponse replaced = call("PUT", location, resource.replace.dump(), if_match(first));
    ASSERT_EQ(replaced.status, 200) << replaced.body;
    const std::string second = replaced.header("etag");
    EXPECT_NE(second, first);
    const HttpResponse read = call("GET", location);
    EXPECT_EQ(read.header("etag"), second);
    EXPECT_EQ(read.body, replaced.body);

    // The first tag is stale now: every write with it is refused and changes nothing.
    const HttpResponse stale_put = call("PUT", location, resource.create.dump(), if_match(first));
    EXPECT_EQ(stale_put.status, 412) << stale_put.body;
    EXPECT_EQ(json::parse(stale_put.body)["error"]["code"], "precondition_failed");
    EXPECT_NE(json::parse(stale_put.body)["detail"].get<std::string>().find(second), std::string::npos)
        << "the detail names the current tag";
    EXPECT_EQ(call("PATCH", location, resource.patch.dump(), if_match(first)).status, 412);
    EXPECT_EQ(call("DELETE", location, "", if_match(first)).status, 412);
    EXPECT_EQ(call("PATCH", location, resource.patch.dump(), if_match("W/" + second)).status, 412)
        << "If-Match compares strongly";
    EXPECT_EQ(call("GET", location).body, read.body);

    // A GET with the current tag in If-None-Match: the client's copy is current.
    const HttpResponse not_modified = call("GET", location, "", {{"If-None-Match", second}});
    EXPECT_EQ(not_modified.status, 304);
    EXPECT_TRUE(not_modified.body.empty());
    EXPECT_EQ(not_modified.header("etag"), second);
    EXPECT_EQ(call("GET", location, "", {{"If-None-Match", first}}).status, 200);

    // One of a list, or "*", matches.
    const HttpResponse patched = call("PATCH", location, resource.patch.dump(), if_match(first + ", " + second));
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_NE(patched.header("etag"), second);
    EXPECT_EQ(call("PATCH", location, resource.patch.dump(), if_match("*")).status, 200);
    EXPECT_EQ(call("DELETE", location, "", if_match(call("GET", location).header("etag"))).status, 204);
    EXPECT_EQ(call("DELETE", location, "", if_match("*")).status, 404) << "a row that is gone is not found";
    ++user;
  }
}

// A PATCH reads the stored row, applies its members and writes, with the row locked from the
// read to the write: concurrent PATCHes of different members all survive.
TEST_F(UserResourcesTest, ConcurrentPatchesOfDifferentMembersAllSurvive) {
  const HttpResponse created = call("POST", base(365, "goals"),
                                    R"({"goal_name": "Boat", "target_amount": "5000", "current_amount": "0"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string location = created.header("location");
  for (int round = 1; round <= 10; ++round) {
    const std::string tag = std::to_string(round);
    const std::vector<std::string> patches = {
        json{{"goal_name", "g" + tag}}.dump(), json{{"target_amount", "9" + tag + "00"}}.dump(),
        json{{"current_amount", tag + ".50"}}.dump(), json{{"monthly_contribution", tag}}.dump(),
        json{{"target_date", "2030-01-" + std::string(round < 10 ? "0" : "") + tag}}.dump(),
        json{{"status", round % 2 == 0 ? "paused" : "active"}}.dump()};
    for (const int status : statuses_at_once(server_->port(), "PATCH", location, patches, kJson)) {
      EXPECT_EQ(status, 200) << "round " << round;
    }
    const HttpResponse after = call("GET", location);
    ASSERT_EQ(after.status, 200) << after.body;
    const json stored = json::parse(after.body);
    EXPECT_EQ(stored["goal_name"], "g" + tag) << "round " << round;
    EXPECT_EQ(raw_member(after.body, "target_amount"), "9" + tag + "00.00") << "round " << round;
    EXPECT_EQ(raw_member(after.body, "current_amount"), tag + ".50") << "round " << round;
    EXPECT_EQ(raw_member(after.body, "monthly_contribution"), tag + ".00") << "round " << round;
    EXPECT_EQ(stored["target_date"].get<std::string>().substr(8), std::string(round < 10 ? "0" : "") + tag);
    EXPECT_EQ(stored["status"], round % 2 == 0 ? "paused" : "active") << "round " << round;
  }
}

TEST_F(UserResourcesTest, AmountsAreExactDecimalsWithTheirCurrency) {
  const HttpResponse account = call("POST", base(311, "accounts"), R"({"name": "Yen", "balance": "1234", "currency": "jpy"})");
  ASSERT_EQ(account.status, 201) << account.body;
  EXPECT_EQ(raw_member(account.body, "balance"), "1234");
  EXPECT_EQ(json::parse(account.body)["currency"], "JPY");
  EXPECT_EQ(json::parse(account.body)["account_type"], "other");
  const HttpResponse goal = call("POST", base(311, "goals"),
                                 R"({"goal_name": "Trip", "target_amount": 2000.10, "current_amount": "0.20"})");
  ASSERT_EQ(goal.status, 201) << goal.body;
  EXPECT_EQ(raw_member(goal.body, "target_amount"), "2000.10");
  EXPECT_EQ(raw_member(goal.body, "current_amount"), "0.20");
  EXPECT_EQ(json::parse(goal.body)["currency"], "INR");  // DEFAULT_CURRENCY, unset
  EXPECT_TRUE(json::parse(goal.body)["monthly_contribution"].is_null());
  EXPECT_TRUE(json::parse(goal.body)["target_date"].is_null());
  EXPECT_EQ(json::parse(goal.body)["status"], "active");
  // A PATCH of the currency alone keeps the decimal amounts in the new currency.
  const HttpResponse euro = call("PATCH", goal.header("location"), R"({"currency": "EUR", "monthly_contribution": "50"})");
  ASSERT_EQ(euro.status, 200) << euro.body;
  EXPECT_EQ(raw_member(euro.body, "target_amount"), "2000.10");
  EXPECT_EQ(raw_member(euro.body, "monthly_contribution"), "50.00");
  EXPECT_EQ(json::parse(euro.body)["currency"], "EUR");
  const HttpResponse cleared = call("PATCH", goal.header("location"), R"({"monthly_contribution": null})");
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_TRUE(json::parse(cleared.body)["monthly_contribution"].is_null());
}

TEST_F(UserResourcesTest, AnotherUsersObjectIsA404LikeAMissingOne) {
  for (const Resource& resource : resources()) {
    SCOPED_TRACE(resource.segment);
    const HttpResponse created = call("POST", base(321, resource.segment), resource.create.dump());
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id = std::to_string(json::parse(created.body)["id"].get<std::int64_t>());
    const std::string theirs = base(322, resource.segment) + "/" + id;
    const std::string missing = base(321, resource.segment) + "/987654321";
    for (const std::string& target : {theirs, missing}) {
      const HttpResponse get = call("GET", target);
      EXPECT_EQ(get.status, 404) << target;
      EXPECT_EQ(call("PUT", target, resource.replace.dump()).status, 404) << target;
      EXPECT_EQ(call("PATCH", target, resource.patch.dump()).status, 404) << target;
      EXPECT_EQ(call("DELETE", target).status, 404) << target;
    }
    // The same answer, but for the id.
    std::string other = json::parse(call("GET", theirs).body)["detail"].get<std::string>();
    std::string absent = json::parse(call("GET", missing).body)["detail"].get<std::string>();
    other.replace(other.find(id), id.size(), "<id>");
    absent.replace(absent.find("987654321"), 9, "<id>");
    EXPECT_EQ(other, absent);
    EXPECT_TRUE(json::parse(call("GET", base(322, resource.segment)).body)["items"].empty());
    EXPECT_EQ(call("GET", created.header("location")).status, 200);  // untouched
  }
}

TEST_F(UserResourcesTest, IdempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody) {
  for (const Resource& resource : resources()) {
    SCOPED_TRACE(resource.segment);
    const std::string list = base(331, resource.segment);
    const std::string key = "key-" + resource.segment;
    const HttpResponse first = call("POST", list, resource.create.dump(), with_key(key));
    ASSERT_EQ(first.status, 201) << first.body;
    const HttpResponse again = call("POST", list, resource.create.dump(), with_key(key));
    EXPECT_EQ(again.status, 201);
    EXPECT_EQ(again.body, first.body);
    EXPECT_EQ(again.header("location"), first.header("location"));
    EXPECT_EQ(again.header("idempotent-replayed"), "true");
    const HttpResponse other = call("POST", list, resource.replace.dump(), with_key(key));
    EXPECT_EQ(other.status, 409) << other.body;
    EXPECT_EQ(json::parse(call("GET", list).body)["items"].size(), 1U);
    EXPECT_EQ(call("POST", list, resource.create.dump(), with_key(std::string(300, 'k'))).status, 422);
  }
}

TEST_F(UserResourcesTest, BadInputIsA422NamingEachBadMember) {
  struct Case {
    std::string segment;
    std::string body;
    std::vector<std::string> paths;
  };
  const std::vector<Case> cases = {
      {"accounts", R"({"name": " ", "account_type": "piggy"})", {"$.name", "$.account_type"}},
      {"accounts", R"({"name": "x", "balance": "1.2.3"})", {"$.balance"}},
      {"accounts", R"({"name": "x", "currency": "XYZ"})", {"$.currency"}},
      {"accounts", R"({"account_type": "cash"})", {"$.name"}},
      {"accounts", "{\"name\": \"" + std::string(201, 'n') + "\"}", {"$.name"}},
      {"goals", R"({"goal_name": "", "target_amount": 0, "current_amount": -1, "status": "dreaming"})",
       {"$.goal_name", "$.target_amount", "$.current_amount", "$.status"}},
      {"goals", R"({"goal_name": "g", "target_amount": 10, "target_date": "someday"})", {"$.target_date"}},
      {"budgets", R"({"amount": 10, "start_date": "2026-03-31", "end_date": "2026-03-01", "status": "on"})",
       {"$.end_date", "$.status"}},
      {"budgets", R"({"amount": -5, "start_date": "2026-03-01", "end_date": "2026-03-31"})", {"$.amount"}},
      {"budgets", R"({"amount": 5})", {"$.start_date", "$.end_date"}},
      {"bills", R"({"bill_name": "b", "due_date": "2026-01-01", "amount": 1, "reminder_days_before": 366})",
       {"$.reminder_days_before"}},
      {"bills", R"({"bill_name": "b", "due_date": "2026-01-01", "amount": 1, "is_recurring": true, "recurrence_frequency": "daily", "status": "late"})",
       {"$.recurrence_frequency", "$.status"}},
      {"bills", R"({"bill_name": "b", "due_date": "2026-01-01", "amount": 1, "is_recurring": "maybe"})", {"$.is_recurring"}},
      {"categories", R"({"name": "Tea", "type": "gift", "detailed": "NOT_A_CODE"})", {"$.type", "$.detailed"}},
      {"categories", R"({"name": "Tea", "bucket": "needs", "detailed": "FOOD_AND_DRINK_COFFEE"})", {"$.bucket"}},
      {"categories", R"({"name": "!!!"})", {"$.name"}},
  };
  for (const Case& c : cases) {
    const HttpResponse response = call("POST", base(341, c.segment), c.body);
    EXPECT_EQ(response.status, 422) << c.segment << " " << c.body << ": " << response.body;
    for (const std::string& path : c.paths) EXPECT_TRUE(names(response, path)) << path << ": " << response.body;
  }
  EXPECT_EQ(call("POST", base(341, "goals"), "{not json").status, 400);
  EXPECT_EQ(call("GET", base(341, "goals") + "/abc").status, 422);
  EXPECT_EQ(call("GET", base(341, "bills") + "/0").status, 422);
  EXPECT_EQ(call("GET", "/api/v1/users/x/accounts").status, 422);
  EXPECT_TRUE(json::parse(call("GET", base(341, "accounts")).body)["items"].empty());  // nothing stored

  const std::vector<std::pair<std::string, std::string>> queries = {
      {"accounts", "status=active"},   {"accounts", "type=piggy"},      {"accounts", "from=2026-01-01"},
      {"goals", "status=dreaming"},    {"goals", "type=x"},             {"goals", "category=Food"},
      {"budgets", "from=2026-13-01"},  {"budgets", "to=tomorrow"},      {"bills", "min_amount=ten"},
      {"bills", "max_amount=1.2.3"},   {"categories", "min_amount=1"},  {"categories", "limit=0"},
      {"bills", "limit=1001"},         {"budgets", "cursor=not-a-cursor"}};
  for (const auto& [segment, query] : queries) {
    const HttpResponse response = call("GET", base(341, segment) + "?" + query);
    EXPECT_EQ(response.status, 422) << segment << "?" << query << ": " << response.body;
    const std::string name = query.substr(0, query.find('='));
    EXPECT_TRUE(names(response, "query." + name)) << segment << "?" << query << ": " << response.body;
  }
}

TEST_F(UserResourcesTest, ACategorysBucketFollowsItsDetailedCode) {
  const HttpResponse created =
      call("POST", base(346, "categories"), R"({"name": "Gym", "detailed": "personal_care_gyms_and_fitness_centers"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const json stored = json::parse(created.body);
  EXPECT_EQ(stored["detailed"], "PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS");
  EXPECT_FALSE(stored["bucket"].is_null());
  EXPECT_EQ(stored["type"], "expense");
  // A PATCH of the code alone takes the new code's group.
  const HttpResponse rent = call("PATCH", created.header("location"), R"({"detailed": "RENT_AND_UTILITIES_RENT"})");
  ASSERT_EQ(rent.status, 200) << rent.body;
  EXPECT_EQ(json::parse(rent.body)["bucket"], "needs");
  EXPECT_EQ(call("PATCH", created.header("location"), R"({"bucket": "wants"})").status, 422);
}

TEST_F(UserResourcesTest, ACategoryNameAndTypeTwiceIsAConflict) {
  const std::string list = base(345, "categories");
  ASSERT_EQ(call("POST", list, R"({"name": "Chai", "type": "expense"})").status, 201);
  EXPECT_EQ(call("POST", list, R"({"name": "Chai", "type": "expense"})").status, 409);
  EXPECT_EQ(call("POST", list, R"({"name": "Chai", "type": "income"})").status, 201);
  // The taxonomy's routes are still there, before /categories/{category_id}.
  EXPECT_EQ(call("GET", list + "/overrides").status, 200);
}

TEST_F(UserResourcesTest, PagesWalkEveryRowExactlyOnceInIdOrderWithFilters) {
  const std::string list = base(351, "bills");
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 23; ++i) {
    const json bill = {{"bill_name", i % 3 == 0 ? "Power" : "Water"},
                       {"due_date", "2026-04-" + std::string(i + 1 < 10 ? "0" : "") + std::to_string(i + 1)},
                       {"amount", std::to_string(10 * (i + 1))},
                       {"status", i % 2 == 0 ? "paid" : "unpaid"}};
    const HttpResponse created = call("POST", list, bill.dump());
    ASSERT_EQ(created.status, 201) << created.body;
    ids.push_back(json::parse(created.body)["id"].get<std::int64_t>());
  }
  ASSERT_EQ(call("POST", base(352, "bills"), R"({"bill_name": "Power", "due_date": "2026-04-01", "amount": 1})").status, 201);
  for (const int limit : {1, 5, 23, 100}) {
    const auto items = walk(list, "", limit);
    std::vector<std::int64_t> seen;
    for (const json& item : items) seen.push_back(item["id"].get<std::int64_t>());
    EXPECT_EQ(seen, ids) << "limit " << limit;
  }
  EXPECT_EQ(json::parse(call("GET", list).body)["items"].size(), 23U);  // default limit 100
  const auto count = [&](const std::string& query) { return walk(list, query, 4).size(); };
  EXPECT_EQ(count("&status=paid"), 12U);
  EXPECT_EQ(count("&q=pOWer"), 8U);
  EXPECT_EQ(count("&status=paid&q=power"), 4U);
  EXPECT_EQ(count("&from=2026-04-10&to=2026-04-12"), 3U);
  EXPECT_EQ(count("&min_amount=50&max_amount=100.00"), 6U);
  // The next page of a cursor is the same even after the cursor's row is removed.
  const json first = json::parse(call("GET", list + "?limit=2").body);
  const std::string cursor = first["next_cursor"].get<std::string>();
  ASSERT_EQ(call("DELETE", list + "/" + std::to_string(ids[1])).status, 204);
  const json second = json::parse(call("GET", list + "?limit=2&cursor=" + cursor).body);
  ASSERT_EQ(second["items"].size(), 2U);
  EXPECT_EQ(second["items"][0]["id"], ids[2]);

  // Budgets by category (case-insensitive) and overlapping dates; accounts by type.
  const std::string budgets = base(353, "budgets");
  ASSERT_EQ(call("POST", budgets, R"({"category": "Groceries", "amount": 1, "start_date": "2026-01-01", "end_date": "2026-01-31"})").status, 201);
  ASSERT_EQ(call("POST", budgets, R"({"amount": 2, "start_date": "2026-01-15", "end_date": "2026-02-15"})").status, 201);
  EXPECT_EQ(walk(budgets, "&category=GROCERIES", 10).size(), 1U);
  EXPECT_EQ(walk(budgets, "&from=2026-02-01&to=2026-02-28", 10).size(), 1U);
  EXPECT_EQ(walk(budgets, "&status=active", 10).size(), 2U);
  const std::string accounts = base(353, "accounts");
  ASSERT_EQ(call("POST", accounts, R"({"name": "Wallet", "account_type": "cash"})").status, 201);
  ASSERT_EQ(call("POST", accounts, R"({"name": "Bank", "account_type": "checking"})").status, 201);
  const auto cash = walk(accounts, "&type=cash", 10);
  ASSERT_EQ(cash.size(), 1U);
  EXPECT_EQ(cash[0]["name"], "Wallet");
}

TEST_F(UserResourcesTest, AGetAfterAWriteIsACacheMissWithTheNewData) {
  for (const Resource& resource : resources()) {
    SCOPED_TRACE(resource.segment);
    const std::string list = base(361, resource.segment);
    const HttpResponse empty = call("GET", list);
    EXPECT_EQ(empty.header("x-cache"), "MISS");
    EXPECT_EQ(call("GET", list).header("x-cache"), "HIT");
    const HttpResponse created = call("POST", list, resource.create.dump());
    ASSERT_EQ(created.status, 201);
    const HttpResponse listed = call("GET", list);
    EXPECT_EQ(listed.header("x-cache"), "MISS");
    EXPECT_EQ(json::parse(listed.body)["items"].size(), 1U);
    const HttpResponse one = call("GET", created.header("location"));
    const HttpResponse again = call("GET", created.header("location"));
    EXPECT_EQ(again.header("x-cache"), "HIT");
    EXPECT_EQ(again.header("etag"), one.header("etag")) << "a cached answer keeps its ETag";
    EXPECT_FALSE(one.header("etag").empty());
    ASSERT_EQ(call("PATCH", created.header("location"), resource.patch.dump()).status, 200);
    const HttpResponse changed = call("GET", created.header("location"));
    EXPECT_EQ(changed.header("x-cache"), "MISS");
    EXPECT_EQ(json::parse(changed.body)[resource.patched_member], resource.patched_value);
    ASSERT_EQ(call("DELETE", created.header("location")).status, 204);
    const HttpResponse gone = call("GET", list);
    EXPECT_EQ(gone.header("x-cache"), "MISS");
    EXPECT_TRUE(json::parse(gone.body)["items"].empty());
  }
}

TEST_F(UserResourcesTest, DeletingTheUserRemovesTheirResources) {
  for (const Resource& resource : resources()) {
    ASSERT_EQ(call("POST", base(371, resource.segment), resource.create.dump()).status, 201) << resource.segment;
  }
  EXPECT_EQ(call("DELETE", "/api/v1/users/371").status, 204);
  for (const Resource& resource : resources()) {
    EXPECT_TRUE(json::parse(call("GET", base(371, resource.segment)).body)["items"].empty()) << resource.segment;
  }
}

}  // namespace
}  // namespace finml::testing
