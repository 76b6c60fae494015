// Cached answers round-trip through a store with their status, content type, body and ETag;
// an entry written before answers had tags reads as an answer without one.
#include <gtest/gtest.h>

#include <chrono>

#include <finml/service/response_cache.hpp>
#include <finml/storage/memory_cache_store.hpp>

namespace finml::service {
namespace {

using namespace std::chrono_literals;

TEST(ResponseCacheTest, AnAnswerComesBackWithItsTagOrWithoutOne) {
  storage::MemoryCacheStore store(16);
  ResponseCache cache(store, 60s);
  cache.store("tagged", {.status = 200, .content_type = "application/json", .body = "{\"a\": 1}\n", .etag = "\"0f\""});
  cache.store("plain", {.status = 200, .content_type = "application/json", .body = "[]"});

  const auto tagged = cache.find("tagged");
  ASSERT_TRUE(tagged);
  EXPECT_EQ(tagged->status, 200);
  EXPECT_EQ(tagged->content_type, "application/json");
  EXPECT_EQ(tagged->body, "{\"a\": 1}\n");
  EXPECT_EQ(tagged->etag, "\"0f\"");
  const auto plain = cache.find("plain");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->body, "[]");
  EXPECT_EQ(plain->etag, "");

  // The format before tags: "<status> <content type>\n<body>" (a shared Redis may hold some).
  ASSERT_TRUE(store.put("old", "200 application/json\n{\"b\": 2}", 60s));
  const auto old = cache.find("old");
  ASSERT_TRUE(old);
  EXPECT_EQ(old->content_type, "application/json");
  EXPECT_EQ(old->body, "{\"b\": 2}");
  EXPECT_EQ(old->etag, "");
  ASSERT_TRUE(store.put("broken", "two hundred", 60s));
  EXPECT_FALSE(cache.find("broken"));
  EXPECT_FALSE(cache.find("absent"));
}

}  // namespace
}  // namespace finml::service
