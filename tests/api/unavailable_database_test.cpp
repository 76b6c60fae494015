// What callers get when the database goes away under a running server, and where admin routes
// are off: a 503 that says so (the original answered 200 and lost the score, B20, or showed
// the driver's error text, S3, S7), and a 404 for admin routes in production.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/api_keys.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"

namespace finml::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;
using Environment = std::map<std::string, std::string>;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::string kSample = read_file(std::string(FINML_SOURCE_DIR) + "/tests/api/fixtures/client_user8.json");

// A 503 in the error envelope whose detail names no driver, file or SQL.
void expect_unavailable(const std::optional<HttpResponse>& response, const std::string& what) {
  ASSERT_TRUE(response) << what;
  EXPECT_EQ(response->status, 503) << what << ": " << response->body;
  const json body = json::parse(response->body);
  ASSERT_TRUE(body["detail"].is_string()) << what;
  const std::string detail = body["detail"].get<std::string>();
  for (const char* leak : {"sqlite", "SQLite", "finml.db", "SELECT", "INSERT", "no such", "unable to open"}) {
    EXPECT_EQ(detail.find(leak), std::string::npos) << what << " shows '" << leak << "': " << detail;
  }
  EXPECT_EQ(body["error"]["status_code"], 503) << what;
}

TEST(UnavailableDatabaseTest, WritesAndAdminRoutesAnswer503WithoutDriverText) {
  FinmlServer server(Environment{{"FIXED_NOW", "2025-11-05T10:00:00Z"}, {"ENVIRONMENT", "development"}});
  const std::map<std::string, std::string> admin = {{"X-API-Key", create_api_key(server, {"--admin"}).key}};
  ASSERT_EQ(http_request(server.port(), "GET", "/api/v1/admin/db/status", {}, admin)->status, 200);
  std::filesystem::remove(server.directory() + "/finml.db");
  std::this_thread::sleep_for(1100ms);  // past the health re-check interval

  const std::map<std::string, std::string> json_type = {{"Content-Type", "application/json"}};
  expect_unavailable(http_request(server.port(), "POST", "/api/v1/insights/health-score", kSample, json_type),
                     "health score");
  expect_unavailable(http_request(server.port(), "POST", "/insights", kSample, json_type), "insights");
  // Past the 2 s key cache too, so that checking the key itself meets the missing database.
  std::this_thread::sleep_for(1000ms);
  expect_unavailable(http_request(server.port(), "GET", "/api/v1/admin/db/status", {}, admin), "admin status");
  expect_unavailable(http_request(server.port(), "GET", "/api/v1/admin/db/tables", {}, admin), "admin tables");
  // Routes that only compute from the body keep answering.
  const auto budget = http_request(server.port(), "POST", "/api/v1/budget/recommend", kSample, json_type);
  ASSERT_TRUE(budget);
  EXPECT_EQ(budget->status, 200) << budget->body;
}

TEST(UnavailableDatabaseTest, AdminRoutesAreAbsentInProduction) {
  FinmlServer server(Environment{{"ENVIRONMENT", "production"}});
  // Production requires keys; even an admin key finds no admin route.
  const std::map<std::string, std::string> admin = {{"X-API-Key", create_api_key(server, {"--admin"}).key}};
  for (const char* path : {"/api/v1/admin/db/status", "/api/v1/admin/db/tables"}) {
    const auto response = http_request(server.port(), "GET", path, {}, admin);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 404) << path;
  }
  const auto init = http_request(server.port(), "POST", "/api/v1/admin/db/init", {}, admin);
  ASSERT_TRUE(init);
  EXPECT_EQ(init->status, 404);
  const json root = json::parse(http_request(server.port(), "GET", "/", {}, admin)->body);
  for (const auto& [route, summary] : root["endpoints"].items()) {
    EXPECT_EQ(route.find("/admin/"), std::string::npos) << route << " is listed in production";
  }
}

}  // namespace
}  // namespace finml::testing
