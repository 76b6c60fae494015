#pragma once
/// @file finml/http/handlers/dependencies.hpp
/// What the handlers are given: the services, the service's identity, the settings the
/// analytics need, and the clock.
#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include <finml/core/date.hpp>
#include <finml/core/money.hpp>
#include <finml/core/timestamp.hpp>
#include <finml/http/logger.hpp>
#include <finml/http/metrics.hpp>
#include <finml/service/response_cache.hpp>
#include <finml/service/system_service.hpp>
#include <finml/storage/database.hpp>

namespace finml::http {

struct ServiceInfo {
  std::string name;
  std::string version;
  std::string environment;
  std::chrono::steady_clock::time_point started;
};

struct Dependencies {
  ServiceInfo info;
  service::SystemService& system;
  /// The open database; handlers pass it to the service functions, never query it themselves.
  storage::Database& database;
  Metrics& metrics;
  bool metrics_enabled = true;
  core::Currency default_currency;
  double confidence_level = 0.95;  ///< CONFIDENCE_LEVEL: forecast intervals' default level
  int min_training_months = 3;     ///< MIN_TRAINING_MONTHS
  int max_training_months = 24;    ///< MAX_TRAINING_MONTHS
  std::size_t forecast_memo_entries = 4096;  ///< FORECAST_MEMO_ENTRIES
  /// The service clock (UTC): the real one, or FIXED_NOW.
  std::function<core::Timestamp()> now;
  /// ADMIN_ROUTES_ENABLED: whether /api/v1/admin/db/* are served at all (404 when not).
  bool admin_routes_enabled = true;
  /// Where errors go whose text must not reach a response (driver errors); may be null.
  Logger* logger = nullptr;
  /// The cache of analytics answers, for /health's figures; null when CACHE_ENABLED is false.
  const service::ResponseCache* response_cache = nullptr;

  /// Today's date for the analytics (UTC); a request may pin it with `as_of`.
  [[nodiscard]] core::Date today() const { return core::utc_date(now()); }

  /// Logs, at ERROR, an error that the response leaves out, under the response's request id.
  void log_hidden_error(std::string_view event, std::string_view message,
                        std::string_view request_id) const {
    if (logger != nullptr) logger->log(LogLevel::kError, event, message, {{"request_id", request_id}});
  }
};

}  // namespace finml::http
