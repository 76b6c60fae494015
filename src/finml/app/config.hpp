#pragma once
/// @file finml/app/config.hpp
/// The service's settings. Each comes from a command-line flag, else the environment, else a
/// `.env` file, else its default, and is validated once at start: a bad value stops start-up
/// with a message naming the variable. The original service's variable names are kept.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <finml/core/error.hpp>
#include <finml/core/money.hpp>
#include <finml/core/timestamp.hpp>
#include <finml/http/logger.hpp>

namespace finml::app {

enum class Environment { kDevelopment, kStaging, kProduction };
[[nodiscard]] std::string_view to_string(Environment environment) noexcept;

struct Config {
  // Server
  std::string host = "127.0.0.1";
  std::uint16_t port = 8000;
  std::size_t workers = 1;
  std::size_t max_body_bytes = 10 * 1024 * 1024;
  std::size_t max_connections = 10'000;
  std::chrono::milliseconds header_timeout{std::chrono::seconds(10)};
  std::chrono::milliseconds body_timeout{std::chrono::seconds(30)};
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(60)};
  std::chrono::milliseconds write_timeout{std::chrono::seconds(30)};
  std::chrono::milliseconds shutdown_timeout{std::chrono::seconds(30)};
  // Storage
  std::string database_url = "sqlite:///finml.db";
  std::size_t db_pool_size = 0;  ///< 0: workers + 1
  std::chrono::seconds db_connect_timeout{30};
  // Redis, cache, rate limits, CORS: read and validated here for the cache and limiter.
  std::string redis_host;
  std::uint16_t redis_port = 6379;
  int redis_db = 0;
  std::string redis_password;
  bool cache_enabled = true;
  std::chrono::seconds cache_ttl{86'400};
  bool rate_limit_enabled = false;
  std::int64_t rate_limit_requests = 100;
  std::chrono::seconds rate_limit_period{3'600};
  std::size_t cache_max_entries = 10'000;  ///< CACHE_MAX_ENTRIES: the in-process cache's bound
  std::string trusted_proxies;  ///< TRUSTED_PROXIES as given (validated: IPs and CIDR blocks)
  std::vector<std::string> cors_origins;
  bool cors_allow_credentials = false;  ///< never together with the "*" origin
  // Behaviour
  Environment environment = Environment::kDevelopment;
  bool debug = false;
  http::LogLevel log_level = http::LogLevel::kInfo;
  http::LogFormat log_format = http::LogFormat::kJson;
  bool enable_metrics = true;
  /// ADMIN_ROUTES_ENABLED as given; unset: on except in production (see admin_routes()).
  std::optional<bool> admin_routes_enabled;
  // API keys (helper A): AUTH_REQUIRED as given (unset: on in production, see auth_required()),
  // METRICS_REQUIRE_KEY.
  std::optional<bool> auth_required_setting;
  bool metrics_require_key = false;
  double confidence_level = 0.95;
  int min_training_months = 3;
  int max_training_months = 24;
  std::size_t forecast_memo_entries = 4096;
  core::Currency default_currency = *core::Currency::from_code("INR");
  /// When set, the service's clock: every "now" and "today" comes from here.
  std::optional<core::Timestamp> fixed_now;

  [[nodiscard]] bool production() const noexcept { return environment == Environment::kProduction; }
  /// Whether /api/v1/admin/db/* are served.
  [[nodiscard]] bool admin_routes() const noexcept { return admin_routes_enabled.value_or(!production()); }
  /// Whether every route but the public ones needs an API key.
  [[nodiscard]] bool auth_required() const noexcept { return auth_required_setting.value_or(production()); }
};

/// One setting: its environment variable, its flag, its default and what it means.
struct SettingInfo {
  std::string_view variable;  ///< "PORT"
  std::string_view flag;      ///< "--port"
  std::string_view default_text;
  std::string_view help;
};

/// Every setting, in documentation order.
[[nodiscard]] const std::vector<SettingInfo>& settings();

/// Where values come from; each map is keyed by variable name ("PORT").
struct ConfigSources {
  std::map<std::string, std::string, std::less<>> flags;
  std::map<std::string, std::string, std::less<>> environment;
  std::map<std::string, std::string, std::less<>> dotenv;
  std::size_t hardware_threads = 1;  ///< the default for WORKERS
};

/// Builds the configuration: flags over environment over .env over defaults. Fails
/// (kInvalidArgument) with a message naming each bad variable, one per line.
[[nodiscard]] core::Result<Config> load_config(const ConfigSources& sources);

/// Reads a .env file's text: KEY=VALUE lines, optional `export `, # comments, single or
/// double quotes. Fails with the line number of a line it cannot read.
[[nodiscard]] core::Result<std::map<std::string, std::string, std::less<>>> parse_dotenv(
    std::string_view text);

/// The process environment, restricted to the settings' variables.
[[nodiscard]] std::map<std::string, std::string, std::less<>> settings_from_environment();

}  // namespace finml::app
