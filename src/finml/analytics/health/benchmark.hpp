#pragma once
/// @file finml/analytics/health/benchmark.hpp
/// Peer benchmarks for the health score (seed-api.md 3.5, bug B22 fixed).
///
/// Two kinds of peers, each named in the answer:
/// - Published statistics: the US BLS Consumer Expenditure Survey 2024, Table 1300 (by age of
///   the reference person): income before taxes, average annual expenditures and the shares of
///   five spending categories, shipped as a table below (figures as transcribed in
///   ../shared/reference/domain-anchors.md section 4.1). The original had no such data and fell
///   back to a made-up peer average of 65.
/// - The stored users: the latest score of every user. Their percentile is a real percentile
///   rank once at least kMinimumPeersForPercentile users have a score; below that no percentile
///   and no peer average are given (the original's "percentile" was 50 +- a relative
///   difference to the made-up 65).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace finml::analytics::health {

/// One row of the survey table. Amounts are US dollars per consumer unit per year; shares are
/// percentages of the average annual expenditures.
struct SurveyCategory {
  std::string_view name;
  std::optional<double> annual_amount;
  std::optional<double> share_percent;
};

struct SurveyAgeGroup {
  std::string_view label;  ///< the survey's label: "25-34", "65 and older", "All consumer units"
  double income_before_taxes;
  double average_annual_expenditures;
  SurveyCategory housing;
  SurveyCategory food;
  SurveyCategory transportation;
  SurveyCategory healthcare;
  SurveyCategory entertainment;
};

struct SurveySource {
  std::string_view publisher;
  std::string_view survey;
  int year;
  std::string_view table;
  std::string_view url;
  std::string_view unit;
};

[[nodiscard]] const SurveySource& consumer_expenditure_source() noexcept;
/// "All consumer units": the row used when no age group is given or it cannot be read.
[[nodiscard]] const SurveyAgeGroup& all_consumer_units() noexcept;

/// Which survey row stands for the caller's age group, and how it was chosen.
struct AgeGroupMatch {
  const SurveyAgeGroup* group = nullptr;
  /// "exact" (the survey's own bracket), "contained" (the caller's range lies inside one
  /// bracket, as the original's "25-30"), "nearest" (the bracket holding the range's middle,
  /// or its lower end when it is open), "all" (no age group, or one that could not be read).
  std::string_view matched_by;
};

/// Reads "25-34", "25–34", "25 to 34", "18-24", "under 25", "<25", "65+", "65 and older",
/// "75+", the original's "25-30" or "20-30"; nullopt or unreadable text gives all consumer units.
[[nodiscard]] AgeGroupMatch match_age_group(std::optional<std::string_view> age_group);

/// An income range in currency units per year; `max` absent: open-ended.
struct IncomeBracket {
  double min = 0.0;
  std::optional<double> max;
};

/// Reads "50k-75k", "50-75k", "50000-75000", "$50,000 - $75,000", "100k+", "under 25k";
/// nullopt when the text is none of these.
[[nodiscard]] std::optional<IncomeBracket> parse_income_bracket(std::string_view text);

inline constexpr std::size_t kMinimumPeersForPercentile = 30;

struct PeerComparison {
  std::optional<double> user_score;
  std::size_t peer_count = 0;            ///< stored users with a score, the user included
  std::optional<double> peer_average;    ///< their mean, two decimals, once there are enough
  std::optional<double> percentile;      ///< the user's percentile rank among them, two decimals
  /// "stored_users", "insufficient_peers" or "no_user_score".
  std::string percentile_basis;
  std::string comparison;                ///< one sentence for people
};

/// `latest_scores`: the latest score of every stored user, the user's own included. The
/// percentile rank is (scores below + half the scores equal) / count x 100.
[[nodiscard]] PeerComparison compare_with_peers(std::int64_t user_id, std::optional<double> user_score,
                                                std::span<const double> latest_scores);

}  // namespace finml::analytics::health
