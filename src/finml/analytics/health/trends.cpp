#include <finml/analytics/health/trends.hpp>

#include <algorithm>

#include <finml/core/money.hpp>

namespace finml::analytics::health {
namespace {

using Days = std::chrono::days;

// The latest score with from <= calculated_at < to, other than the current one.
std::optional<ScoreChange> change_since(std::span<const ScorePoint> history, std::size_t current_index,
                                        core::Timestamp from, core::Timestamp to) {
  for (std::size_t i = current_index; i-- > 0;) {
    const auto& point = history[i];
    if (point.calculated_at >= to) continue;
    if (point.calculated_at < from) break;
    const double current = history[current_index].score;
    ScoreChange change;
    change.points = core::round_decimal(current - point.score, 2);
    // A reference of 0 has no relative change (the original answered 0 %).
    if (!(point.score > 0.0)) return std::nullopt;
    change.percent = core::round_decimal((current - point.score) / point.score * 100.0, 2);
    return change;
  }
  return std::nullopt;
}

}  // namespace

core::Timestamp trend_history_start(core::Timestamp now, int months) noexcept {
  return now - Days(std::max(months * 30, 180));
}

ScoreTrend summarize_trend(std::span<const ScorePoint> history, core::Timestamp now, int months) {
  ScoreTrend trend;
  // Scores stamped after `now` (a clock pinned in the past) are not history yet.
  const auto past_end = std::partition_point(history.begin(), history.end(),
                                             [now](const ScorePoint& point) { return point.calculated_at <= now; });
  const std::span<const ScorePoint> past(history.begin(), past_end);
  const core::Timestamp window_start = now - Days(months * 30);
  for (const auto& point : past) {
    if (point.calculated_at >= window_start) trend.trend_data.push_back(point);
  }
  if (trend.trend_data.empty()) return trend;
  trend.current_score = trend.trend_data.back().score;
  // The current score is the last one of the window, which is the last of the history too.
  const std::size_t current_index = past.size() - 1;
  trend.month_over_month = change_since(past, current_index, now - Days(60), now - Days(30));
  trend.quarter_over_quarter = change_since(past, current_index, now - Days(180), now - Days(90));
  return trend;
}

}  // namespace finml::analytics::health
