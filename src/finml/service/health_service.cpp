#include <finml/service/health_service.hpp>

namespace finml::service {

namespace health = analytics::health;

core::Result<RecordedHealthScore> score_and_record_health(storage::Database& database, core::UserId user,
                                                          const health::HealthScoreInput& input, core::Timestamp now,
                                                          const RecommendationEncoder& encode_recommendations) {
  auto score = health::score_health(input);
  if (!score) return std::unexpected(std::move(score.error()));

  const storage::HealthScoreRecord record{
      .id = 0,
      .user_id = user,
      .score = score->overall_score,
      .grade = score->grade,
      .savings_rate_score = score->savings_rate.score,
      .expense_consistency_score = score->expense_consistency.score,
      .emergency_fund_score = score->emergency_fund.score,
      .debt_ratio_score = score->debt_to_income.score,
      .goal_progress_score = score->goal_progress.score,
      .recommendations_json = encode_recommendations(score->recommendations),
      .calculated_at = now,
  };
  auto stored = database.health_scores().append(record);
  if (!stored) {
    // B20: a score that is not in the history must not look stored. The storage error's own
    // text stays out of the answer (it may name the driver or the schema).
    return core::fail(core::ErrorCode::kUnavailable,
                      "The health score could not be saved to the score history; nothing was stored, try again");
  }
  return RecordedHealthScore{std::move(*score), now, *stored};
}

core::Result<health::ScoreTrend> health_trend(storage::Database& database, core::UserId user, int months,
                                              core::Timestamp now) {
  auto rows = database.health_scores().list_since(user, health::trend_history_start(now, months));
  if (!rows) return std::unexpected(std::move(rows.error()));
  std::vector<health::ScorePoint> history;
  history.reserve(rows->size());
  for (auto& row : *rows) {
    // A row without a grade (never written by finml) gets the grade of its score rather than
    // failing the answer (B21).
    std::string grade = row.grade.empty() ? health::grade_of(row.score) : std::move(row.grade);
    history.push_back({row.calculated_at, row.score, std::move(grade)});
  }
  return health::summarize_trend(history, now, months);
}

core::Result<HealthBenchmark> health_benchmark(storage::Database& database, core::UserId user,
                                               std::optional<std::string_view> age_group,
                                               std::optional<health::IncomeBracket> income) {
  auto latest = database.health_scores().latest(user);
  if (!latest) return std::unexpected(std::move(latest.error()));
  auto peers = database.health_scores().latest_scores_of_all_users();
  if (!peers) return std::unexpected(std::move(peers.error()));
  std::optional<double> user_score;
  if (*latest) user_score = (*latest)->score;
  return HealthBenchmark{health::compare_with_peers(user.value(), user_score, *peers),
                         health::match_age_group(age_group), income};
}

}  // namespace finml::service
