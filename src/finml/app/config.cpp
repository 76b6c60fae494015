#include <finml/app/config.hpp>

#include <finml/core/timestamp.hpp>
#include <finml/http/trusted_proxies.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <functional>

#include <finml/core/text.hpp>
#include <finml/http/json/string_list.hpp>
#include <finml/storage/database_url.hpp>

namespace finml::app {
namespace {

using Apply = std::function<std::optional<std::string>(std::string_view, Config&)>;

struct Setting {
  SettingInfo info;
  Apply apply;  ///< returns what is wrong with the value, or nullopt
};

std::optional<std::int64_t> parse_integer(std::string_view text) {
  text = core::trim(text);
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<double> parse_real(std::string_view text) {
  text = core::trim(text);
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<bool> parse_bool(std::string_view text) {
  const std::string value = core::to_lower_ascii(core::trim(text));
  if (value == "true" || value == "1" || value == "yes" || value == "on") return true;
  if (value == "false" || value == "0" || value == "no" || value == "off") return false;
  return std::nullopt;
}

template <class Int>
Apply integer_in(std::int64_t min, std::int64_t max, Int Config::*field) {
  return [=](std::string_view text, Config& config) -> std::optional<std::string> {
    const auto value = parse_integer(text);
    if (!value || *value < min || *value > max) {
      return "must be an integer from " + std::to_string(min) + " to " + std::to_string(max);
    }
    config.*field = static_cast<Int>(*value);
    return std::nullopt;
  };
}

Apply flag(bool Config::*field) {
  return [=](std::string_view text, Config& config) -> std::optional<std::string> {
    const auto value = parse_bool(text);
    if (!value) return "must be true or false";
    config.*field = *value;
    return std::nullopt;
  };
}

template <class Duration>
Apply seconds_in(double min, double max, Duration Config::*field) {
  return [=](std::string_view text, Config& config) -> std::optional<std::string> {
    const auto value = parse_real(text);
    if (!value || *value < min || *value > max) {
      return "must be a number of seconds from " + std::to_string(static_cast<std::int64_t>(min)) +
             " to " + std::to_string(static_cast<std::int64_t>(max));
    }
    config.*field = std::chrono::duration_cast<Duration>(std::chrono::duration<double>(*value));
    return std::nullopt;
  };
}

Apply text(std::string Config::*field) {
  return [=](std::string_view value, Config& config) -> std::optional<std::string> {
    config.*field = std::string(core::trim(value));
    return std::nullopt;
  };
}

const std::vector<Setting>& setting_table() {
  static const std::vector<Setting> table = {
      {{"HOST", "--host", "127.0.0.1", "Address to listen on (an IP address, or localhost)"},
       [](std::string_view value, Config& config) -> std::optional<std::string> {
         std::string host(core::trim(value));
         if (host == "localhost") host = "127.0.0.1";
         const bool looks_like_ip = !host.empty() && host.find_first_not_of("0123456789abcdefABCDEF.:") ==
                                                        std::string::npos;
         if (!looks_like_ip) return "must be an IP address such as 127.0.0.1, 0.0.0.0 or ::1";
         config.host = host;
         return std::nullopt;
       }},
      {{"PORT", "--port", "8000", "TCP port to listen on (0: any free port)"},
       integer_in<std::uint16_t>(0, 65535, &Config::port)},
      {{"WORKERS", "--workers", "number of cores", "Worker threads serving requests"},
       integer_in<std::size_t>(1, 256, &Config::workers)},
      {{"MAX_BODY_BYTES", "--max-body-bytes", "10485760", "Largest request body accepted; larger ones get 413"},
       integer_in<std::size_t>(1024, std::int64_t{1} << 32, &Config::max_body_bytes)},
      {{"MAX_CONNECTIONS", "--max-connections", "10000", "Open connections beyond which new ones are closed"},
       integer_in<std::size_t>(1, 1'000'000, &Config::max_connections)},
      {{"HEADER_TIMEOUT", "--header-timeout", "10", "Seconds a client has to send a request's headers (408 after)"},
       seconds_in(0.1, 3600, &Config::header_timeout)},
      {{"BODY_TIMEOUT", "--body-timeout", "30", "Seconds a client has to send a request's body (408 after)"},
       seconds_in(0.1, 3600, &Config::body_timeout)},
      {{"IDLE_TIMEOUT", "--idle-timeout", "60", "Seconds a keep-alive connection may stay idle"},
       seconds_in(0.1, 3600, &Config::idle_timeout)},
      {{"WRITE_TIMEOUT", "--write-timeout", "30", "Seconds a client has to read a response"},
       seconds_in(0.1, 3600, &Config::write_timeout)},
      {{"SHUTDOWN_TIMEOUT", "--shutdown-timeout", "30", "Seconds to let requests in flight finish on SIGTERM/SIGINT"},
       seconds_in(0, 3600, &Config::shutdown_timeout)},
      {{"DATABASE_URL", "--database-url", "sqlite:///finml.db",
        "sqlite:///relative.db, sqlite:////absolute.db or postgresql://user:pw@host:port/db"},
       [](std::string_view value, Config& config) -> std::optional<std::string> {
         const auto parsed = storage::parse_database_url(core::trim(value));
         if (!parsed) return parsed.error().message;
         config.database_url = std::string(core::trim(value));
         return std::nullopt;
       }},
      {{"DB_POOL_SIZE", "--db-pool-size", "workers + 1", "Database connections kept open"},
       integer_in<std::size_t>(1, 1000, &Config::db_pool_size)},
      {{"DB_CONNECT_TIMEOUT", "--db-connect-timeout", "30", "Seconds to keep trying to reach the database at start"},
       seconds_in(0, 3600, &Config::db_connect_timeout)},
      {{"REDIS_HOST", "--redis-host", "", "Redis host for the shared cache and rate limits (empty: none)"},
       text(&Config::redis_host)},
      {{"REDIS_PORT", "--redis-port", "6379", "Redis port"}, integer_in<std::uint16_t>(1, 65535, &Config::redis_port)},
      {{"REDIS_DB", "--redis-db", "0", "Redis database number"}, integer_in<int>(0, 15, &Config::redis_db)},
      {{"REDIS_PASSWORD", "--redis-password", "", "Redis password (empty: none)"}, text(&Config::redis_password)},
      {{"CACHE_ENABLED", "--cache-enabled", "true", "Cache analytics results"}, flag(&Config::cache_enabled)},
      {{"CACHE_TTL_SECONDS", "--cache-ttl-seconds", "86400", "Seconds a cached result lives"},
       seconds_in(1, 31'536'000, &Config::cache_ttl)},
      {{"CACHE_MAX_ENTRIES", "--cache-max-entries", "10000",
        "Answers the in-process cache keeps (least recently used dropped first); Redis bounds its own"},
       integer_in<std::size_t>(1, 10'000'000, &Config::cache_max_entries)},
      {{"RATE_LIMIT_ENABLED", "--rate-limit-enabled", "false", "Limit requests per API key or client address"},
       flag(&Config::rate_limit_enabled)},
      {{"RATE_LIMIT_REQUESTS", "--rate-limit-requests", "100", "Requests allowed per period"},
       integer_in<std::int64_t>(1, 1'000'000'000, &Config::rate_limit_requests)},
      {{"RATE_LIMIT_PERIOD", "--rate-limit-period", "3600", "Length of the rate-limit period in seconds"},
       seconds_in(1, 31'536'000, &Config::rate_limit_period)},
      {{"TRUSTED_PROXIES", "--trusted-proxies", "",
        "Comma-separated IPs or CIDR blocks of proxies whose X-Forwarded-For names the client (empty: none)"},
       [](std::string_view value, Config& config) -> std::optional<std::string> {
         if (auto parsed = http::TrustedProxies::parse(value); !parsed) return "must list IP addresses or CIDR blocks: " + parsed.error().message;
         config.trusted_proxies = std::string(core::trim(value));
         return std::nullopt;
       }},
      {{"CORS_ORIGINS", "--cors-origins", "", "Origins allowed by CORS: a JSON array or a comma-separated list"},
       [](std::string_view value, Config& config) -> std::optional<std::string> {
         value = core::trim(value);
         config.cors_origins.clear();
         if (!value.empty() && value.front() == '[') {
           auto list = http::json::read_string_array(value);
           if (!list) return list.error().message;
           config.cors_origins = std::move(*list);
           return std::nullopt;
         }
         while (!value.empty()) {
           const auto comma = value.find(',');
           const auto item = core::trim(value.substr(0, comma));
           if (!item.empty()) config.cors_origins.emplace_back(item);
           value = comma == std::string_view::npos ? std::string_view{} : value.substr(comma + 1);
         }
         return std::nullopt;
       }},
      {{"CORS_ALLOW_CREDENTIALS", "--cors-allow-credentials", "false",
        "Let browsers send cookies and credentials cross-origin (refused with CORS_ORIGINS=*)"},
       flag(&Config::cors_allow_credentials)},
      {{"ENVIRONMENT", "--environment", "development",
        "development, staging or production (production hides internal error text)"},
       [](std::string_view value, Config& config) -> std::optional<std::string> {
         const std::string name = core::to_lower_ascii(core::trim(value));
         if (name == "development") {
           config.environment = Environment::kDevelopment;
         } else if (name == "staging") {
           config.environment = Environment::kStaging;
         } else if (name == "production") {
           config.environment = Environment::kProduction;
         } else {
           return "must be development, staging or production";
         }
         return std::nullopt;
       }},
      {{"DEBUG", "--debug", "false", "Log at DEBUG level unless LOG_LEVEL is set"}, flag(&Config::debug)},
      {{"LOG_LEVEL", "--log-level", "INFO", "DEBUG, INFO, WARNING, ERROR or CRITICAL"},
       [](std::string_view value, Config& config) -> std::optional<std::string> {
         const auto level = http::parse_log_level(core::trim(value));
         if (!level) return "must be DEBUG, INFO, WARNING, ERROR or CRITICAL";
         config.log_level = *level;
         return std::nullopt;
       }},
      {{"LOG_FORMAT", "--log-format", "json", "json (one JSON object per line) or text"},
       [](std::string_view value, Config& config) -> std::optional<std::string> {
         const std::string name = core::to_lower_ascii(core::trim(value));
         if (name == "json") {
           config.log_format = http::LogFormat::kJson;
         } else if (name == "text") {
           config.log_format = http::LogFormat::kText;
         } else {
           return "must be json or text";
         }
         return std::nullopt;
       }},
      {{"ENABLE_METRICS", "--enable-metrics", "true", "Serve /metrics and count requests"},
       flag(&Config::enable_metrics)},
      {{"ADMIN_ROUTES_ENABLED", "--admin-routes-enabled", "false in production, else true",
        "Serve /api/v1/admin/db/status, /init and /tables (404 when off)"},
       [](std::string_view value, Config& config) -> std::optional<std::string> {
         if (core::trim(value).empty()) {
           config.admin_routes_enabled.reset();
           return std::nullopt;
         }
         const auto enabled = parse_bool(value);
         if (!enabled) return "must be true or false (or empty: false in production, else true)";
         config.admin_routes_enabled = *enabled;
         return std::nullopt;
       }},
      {{"AUTH_REQUIRED", "--auth-required", "true in production, else false",
        "Every route but /health, /docs and /openapi.json needs an API key (admin routes always do)"},
       [](std::string_view value, Config& config) -> std::optional<std::string> {
         if (core::trim(value).empty()) {
           config.auth_required_setting.reset();
           return std::nullopt;
         }
         const auto required = parse_bool(value);
         if (!required) return "must be true or false (or empty: true in production, else false)";
         config.auth_required_setting = *required;
         return std::nullopt;
       }},
      {{"METRICS_REQUIRE_KEY", "--metrics-require-key", "false", "/metrics needs an API key"},
       flag(&Config::metrics_require_key)},
      {{"CONFIDENCE_LEVEL", "--confidence-level", "0.95", "Level of forecast intervals, between 0 and 1"},
       [](std::string_view value, Config& config) -> std::optional<std::string> {
         const auto level = parse_real(value);
         if (!level || *level <= 0.0 || *level >= 1.0) return "must be a number between 0 and 1 (exclusive)";
         config.confidence_level = *level;
         return std::nullopt;
       }},
      {{"MIN_TRAINING_MONTHS", "--min-training-months", "3", "Fewest months of history a model is trained on"},
       integer_in<int>(1, 120, &Config::min_training_months)},
      {{"MAX_TRAINING_MONTHS", "--max-training-months", "24", "Most recent months of history a model uses"},
       integer_in<int>(1, 600, &Config::max_training_months)},
      {{"FIXED_NOW", "--fixed-now", "",
        "Pins the service clock to this UTC timestamp, e.g. 2025-12-08T12:00:00Z (tests, replays; empty: the real clock)"},
       [](std::string_view value, Config& config) -> std::optional<std::string> {
         const auto text = core::trim(value);
         if (text.empty()) {
           config.fixed_now.reset();
           return std::nullopt;
         }
         const auto at = core::parse_timestamp(text);
         if (!at) return "must be an ISO-8601 UTC timestamp such as 2025-12-08T12:00:00Z";
         config.fixed_now = *at;
         return std::nullopt;
       }},
      {{"FORECAST_MEMO_ENTRIES", "--forecast-memo-entries", "4096",
        "Forecast fits kept for repeated requests on the same months (about 4 KiB each; 0: none)"},
       integer_in<std::size_t>(0, 1'000'000, &Config::forecast_memo_entries)},
      {{"DEFAULT_CURRENCY", "--default-currency", "INR",
        "ISO 4217 currency of amounts that name none (the original's amounts are rupees)"},
       [](std::string_view value, Config& config) -> std::optional<std::string> {
         const auto currency = core::Currency::from_code(core::trim(value));
         if (!currency) return "must be an ISO 4217 currency code such as INR, USD or EUR";
         config.default_currency = *currency;
         return std::nullopt;
       }},
  };
  return table;
}

}  // namespace

std::string_view to_string(Environment environment) noexcept {
  switch (environment) {
    case Environment::kDevelopment: return "development";
    case Environment::kStaging: return "staging";
    case Environment::kProduction: return "production";
  }
  return "development";
}

const std::vector<SettingInfo>& settings() {
  static const std::vector<SettingInfo> infos = [] {
    std::vector<SettingInfo> out;
    for (const auto& setting : setting_table()) out.push_back(setting.info);
    return out;
  }();
  return infos;
}

core::Result<Config> load_config(const ConfigSources& sources) {
  Config config;
  config.workers = std::max<std::size_t>(1, sources.hardware_threads);
  std::string problems;
  bool log_level_given = false;
  for (const auto& setting : setting_table()) {
    const std::string variable(setting.info.variable);
    const std::string* value = nullptr;
    std::string_view origin;
    for (const auto& [source, name] : {std::pair{&sources.flags, setting.info.flag},
                                       std::pair{&sources.environment, std::string_view("the environment")},
                                       std::pair{&sources.dotenv, std::string_view(".env")}}) {
      if (const auto found = source->find(variable); found != source->end()) {
        value = &found->second;
        origin = name;
        break;
      }
    }
    if (value == nullptr) continue;  // the default stands
    if (variable == "LOG_LEVEL") log_level_given = true;
    if (const auto problem = setting.apply(*value, config)) {
      if (!problems.empty()) problems += '\n';
      problems += variable + ": " + *problem + " (got '" + value->substr(0, 80) + "' from " +
                  std::string(origin) + ")";
    }
  }
  if (config.min_training_months > config.max_training_months) {
    if (!problems.empty()) problems += '\n';
    problems += "MIN_TRAINING_MONTHS: must not exceed MAX_TRAINING_MONTHS";
  }
  // A wildcard with credentials would let every site act with the user's credentials.
  if (config.cors_allow_credentials &&
      std::find(config.cors_origins.begin(), config.cors_origins.end(), "*") != config.cors_origins.end()) {
    if (!problems.empty()) problems += '\n';
    problems += "CORS_ALLOW_CREDENTIALS: must be false when CORS_ORIGINS allows every origin (*); list the origins instead";
  }
  if (!problems.empty()) return core::fail(core::ErrorCode::kInvalidArgument, problems);
  if (config.debug && !log_level_given) config.log_level = http::LogLevel::kDebug;
  if (config.db_pool_size == 0) config.db_pool_size = config.workers + 1;
  return config;
}

core::Result<std::map<std::string, std::string, std::less<>>> parse_dotenv(std::string_view text) {
  std::map<std::string, std::string, std::less<>> values;
  std::size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const auto newline = text.find('\n');
    std::string_view line = core::trim(text.substr(0, newline));
    text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
    if (line.empty() || line.front() == '#') continue;
    if (line.starts_with("export ")) line = core::trim(line.substr(7));
    const auto equals = line.find('=');
    const auto bad_line = [&] {
      return core::fail(core::ErrorCode::kInvalidArgument,
                        ".env line " + std::to_string(line_number) + ": expected KEY=VALUE");
    };
    if (equals == std::string_view::npos) return bad_line();
    const std::string_view key = core::trim(line.substr(0, equals));
    if (key.empty() || key.find_first_of(" \t\"'") != std::string_view::npos) return bad_line();
    std::string_view raw = core::trim(line.substr(equals + 1));
    std::string value;
    if (!raw.empty() && (raw.front() == '"' || raw.front() == '\'')) {
      const char quote = raw.front();
      const auto close = raw.find(quote, 1);
      if (close == std::string_view::npos) return bad_line();
      const std::string_view inner = raw.substr(1, close - 1);
      for (std::size_t i = 0; i < inner.size(); ++i) {
        if (quote == '"' && inner[i] == '\\' && i + 1 < inner.size()) {
          const char next = inner[++i];
          value.push_back(next == 'n' ? '\n' : next == 't' ? '\t' : next);
        } else {
          value.push_back(inner[i]);
        }
      }
    } else {
      // An unquoted value ends at a " #" comment.
      const auto comment = raw.find(" #");
      value = std::string(core::trim(raw.substr(0, comment)));
    }
    values[std::string(key)] = std::move(value);
  }
  return values;
}

std::map<std::string, std::string, std::less<>> settings_from_environment() {
  std::map<std::string, std::string, std::less<>> values;
  for (const auto& setting : settings()) {
    const std::string name(setting.variable);
    if (const char* value = std::getenv(name.c_str()); value != nullptr) values[name] = value;
  }
  return values;
}

}  // namespace finml::app
