#include <finml/service/system_service.hpp>

namespace finml::service {

SystemService::SystemService(storage::Database& database, std::chrono::milliseconds interval)
    : database_(database), interval_(interval), last_(ping()),
      pinger_([this](std::stop_token stop) { run(std::move(stop)); }) {}

SystemService::~SystemService() {
  pinger_.request_stop();
  wake_.notify_all();
}

DatabaseHealth SystemService::database_health() const {
  std::lock_guard lock(mutex_);
  return last_;
}

DatabaseHealth SystemService::ping() const {
  const auto started = std::chrono::steady_clock::now();
  const auto result = database_.ping();
  const auto elapsed = std::chrono::steady_clock::now() - started;
  return DatabaseHealth{
      .reachable = result.has_value(),
      .backend = std::string(database_.backend()),
      .error = result ? std::string{} : result.error().message,
      .latency_ms = std::chrono::duration<double, std::milli>(elapsed).count(),
  };
}

void SystemService::run(std::stop_token stop) {
  std::unique_lock lock(mutex_);
  while (true) {
    // Wakes after the interval, or at once when a stop is requested.
    wake_.wait_for(lock, stop, interval_, [] { return false; });
    if (stop.stop_requested()) return;
    lock.unlock();
    DatabaseHealth health = ping();
    lock.lock();
    last_ = std::move(health);
  }
}

}  // namespace finml::service
