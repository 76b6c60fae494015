#include <finml/analytics/goals/goal_plan.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include <finml/core/money.hpp>

namespace finml::analytics::goals {
namespace {

using core::Date;
using core::ErrorCode;

constexpr int kMilestonePercentages[] = {25, 50, 75, 100};
constexpr double kAggressiveFactor = 1.5;
constexpr double kConservativeFactor = 0.75;

bool has_growth(const GrowthAssumptions& growth) {
  return growth.annual_return_rate != 0.0 || growth.inflation_rate != 0.0;
}

// Balance after n months of contributions paid at each month's end, with the savings and the
// contributions earning the nominal annual rate compounded monthly.
double balance_after(double current, double monthly, double annual_return, double months) {
  const double rate = annual_return / 12.0;
  if (rate == 0.0) return current + monthly * months;
  const double growth = std::pow(1.0 + rate, months);
  return current * growth + monthly * (growth - 1.0) / rate;
}

// The target in money of `months` from now.
double inflated(double amount, double inflation, double months) {
  return inflation == 0.0 ? amount : amount * std::pow(1.0 + inflation, months / 12.0);
}

// The first whole month at which the balance reaches the (inflating) amount; nullopt when it
// does not within kMaxPlanMonths.
std::optional<int> months_to_reach(double current, double monthly, double amount,
                                   const GrowthAssumptions& growth) {
  if (!has_growth(growth)) {
    // The original's closed form, kept exactly: ceil(needed / monthly).
    const double needed = amount - current;
    if (needed <= 0.0) return 0;
    if (monthly <= 0.0) return std::nullopt;
    const double months = std::ceil(needed / monthly);
    if (months > kMaxPlanMonths) return std::nullopt;
    return static_cast<int>(months);
  }
  for (int month = 0; month <= kMaxPlanMonths; ++month) {
    const double m = static_cast<double>(month);
    if (balance_after(current, monthly, growth.annual_return_rate, m) >=
        inflated(amount, growth.inflation_rate, m)) {
      return month;
    }
  }
  return std::nullopt;
}

core::Result<void> validate_amounts(double target, double current) {
  if (!std::isfinite(target) || !std::isfinite(current) || target < 0.0 || current < 0.0) {
    return core::fail(ErrorCode::kInvalidArgument, "amounts must be non-negative numbers");
  }
  if (target > kMaxAmount || current > kMaxAmount) {
    return core::fail(ErrorCode::kInvalidArgument, "amounts must not exceed 1e15");
  }
  if (target <= current) {
    return core::fail(ErrorCode::kInvalidArgument, "target_amount must be greater than current_savings");
  }
  return {};
}

core::Result<void> validate_growth(const GrowthAssumptions& growth) {
  const auto check = [](double rate, std::string_view name) -> core::Result<void> {
    if (!std::isfinite(rate) || rate <= -1.0 || rate > 1.0) {
      return core::fail(ErrorCode::kInvalidArgument,
                        std::string(name) + " must be a yearly fraction above -1 and at most 1 (0.05 means 5%)");
    }
    return {};
  };
  if (auto ok = check(growth.annual_return_rate, "annual_return_rate"); !ok) return ok;
  return check(growth.inflation_rate, "inflation_rate");
}

// Milestones at 25/50/75/100% of the way from the current savings to `final_target`.
std::vector<Milestone> milestones_for(double current, double final_target, double monthly,
                                      const GrowthAssumptions& growth, Date today) {
  std::vector<Milestone> milestones;
  const double needed = final_target - current;
  for (const int percentage : kMilestonePercentages) {
    const double share = needed * percentage / 100.0;
    int months = 0;
    if (monthly > 0.0 || has_growth(growth)) {
      // Reaching a share of a fixed final amount: no further inflation of the share itself.
      const GrowthAssumptions no_inflation{growth.annual_return_rate, 0.0};
      months = months_to_reach(current, monthly, current + share, no_inflation).value_or(kMaxPlanMonths);
    }
    milestones.push_back({.percentage = percentage,
                          .amount = core::round_decimal(current + share, 2),
                          .months_from_start = months,
                          .expected_date = core::add_months_clamped(today, months)});
  }
  return milestones;
}

}  // namespace

Feasibility rate_feasibility(int months, double monthly_amount) noexcept {
  if (months <= 12 && monthly_amount < 1000) {
    return {85, "Excellent", "This goal is highly achievable with your current savings plan"};
  }
  if (months <= 24 && monthly_amount < 2000) {
    return {70, "Good", "This goal is achievable with consistent savings"};
  }
  if (months <= 36) return {55, "Moderate", "This goal requires commitment but is achievable"};
  if (months <= 60) return {40, "Challenging", "This is an ambitious goal that will require dedication"};
  return {25, "Very Challenging", "Consider breaking this into smaller milestones"};
}

core::Result<TimelinePlan> plan_timeline(const TimelineRequest& request, Date today) {
  if (auto ok = validate_amounts(request.target_amount, request.current_savings); !ok) {
    return std::unexpected(ok.error());
  }
  if (auto ok = validate_growth(request.growth); !ok) return std::unexpected(ok.error());
  if (!(request.monthly_savings > 0.0) || request.monthly_savings > kMaxAmount) {
    return core::fail(ErrorCode::kInvalidArgument, "monthly_savings must be greater than 0");
  }
  const auto months = months_to_reach(request.current_savings, request.monthly_savings,
                                      request.target_amount, request.growth);
  if (!months) {
    return core::fail(ErrorCode::kInvalidArgument,
                      "at this monthly saving the goal takes more than " +
                          std::to_string(kMaxPlanMonths / 12) + " years; save more each month");
  }
  const double months_d = static_cast<double>(*months);
  const double final_target = inflated(request.target_amount, request.growth.inflation_rate, months_d);
  TimelinePlan plan{
      .target_amount = request.target_amount,
      .current_savings = request.current_savings,
      .amount_needed = request.target_amount - request.current_savings,
      .monthly_savings = request.monthly_savings,
      .months_needed = *months,
      .target_date = core::add_months_clamped(today, *months),
      .progress_percentage = core::round_decimal(request.current_savings / request.target_amount * 100.0, 2),
      .feasibility = rate_feasibility(*months, request.monthly_savings),
      .milestones = milestones_for(request.current_savings, final_target, request.monthly_savings,
                                   request.growth, today),
      .inflation_adjusted_target = final_target,
      .total_contributions = request.monthly_savings * months_d,
      .projected_balance = balance_after(request.current_savings, request.monthly_savings,
                                         request.growth.annual_return_rate, months_d),
  };
  return plan;
}

// The calendar date `months` (fractional) after `today`: whole months by the calendar, then
// the fraction of the next month's days, rounded up to a whole day.
Date date_after_months(Date today, double months) {
  const int whole = static_cast<int>(std::floor(months + 1e-9));
  const Date anchor = core::add_months_clamped(today, whole);
  const double fraction = std::max(0.0, months - whole);
  if (fraction < 1e-9) return anchor;
  const double month_length =
      static_cast<double>(core::days_between(anchor, core::add_months_clamped(today, whole + 1)));
  return anchor.plus_days(static_cast<std::int64_t>(std::ceil(fraction * month_length - 1e-6)));
}

// Milestones of a reverse plan, on the plan's own schedule: `monthly` saved for `months_exact`
// months lands on the target date exactly, so no milestone may fall after it (with whole
// months only, the last one did whenever the target date was not a whole number of months
// away).
std::vector<Milestone> reverse_plan_milestones(double current, double final_target, double monthly,
                                               const GrowthAssumptions& growth, Date today,
                                               double months_exact, Date target_date) {
  std::vector<Milestone> milestones;
  const double needed = final_target - current;
  for (const int percentage : kMilestonePercentages) {
    const double amount = current + needed * percentage / 100.0;
    // The (fractional) month the balance reaches `amount`: bisection, since the balance grows
    // monotonically with time.
    double low = 0.0;
    double high = months_exact;
    for (int i = 0; i < 60; ++i) {
      const double middle = 0.5 * (low + high);
      if (balance_after(current, monthly, growth.annual_return_rate, middle) >= amount - 1e-9) {
        high = middle;
      } else {
        low = middle;
      }
    }
    const Date reached = std::min(date_after_months(today, high), target_date);
    milestones.push_back({.percentage = percentage,
                          .amount = core::round_decimal(amount, 2),
                          .months_from_start = static_cast<int>(std::ceil(high - 1e-6)),
                          .expected_date = reached});
  }
  return milestones;
}

core::Result<ReversePlan> plan_reverse(const ReversePlanRequest& request, Date today) {
  if (auto ok = validate_amounts(request.target_amount, request.current_savings); !ok) {
    return std::unexpected(ok.error());
  }
  if (auto ok = validate_growth(request.growth); !ok) return std::unexpected(ok.error());
  const std::int64_t days = core::days_between(today, request.target_date);
  if (days <= 0) return core::fail(ErrorCode::kInvalidArgument, "goal_date must be in the future");
  if (days > kMaxReversePlanDays) {
    return core::fail(ErrorCode::kInvalidArgument, "goal_date is too far in the future (max 30 years)");
  }

  // Whole months, then the days left over as a fraction of the month they fall in.
  const int whole = core::whole_months_between(today, request.target_date);
  const Date anchor = core::add_months_clamped(today, whole);
  const Date next = core::add_months_clamped(today, whole + 1);
  const double leftover = static_cast<double>(core::days_between(anchor, request.target_date));
  const double month_length = static_cast<double>(core::days_between(anchor, next));
  const double months_exact = whole + leftover / month_length;

  const auto& growth = request.growth;
  const double target = inflated(request.target_amount, growth.inflation_rate, months_exact);
  const double rate = growth.annual_return_rate / 12.0;
  double required = 0.0;
  if (rate == 0.0) {
    required = (target - request.current_savings) / months_exact;
  } else {
    const double factor = std::pow(1.0 + rate, months_exact);
    required = (target - request.current_savings * factor) / ((factor - 1.0) / rate);
  }
  required = std::max(0.0, required);

  ReversePlan plan{
      .target_amount = request.target_amount,
      .current_savings = request.current_savings,
      .amount_needed = request.target_amount - request.current_savings,
      .target_date = request.target_date,
      .months_available = whole,
      .days_available = static_cast<int>(days),
      .months_available_exact = months_exact,
      .required_monthly_savings = required,
      .feasibility = rate_feasibility(whole, required),
      .alternatives = {},
      .milestones = reverse_plan_milestones(request.current_savings, target, required, growth, today,
                                            months_exact, request.target_date),
      .inflation_adjusted_target = target,
  };
  const struct {
    std::string_view scenario;
    double factor;
    std::string_view description;
  } scenarios[] = {
      {"Aggressive", kAggressiveFactor, "Reach your goal faster with increased savings"},
      {"Conservative", kConservativeFactor, "More flexible timeline with lower monthly commitment"},
  };
  for (const auto& scenario : scenarios) {
    const double monthly = required * scenario.factor;
    const auto months = months_to_reach(request.current_savings, monthly, request.target_amount, growth);
    if (!months) continue;
    // The date within the last month when the goal is reached (the month count stays whole,
    // as the original's), so that a faster scenario never shows a later date than the plan.
    double low = std::max(0, *months - 1);
    double high = *months;
    for (int i = 0; i < 60 && *months > 0; ++i) {
      const double middle = 0.5 * (low + high);
      if (balance_after(request.current_savings, monthly, growth.annual_return_rate, middle) >=
          inflated(request.target_amount, growth.inflation_rate, middle) - 1e-9) {
        high = middle;
      } else {
        low = middle;
      }
    }
    plan.alternatives.push_back({.scenario = scenario.scenario,
                                 .monthly_savings = monthly,
                                 .months_needed = *months,
                                 .target_date = date_after_months(today, high),
                                 .description = scenario.description});
  }
  return plan;
}

}  // namespace finml::analytics::goals
