#include <finml/analytics/habits/nudges.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <finml/analytics/habits/common.hpp>
#include <finml/analytics/series/monthly.hpp>
#include <finml/core/text.hpp>

namespace finml::analytics::habits {
namespace {

constexpr double kReductionPercent = -10.0;
constexpr double kIncreasePercent = 20.0;
constexpr int kMinStreak = 3;

bool is_active(const NudgeGoal& goal) {
  if (!goal.status) return true;
  return core::equals_ignoring_ascii_case(*goal.status, "active");
}

struct Period {
  bool any_row = false;
  std::int64_t spending_minor = 0;
};

Period period_between(std::span<const core::Transaction> rows, core::Date from, core::Date to) {
  Period period;
  for (const auto& row : rows) {
    if (row.date < from || row.date > to) continue;
    period.any_row = true;
    if (row.type == core::TransactionType::kExpense) {
      period.spending_minor = series::saturating_add(period.spending_minor, row.amount.minor_units());
    }
  }
  return period;
}

std::optional<Nudge> goal_nudge(const NudgeGoal& goal) {
  if (!is_active(goal) || !(goal.target_amount > 0.0) || !std::isfinite(goal.current_amount)) return std::nullopt;
  const double progress = goal.current_amount / goal.target_amount * 100.0;
  Nudge nudge{.kind = NudgeKind::kMilestone,
              .category = NudgeCategory::kGoalProgress,
              .message = {},
              .sentiment = Sentiment::kPositive,
              .change_percentage = std::nullopt,
              .streak_months = std::nullopt,
              .progress_percentage = progress,
              .no_spend_days = std::nullopt};
  if (progress >= 48.0 && progress <= 52.0) {
    nudge.message = "Halfway there! You've reached 50% of your '" + goal.name + "' target.";
  } else if (progress >= 73.0 && progress <= 77.0) {
    nudge.message = "Almost there! You're at 75% of your '" + goal.name + "' target.";
  } else if (progress < 25.0 && goal.current_amount > 0.0) {
    nudge.kind = NudgeKind::kGoalReminder;
    nudge.sentiment = Sentiment::kNeutral;
    nudge.message = "Increase contributions to '" + goal.name + "' to stay on track.";
  } else {
    return std::nullopt;
  }
  return nudge;
}

}  // namespace

int savings_streak(std::span<const core::Transaction> rows, core::Date today) {
  const core::YearMonth last = series::last_complete_month(today);
  const auto span = series::month_span(rows, {.type = core::TransactionType::kSavings});
  const auto income_span = series::month_span(rows, {.type = core::TransactionType::kIncome});
  // The earliest month that could have saved: before it there is nothing to count.
  std::optional<int> first;
  for (const auto& found : {span, income_span}) {
    if (found) first = std::min(first.value_or(found->first.index()), found->first.index());
  }
  if (!first || *first > last.index()) return 0;
  const core::YearMonth from = core::YearMonth::from_index(*first);
  const auto saved = series::monthly_totals(rows, {.type = core::TransactionType::kSavings}, from, last);
  const auto income = series::monthly_totals(rows, {.type = core::TransactionType::kIncome}, from, last);
  const auto spent = series::monthly_totals(rows, {.type = core::TransactionType::kExpense}, from, last);
  int streak = 0;
  for (std::size_t i = saved.size(); i-- > 0;) {
    const bool saved_rows = saved.minor[i] > 0;
    const bool surplus = income.minor[i] > spent.minor[i];
    if (!saved_rows && !surplus) break;
    ++streak;
  }
  return streak;
}

std::string_view to_string(NudgeKind kind) noexcept {
  switch (kind) {
    case NudgeKind::kPositiveReinforcement: return "positive_reinforcement";
    case NudgeKind::kWarning: return "warning";
    case NudgeKind::kMilestone: return "milestone";
    case NudgeKind::kGoalReminder: return "goal_reminder";
  }
  return "warning";
}

std::string_view to_string(NudgeCategory category) noexcept {
  switch (category) {
    case NudgeCategory::kSpendingReduction: return "spending_reduction";
    case NudgeCategory::kSpendingIncrease: return "spending_increase";
    case NudgeCategory::kSavingsStreak: return "savings_streak";
    case NudgeCategory::kGoalProgress: return "goal_progress";
    case NudgeCategory::kNoSpendDays: return "no_spend_days";
  }
  return "goal_progress";
}

std::string_view to_string(Sentiment sentiment) noexcept {
  switch (sentiment) {
    case Sentiment::kPositive: return "positive";
    case Sentiment::kWarning: return "warning";
    case Sentiment::kNeutral: return "neutral";
  }
  return "neutral";
}

NudgesReport generate_nudges(std::span<const core::Transaction> rows, std::span<const NudgeGoal> goals,
                             core::Date today) {
  NudgesReport report;
  std::vector<Nudge>& out = report.nudges;
  const double scale = minor_per_major(rows);
  const core::Date recent_from = today.plus_days(-(kRecentDays - 1));
  const core::Date previous_to = recent_from.plus_days(-1);
  const core::Date previous_from = previous_to.plus_days(-(kRecentDays - 1));
  const Period recent = period_between(rows, recent_from, today);
  const Period previous = period_between(rows, previous_from, previous_to);
  if (recent.any_row) report.recent_spending = static_cast<double>(recent.spending_minor) / scale;
  if (previous.any_row) report.previous_spending = static_cast<double>(previous.spending_minor) / scale;

  if (recent.any_row && previous.any_row) {
    const double before = *report.previous_spending;
    const double change = before > 0.0 ? (*report.recent_spending - before) / before * 100.0 : 0.0;
    if (change < kReductionPercent) {
      out.push_back({.kind = NudgeKind::kPositiveReinforcement,
                     .category = NudgeCategory::kSpendingReduction,
                     .message = "Great job! You've reduced spending by " + fixed(std::abs(change), 0) +
                                "% over the last 30 days compared with the 30 days before.",
                     .sentiment = Sentiment::kPositive,
                     .change_percentage = change,
                     .streak_months = std::nullopt,
                     .progress_percentage = std::nullopt,
                     .no_spend_days = std::nullopt});
    } else if (change > kIncreasePercent) {
      out.push_back({.kind = NudgeKind::kWarning,
                     .category = NudgeCategory::kSpendingIncrease,
                     .message = "Spending increased by " + fixed(change, 0) +
                                "% over the last 30 days compared with the 30 days before. Review your budget.",
                     .sentiment = Sentiment::kWarning,
                     .change_percentage = change,
                     .streak_months = std::nullopt,
                     .progress_percentage = std::nullopt,
                     .no_spend_days = std::nullopt});
    }
  }

  report.savings_streak_months = savings_streak(rows, today);
  if (report.savings_streak_months >= kMinStreak) {
    out.push_back({.kind = NudgeKind::kPositiveReinforcement,
                   .category = NudgeCategory::kSavingsStreak,
                   .message = "You've saved for " + std::to_string(report.savings_streak_months) +
                              " consecutive months! Keep it up!",
                   .sentiment = Sentiment::kPositive,
                   .change_percentage = std::nullopt,
                   .streak_months = report.savings_streak_months,
                   .progress_percentage = std::nullopt,
                   .no_spend_days = std::nullopt});
  }

  for (const auto& goal : goals) {
    if (auto nudge = goal_nudge(goal)) out.push_back(std::move(*nudge));
  }

  // The last 30 days, but not before the user's first row: days before it say nothing.
  std::optional<core::Date> earliest;
  for (const auto& row : rows) {
    if (row.date <= today && (!earliest || row.date < *earliest)) earliest = row.date;
  }
  const core::Date no_spend_from = earliest ? std::max(*earliest, recent_from) : recent_from;
  report.no_spend = no_spend_days(rows, no_spend_from, today);
  if (recent.any_row && report.no_spend.no_spend_days > 0) {
    const int days = report.no_spend.days;
    out.push_back({.kind = NudgeKind::kPositiveReinforcement,
                   .category = NudgeCategory::kNoSpendDays,
                   .message = "You had " + std::to_string(report.no_spend.no_spend_days) + " no-spend " +
                              (report.no_spend.no_spend_days == 1 ? "day" : "days") + " in the last " +
                              std::to_string(days) + (days == 1 ? " day" : " days") + ". Excellent discipline!",
                   .sentiment = Sentiment::kPositive,
                   .change_percentage = std::nullopt,
                   .streak_months = std::nullopt,
                   .progress_percentage = std::nullopt,
                   .no_spend_days = report.no_spend.no_spend_days});
  }
  if (out.size() > kMaxNudges) out.resize(kMaxNudges);
  return report;
}

}  // namespace finml::analytics::habits
