// The transactions resource and DELETE of a user over HTTP, against the real finml binary
// (issue 7): every route and error path, on SQLite, and on PostgreSQL when the test runs with
// FINML_TEST_BACKEND=postgres (tests/api/CMakeLists.txt: api_user_data_postgres_test).
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
  const auto url = new_postgres_database("finml_http_user_data_" + std::to_string(::getpid()) + "_" + suffix);
  if (!url) return {};
  return {{"DATABASE_URL", *url}};
}

class UserDataTest : public ::testing::Test {
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

  static std::string base(int user) { return "/api/v1/users/" + std::to_string(user) + "/transactions"; }

  /// Every page of the listing under `query` (without cursor and limit), in order.
  static std::vector<json> walk(int user, const std::string& query, int limit) {
    std::vector<json> items;
    std::string cursor;
    for (int guard = 0; guard < 10'000; ++guard) {
      std::string target = base(user) + "?limit=" + std::to_string(limit) + query;
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

/// The first "amount" of a body exactly as written (a JSON parser would read 2.00 as 2.0).
std::string raw_amount(const std::string& body) {
  const std::size_t at = body.find("\"amount\":");
  if (at == std::string::npos) return {};
  const std::size_t start = at + 9;
  return body.substr(start, body.find_first_of(",}", start) - start);
}

/// The detail of an error answer with every occurrence of `id` replaced by "<id>".
std::string detail_without(const std::string& body, const std::string& id) {
  std::string detail = json::parse(body)["detail"].get<std::string>();
  for (std::size_t at = detail.find(id); at != std::string::npos; at = detail.find(id, at)) detail.replace(at, id.size(), "<id>");
  return detail;
}

json row(const std::string& date, const std::string& amount, const std::string& type = "expense",
         const std::string& category = "Groceries", const std::string& description = "") {
  return json{{"date", date}, {"amount", amount}, {"type", type}, {"category", category},
              {"description", description}};
}

TEST_F(UserDataTest, CreateReadReplaceAndDeleteATransaction) {
  const HttpResponse created = call("POST", base(101), row("2026-02-03", "12.34").dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const json stored = json::parse(created.body);
  const std::int64_t id = stored["id"].get<std::int64_t>();
  EXPECT_EQ(created.header("location"), base(101) + "/" + std::to_string(id));
  EXPECT_EQ(stored["date"], "2026-02-03");
  EXPECT_EQ(raw_amount(created.body), "12.34");  // exact, never through a double
  EXPECT_EQ(stored["type"], "expense");
  EXPECT_TRUE(stored["account_id"].is_null());

  const HttpResponse read = call("GET", created.header("location"));
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(json::parse(read.body), stored);

  json changed = row("2026-01-31", "99.90", "income", "Salary", "ACME payroll");
  changed["note"] = "January";
  const HttpResponse replaced = call("PUT", created.header("location"), changed.dump());
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  const json after = json::parse(replaced.body);
  EXPECT_EQ(after["id"], id);
  EXPECT_EQ(after["date"], "2026-01-31");
  EXPECT_EQ(raw_amount(replaced.body), "99.90");
  EXPECT_EQ(after["type"], "income");
  EXPECT_EQ(after["note"], "January");
  EXPECT_EQ(json::parse(call("GET", created.header("location")).body), after);

  EXPECT_EQ(call("DELETE", created.header("location")).status, 204);
  EXPECT_EQ(call("GET", created.header("location")).status, 404);
  EXPECT_EQ(call("DELETE", created.header("location")).status, 404);
  EXPECT_EQ(call("PUT", created.header("location"), changed.dump()).status, 404);
}

TEST_F(UserDataTest, PatchChangesOnlyTheMembersSent) {
  json body = row("2026-02-03", "10.50", "expense", "Dining", "Cafe");
  body["note"] = "lunch";
  body["id"] = "ext-9";
  const HttpResponse created = call("POST", base(106), body.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const HttpResponse patched = call("PATCH", created.header("location"), R"({"amount": "11.25", "note": null})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  const json after = json::parse(patched.body);
  EXPECT_EQ(raw_amount(patched.body), "11.25");
  EXPECT_EQ(after["note"], "");
  EXPECT_EQ(after["date"], "2026-02-03");
  EXPECT_EQ(after["category"], "Dining");
  EXPECT_EQ(after["description"], "Cafe");
  EXPECT_EQ(after["external_id"], "ext-9");
  const HttpResponse yen = call("PATCH", created.header("location"), R"({"currency": "JPY", "amount": 1200, "type": "INCOME"})");
  ASSERT_EQ(yen.status, 200) << yen.body;
  EXPECT_EQ(raw_amount(yen.body), "1200");
  EXPECT_EQ(json::parse(yen.body)["type"], "income");
  EXPECT_EQ(json::parse(call("GET", created.header("location")).body), json::parse(yen.body));
  EXPECT_EQ(call("PATCH", created.header("location"), "[1]").status, 422);
  // Digits beyond the currency's minor unit are rounded half-even, as everywhere (JPY has none).
  EXPECT_EQ(raw_amount(call("PATCH", created.header("location"), R"({"amount": "2.5"})").body), "2");
  EXPECT_EQ(call("PATCH", created.header("location"), R"({"amount": "abc"})").status, 422);
  EXPECT_EQ(call("PATCH", created.header("location"), R"({"currency": "XYZ"})").status, 422);
  EXPECT_EQ(call("PATCH", created.header("location"), R"({"type": "gift"})").status, 422);
  EXPECT_EQ(call("PATCH", created.header("location"), R"({"date": "soon"})").status, 422);
  EXPECT_EQ(call("PATCH", base(107) + "/" + std::to_string(after["id"].get<std::int64_t>()), R"({"note": "x"})").status,
            404);
  EXPECT_EQ(call("PATCH", base(106) + "/999999999", R"({"note": "x"})").status, 404);
}

// Issue 7 (helper C): a PATCH reads, changes and writes its row in one database transaction
// with the row locked, so concurrent PATCHes of different members of one row all survive (a
// read-then-write lost one of them whenever two interleaved).
TEST_F(UserDataTest, ConcurrentPatchesOfDifferentMembersAllSurvive) {
  const HttpResponse created = call("POST", base(115), row("2026-02-03", "10.00", "expense", "Dining", "Cafe").dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string location = created.header("location");
  for (int round = 1; round <= 20; ++round) {
    const std::string tag = std::to_string(round);
    const std::vector<std::string> patches = {
        json{{"description", "d" + tag}}.dump(), json{{"note", "n" + tag}}.dump(),
        json{{"category", "c" + tag}}.dump(), json{{"date", "2026-01-" + std::string(round < 10 ? "0" : "") + tag}}.dump(),
        json{{"amount", tag + ".25"}}.dump(), json{{"type", round % 2 == 0 ? "income" : "expense"}}.dump()};
    for (const int status : statuses_at_once(server_->port(), "PATCH", location, patches, kJson)) {
      EXPECT_EQ(status, 200) << "round " << round;
    }
    const HttpResponse after = call("GET", location);
    ASSERT_EQ(after.status, 200) << after.body;
    const json stored = json::parse(after.body);
    EXPECT_EQ(stored["description"], "d" + tag) << "round " << round;
    EXPECT_EQ(stored["note"], "n" + tag) << "round " << round;
    EXPECT_EQ(stored["category"], "c" + tag) << "round " << round;
    EXPECT_EQ(stored["date"].get<std::string>().substr(8), std::string(round < 10 ? "0" : "") + tag) << "round " << round;
    EXPECT_EQ(raw_amount(after.body), tag + ".25") << "round " << round;
    EXPECT_EQ(stored["type"], round % 2 == 0 ? "income" : "expense") << "round " << round;
  }
}

// A transaction's ETag and If-Match work as every other row's (user_resources_test has them all).
TEST_F(UserDataTest, IfMatchRefusesAWriteOverAChangedTransaction) {
  const HttpResponse created = call("POST", base(116), row("2026-02-03", "10.00").dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string location = created.header("location");
  const std::string first = created.header("etag");
  EXPECT_EQ(call("GET", location).header("etag"), first);
  const auto if_match = [](const std::string& tag) { return Headers{{"Content-Type", "application/json"}, {"If-Match", tag}}; };

  // Two devices read the same row; the first one's PATCH wins, the second one's stale PUT is
  // refused instead of silently undoing it.
  const HttpResponse patched = call("PATCH", location, R"({"note": "split with Sam"})", if_match(first));
  ASSERT_EQ(patched.status, 200) << patched.body;
  const std::string second = patched.header("etag");
  EXPECT_NE(second, first);
  const HttpResponse stale = call("PUT", location, row("2026-02-03", "12.00").dump(), if_match(first));
  EXPECT_EQ(stale.status, 412) << stale.body;
  EXPECT_EQ(call("DELETE", location, "", if_match(first)).status, 412);
  const json stored = json::parse(call("GET", location).body);
  EXPECT_EQ(stored["note"], "split with Sam");
  EXPECT_EQ(raw_amount(call("GET", location).body), "10.00");

  const HttpResponse replaced = call("PUT", location, row("2026-02-03", "12.00").dump(), if_match(second));
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  EXPECT_EQ(replaced.header("etag"), call("GET", location).header("etag"));
  EXPECT_EQ(call("DELETE", location, "", if_match(replaced.header("etag"))).status, 204);
}

TEST_F(UserDataTest, AnotherUsersTransactionIsNotFoundAndStaysUntouched) {
  const HttpResponse created = call("POST", base(111), row("2026-02-03", "5.00").dump());
  ASSERT_EQ(created.status, 201);
  const std::string id = std::to_string(json::parse(created.body)["id"].get<std::int64_t>());
  const std::string foreign = base(112) + "/" + id;
  const HttpResponse got = call("GET", foreign);
  EXPECT_EQ(got.status, 404);
  // The answer is the one of an id that does not exist at all: nothing tells that it exists.
  const HttpResponse missing = call("GET", base(112) + "/999999999");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(detail_without(got.body, id), detail_without(missing.body, "999999999"));
  EXPECT_EQ(call("PUT", foreign, row("2026-02-04", "1.00").dump()).status, 404);
  EXPECT_EQ(call("DELETE", foreign).status, 404);
  const HttpResponse own = call("GET", base(111) + "/" + id);
  ASSERT_EQ(own.status, 200);
  EXPECT_EQ(raw_amount(own.body), "5.00");
}

TEST_F(UserDataTest, BadInputIsA422NamingTheField) {
  const auto field_paths = [](const HttpResponse& response) { return json::parse(response.body)["error"].dump(); };
  const HttpResponse bad_amount = call("POST", base(121), row("2026-02-03", "12.3.4").dump());
  EXPECT_EQ(bad_amount.status, 422);
  EXPECT_NE(field_paths(bad_amount).find("amount"), std::string::npos) << bad_amount.body;
  const HttpResponse bad_type = call("POST", base(121), row("2026-02-03", "1", "gift").dump());
  EXPECT_EQ(bad_type.status, 422);
  EXPECT_NE(field_paths(bad_type).find("type"), std::string::npos) << bad_type.body;
  EXPECT_EQ(call("POST", base(121), "{not json").status, 400);
  EXPECT_EQ(call("GET", base(121) + "/abc").status, 422);
  EXPECT_EQ(call("GET", base(121) + "/0").status, 422);
  EXPECT_EQ(call("GET", "/api/v1/users/x/transactions").status, 422);
  for (const std::string query : {"from=2026-13-01", "to=yesterday", "type=gift", "min_amount=ten", "max_amount=1.2.3",
                                  "account_id=-1", "limit=0", "limit=1001", "cursor=not-a-cursor"}) {
    const HttpResponse response = call("GET", base(121) + "?" + query);
    EXPECT_EQ(response.status, 422) << query << ": " << response.body;
    const std::string name = query.substr(0, query.find('='));
    EXPECT_NE(response.body.find("query." + name), std::string::npos) << query << ": " << response.body;
  }
  EXPECT_EQ(call("POST", base(121), row("2026-02-03", "1").dump(), with_key(std::string(256, 'k'))).status, 422);
  // Nothing of the above was stored.
  EXPECT_EQ(json::parse(call("GET", base(121)).body)["items"].size(), 0U);
}

TEST_F(UserDataTest, PagesWalkEveryMatchingRowExactlyOnceInDateAndIdOrder) {
  json rows = json::array();
  for (int i = 0; i < 230; ++i) {
    const std::string day = "2026-0" + std::to_string(1 + i % 3) + "-" + (i % 28 < 9 ? "0" : "") + std::to_string(1 + i % 28);
    rows.push_back(row(day, std::to_string(1 + i % 40) + "." + std::to_string(10 + i % 90),
                       i % 4 == 0 ? "income" : "expense", i % 2 == 0 ? "Groceries" : "Dining",
                       i % 5 == 0 ? "Corner SHOP #" + std::to_string(i) : "bank transfer"));
  }
  const HttpResponse bulk = call("POST", base(131) + "/bulk", json{{"transactions", rows}}.dump());
  ASSERT_EQ(bulk.status, 201) << bulk.body;
  ASSERT_EQ(json::parse(bulk.body)["created"], 230);
  // Another user's rows never show.
  ASSERT_EQ(call("POST", base(132) + "/bulk", json{{"transactions", rows}}.dump()).status, 201);

  const std::vector<json> all = walk(131, "", 1000);
  ASSERT_EQ(all.size(), 230U);
  for (std::size_t i = 1; i < all.size(); ++i) {
    const auto key = [](const json& t) { return std::make_pair(t["date"].get<std::string>(), t["id"].get<std::int64_t>()); };
    EXPECT_LT(key(all[i - 1]), key(all[i]));
  }
  const auto matching = [&](auto&& predicate) {
    std::vector<std::int64_t> ids;
    for (const json& t : all) {
      if (predicate(t)) ids.push_back(t["id"].get<std::int64_t>());
    }
    return ids;
  };
  const auto ids = [](const std::vector<json>& items) {
    std::vector<std::int64_t> out;
    for (const json& t : items) out.push_back(t["id"].get<std::int64_t>());
    return out;
  };
  const auto amount = [](const json& t) { return std::stod(t["amount"].dump()); };
  EXPECT_EQ(ids(walk(131, "", 17)), matching([](const json&) { return true; }));
  EXPECT_EQ(ids(walk(131, "", 100)), matching([](const json&) { return true; }));  // the default-size pages
  EXPECT_EQ(ids(walk(131, "&type=EXPENSE&min_amount=10.00&max_amount=30.5&q=shop", 7)),
            matching([&](const json& t) {
              return t["type"] == "expense" && amount(t) >= 10.0 && amount(t) <= 30.5 &&
                     t["description"].get<std::string>().starts_with("Corner SHOP");
            }));
  EXPECT_EQ(ids(walk(131, "&from=2026-02-01&to=2026-02-28&category=dining", 9)), matching([](const json& t) {
              const std::string date = t["date"];
              return date >= "2026-02-01" && date <= "2026-02-28" && t["category"] == "Dining";
            }));
  EXPECT_TRUE(walk(131, "&account_id=424242", 10).empty());
  // Without a limit a page holds 100 rows and says where the next begins.
  const json first = json::parse(call("GET", base(131)).body);
  EXPECT_EQ(first["items"].size(), 100U);
  EXPECT_TRUE(first["next_cursor"].is_string());
}

TEST_F(UserDataTest, ACursorStaysValidWhenItsRowIsRemoved) {
  json rows = json::array();
  for (int i = 1; i <= 6; ++i) rows.push_back(row("2026-01-0" + std::to_string(i), "1"));
  ASSERT_EQ(call("POST", base(141) + "/bulk", json{{"transactions", rows}}.dump()).status, 201);
  const json page = json::parse(call("GET", base(141) + "?limit=3").body);
  const std::int64_t last = page["items"][2]["id"];
  ASSERT_EQ(call("DELETE", base(141) + "/" + std::to_string(last)).status, 204);
  const json next = json::parse(call("GET", base(141) + "?limit=3&cursor=" + page["next_cursor"].get<std::string>()).body);
  ASSERT_EQ(next["items"].size(), 3U);
  EXPECT_EQ(next["items"][0]["date"], "2026-01-04");
  EXPECT_TRUE(next["next_cursor"].is_null());
}

TEST_F(UserDataTest, BulkCreateIsAllOrNothingAndNamesTheBadRows) {
  json rows = json::array({row("2026-01-01", "1"), row("2026-01-02", "oops"), row("2026-01-03", "3"),
                           json{{"date", "2026-01-04"}, {"amount", "4"}}, row("2026-01-05", "5", "gift")});
  const HttpResponse refused = call("POST", base(151) + "/bulk", json{{"transactions", rows}}.dump());
  ASSERT_EQ(refused.status, 422) << refused.body;
  const json error = json::parse(refused.body);
  EXPECT_NE(error["detail"].get<std::string>().find("1, 3, 4"), std::string::npos) << refused.body;
  for (const std::string path : {"$.transactions[1].amount", "$.transactions[3].type", "$.transactions[4].type"}) {
    EXPECT_NE(refused.body.find(path), std::string::npos) << path << " in " << refused.body;
  }
  EXPECT_EQ(json::parse(call("GET", base(151)).body)["items"].size(), 0U);
  EXPECT_EQ(call("POST", base(151) + "/bulk", R"({"rows": []})").status, 422);
  // A repeated external id: nothing created, 409.
  json twice = json::array({row("2026-01-01", "1"), row("2026-01-02", "2")});
  twice[0]["id"] = "ext-7";
  twice[1]["id"] = "ext-7";
  EXPECT_EQ(call("POST", base(151) + "/bulk", json{{"transactions", twice}}.dump()).status, 409);
  EXPECT_EQ(json::parse(call("GET", base(151)).body)["items"].size(), 0U);
}

TEST_F(UserDataTest, BulkCreateTakesAHundredThousandRowsAndRefusesOneMore) {
  std::string body = R"({"transactions":[)";
  for (int i = 0; i < 100'001; ++i) {
    if (i > 0) body += ',';
    body += R"({"date":"2025-)" + std::string(i % 12 < 9 ? "0" : "") + std::to_string(1 + i % 12) +
            R"(-15","amount":")" + std::to_string(1 + i % 500) + R"(.25","type":"expense"})";
  }
  body += "]}";
  const HttpResponse refused = call("POST", base(161) + "/bulk", body);
  EXPECT_EQ(refused.status, 422) << refused.body.substr(0, 300);
  EXPECT_EQ(json::parse(call("GET", base(161)).body)["items"].size(), 0U);
  const std::size_t last = body.rfind(",{");
  body = body.substr(0, last) + "]}";
  const HttpResponse created = call("POST", base(161) + "/bulk", body);
  ASSERT_EQ(created.status, 201) << created.body.substr(0, 300);
  const json answer = json::parse(created.body);
  EXPECT_EQ(answer["created"], 100'000);
  EXPECT_EQ(answer["ids"].size(), 100'000U);
  EXPECT_EQ(walk(161, "", 1000).size(), 100'000U);
}

TEST_F(UserDataTest, AnIdempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherRequest) {
  const std::string body = row("2026-02-10", "42.00").dump();
  const HttpResponse first = call("POST", base(171), body, with_key("key-1"));
  ASSERT_EQ(first.status, 201) << first.body;
  const HttpResponse again = call("POST", base(171), body, with_key("key-1"));
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.header("location"), first.header("location"));
  EXPECT_EQ(again.header("idempotent-replayed"), "true");
  EXPECT_EQ(json::parse(call("GET", base(171)).body)["items"].size(), 1U);  // created once

  const HttpResponse conflict = call("POST", base(171), row("2026-02-10", "43.00").dump(), with_key("key-1"));
  EXPECT_EQ(conflict.status, 409) << conflict.body;
  // The same key on the bulk route is another request too.
  EXPECT_EQ(call("POST", base(171) + "/bulk", json{{"transactions", json::array()}}.dump(), with_key("key-1")).status,
            409);
  // Keys are per user: another user's key of the same name is free.
  EXPECT_EQ(call("POST", base(172), body, with_key("key-1")).status, 201);
  // A refused request does not use up its key: the corrected retry is created.
  EXPECT_EQ(call("POST", base(171), row("2026-02-11", "x").dump(), with_key("key-2")).status, 422);
  EXPECT_EQ(call("POST", base(171), row("2026-02-11", "1.00").dump(), with_key("key-2")).status, 201);
  // Bulk creates replay too.
  const std::string bulk = json{{"transactions", json::array({row("2026-02-12", "1"), row("2026-02-13", "2")})}}.dump();
  const HttpResponse bulk_first = call("POST", base(171) + "/bulk", bulk, with_key("bulk-1"));
  ASSERT_EQ(bulk_first.status, 201);
  EXPECT_EQ(call("POST", base(171) + "/bulk", bulk, with_key("bulk-1")).body, bulk_first.body);
  EXPECT_EQ(json::parse(call("GET", base(171)).body)["items"].size(), 4U);
}

TEST_F(UserDataTest, ListingSeesEveryWriteAtOnceThroughTheCache) {
  const HttpResponse empty = call("GET", base(181));
  ASSERT_EQ(empty.status, 200);
  EXPECT_EQ(json::parse(empty.body)["items"].size(), 0U);
  const HttpResponse created = call("POST", base(181), row("2026-02-10", "1.00").dump());
  ASSERT_EQ(created.status, 201);
  EXPECT_EQ(json::parse(call("GET", base(181)).body)["items"].size(), 1U);
  ASSERT_EQ(call("PUT", created.header("location"), row("2026-02-10", "2.00").dump()).status, 200);
  EXPECT_EQ(raw_amount(call("GET", base(181)).body), "2.00");
  EXPECT_EQ(raw_amount(call("GET", created.header("location")).body), "2.00");
  ASSERT_EQ(call("DELETE", created.header("location")).status, 204);
  EXPECT_EQ(json::parse(call("GET", base(181)).body)["items"].size(), 0U);
}

TEST_F(UserDataTest, DeletingAUserRemovesEverythingOfTheirs) {
  ASSERT_EQ(call("POST", base(191), row("2026-02-10", "1.00").dump(), with_key("k")).status, 201);
  ASSERT_EQ(call("POST", base(192), row("2026-02-10", "1.00").dump()).status, 201);
  EXPECT_EQ(call("DELETE", "/api/v1/users/191").status, 204);
  EXPECT_EQ(json::parse(call("GET", base(191)).body)["items"].size(), 0U);
  EXPECT_EQ(call("DELETE", "/api/v1/users/191").status, 404);
  EXPECT_EQ(call("DELETE", "/api/v1/users/987654").status, 404);
  EXPECT_EQ(call("DELETE", "/api/v1/users/zero").status, 422);
  // Its idempotency keys went too: the key creates again.
  EXPECT_EQ(call("POST", base(191), row("2026-02-10", "1.00").dump(), with_key("k")).status, 201);
  // Other users keep their data.
  EXPECT_EQ(json::parse(call("GET", base(192)).body)["items"].size(), 1U);
}

// Killed with SIGKILL part way through a bulk create, the server leaves all of it or none of it.
TEST(UserDataKillTest, ABulkCreateKilledPartWayLeavesAllOrNothing) {
  std::string body = R"({"transactions":[)";
  constexpr int kRows = 100'000;
  for (int i = 0; i < kRows; ++i) {
    if (i > 0) body += ',';
    body += R"({"date":"2025-06-)" + std::string(i % 28 < 9 ? "0" : "") + std::to_string(1 + i % 28) +
            R"(","amount":")" + std::to_string(1 + i % 900) + R"(.50","type":"expense","description":"row )" +
            std::to_string(i) + "\"}";
  }
  body += "]}";
  std::set<std::size_t> outcomes;
  for (const auto delay : {50ms, 300ms, 800ms, 1500ms}) {
    auto environment = database_environment("kill" + std::to_string(delay.count()));
    if (environment.empty()) environment["DATABASE_URL"] = "sqlite:///" + make_temp_directory() + "/kill.db";
    {
      FinmlServer server(environment);
      HttpConnection connection(server.port(), 60s);
      const std::string request = "POST /api/v1/users/7/transactions/bulk HTTP/1.1\r\nHost: x\r\n"
                                  "Content-Type: application/json\r\nContent-Length: " +
                                  std::to_string(body.size()) + "\r\n\r\n" + body;
      ASSERT_TRUE(connection.send_raw(request));
      std::this_thread::sleep_for(delay);
      server.process().signal(SIGKILL);
      ASSERT_TRUE(server.process().wait(20s).has_value());
    }
    FinmlServer restarted(environment);
    std::size_t rows = 0;
    std::string cursor;
    for (int page = 0; page < 200; ++page) {
      auto response = http_request(restarted.port(), "GET",
                                   "/api/v1/users/7/transactions?limit=1000" + (cursor.empty() ? "" : "&cursor=" + cursor));
      ASSERT_TRUE(response.has_value());
      ASSERT_EQ(response->status, 200) << response->body;
      const json answer = json::parse(response->body);
      rows += answer["items"].size();
      if (answer["next_cursor"].is_null()) break;
      cursor = answer["next_cursor"].get<std::string>();
    }
    EXPECT_TRUE(rows == 0 || rows == static_cast<std::size_t>(kRows)) << "killed after " << delay.count() << " ms: " << rows;
    outcomes.insert(rows);
  }
  // Log which outcomes the delays met (both are correct; the timing decides).
  for (const std::size_t rows : outcomes) std::cout << "outcome: " << rows << " rows\n";
}

}  // namespace
}  // namespace finml::testing
