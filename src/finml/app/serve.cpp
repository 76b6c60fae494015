#include <finml/app/serve.hpp>

#include <arpa/inet.h>
#include <malloc.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <iostream>
#include <memory>
#include <thread>

#include <finml/app/build_info.hpp>
#include <finml/http/application.hpp>
#include <finml/http/auth_middleware.hpp>
#include <finml/http/cors_middleware.hpp>
#include <finml/http/routes.hpp>
#include <finml/http/server.hpp>
#include <finml/service/api_keys.hpp>
#include <finml/service/system_service.hpp>
#include <finml/http/cache_middleware.hpp>
#include <finml/http/rate_limit_middleware.hpp>
#include <finml/service/rate_limiter.hpp>
#include <finml/service/response_cache.hpp>
#include <finml/storage/database_url.hpp>
#include <finml/storage/memory_cache_store.hpp>
#include <finml/storage/memory_rate_limit_store.hpp>
#include <finml/storage/redis/redis_stores.hpp>
#include <finml/storage/postgres/postgres_database.hpp>
#include <finml/storage/sqlite/sqlite_database.hpp>

namespace finml::app {
namespace {

using http::LogLevel;

constexpr auto kHealthRecheck = std::chrono::seconds(1);

// Keeps trying while the database is merely unreachable (a container starting beside us).
core::Result<std::unique_ptr<storage::Database>> open_database_with_retry(const Config& config,
                                                                        http::Logger& logger) {
  const auto deadline = std::chrono::steady_clock::now() + config.db_connect_timeout;
  for (int attempt = 1;; ++attempt) {
    auto database = open_database(config);
    if (database || database.error().code != core::ErrorCode::kUnavailable ||
        std::chrono::steady_clock::now() >= deadline) {
      return database;
    }
    logger.log(LogLevel::kWarning, "database_unavailable", database.error().message,
               {{"attempt", static_cast<std::int64_t>(attempt)}});
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}

// Blocks the shutdown signals in this thread and every thread started after it, so that
// only sigwait() below receives them.
sigset_t block_shutdown_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  return signals;
}

}  // namespace

core::Result<std::unique_ptr<storage::Database>> open_database(const Config& config) {
  auto url = storage::parse_database_url(config.database_url);
  if (!url) return std::unexpected(url.error());
  if (url->backend == storage::Backend::kSqlite) {
    return storage::sqlite::open_sqlite_database(url->location, {.pool_size = config.db_pool_size});
  }
  return storage::postgres::open_postgres_database(url->location, {.pool_size = config.db_pool_size});
}

int serve(const Config& config) {
  // One malloc arena for every thread: per-thread arenas fragment on their own, which showed
  // as resident memory wandering by tens of KiB from run to run; one arena holds it to a page
  // or two, for about 4 % of throughput on 2 cores (bench/README.md). Set before any thread.
  mallopt(M_ARENA_MAX, 1);
  // Request bodies and transaction lists of a heavy request are megabytes: from mmap, or with
  // the heap top trimmed at every free, each request paid for fresh zeroed pages (a third of
  // a 1 MB health-score request's time). The heap keeps them instead; the periodic
  // malloc_trim of the server still hands idle memory back.
  mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
  const sigset_t signals = block_shutdown_signals();
  http::Logger logger(config.log_level, config.log_format);
  const auto started = std::chrono::steady_clock::now();

  auto database = open_database_with_retry(config, logger);
  if (!database) {
    logger.log(LogLevel::kCritical, "startup_failed", database.error().message,
               {{"database_url", storage::redact_database_url(config.database_url)}});
    return 1;
  }
  auto& db = **database;
  service::SystemService system(db, kHealthRecheck);

  const BuildInfo build = build_info();
  http::Metrics metrics({.name = std::string(build.name),
                         .version = std::string(build.version),
                         .commit = std::string(build.commit),
                         .build_type = std::string(build.build_type),
                         .compiler = std::string(build.compiler),
                         .environment = std::string(to_string(config.environment))});
  http::Application application({.production = config.production(),
                                 .metrics_enabled = config.enable_metrics,
                                 .max_body_bytes = config.max_body_bytes},
                                metrics, logger);
  // --- Redis, the response cache and the rate limiter (helper B) ---------------------------
  // With REDIS_HOST, both live in Redis and every instance shares them; while Redis is down
  // the cache misses and the limits are counted here (logged once: redis_unavailable).
  std::unique_ptr<storage::redis::RedisClient> redis;
  if (!config.redis_host.empty()) {
    redis = std::make_unique<storage::redis::RedisClient>(
        storage::redis::RedisOptions{.host = config.redis_host,
                                     .port = config.redis_port,
                                     .database = config.redis_db,
                                     .password = config.redis_password},
        [&logger, &config](std::string_view event, std::string_view message) {
          logger.log(event == "redis_reconnected" ? LogLevel::kInfo : LogLevel::kWarning, event, message,
                     {{"redis", std::string_view(config.redis_host)}});
        });
    const std::string_view ping[] = {"PING"};
    static_cast<void>(redis->command(ping));  // connects now; an outage is logged, not fatal
  }
  std::unique_ptr<storage::CacheStore> cache_store;
  if (redis) {
    cache_store = std::make_unique<storage::redis::RedisCacheStore>(*redis);
  } else {
    cache_store = std::make_unique<storage::MemoryCacheStore>(config.cache_max_entries);
  }
  service::ResponseCache response_cache(*cache_store, config.cache_ttl);
  storage::MemoryRateLimitStore local_limits;
  std::unique_ptr<storage::RateLimitStore> shared_limits;
  if (redis) shared_limits = std::make_unique<storage::redis::RedisRateLimitStore>(*redis);
  service::RateLimiter rate_limiter(shared_limits ? *shared_limits : local_limits, local_limits,
                                    config.rate_limit_requests, config.rate_limit_period);
  metrics.add_counter_source("finml_cache_hits_total", "Answers served from the response cache",
                             [&response_cache] { return static_cast<double>(response_cache.figures().hits); });
  metrics.add_counter_source("finml_cache_misses_total", "Cacheable requests computed afresh",
                             [&response_cache] { return static_cast<double>(response_cache.figures().misses); });
  metrics.add_counter_source("finml_cache_evictions_total", "Cached answers dropped to make room",
                             [&response_cache] { return static_cast<double>(response_cache.figures().evictions); });
  metrics.add_counter_source("finml_rate_limited_total", "Requests refused with 429",
                             [&rate_limiter] { return static_cast<double>(rate_limiter.refused()); });
  // --- end Redis, cache and rate limiter ------------------------------------------------------

  const http::Dependencies dependencies{
      .info = {.name = std::string(build.name),
               .version = std::string(build.version),
               .environment = std::string(to_string(config.environment)),
               .started = started},
      .system = system,
      .database = db,
      .metrics = metrics,
      .metrics_enabled = config.enable_metrics,
      .default_currency = config.default_currency,
      .confidence_level = config.confidence_level,
      .min_training_months = config.min_training_months,
      .max_training_months = config.max_training_months,
      .forecast_memo_entries = config.forecast_memo_entries,
      .now = [fixed = config.fixed_now]() -> core::Timestamp {
        if (fixed) return *fixed;
        return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
      },
      .admin_routes_enabled = config.admin_routes(),
      .logger = &logger,
      .response_cache = config.cache_enabled ? &response_cache : nullptr,
  };
  http::register_routes(application.router(), dependencies);
  // 1. CORS, outermost: preflights are answered before any key is asked for.
  application.use(std::make_unique<http::CorsMiddleware>(
      http::CorsOptions{.origins = config.cors_origins, .allow_credentials = config.cors_allow_credentials}));
  // 2. Authentication: who is calling (API key), 401. Verified keys are remembered for 2 s, so
  // a revoked key is refused by this process within 2 s (docs/api.md, "Authentication").
  service::ApiKeyVerifier key_verifier(db.api_keys(), std::chrono::seconds(2));
  application.use(std::make_unique<http::AuthenticationMiddleware>(
      key_verifier, http::AuthenticationOptions{.keys_required = config.auth_required(),
                                                .metrics_require_key = config.metrics_require_key}));
  // 3. Rate limits (helper B): per key, else per client address; 429.
  if (config.rate_limit_enabled) {
    application.use(std::make_unique<http::RateLimitMiddleware>(
        rate_limiter, http::TrustedProxies::parse(config.trusted_proxies).value()));
  }
  // 4. Authorization: admin routes and other users' ids, 403.
  application.use(std::make_unique<http::AuthorizationMiddleware>());
  // 5. The response cache (helper B), innermost: only authorized requests reach it.
  if (config.cache_enabled) {
    application.use(std::make_unique<http::CacheMiddleware>(response_cache, db,
                                                            [&dependencies] { return dependencies.today(); }));
  }

  http::Server server({.host = config.host,
                       .port = config.port,
                       .threads = config.workers,
                       .max_body_bytes = config.max_body_bytes,
                       .max_header_bytes = 64 * 1024,
                       .max_connections = config.max_connections,
                       .header_timeout = config.header_timeout,
                       .body_timeout = config.body_timeout,
                       .idle_timeout = config.idle_timeout,
                       .write_timeout = config.write_timeout,
                       .shutdown_timeout = config.shutdown_timeout},
                      application);
  if (auto started_ok = server.start(); !started_ok) {
    logger.log(LogLevel::kCritical, "startup_failed", started_ok.error().message, {});
    return 1;
  }
  const auto schema = db.schema_version();
  logger.log(LogLevel::kInfo, "startup", "finml is listening",
             {{"host", std::string_view(config.host)},
              {"port", static_cast<std::int64_t>(server.port())},
              {"workers", static_cast<std::int64_t>(config.workers)},
              {"environment", to_string(config.environment)},
              {"database", db.backend()},
              {"schema_version", static_cast<std::int64_t>(schema.value_or(0))},
              {"version", build.version},
              {"startup_ms", std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count()}});
  logger.flush();  // whoever waits for the port (a supervisor, a test) sees it now

  int received = 0;
  sigwait(&signals, &received);
  logger.log(LogLevel::kInfo, "shutdown", "draining requests in flight",
             {{"signal", std::string_view(received == SIGTERM ? "SIGTERM" : "SIGINT")},
              {"open_connections", static_cast<std::int64_t>(server.open_connections())},
              {"timeout_s", std::chrono::duration<double>(config.shutdown_timeout).count()}});
  const std::size_t cut = server.shutdown();
  logger.log(cut == 0 ? LogLevel::kInfo : LogLevel::kWarning, "stopped", "finml stopped",
             {{"connections_cut", static_cast<std::int64_t>(cut)}});
  return 0;
}

int migrate(const Config& config) {
  http::Logger logger(config.log_level, config.log_format);
  auto database = open_database_with_retry(config, logger);
  if (!database) {
    logger.log(LogLevel::kCritical, "migrate_failed", database.error().message, {});
    return 1;
  }
  const auto version = (*database)->schema_version();
  logger.log(LogLevel::kInfo, "migrated", "schema is up to date",
             {{"schema_version", static_cast<std::int64_t>(version.value_or(0))},
              {"database", (*database)->backend()}});
  return 0;
}

int healthcheck(const std::string& host, std::uint16_t port, std::chrono::milliseconds timeout) {
  const std::string address = host == "0.0.0.0" ? "127.0.0.1" : host == "::" ? "::1" : host;
  sockaddr_storage storage{};
  socklen_t length = 0;
  int family = AF_INET;
  if (address.find(':') != std::string::npos) {
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&storage);
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(port);
    if (inet_pton(AF_INET6, address.c_str(), &v6->sin6_addr) != 1) return 1;
    family = AF_INET6;
    length = sizeof(sockaddr_in6);
  } else {
    auto* v4 = reinterpret_cast<sockaddr_in*>(&storage);
    v4->sin_family = AF_INET;
    v4->sin_port = htons(port);
    if (inet_pton(AF_INET, address.c_str(), &v4->sin_addr) != 1) return 1;
    length = sizeof(sockaddr_in);
  }
  const int fd = ::socket(family, SOCK_STREAM, 0);
  if (fd < 0) return 1;
  const auto finish = [fd](int code) {
    ::close(fd);
    return code;
  };
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&storage), length) != 0) {
    std::cerr << "healthcheck: cannot connect to " << address << ":" << port << ": " << std::strerror(errno) << "\n";
    return finish(1);
  }
  const std::string request = "GET /health HTTP/1.1\r\nHost: " + address + "\r\nConnection: close\r\n\r\n";
  if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) {
    return finish(1);
  }
  std::string reply;
  char buffer[4096];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) reply.append(buffer, static_cast<std::size_t>(n));
  const bool healthy = reply.starts_with("HTTP/1.1 200");
  if (!healthy) std::cerr << "healthcheck: " << reply.substr(0, reply.find("\r\n")) << "\n";
  return finish(healthy ? 0 : 1);
}

}  // namespace finml::app
