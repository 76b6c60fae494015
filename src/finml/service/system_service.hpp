#pragma once
/// @file finml/service/system_service.hpp
/// The service's own health: can the database be reached right now.
#include <chrono>
#include <mutex>
#include <string>

#include <finml/storage/database.hpp>

namespace finml::service {

struct DatabaseHealth {
  bool reachable = false;
  std::string backend;  ///< "sqlite" or "postgresql"
  std::string error;    ///< why not, when unreachable
  double latency_ms = 0.0;
};

class SystemService {
 public:
  /// Pings the database at most once per `recheck_after`: /health under load must not turn
  /// into a query per request, and while one ping is running (a slow or unreachable server)
  /// other callers get the last answer instead of waiting.
  SystemService(storage::Database& database, std::chrono::milliseconds recheck_after);

  [[nodiscard]] DatabaseHealth database_health(std::chrono::steady_clock::time_point now);

 private:
  storage::Database& database_;
  std::chrono::milliseconds recheck_after_;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point checked_at_{};
  bool checked_ = false;
  bool pinging_ = false;
  DatabaseHealth last_;
};

}  // namespace finml::service
