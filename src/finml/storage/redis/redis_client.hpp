#pragma once
/// @file finml/storage/redis/redis_client.hpp
/// A blocking Redis client shared by the worker threads: a pool of hiredis connections with
/// connect and command timeouts, and a breaker. When Redis cannot be reached, every command
/// fails fast with kUnavailable instead of waiting on a timeout, and one caller at most every
/// `retry_interval` tries again. Going down and coming back are reported once each, through
/// the event sink ("redis_unavailable", "redis_reconnected"), never per request.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <finml/core/error.hpp>

struct redisContext;

namespace finml::storage::redis {

struct RedisOptions {
  std::string host{};
  std::uint16_t port = 6379;
  int database = 0;
  std::string password{};  ///< empty: no AUTH
  std::chrono::milliseconds timeout{100};          ///< to connect, and for each command
  std::chrono::milliseconds retry_interval{1000};  ///< between attempts while Redis is down
  std::size_t max_idle_connections = 16;
};

/// One reply, as Redis sent it.
struct RedisReply {
  enum class Type { kNil, kInteger, kString, kStatus, kError, kArray };
  Type type = Type::kNil;
  std::int64_t integer = 0;
  std::string text;  ///< kString, kStatus, kError
  std::vector<RedisReply> elements;
};

/// Receives "redis_unavailable" (with the reason) and "redis_reconnected".
using RedisEventSink = std::function<void(std::string_view event, std::string_view message)>;

class RedisClient {
 public:
  RedisClient(RedisOptions options, RedisEventSink events);
  ~RedisClient();
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  /// Runs one command ("SET", key, value, ...). kUnavailable when Redis cannot be reached or
  /// the breaker is open; an error reply of Redis comes back as a reply of type kError.
  core::Result<RedisReply> command(std::span<const std::string_view> arguments);
  /// False from a failed command until one succeeds again.
  [[nodiscard]] bool available() const noexcept { return !down_.load(std::memory_order_relaxed); }

 private:
  struct Connection {
    redisContext* context = nullptr;
    std::uint64_t generation = 0;
  };
  core::Result<Connection> acquire();
  void release(Connection connection);
  core::Result<Connection> connect();
  void mark_down(std::uint64_t generation, std::string_view reason);

  RedisOptions options_;
  RedisEventSink events_;
  std::mutex mutex_;
  std::vector<Connection> idle_;
  std::atomic<bool> down_{false};
  std::atomic<std::int64_t> next_attempt_ns_{0};  // steady clock, while down
  std::atomic<std::uint64_t> generation_{0};      // grows when Redis goes down: older connections are dropped
};

}  // namespace finml::storage::redis
