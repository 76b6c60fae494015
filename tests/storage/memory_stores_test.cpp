// The in-process cache (a bounded LRU with TTLs) and rate-limit counter, on a hand-moved clock.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include <finml/storage/memory_cache_store.hpp>
#include <finml/storage/memory_rate_limit_store.hpp>

namespace finml::storage {
namespace {

using namespace std::chrono_literals;

struct ManualClock {
  std::chrono::steady_clock::time_point now{std::chrono::seconds(1'000)};
  [[nodiscard]] auto function() {
    return [this] { return now; };
  }
};

std::optional<std::string> get(MemoryCacheStore& store, std::string_view key) {
  auto value = store.get(key);
  EXPECT_TRUE(value.has_value());
  return value ? *value : std::nullopt;
}

TEST(MemoryCacheStoreTest, GivesBackWhatWasPutUntilItExpires) {
  ManualClock clock;
  MemoryCacheStore store(10, clock.function());
  ASSERT_TRUE(store.put("a", "alpha", 60s).has_value());
  EXPECT_EQ(get(store, "a"), "alpha");
  EXPECT_EQ(get(store, "b"), std::nullopt);
  clock.now += 59s;
  EXPECT_EQ(get(store, "a"), "alpha");
  clock.now += 1s;
  EXPECT_EQ(get(store, "a"), std::nullopt);
  EXPECT_EQ(store.size(), 0U);  // an expired entry is dropped when found
  EXPECT_EQ(store.evictions(), 0U);
}

TEST(MemoryCacheStoreTest, PutReplacesTheValueAndRenewsItsLife) {
  ManualClock clock;
  MemoryCacheStore store(10, clock.function());
  ASSERT_TRUE(store.put("a", "one", 10s).has_value());
  clock.now += 8s;
  ASSERT_TRUE(store.put("a", "two", 10s).has_value());
  clock.now += 8s;
  EXPECT_EQ(get(store, "a"), "two");
  EXPECT_EQ(store.size(), 1U);
}

TEST(MemoryCacheStoreTest, DropsTheLeastRecentlyUsedEntryWhenFull) {
  ManualClock clock;
  MemoryCacheStore store(3, clock.function());
  for (const char* key : {"a", "b", "c"}) ASSERT_TRUE(store.put(key, key, 60s).has_value());
  EXPECT_EQ(get(store, "a"), "a");  // a is now the most recently used; b the least
  ASSERT_TRUE(store.put("d", "d", 60s).has_value());
  EXPECT_EQ(store.size(), 3U);
  EXPECT_EQ(get(store, "b"), std::nullopt);
  EXPECT_EQ(get(store, "a"), "a");
  EXPECT_EQ(get(store, "c"), "c");
  EXPECT_EQ(get(store, "d"), "d");
  EXPECT_EQ(store.evictions(), 1U);
}

TEST(MemoryCacheStoreTest, MakingRoomFromAnExpiredEntryIsNoEviction) {
  ManualClock clock;
  MemoryCacheStore store(1, clock.function());
  ASSERT_TRUE(store.put("a", "a", 1s).has_value());
  clock.now += 2s;
  ASSERT_TRUE(store.put("b", "b", 60s).has_value());
  EXPECT_EQ(store.evictions(), 0U);
  ASSERT_TRUE(store.put("c", "c", 60s).has_value());
  EXPECT_EQ(store.evictions(), 1U);
  EXPECT_EQ(get(store, "c"), "c");
}

TEST(MemoryCacheStoreTest, ManyThreadsAtOnceKeepItConsistent) {
  MemoryCacheStore store(64);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&store, t] {
      for (int i = 0; i < 5'000; ++i) {
        const std::string key = std::to_string((i * 7 + t) % 200);
        ASSERT_TRUE(store.put(key, key, 60s).has_value());
        const auto value = store.get(key);
        ASSERT_TRUE(value.has_value());
        if (value->has_value()) {
          ASSERT_EQ(**value, key);
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_LE(store.size(), 64U);
}

TEST(MemoryRateLimitStoreTest, CountsHitsInAWindowThatStartsAtTheFirstHit) {
  ManualClock clock;
  MemoryRateLimitStore store(clock.function());
  auto first = store.hit("k", 60s);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->hits, 1);
  EXPECT_EQ(first->reset_in, 60s);
  clock.now += 20s;
  auto second = store.hit("k", 60s);
  EXPECT_EQ(second->hits, 2);
  EXPECT_EQ(second->reset_in, 40s);
  EXPECT_EQ(store.hit("other", 60s)->hits, 1);  // keys count apart
  clock.now += 40s;
  auto next_window = store.hit("k", 60s);
  EXPECT_EQ(next_window->hits, 1);
  EXPECT_EQ(next_window->reset_in, 60s);
}

TEST(MemoryRateLimitStoreTest, ForgetsKeysWhoseWindowEnded) {
  ManualClock clock;
  MemoryRateLimitStore store(clock.function());
  for (int i = 0; i < 50'000; ++i) ASSERT_TRUE(store.hit("client-" + std::to_string(i), 1s).has_value());
  clock.now += 2s;
  for (int i = 0; i < 50'000; ++i) ASSERT_TRUE(store.hit("later-" + std::to_string(i), 1s).has_value());
  // Sweeps run as shards fill: most of the first 50,000 keys are gone.
  EXPECT_LT(store.size(), 75'000U);
}

TEST(MemoryRateLimitStoreTest, ConcurrentHitsAreAllCounted) {
  MemoryRateLimitStore store;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&store] {
      for (int i = 0; i < 2'500; ++i) ASSERT_TRUE(store.hit("shared", 60s).has_value());
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(store.hit("shared", 60s)->hits, 10'001);
}

}  // namespace
}  // namespace finml::storage
