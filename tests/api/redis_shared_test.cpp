// Two finml instances sharing one Redis: one rate limit and one cache between them; with Redis
// stopped both keep answering (no cache, local limits) and log the outage once; once Redis is
// back they use it again. The Redis is this test's own (scripts/test-redis.sh in a fresh state
// directory), so stopping it disturbs no other test. The test fails when redis-server is missing.
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "support/http_client.hpp"
#include "support/process.hpp"

namespace finml::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;
using Environment = std::map<std::string, std::string>;
using Headers = std::map<std::string, std::string>;

const std::string kTimeline = "/api/v1/goals/calculate-timeline";

std::string timeline_body(int monthly_savings) {
  return R"({"target_amount": 10000, "current_savings": 1000, "monthly_savings": )" + std::to_string(monthly_savings) + "}";
}

HttpResponse request(std::uint16_t port, std::string_view method, std::string_view target, std::string_view body = {},
                     const Headers& headers = {}) {
  auto response = http_request(port, method, target, body, headers);
  if (!response) throw std::runtime_error("no response to " + std::string(method) + " " + std::string(target));
  return *response;
}

// Runs scripts/test-redis.sh; true when it exited 0.
bool redis_script(const std::string& command, const std::string& state_dir) {
  const std::string line = std::string(FINML_SOURCE_DIR) + "/scripts/test-redis.sh " + command + " " + state_dir;
  return std::system(line.c_str()) == 0;
}

std::size_t count_events(const std::string& log, std::string_view event) {
  std::size_t count = 0;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.front() == '{' && json::parse(line).value("event", "") == event) ++count;
  }
  return count;
}

class RedisSharedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    state_dir_ = make_temp_directory() + "/redis";
    ASSERT_TRUE(redis_script("start", state_dir_)) << "scripts/test-redis.sh could not start redis-server";
    std::ifstream port_file(state_dir_ + "/port");
    port_file >> redis_port_;
    ASSERT_FALSE(redis_port_.empty());
  }
  void TearDown() override { redis_script("stop", state_dir_); }

  Environment instance_environment() const {
    return {{"REDIS_HOST", "127.0.0.1"},     {"REDIS_PORT", redis_port_},   {"RATE_LIMIT_ENABLED", "true"},
            {"RATE_LIMIT_REQUESTS", "6"},     {"RATE_LIMIT_PERIOD", "600"}, {"TRUSTED_PROXIES", "127.0.0.1"}};
  }

  // Every request but those of the rate-limit checks comes "from" an address of its own, so
  // that the limit of 6 does not get in the way of checking the cache.
  Headers fresh_client() { return {{"X-Forwarded-For", "198.51.100." + std::to_string(++clients_)}}; }

  std::string state_dir_;
  std::string redis_port_;
  int clients_ = 0;
};

TEST_F(RedisSharedTest, TwoInstancesShareTheLimitAndTheCacheAndOutliveARedisOutage) {
  FinmlServer a(instance_environment());
  FinmlServer b(instance_environment());
  const Headers limited{{"X-Forwarded-For", "203.0.113.1"}};

  // One limit for both: 6 requests between them, the 7th refused by either.
  for (int i = 0; i < 6; ++i) {
    const auto response = request(i % 2 == 0 ? a.port() : b.port(), "GET", "/", {}, limited);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.header("ratelimit-remaining"), std::to_string(5 - i));
  }
  EXPECT_EQ(request(a.port(), "GET", "/", {}, limited).status, 429);
  EXPECT_EQ(request(b.port(), "GET", "/", {}, limited).status, 429);

  // One cache for both: what a computed, b serves.
  const auto computed = request(a.port(), "POST", kTimeline, timeline_body(500), fresh_client());
  ASSERT_EQ(computed.status, 200) << computed.body;
  EXPECT_EQ(computed.header("x-cache"), "MISS");
  const auto served = request(b.port(), "POST", kTimeline, timeline_body(500), fresh_client());
  EXPECT_EQ(served.header("x-cache"), "HIT");
  EXPECT_EQ(served.body, computed.body);
  EXPECT_EQ(json::parse(request(b.port(), "GET", "/health").body)["cache"]["backend"], "redis");

  // Redis goes away: answers go on, computed every time, and limits are counted per instance.
  ASSERT_TRUE(redis_script("stop", state_dir_));
  for (int round = 0; round < 3; ++round) {
    for (const auto port : {a.port(), b.port()}) {
      const auto response = request(port, "POST", kTimeline, timeline_body(600), fresh_client());
      EXPECT_EQ(response.status, 200) << response.body;
      EXPECT_EQ(response.header("x-cache"), "MISS");
    }
  }
  const auto health = request(a.port(), "GET", "/health");
  EXPECT_EQ(health.status, 200);
  // The client refused through Redis starts afresh on each instance's own count.
  for (int i = 0; i < 6; ++i) {
    const auto response = request(a.port(), "GET", "/", {}, limited);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.header("ratelimit-remaining"), std::to_string(5 - i));
  }
  EXPECT_EQ(request(a.port(), "GET", "/", {}, limited).status, 429);
  EXPECT_EQ(request(b.port(), "GET", "/", {}, limited).status, 200);
  for (auto* instance : {&a, &b}) {
    EXPECT_EQ(count_events(instance->process().stdout_text(), "redis_unavailable"), 1U)
        << instance->process().stdout_text();
  }

  // Redis comes back on the same port, empty: within the retry interval both use it again.
  ASSERT_TRUE(redis_script("start", state_dir_));
  const std::string body = timeline_body(700);
  bool hit = false;
  for (const auto deadline = std::chrono::steady_clock::now() + 10s; !hit && std::chrono::steady_clock::now() < deadline;) {
    std::this_thread::sleep_for(200ms);
    const auto first = request(a.port(), "POST", kTimeline, body, fresh_client());
    ASSERT_EQ(first.status, 200);
    hit = request(b.port(), "POST", kTimeline, body, fresh_client()).header("x-cache") == "HIT";
  }
  EXPECT_TRUE(hit) << "b never served what a computed after Redis came back";
  EXPECT_EQ(request(a.port(), "POST", kTimeline, body, fresh_client()).header("x-cache"), "HIT");
  for (auto* instance : {&a, &b}) {
    const std::string log = instance->process().stdout_text();
    EXPECT_EQ(count_events(log, "redis_unavailable"), 1U) << log;
    EXPECT_EQ(count_events(log, "redis_reconnected"), 1U) << log;
  }
}

}  // namespace
}  // namespace finml::testing
