// Rate limits and the in-process response cache over HTTP, against the real finml binary.
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "support/http_client.hpp"
#include "support/process.hpp"

namespace finml::testing {
namespace {

using nlohmann::json;
using Environment = std::map<std::string, std::string>;
using Headers = std::map<std::string, std::string>;

constexpr std::string_view kTimeline = "/api/v1/goals/calculate-timeline";
const std::string kTimelineBody = R"({"target_amount": 10000, "current_savings": 1000, "monthly_savings": 500})";

HttpResponse request(std::uint16_t port, std::string_view method, std::string_view target, std::string_view body = {},
                     const Headers& headers = {}) {
  auto response = http_request(port, method, target, body, headers);
  if (!response) throw std::runtime_error("no response to " + std::string(method) + " " + std::string(target));
  return *response;
}

double metric_value(const std::string& text, const std::string& series) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(series + " ", 0) == 0) return std::stod(line.substr(series.size() + 1));
  }
  return -1;
}

void expect_rate_limit_headers(const HttpResponse& response, int limit, int remaining) {
  for (const char* prefix : {"ratelimit-", "x-ratelimit-"}) {
    EXPECT_EQ(response.header(std::string(prefix) + "limit"), std::to_string(limit)) << prefix;
    EXPECT_EQ(response.header(std::string(prefix) + "remaining"), std::to_string(remaining)) << prefix;
    const int reset = std::stoi(response.header(std::string(prefix) + "reset"));
    EXPECT_GE(reset, 1);
    EXPECT_LE(reset, 60);
  }
}

TEST(RateLimitTest, AnswersTooManyRequestsAfterTheLimitWithTheHeaders) {
  FinmlServer server(Environment{{"RATE_LIMIT_ENABLED", "true"}, {"RATE_LIMIT_REQUESTS", "3"}, {"RATE_LIMIT_PERIOD", "60"}});
  for (int i = 0; i < 3; ++i) {
    const auto allowed = request(server.port(), "GET", "/");
    EXPECT_EQ(allowed.status, 200);
    expect_rate_limit_headers(allowed, 3, 2 - i);
    EXPECT_EQ(allowed.header("retry-after"), "");
  }
  const auto refused = request(server.port(), "POST", std::string(kTimeline), kTimelineBody);
  ASSERT_EQ(refused.status, 429) << refused.body;
  expect_rate_limit_headers(refused, 3, 0);
  const int retry_after = std::stoi(refused.header("retry-after"));
  EXPECT_GE(retry_after, 1);
  EXPECT_LE(retry_after, 60);
  EXPECT_EQ(refused.header("retry-after"), refused.header("ratelimit-reset"));
  const auto body = json::parse(refused.body);
  EXPECT_TRUE(body["detail"].get<std::string>().starts_with("Rate limit exceeded")) << refused.body;
  EXPECT_EQ(body["error"]["code"], "rate_limited");
  EXPECT_EQ(body["error"]["status_code"], 429);
  EXPECT_EQ(request(server.port(), "GET", "/nowhere").status, 429);  // unknown paths count too

  // Liveness probes and scrapers are not limited, and the refusals are counted.
  for (int i = 0; i < 5; ++i) {
    const auto health = request(server.port(), "GET", "/health");
    EXPECT_EQ(health.status, 200);
    EXPECT_EQ(health.header("ratelimit-limit"), "");
  }
  const auto metrics = request(server.port(), "GET", "/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_EQ(metric_value(metrics.body, "finml_rate_limited_total"), 2);
}

TEST(RateLimitTest, CountsClientsApartByForwardedForOnlyFromTrustedProxies) {
  FinmlServer trusting(Environment{{"RATE_LIMIT_ENABLED", "true"},
                                   {"RATE_LIMIT_REQUESTS", "2"},
                                   {"TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8"}});
  const Headers first{{"X-Forwarded-For", "198.51.100.1, 10.1.2.3"}};
  const Headers second{{"X-Forwarded-For", "198.51.100.2"}};
  EXPECT_EQ(request(trusting.port(), "GET", "/", {}, first).status, 200);
  EXPECT_EQ(request(trusting.port(), "GET", "/", {}, first).status, 200);
  EXPECT_EQ(request(trusting.port(), "GET", "/", {}, first).status, 429);
  EXPECT_EQ(request(trusting.port(), "GET", "/", {}, second).status, 200);
  // A client cannot escape by adding addresses on the left: the right-most untrusted one counts.
  EXPECT_EQ(request(trusting.port(), "GET", "/", {}, {{"X-Forwarded-For", "1.1.1.1, 198.51.100.1"}}).status, 429);

  // Without trusted proxies the header is ignored: every request comes from 127.0.0.1.
  FinmlServer direct(Environment{{"RATE_LIMIT_ENABLED", "true"}, {"RATE_LIMIT_REQUESTS", "2"}});
  EXPECT_EQ(request(direct.port(), "GET", "/", {}, first).status, 200);
  EXPECT_EQ(request(direct.port(), "GET", "/", {}, second).status, 200);
  EXPECT_EQ(request(direct.port(), "GET", "/", {}, {{"X-Forwarded-For", "203.0.113.77"}}).status, 429);
}

TEST(RateLimitTest, RefusesABadTrustedProxiesSettingAtStart) {
  ChildProcess finml(finml_binary(), {"serve", "--port", "0", "--trusted-proxies", "10.0.0.0/40"},
                     {{"DATABASE_URL", "sqlite:///" + make_temp_directory() + "/finml.db"}});
  EXPECT_EQ(finml.wait(std::chrono::seconds(20)), 2);
  EXPECT_NE(finml.stderr_text().find("TRUSTED_PROXIES"), std::string::npos) << finml.stderr_text();
}

TEST(ResponseCacheTest, EquivalentBodiesShareOneEntryAndOtherValuesDoNot) {
  FinmlServer server;
  const auto first = request(server.port(), "POST", std::string(kTimeline), kTimelineBody);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.header("x-cache"), "MISS");
  const auto again = request(server.port(), "POST", std::string(kTimeline), kTimelineBody);
  EXPECT_EQ(again.header("x-cache"), "HIT");
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.header("content-type"), "application/json");
  const auto reordered = request(server.port(), "POST", std::string(kTimeline),
                                 "{\n  \"monthly_savings\" : 500,\"current_savings\":1000 ,\n\"target_amount\":10000}\n");
  EXPECT_EQ(reordered.header("x-cache"), "HIT");
  EXPECT_EQ(reordered.body, first.body);
  const auto other = request(server.port(), "POST", std::string(kTimeline),
                             R"({"target_amount": 10000, "current_savings": 1000, "monthly_savings": 501})");
  EXPECT_EQ(other.status, 200);
  EXPECT_EQ(other.header("x-cache"), "MISS");
  EXPECT_NE(other.body, first.body);
  // The same body on the other route of the same handler is another entry.
  EXPECT_EQ(request(server.port(), "POST", "/goals/timeline", kTimelineBody).header("x-cache"), "MISS");

  // Errors are never stored.
  for (int i = 0; i < 2; ++i) {
    const auto invalid = request(server.port(), "POST", std::string(kTimeline), R"({"target_amount": null})");
    EXPECT_EQ(invalid.status, 422);
    EXPECT_EQ(invalid.header("x-cache"), "MISS");
  }
  // Routes that write or answer for the service itself are not cached.
  EXPECT_EQ(request(server.port(), "GET", "/").header("x-cache"), "");

  const auto health = json::parse(request(server.port(), "GET", "/health").body);
  EXPECT_EQ(health["status"], "healthy");
  EXPECT_EQ(health["cache"]["enabled"], true);
  EXPECT_EQ(health["cache"]["backend"], "memory");
  EXPECT_EQ(health["cache"]["hits"], 2);
  EXPECT_EQ(health["cache"]["misses"], 5);
  EXPECT_NEAR(health["cache"]["hit_rate"].get<double>(), 2.0 / 7.0, 1e-4);
  const auto metrics = request(server.port(), "GET", "/metrics").body;
  EXPECT_EQ(metric_value(metrics, "finml_cache_hits_total"), 2);
  EXPECT_EQ(metric_value(metrics, "finml_cache_misses_total"), 5);
  EXPECT_EQ(metric_value(metrics, "finml_cache_evictions_total"), 0);
}

TEST(ResponseCacheTest, EvictsTheLeastRecentlyUsedBeyondCacheMaxEntries) {
  FinmlServer server(Environment{{"CACHE_MAX_ENTRIES", "2"}});
  for (int savings : {501, 502, 503}) {
    const std::string body = R"({"target_amount": 10000, "current_savings": 1000, "monthly_savings": )" +
                             std::to_string(savings) + "}";
    EXPECT_EQ(request(server.port(), "POST", std::string(kTimeline), body).header("x-cache"), "MISS");
  }
  const auto health = json::parse(request(server.port(), "GET", "/health").body);
  EXPECT_EQ(health["cache"]["evictions"], 1);
  EXPECT_EQ(metric_value(request(server.port(), "GET", "/metrics").body, "finml_cache_evictions_total"), 1);
}

TEST(ResponseCacheTest, StoredDataAnswersAreComputedAgainAfterTheUsersDataChanges) {
  FinmlServer server;
  std::ifstream file(std::string(FINML_SOURCE_DIR) + "/tests/api/cases/ml/train_same_transactions_twice_not_duplicated.json");
  const auto case_file = json::parse(file);
  const std::string train_body = case_file["steps"][0]["request"]["body"].dump();
  const std::string habits = "/api/v1/recommendations/habits/7";

  ASSERT_EQ(request(server.port(), "POST", "/train", train_body).status, 200);
  const auto first = request(server.port(), "GET", habits);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.header("x-cache"), "MISS");
  EXPECT_EQ(request(server.port(), "GET", habits).header("x-cache"), "HIT");
  EXPECT_EQ(request(server.port(), "GET", habits + "?analysis_months=3").header("x-cache"), "MISS");
  EXPECT_EQ(request(server.port(), "GET", "/api/v1/recommendations/habits/8").header("x-cache"), "MISS");

  // Storing the user's transactions again bumps their data version: a new key.
  ASSERT_EQ(request(server.port(), "POST", "/train", train_body).status, 200);
  EXPECT_EQ(request(server.port(), "GET", habits).header("x-cache"), "MISS");
  EXPECT_EQ(request(server.port(), "GET", habits).header("x-cache"), "HIT");
}

TEST(ResponseCacheTest, CacheEnabledFalseCachesNothing) {
  FinmlServer server(Environment{{"CACHE_ENABLED", "false"}});
  for (int i = 0; i < 2; ++i) {
    const auto response = request(server.port(), "POST", std::string(kTimeline), kTimelineBody);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.header("x-cache"), "");
  }
  const auto health = json::parse(request(server.port(), "GET", "/health").body);
  EXPECT_EQ(health["cache"], json::parse(R"({"enabled": false})"));
}

}  // namespace
}  // namespace finml::testing
