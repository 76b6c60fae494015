#include <finml/storage/redis/redis_client.hpp>

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <optional>

namespace finml::storage::redis {
namespace {

using core::ErrorCode;

std::int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

timeval to_timeval(std::chrono::milliseconds duration) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(duration.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((duration.count() % 1000) * 1000);
  return tv;
}

RedisReply convert(const redisReply& reply) {
  RedisReply out;
  switch (reply.type) {
    case REDIS_REPLY_INTEGER:
      out.type = RedisReply::Type::kInteger;
      out.integer = reply.integer;
      break;
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_ERROR:
      out.type = reply.type == REDIS_REPLY_STRING   ? RedisReply::Type::kString
                 : reply.type == REDIS_REPLY_STATUS ? RedisReply::Type::kStatus
                                                    : RedisReply::Type::kError;
      out.text.assign(reply.str, reply.len);
      break;
    case REDIS_REPLY_ARRAY:
      out.type = RedisReply::Type::kArray;
      out.elements.reserve(reply.elements);
      for (std::size_t i = 0; i < reply.elements; ++i) out.elements.push_back(convert(*reply.element[i]));
      break;
    default:
      out.type = RedisReply::Type::kNil;
  }
  return out;
}

// Runs a command on one connection; nullopt when the connection failed (I/O, timeout).
std::optional<RedisReply> run(redisContext* context, std::span<const std::string_view> arguments) {
  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  argv.reserve(arguments.size());
  lengths.reserve(arguments.size());
  for (const auto argument : arguments) {
    argv.push_back(argument.data());
    lengths.push_back(argument.size());
  }
  auto* reply = static_cast<redisReply*>(
      redisCommandArgv(context, static_cast<int>(argv.size()), argv.data(), lengths.data()));
  if (reply == nullptr) return std::nullopt;
  RedisReply converted = convert(*reply);
  freeReplyObject(reply);
  return converted;
}

}  // namespace

RedisClient::RedisClient(RedisOptions options, RedisEventSink events)
    : options_(std::move(options)), events_(std::move(events)) {}

RedisClient::~RedisClient() {
  for (auto& connection : idle_) redisFree(connection.context);
}

core::Result<RedisClient::Connection> RedisClient::connect() {
  const std::uint64_t generation = generation_.load();
  redisContext* context = redisConnectWithTimeout(options_.host.c_str(), options_.port, to_timeval(options_.timeout));
  if (context == nullptr) return core::fail(ErrorCode::kUnavailable, "redis: out of memory");
  if (context->err != 0) {
    std::string reason = "redis: cannot connect to " + options_.host + ":" + std::to_string(options_.port) +
                         ": " + context->errstr;
    redisFree(context);
    return core::fail(ErrorCode::kUnavailable, std::move(reason));
  }
  redisSetTimeout(context, to_timeval(options_.timeout));
  const auto setup = [&](std::span<const std::string_view> arguments) -> core::Result<void> {
    const auto reply = run(context, arguments);
    if (!reply) return core::fail(ErrorCode::kUnavailable, std::string("redis: ") + context->errstr);
    if (reply->type == RedisReply::Type::kError) return core::fail(ErrorCode::kUnavailable, "redis: " + reply->text);
    return {};
  };
  core::Result<void> ready;
  if (!options_.password.empty()) {
    const std::string_view auth[] = {"AUTH", options_.password};
    ready = setup(auth);
  }
  if (ready && options_.database != 0) {
    const std::string database = std::to_string(options_.database);
    const std::string_view select[] = {"SELECT", database};
    ready = setup(select);
  }
  if (!ready) {
    redisFree(context);
    return std::unexpected(ready.error());
  }
  return Connection{context, generation};
}

core::Result<RedisClient::Connection> RedisClient::acquire() {
  if (down_.load(std::memory_order_relaxed)) {
    // Open breaker: one caller per retry interval gets to try; the others fail at once.
    const std::int64_t now = steady_ns();
    std::int64_t next = next_attempt_ns_.load();
    const std::int64_t interval = std::chrono::nanoseconds(options_.retry_interval).count();
    if (now < next || !next_attempt_ns_.compare_exchange_strong(next, now + interval)) {
      return core::fail(ErrorCode::kUnavailable, "redis: unavailable");
    }
  } else {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      Connection connection = idle_.back();
      idle_.pop_back();
      return connection;
    }
  }
  auto connection = connect();
  if (!connection) mark_down(generation_.load(), connection.error().message);
  return connection;
}

void RedisClient::release(Connection connection) {
  {
    std::lock_guard lock(mutex_);
    if (connection.generation == generation_.load() && idle_.size() < options_.max_idle_connections) {
      idle_.push_back(connection);
      return;
    }
  }
  redisFree(connection.context);
}

void RedisClient::mark_down(std::uint64_t generation, std::string_view reason) {
  next_attempt_ns_.store(steady_ns() + std::chrono::nanoseconds(options_.retry_interval).count());
  // A connection of an earlier outage failing late is no news.
  if (generation != generation_.load()) return;
  if (down_.exchange(true)) return;
  std::vector<Connection> stale;
  {
    std::lock_guard lock(mutex_);
    generation_.fetch_add(1);
    stale.swap(idle_);
  }
  for (auto& connection : stale) redisFree(connection.context);
  if (events_) events_("redis_unavailable", reason);
}

core::Result<RedisReply> RedisClient::command(std::span<const std::string_view> arguments) {
  auto connection = acquire();
  if (!connection) return std::unexpected(connection.error());
  auto reply = run(connection->context, arguments);
  if (!reply) {
    const std::string reason = std::string("redis: ") + connection->context->errstr;
    redisFree(connection->context);
    mark_down(connection->generation, reason);
    return core::fail(ErrorCode::kUnavailable, reason);
  }
  release(*connection);
  if (down_.load(std::memory_order_relaxed) && down_.exchange(false)) {
    if (events_) events_("redis_reconnected", "redis answers again");
  }
  return std::move(*reply);
}

}  // namespace finml::storage::redis
