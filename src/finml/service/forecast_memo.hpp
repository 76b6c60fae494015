#pragma once
/// @file finml/service/forecast_memo.hpp
/// A bounded, thread-safe memo of forecasting-engine results keyed by the exact series and
/// options. Monthly series change only when a month completes or a past row is edited, so the
/// same user's repeated requests (the client sends its last 24 months on every page load) fit
/// the same series again and again; a fit costs about 0.4 ms, a lookup about a microsecond.
#include <cstddef>
#include <deque>
#include <mutex>
#include <span>
#include <string>
#include <unordered_map>

#include <finml/analytics/forecast/forecaster.hpp>
#include <finml/analytics/predictions/monthly_forecast.hpp>

namespace finml::service {

class ForecastMemo {
 public:
  /// Keeps at most `capacity` results, dropping the oldest first.
  explicit ForecastMemo(std::size_t capacity = kDefaultCapacity) : capacity_(capacity) {}

  /// forecast::forecast(values, options), from the memo when the same call was made before.
  [[nodiscard]] core::Result<analytics::forecast::ForecastResult> forecast(
      std::span<const double> values, const analytics::forecast::ForecastOptions& options);

  /// This memo as the analytics' SeriesForecaster (the memo must outlive it).
  [[nodiscard]] analytics::predictions::SeriesForecaster forecaster();

  /// About 4 KiB per entry: 4,096 entries stay within ~16 MiB.
  static constexpr std::size_t kDefaultCapacity = 4'096;

 private:
  std::size_t capacity_;
  std::mutex mutex_;
  std::unordered_map<std::string, analytics::forecast::ForecastResult> results_;
  std::deque<std::string> order_;  // insertion order, for eviction
};

}  // namespace finml::service
