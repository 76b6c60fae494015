// Sends every route of the route table (as GET / lists it) every kind of bad input a caller
// can produce: broken and wrong-typed bodies, nulls, empty arrays, absurd dates and amounts,
// 100,000 transactions, bad path and query parameters. Whatever the route, the answer must be
// a 2xx or a 4xx JSON body (a 4xx with a string `detail`): never a 5xx, a crash or a hang.
#include <gtest/gtest.h>

#include <memory>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/api_keys.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"

namespace finml::testing {
namespace {

using nlohmann::json;

struct RouteSpec {
  std::string method;
  std::string path_template;
};

json transaction(const std::string& date, double amount, const std::string& type, const std::string& category) {
  return {{"id", 1}, {"amount", amount}, {"category", category}, {"type", type}, {"date", date}, {"note", ""}};
}

// Three months of ordinary data, so that a route gets far enough to meet the bad field.
json ordinary_transactions() {
  json rows = json::array();
  int id = 1;
  for (const std::string month : {"2025-09", "2025-10", "2025-11"}) {
    rows.push_back(transaction(month + "-01", 5000, "income", "Salary"));
    rows.push_back(transaction(month + "-03", 1200, "expense", "Rent"));
    rows.push_back(transaction(month + "-09", 310.5, "expense", "Food"));
    rows.push_back(transaction(month + "-15", 89.99, "expense", "Entertainment"));
    rows.push_back(transaction(month + "-20", 500, "savings", "Savings"));
    for (auto it = rows.end() - 5; it != rows.end(); ++it) (*it)["id"] = id++;
  }
  return rows;
}

// A body with every field any route reads, all valid.
json ordinary_body() {
  return {{"user_id", 1},
          {"transactions", ordinary_transactions()},
          {"goals", json::array({{{"goal_name", "Car"}, {"status", "active"}, {"current_amount", 100}, {"target_amount", 1000}}})},
          {"budget", {{"needs", 500}, {"wants", 300}, {"savings", 200}}},
          {"budgets", json::array({{{"id", 1}, {"amount", "1500.00"}, {"start_date", "2025-12-01"}, {"end_date", "2025-12-31"}, {"status", "active"}}})},
          {"current_budget", {{"Food", 600}, {"Transport", "400.00"}}},
          {"total_budget", 2000},
          {"months", 6},
          {"forecast_months", 3},
          {"analysis_months", 3},
          {"target_savings_rate", 0.2},
          {"emergency_savings", 1000},
          {"monthly_debt_payment", 100},
          {"months_ahead", 3},
          {"start_date", "2025-01-01"},
          {"end_date", "2025-12-31"},
          {"target_amount", 5000},
          {"current_savings", 100},
          {"monthly_savings", 200},
          {"target_date", "2026-06-30"}};
}

std::vector<json> bad_values() {
  return {nullptr, "abc", "", -1, 0, 1e308, -1e308, 9223372036854775807LL, "99999999999999999999999",
          json::array(), json::object(), true, json::array({nullptr}), "1e400", 0.0000001};
}

std::vector<json> bad_transactions() {
  std::vector<json> rows = {
      json::array({nullptr}), json::array({1}), json::array({json::object()}),
      json::array({{{"date", nullptr}, {"amount", nullptr}, {"type", nullptr}, {"category", nullptr}}}),
  };
  for (const std::string date : {"0001-01-01", "9999-12-31", "2025-02-30", "2025-13-01", "", "2025-01-01T25:00:00Z",
                                 "1900-01-01T00:00:00.000-11:00", "9999-12-31T23:59:59.999999+14:00", "yesterday"}) {
    rows.push_back(json::array({transaction(date, 10, "expense", "Food"), transaction("2025-11-01", 5000, "income", "Salary")}));
  }
  for (const json& amount : {json(-1e12), json(9223372036854775807LL), json("9223372036854775808"), json(1e308),
                            json("1e400"), json("-0"), json(0.001), json("12,5"), json(-0.0), json(1e-300)}) {
    json row = transaction("2025-11-05", 1, "expense", "Food");
    row["amount"] = amount;
    rows.push_back(json::array({row, transaction("2025-11-01", 5000, "income", "Salary")}));
  }
  for (const json& type : {json("EXPENSE"), json("Savings"), json("weird"), json(7), json("")}) {
    json row = transaction("2025-11-05", 10, "expense", "Food");
    row["type"] = type;
    rows.push_back(json::array({row}));
  }
  json odd = transaction("2025-11-05", 10, "expense", std::string(10000, 'x') + "\xe2\x82\xac");
  rows.push_back(json::array({odd, transaction("2025-11-05", 10, "expense", "")}));
  // Huge amounts in every row: sums must not overflow.
  json huge = json::array();
  for (int i = 0; i < 50; ++i) huge.push_back(transaction("2025-0" + std::to_string(1 + i % 9) + "-10", 9.2e16, i % 3 ? "expense" : "income", "Food"));
  rows.push_back(huge);
  json negative = json::array();
  for (int i = 0; i < 30; ++i) negative.push_back(transaction("2025-0" + std::to_string(1 + i % 9) + "-10", -1e9, i % 2 ? "expense" : "income", "Food"));
  rows.push_back(negative);
  return rows;
}

// 100,000 transactions over 35 years: about 8 MB, under the 10 MiB body limit.
std::string many_transactions_body() {
  json body = ordinary_body();
  json rows = json::array();
  const char* categories[] = {"Rent", "Food", "Transport", "Entertainment", "Shopping", "Utilities", "Healthcare"};
  for (int i = 0; i < 100000; ++i) {
    const int month = i % 420;
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", 1991 + month / 12, 1 + month % 12, 1 + i % 28);
    const bool income = i % 20 == 0;
    rows.push_back({{"id", i + 1}, {"amount", income ? 5000.0 : 10.0 + i % 500}, {"category", income ? "Salary" : categories[i % 7]},
                    {"type", income ? "income" : "expense"}, {"date", date}});
  }
  body["transactions"] = std::move(rows);
  return body.dump();
}

class BadInputTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new FinmlServer(std::map<std::string, std::string>{{"FIXED_NOW", "2025-12-08T12:00:00Z"}});
    // Admin routes need an admin key; it acts on every route, so every body reaches its handler.
    admin_key_ = create_api_key(*server_, {"--admin"}).key;
    const auto root = http_request(server_->port(), "GET", "/");
    ASSERT_TRUE(root.has_value());
    ASSERT_EQ(root->status, 200) << root->body;
    const json listing = json::parse(root->body);
    for (const auto& [key, summary] : listing.at("endpoints").items()) {
      const auto space = key.find(' ');
      routes_.push_back({key.substr(0, space), key.substr(space + 1)});
    }
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  // Sends one request and records what is wrong with the answer, if anything.
  // Sends one request on the test's connection (a new one when the server closed the last
  // after refusing a malformed request) and records what is wrong with the answer, if anything.
  void expect_no_server_error(const std::string& method, const std::string& target, const std::string& body,
                              const std::string& what) {
    ++sent_;
    if (!connection_) connection_ = std::make_unique<HttpConnection>(server_->port(), std::chrono::seconds(300));
    const auto response =
        connection_->request(method, target, body, {{"Content-Type", "application/json"}, {"X-API-Key", admin_key_}});
    const std::string where = method + " " + target + " with " + what;
    if (!response || response->header("connection") == "close") connection_.reset();
    if (!response) {
      failures_.push_back(where + ": no answer");
      return;
    }
    if (response->status >= 500 || response->status < 200) {
      failures_.push_back(where + ": " + std::to_string(response->status) + " " + response->body.substr(0, 300));
      return;
    }
    const bool json_answer = response->header("content-type").find("application/json") != std::string::npos;
    if (response->status < 400 && !json_answer) return;  // /metrics answers in Prometheus text
    if (!json_answer) failures_.push_back(where + ": Content-Type " + response->header("content-type"));
    json parsed;
    try {
      parsed = json::parse(response->body);
    } catch (const std::exception&) {
      failures_.push_back(where + ": not JSON: " + response->body.substr(0, 200));
      return;
    }
    if (response->status >= 400 && !(parsed.contains("detail") && parsed["detail"].is_string())) {
      failures_.push_back(where + ": no string detail: " + response->body.substr(0, 200));
    }
  }

  void report() {
    ASSERT_GE(routes_.size(), 7u) << "GET / lists too few routes";
    EXPECT_GT(sent_, 0u);
    std::string listed;
    for (std::size_t i = 0; i < failures_.size() && i < 25; ++i) listed += "\n  " + failures_[i];
    EXPECT_TRUE(failures_.empty()) << failures_.size() << " of " << sent_ << " requests failed:" << listed;
  }

  static std::vector<std::string> targets_of(const RouteSpec& route) {
    std::vector<std::string> targets;
    static const std::regex kParameter(R"(\{[a-z_]+\})");
    if (!std::regex_search(route.path_template, kParameter)) return {route.path_template};
    for (const std::string id : {"1", "abc", "-1", "0", "99999999999999999999", "1.5", "%00", "%E2%82%AC"}) {
      targets.push_back(std::regex_replace(route.path_template, kParameter, id));
    }
    return targets;
  }

  static inline FinmlServer* server_ = nullptr;
  static inline std::string admin_key_;
  static inline std::vector<RouteSpec> routes_;
  std::unique_ptr<HttpConnection> connection_;
  std::vector<std::string> failures_;
  std::size_t sent_ = 0;
};

TEST_F(BadInputTest, BrokenAndWrongTypedBodiesGetA4xxNeverA5xx) {
  const std::vector<std::string> raw = {"", "{}", "[]", "null", "42", "\"text\"", "{", "{\"user_id\":", "\xff\xfe{}",
                                        "{\"user_id\":1,\"user_id\":2}", std::string(100, '[')};
  for (const auto& route : routes_) {
    for (const auto& target : targets_of(route)) {
      for (const auto& body : raw) expect_no_server_error(route.method, target, body, "body " + body.substr(0, 20));
    }
  }
  report();
}

TEST_F(BadInputTest, EachFieldNullOrWrongTypedGetsA4xxNeverA5xx) {
  const json base = ordinary_body();
  for (const auto& route : routes_) {
    if (route.method != "POST") continue;
    const std::string target = targets_of(route).front();
    expect_no_server_error(route.method, target, base.dump(), "an ordinary body");
    for (const auto& [key, value] : base.items()) {
      for (const auto& bad : bad_values()) {
        json body = base;
        body[key] = bad;
        expect_no_server_error(route.method, target, body.dump(), key + "=" + bad.dump());
      }
      json without = base;
      without.erase(key);
      expect_no_server_error(route.method, target, without.dump(), "no " + key);
    }
  }
  report();
}

TEST_F(BadInputTest, OddTransactionsDatesAndAmountsGetA2xxOr4xx) {
  for (const auto& route : routes_) {
    if (route.method != "POST") continue;
    const std::string target = targets_of(route).front();
    for (const auto& rows : bad_transactions()) {
      json body = ordinary_body();
      body["transactions"] = rows;
      expect_no_server_error(route.method, target, body.dump(), "transactions " + rows.dump().substr(0, 120));
    }
    for (const std::string date : {"0001-01-01", "9999-12-31", "1900-02-29", "2025-12-08T23:59:59Z"}) {
      json body = ordinary_body();
      for (const char* key : {"start_date", "end_date", "target_date"}) body[key] = date;
      expect_no_server_error(route.method, target, body.dump(), "dates " + date);
    }
  }
  report();
}

TEST_F(BadInputTest, OneHundredThousandTransactionsAreServed) {
  const std::string body = many_transactions_body();
  ASSERT_LT(body.size(), 10u * 1024 * 1024);
  for (const auto& route : routes_) {
    if (route.method != "POST") continue;
    expect_no_server_error(route.method, targets_of(route).front(), body, "100,000 transactions");
  }
  report();
}

TEST_F(BadInputTest, BadPathAndQueryParametersGetA4xxNeverA5xx) {
  const std::vector<std::string> queries = {"", "?months=-1", "?months=0", "?months=abc", "?months=1e9", "?months=99999999999999999999",
                                            "?months=", "?user_id=abc", "?user_id=-1", "?user_id=1&months=3", "?user_id=99999999999999999999",
                                            "?age_group=25-34&income_bracket=50k-75k", "?age_group=%00&income_bracket=%FF", "?months=6&months=7"};
  for (const auto& route : routes_) {
    if (route.method != "GET") continue;
    for (const auto& target : targets_of(route)) {
      for (const auto& query : queries) expect_no_server_error(route.method, target + query, "", "no body");
    }
  }
  report();
}

}  // namespace
}  // namespace finml::testing
