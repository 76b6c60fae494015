#pragma once
/// @file finml/analytics/goals/goal_plan.hpp
/// Savings-goal plans: how long a monthly saving takes to reach a target (timeline), and how
/// much a month reaches it by a date (reverse plan), with milestones, a feasibility rating and
/// alternative scenarios. Optional growth (an annual return compounded monthly) and inflation
/// (which raises the target over time); with both at zero the numbers are the original
/// service's (seed-api.md section 3.8), except that a reverse plan counts the days of a
/// partial month instead of ignoring them (bug B5).
/// Pure: amounts are doubles in major units, "today" is an argument.
#include <string_view>
#include <vector>

#include <finml/core/date.hpp>
#include <finml/core/error.hpp>

namespace finml::analytics::goals {

/// Longest plan answered: beyond it a date is meaningless (and would overflow the calendar).
inline constexpr int kMaxPlanMonths = 100 * 12;
/// Latest target date a reverse plan accepts, as the original: 30 years of 365 days.
inline constexpr int kMaxReversePlanDays = 365 * 30;
/// Largest amount accepted, as the original.
inline constexpr double kMaxAmount = 1e15;

struct GrowthAssumptions {
  double annual_return_rate = 0.0;  ///< 0.05 = 5 % a year, compounded monthly
  double inflation_rate = 0.0;      ///< 0.03 = 3 % a year; the target grows with it
};

struct Feasibility {
  int score = 0;
  std::string_view rating;
  std::string_view message;
};

struct Milestone {
  int percentage = 0;
  double amount = 0.0;
  int months_from_start = 0;
  core::Date expected_date;
};

struct TimelineRequest {
  double target_amount = 0.0;
  double current_savings = 0.0;
  double monthly_savings = 0.0;
  GrowthAssumptions growth;
};

struct TimelinePlan {
  double target_amount = 0.0;
  double current_savings = 0.0;
  double amount_needed = 0.0;
  double monthly_savings = 0.0;
  int months_needed = 0;
  core::Date target_date;
  double progress_percentage = 0.0;
  Feasibility feasibility;
  std::vector<Milestone> milestones;
  /// The target in money of the month it is reached (equals target_amount without inflation).
  double inflation_adjusted_target = 0.0;
  double total_contributions = 0.0;  ///< monthly_savings * months_needed
  double projected_balance = 0.0;    ///< savings plus contributions plus growth at the end
};

struct ReversePlanRequest {
  double target_amount = 0.0;
  double current_savings = 0.0;
  core::Date target_date;
  GrowthAssumptions growth;
};

struct Alternative {
  std::string_view scenario;  ///< "Aggressive" or "Conservative"
  double monthly_savings = 0.0;
  int months_needed = 0;
  core::Date target_date;
  std::string_view description;
};

struct ReversePlan {
  double target_amount = 0.0;
  double current_savings = 0.0;
  double amount_needed = 0.0;
  core::Date target_date;
  int months_available = 0;             ///< whole calendar months until the target date
  int days_available = 0;
  double months_available_exact = 0.0;  ///< with the days of the last partial month
  double required_monthly_savings = 0.0;
  Feasibility feasibility;
  std::vector<Alternative> alternatives;
  std::vector<Milestone> milestones;
  double inflation_adjusted_target = 0.0;
};

/// Fails with kInvalidArgument (as the original's 400s) when the target is not above the
/// savings, an amount is out of range, or the goal takes longer than kMaxPlanMonths.
[[nodiscard]] core::Result<TimelinePlan> plan_timeline(const TimelineRequest& request, core::Date today);

/// Fails with kInvalidArgument when the target is not above the savings, an amount is out of
/// range, or the date is not in the future or more than kMaxReversePlanDays away.
[[nodiscard]] core::Result<ReversePlan> plan_reverse(const ReversePlanRequest& request, core::Date today);

/// The original's rating of a plan of `months` at `monthly_amount` a month.
[[nodiscard]] Feasibility rate_feasibility(int months, double monthly_amount) noexcept;

}  // namespace finml::analytics::goals
