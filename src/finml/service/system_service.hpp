#pragma once
/// @file finml/service/system_service.hpp
/// The service's own health: can the database be reached right now.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include <finml/storage/database.hpp>

namespace finml::service {

struct DatabaseHealth {
  bool reachable = false;
  std::string backend;  ///< "sqlite" or "postgresql"
  std::string error;    ///< why not, when unreachable
  double latency_ms = 0.0;
};

/// Pings the database from a thread of its own, at start and then every `interval`, and
/// answers health questions from the last ping: /health under load never turns into a query
/// per request, and never waits for a slow or unreachable database.
class SystemService {
 public:
  SystemService(storage::Database& database, std::chrono::milliseconds interval);
  ~SystemService();
  SystemService(const SystemService&) = delete;
  SystemService& operator=(const SystemService&) = delete;

  /// The result of the latest ping (the first one is done before the constructor returns).
  [[nodiscard]] DatabaseHealth database_health() const;

 private:
  DatabaseHealth ping() const;
  void run(std::stop_token stop);

  storage::Database& database_;
  std::chrono::milliseconds interval_;
  mutable std::mutex mutex_;
  std::condition_variable_any wake_;
  DatabaseHealth last_;
  std::jthread pinger_;  // last: it starts once everything above exists
};

}  // namespace finml::service
