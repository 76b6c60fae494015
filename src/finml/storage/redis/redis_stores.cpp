#include <finml/storage/redis/redis_stores.hpp>

namespace finml::storage::redis {
namespace {

using core::ErrorCode;
using Type = RedisReply::Type;

constexpr std::string_view kCachePrefix = "finml:cache:";
constexpr std::string_view kRateLimitPrefix = "finml:ratelimit:";

core::Error unexpected_reply(std::string_view command, const RedisReply& reply) {
  return {ErrorCode::kInternal,
          "redis: unexpected reply to " + std::string(command) + (reply.type == Type::kError ? ": " + reply.text : ""),
          {}};
}

}  // namespace

core::Result<std::optional<std::string>> RedisCacheStore::get(std::string_view key) {
  const std::string full_key = std::string(kCachePrefix).append(key);
  const std::string_view arguments[] = {"GET", full_key};
  auto reply = client_.command(arguments);
  if (!reply) return std::unexpected(reply.error());
  if (reply->type == Type::kNil) return std::nullopt;
  if (reply->type != Type::kString) return std::unexpected(unexpected_reply("GET", *reply));
  return std::move(reply->text);
}

core::Result<void> RedisCacheStore::put(std::string_view key, std::string_view value, std::chrono::milliseconds ttl) {
  const std::string full_key = std::string(kCachePrefix).append(key);
  const std::string milliseconds = std::to_string(std::max<std::int64_t>(1, ttl.count()));
  const std::string_view arguments[] = {"SET", full_key, value, "PX", milliseconds};
  auto reply = client_.command(arguments);
  if (!reply) return std::unexpected(reply.error());
  if (reply->type != Type::kStatus) return std::unexpected(unexpected_reply("SET", *reply));
  return {};
}

// KEYS[1]: the counter; ARGV[1]: the window in milliseconds. Returns {hits, milliseconds left}.
// A counter found without a TTL (one that an interrupted client left) gets the window too.
const std::string_view RedisRateLimitStore::kScript = R"lua(
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if hits == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {hits, ttl}
)lua";

core::Result<WindowCount> RedisRateLimitStore::hit(std::string_view key, std::chrono::milliseconds window) {
  const std::string full_key = std::string(kRateLimitPrefix).append(key);
  const std::string milliseconds = std::to_string(std::max<std::int64_t>(1, window.count()));
  std::string sha;
  {
    std::lock_guard lock(mutex_);
    sha = sha_;
  }
  core::Result<RedisReply> reply;
  if (!sha.empty()) {
    const std::string_view arguments[] = {"EVALSHA", sha, "1", full_key, milliseconds};
    reply = client_.command(arguments);
    if (!reply) return std::unexpected(reply.error());
  }
  if (sha.empty() || (reply->type == Type::kError && reply->text.starts_with("NOSCRIPT"))) {
    // EVAL runs the script and leaves it in Redis's script cache; SCRIPT LOAD then only names it.
    const std::string_view arguments[] = {"EVAL", kScript, "1", full_key, milliseconds};
    reply = client_.command(arguments);
    if (!reply) return std::unexpected(reply.error());
    const std::string_view load[] = {"SCRIPT", "LOAD", kScript};
    if (auto loaded = client_.command(load); loaded && loaded->type == Type::kString) {
      std::lock_guard lock(mutex_);
      sha_ = loaded->text;
    }
  }
  if (reply->type != Type::kArray || reply->elements.size() != 2 || reply->elements[0].type != Type::kInteger ||
      reply->elements[1].type != Type::kInteger) {
    return std::unexpected(unexpected_reply("EVALSHA", *reply));
  }
  return WindowCount{.hits = reply->elements[0].integer,
                     .reset_in = std::chrono::milliseconds(std::max<std::int64_t>(0, reply->elements[1].integer))};
}

}  // namespace finml::storage::redis
