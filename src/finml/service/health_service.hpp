#pragma once
/// @file finml/service/health_service.hpp
/// The health-score use cases: score a user's data and keep the score in their history
/// (POST /api/v1/insights/health-score), the history's trend (GET .../trends/{user_id}) and
/// the comparison with peers (GET .../benchmark/{user_id}).
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <finml/analytics/health/benchmark.hpp>
#include <finml/analytics/health/health_score.hpp>
#include <finml/analytics/health/trends.hpp>
#include <finml/core/error.hpp>
#include <finml/core/ids.hpp>
#include <finml/core/timestamp.hpp>
#include <finml/storage/database.hpp>

namespace finml::service {

struct RecordedHealthScore {
  analytics::health::HealthScore score;
  core::Timestamp calculated_at;
  std::int64_t history_id = 0;  ///< the stored row
};

/// Turns the recommendations into the text kept with the score (JSON, written by the HTTP
/// layer, which owns the JSON libraries).
using RecommendationEncoder = std::function<std::string(std::span<const analytics::health::Recommendation>)>;

/// Scores `input` and appends the score to the user's history (the user is created when the id
/// is new, B20). The score is only answered once it is stored: when the write fails the result
/// is kUnavailable ("could not be saved"), never a score that trends and benchmarks will not
/// know about (the original answered 200 and lost the row).
[[nodiscard]] core::Result<RecordedHealthScore> score_and_record_health(
    storage::Database& database, core::UserId user, const analytics::health::HealthScoreInput& input,
    core::Timestamp now, const RecommendationEncoder& encode_recommendations);

/// The user's trend over the last `months` x 30 days (1..kMaxTrendMonths); an unknown user or
/// one without scores gets an empty trend, not an error.
[[nodiscard]] core::Result<analytics::health::ScoreTrend> health_trend(storage::Database& database, core::UserId user,
                                                                       int months, core::Timestamp now);

struct HealthBenchmark {
  analytics::health::PeerComparison peers;
  analytics::health::AgeGroupMatch age_group;
  std::optional<analytics::health::IncomeBracket> income_bracket;
};

/// The user's latest score against the stored users' latest scores, and the published
/// statistics of the age group. A user without a score gets a benchmark without user_score.
[[nodiscard]] core::Result<HealthBenchmark> health_benchmark(storage::Database& database, core::UserId user,
                                                             std::optional<std::string_view> age_group,
                                                             std::optional<analytics::health::IncomeBracket> income);

}  // namespace finml::service
