#include <finml/service/system_service.hpp>

namespace finml::service {

SystemService::SystemService(storage::Database& database, std::chrono::milliseconds recheck_after)
    : database_(database), recheck_after_(recheck_after) {}

DatabaseHealth SystemService::database_health(std::chrono::steady_clock::time_point now) {
  {
    std::lock_guard lock(mutex_);
    if (pinging_ || (checked_ && now - checked_at_ < recheck_after_)) return last_;
    pinging_ = true;
  }
  const auto started = std::chrono::steady_clock::now();
  const auto ping = database_.ping();
  const auto elapsed = std::chrono::steady_clock::now() - started;
  DatabaseHealth health{
      .reachable = ping.has_value(),
      .backend = std::string(database_.backend()),
      .error = ping ? std::string{} : ping.error().message,
      .latency_ms = std::chrono::duration<double, std::milli>(elapsed).count(),
  };
  std::lock_guard lock(mutex_);
  last_ = health;
  checked_ = true;
  checked_at_ = now;
  pinging_ = false;
  return health;
}

}  // namespace finml::service
