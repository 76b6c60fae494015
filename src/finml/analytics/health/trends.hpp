#pragma once
/// @file finml/analytics/health/trends.hpp
/// How a user's stored health scores moved (seed-api.md 3.5, bug B21 fixed): the scores of
/// the last `months` x 30 days, and the month-over-month and quarter-over-quarter changes.
///
/// The changes stay relative percentages, as the original's fields were, but each is looked up
/// in the whole history rather than inside the window, so the quarter-over-quarter change
/// exists for months < 3 too: the reference is the latest score older than 30 (90) days and
/// not older than 60 (180) days, so that a stale score does not pass for last month's. The
/// changes in points are given as well.
#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <finml/core/timestamp.hpp>

namespace finml::analytics::health {

struct ScorePoint {
  core::Timestamp calculated_at;
  double score = 0.0;
  std::string grade;
};

struct ScoreChange {
  double percent = 0.0;  ///< (current - reference) / reference x 100, two decimals
  double points = 0.0;   ///< current - reference, two decimals
};

struct ScoreTrend {
  std::vector<ScorePoint> trend_data;  ///< the window's scores, oldest first
  std::optional<double> current_score;  ///< the latest score in the window
  std::optional<ScoreChange> month_over_month;
  std::optional<ScoreChange> quarter_over_quarter;
};

inline constexpr int kDefaultTrendMonths = 6;
inline constexpr int kMaxTrendMonths = 120;

/// How far back history must reach for summarize_trend(): the window or 180 days, the longer.
[[nodiscard]] core::Timestamp trend_history_start(core::Timestamp now, int months) noexcept;

/// `history`: the user's scores since trend_history_start(now, months), oldest first.
[[nodiscard]] ScoreTrend summarize_trend(std::span<const ScorePoint> history, core::Timestamp now, int months);

}  // namespace finml::analytics::health
