#pragma once
/// @file finml/analytics/habits/nudges.hpp
/// Behaviour nudges (seed-api.md 3.7, generate_behavior_nudges), with bugs B16, B17 and B7
/// fixed. In order:
/// - spending change: the last 30 days (today included) against the 30 before, when both have
///   rows; a drop of more than 10 % is praised, a rise of more than 20 % warned about. Rows
///   dated after today are left out (the original counted them in "this month");
/// - savings streak (B16): the number of *consecutive* calendar months, ending at the last
///   complete month, in which the user saved: savings-type rows, or income above expenses
///   (the original counted every month with a savings row, consecutive or not, over all time,
///   and knew nothing of users who save by spending less than they earn, B9); 3 or more earn
///   a nudge;
/// - goal progress for each active goal: a goal without a status counts as active (the
///   real client sends none; the original then ignored every goal, B7), one with a
///   non-positive target is skipped (the original reported 0 %). 48-52 % and 73-77 % are
///   milestones, under 25 % with something saved a reminder;
/// - no-spend days (B17): days without spending among the last 30 days that the user's history
///   covers (the original always divided into 30, counted future-dated rows as spending days,
///   and called the rolling window "this month").
/// At most 10 are reported.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <finml/analytics/habits/rhythm.hpp>
#include <finml/core/date.hpp>
#include <finml/core/transaction.hpp>

namespace finml::analytics::habits {

/// A savings goal as the nudges need it; amounts in major units.
struct NudgeGoal {
  std::string name = "goal";  ///< goal_name, or "goal" as the original
  double target_amount = 0.0;
  double current_amount = 0.0;
  std::optional<std::string> status;  ///< absent: active
};

enum class NudgeKind { kPositiveReinforcement, kWarning, kMilestone, kGoalReminder };
enum class NudgeCategory { kSpendingReduction, kSpendingIncrease, kSavingsStreak, kGoalProgress, kNoSpendDays };
enum class Sentiment { kPositive, kWarning, kNeutral };

struct Nudge {
  NudgeKind kind = NudgeKind::kPositiveReinforcement;
  NudgeCategory category = NudgeCategory::kGoalProgress;
  std::string message;
  Sentiment sentiment = Sentiment::kNeutral;
  std::optional<double> change_percentage;
  std::optional<int> streak_months;
  std::optional<double> progress_percentage;
  std::optional<int> no_spend_days;
};

struct NudgesReport {
  std::vector<Nudge> nudges;  ///< at most 10
  NoSpendDays no_spend;       ///< over the last 30 days the history covers
  /// Spending of the last 30 days and of the 30 before (major units); nullopt when the
  /// period has no row of any type.
  std::optional<double> recent_spending;
  std::optional<double> previous_spending;
  int savings_streak_months = 0;
};

inline constexpr std::size_t kMaxNudges = 10;
/// The rolling "this month" of the original.
inline constexpr int kRecentDays = 30;

/// Nudges as of `today` from the rows and goals. Rows are assumed to share one currency.
[[nodiscard]] NudgesReport generate_nudges(std::span<const core::Transaction> rows, std::span<const NudgeGoal> goals,
                                           core::Date today);

/// Consecutive months, ending at the last complete month before `today`'s, in which the user
/// saved (savings rows, or income above expenses); 0 when that month had no saving.
[[nodiscard]] int savings_streak(std::span<const core::Transaction> rows, core::Date today);

[[nodiscard]] std::string_view to_string(NudgeKind kind) noexcept;
[[nodiscard]] std::string_view to_string(NudgeCategory category) noexcept;
[[nodiscard]] std::string_view to_string(Sentiment sentiment) noexcept;

}  // namespace finml::analytics::habits
