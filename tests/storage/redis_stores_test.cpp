// The Redis adapters of the cache and rate-limit ports, against the test Redis that the
// redis_start/redis_stop fixtures run (scripts/test-redis.sh). They fail, never skip, when it
// is not there.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <thread>
#include <vector>

#include <finml/storage/redis/redis_client.hpp>
#include <finml/storage/redis/redis_stores.hpp>

namespace finml::storage::redis {
namespace {

using namespace std::chrono_literals;

std::uint16_t test_redis_port() {
  const char* file = std::getenv("FINML_TEST_REDIS_PORT_FILE");
  if (file == nullptr) throw std::runtime_error("FINML_TEST_REDIS_PORT_FILE is not set (run through ctest)");
  std::ifstream in(file);
  int port = 0;
  if (!(in >> port)) throw std::runtime_error(std::string("no port in ") + file + ": did redis_start run?");
  return static_cast<std::uint16_t>(port);
}

// Keys of their own per run, so that runs and tests never see each other's counts.
std::string unique(std::string_view name) {
  static const std::string run = std::to_string(std::random_device{}());
  return std::string(name) + ":" + run;
}

class RedisStoresTest : public ::testing::Test {
 protected:
  RedisClient client_{RedisOptions{.host = "127.0.0.1", .port = test_redis_port()},
                      [this](std::string_view event, std::string_view) { events_.emplace_back(event); }};
  std::vector<std::string> events_;
};

TEST_F(RedisStoresTest, CacheGivesBackWhatWasPutUntilItsTtl) {
  RedisCacheStore store(client_);
  const std::string key = unique("cache");
  ASSERT_TRUE(store.put(key, std::string("bytes\0with nul", 14), 300ms).has_value());
  const auto found = store.get(key);
  ASSERT_TRUE(found.has_value());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(**found, std::string("bytes\0with nul", 14));
  std::this_thread::sleep_for(400ms);
  EXPECT_EQ(*store.get(key), std::nullopt);
  EXPECT_EQ(store.backend(), "redis");
  EXPECT_TRUE(events_.empty());
}

TEST_F(RedisStoresTest, RateLimitCountsAtomicallyAcrossClients) {
  RedisRateLimitStore first(client_);
  RedisClient other_client(RedisOptions{.host = "127.0.0.1", .port = test_redis_port()}, {});
  RedisRateLimitStore second(other_client);
  const std::string key = unique("limit");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) ASSERT_TRUE((t % 2 == 0 ? first : second).hit(key, 60s).has_value());
    });
  }
  for (auto& thread : threads) thread.join();
  const auto count = first.hit(key, 60s);
  ASSERT_TRUE(count.has_value());
  EXPECT_EQ(count->hits, 201);
  EXPECT_GT(count->reset_in, 55s);
  EXPECT_LE(count->reset_in, 60s);
}

TEST_F(RedisStoresTest, RateLimitWindowEndsAndStartsAgain) {
  RedisRateLimitStore store(client_);
  const std::string key = unique("window");
  EXPECT_EQ(store.hit(key, 200ms)->hits, 1);
  EXPECT_EQ(store.hit(key, 200ms)->hits, 2);
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(store.hit(key, 200ms)->hits, 1);
}

TEST_F(RedisStoresTest, RateLimitSendsTheScriptAgainWhenRedisForgotIt) {
  RedisRateLimitStore store(client_);
  const std::string key = unique("noscript");
  EXPECT_EQ(store.hit(key, 60s)->hits, 1);  // EVAL, then known by its SHA1
  EXPECT_EQ(store.hit(key, 60s)->hits, 2);  // EVALSHA
  const std::string_view flush[] = {"SCRIPT", "FLUSH"};
  ASSERT_TRUE(client_.command(flush).has_value());
  EXPECT_EQ(store.hit(key, 60s)->hits, 3);  // NOSCRIPT: EVAL again
  EXPECT_EQ(store.hit(key, 60s)->hits, 4);
}

TEST(RedisClientTest, AnUnreachableRedisFailsFastAndIsReportedOnce) {
  std::vector<std::string> events;
  // Port 1 on loopback refuses at once.
  RedisClient client(RedisOptions{.host = "127.0.0.1", .port = 1, .retry_interval = 1h},
                     [&](std::string_view event, std::string_view) { events.emplace_back(event); });
  RedisCacheStore store(client);
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 100; ++i) {
    const auto found = store.get("k");
    ASSERT_FALSE(found.has_value());
    EXPECT_EQ(found.error().code, core::ErrorCode::kUnavailable);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
  EXPECT_EQ(events, std::vector<std::string>{"redis_unavailable"});
  EXPECT_FALSE(client.available());
}

}  // namespace
}  // namespace finml::storage::redis
