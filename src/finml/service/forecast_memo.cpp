#include <finml/service/forecast_memo.hpp>

#include <cstring>

namespace finml::service {
namespace {

// The key is the raw bytes of everything the result depends on: exact, and cheap to hash.
template <class T>
void append(std::string& key, const T& value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  key.append(bytes, sizeof(T));
}

std::string key_of(std::span<const double> values, const analytics::forecast::ForecastOptions& options) {
  std::string key;
  key.reserve(values.size() * sizeof(double) + 48);
  append(key, options.horizon);
  append(key, options.period);
  append(key, options.level);
  append(key, static_cast<int>(options.method));
  append(key, options.seed);
  append(key, options.simulation_paths);
  for (const double value : values) append(key, value);
  return key;
}

}  // namespace

core::Result<analytics::forecast::ForecastResult> ForecastMemo::forecast(
    std::span<const double> values, const analytics::forecast::ForecastOptions& options) {
  std::string key = key_of(values, options);
  {
    const std::lock_guard lock(mutex_);
    if (const auto found = results_.find(key); found != results_.end()) return found->second;
  }
  // Fitted outside the lock: two threads may fit the same series once each, which is harmless.
  auto result = analytics::forecast::forecast(values, options);
  if (!result || capacity_ == 0) return result;
  const std::lock_guard lock(mutex_);
  if (results_.contains(key)) return result;
  while (results_.size() >= capacity_ && !order_.empty()) {
    results_.erase(order_.front());
    order_.pop_front();
  }
  results_.emplace(key, *result);
  order_.push_back(std::move(key));
  return result;
}

analytics::predictions::SeriesForecaster ForecastMemo::forecaster() {
  return [this](std::span<const double> values, const analytics::forecast::ForecastOptions& options) {
    return forecast(values, options);
  };
}

}  // namespace finml::service
