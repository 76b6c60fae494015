#pragma once
/// @file finml/http/json/goal_json.hpp
/// Bodies of the goal-planning routes (/goals/timeline, /goals/reverse-plan and their
/// /api/v1/goals/ twins), in the original's shapes plus the growth assumptions.
#include <optional>
#include <string>

#include <finml/analytics/goals/goal_plan.hpp>
#include <finml/core/date.hpp>
#include <finml/core/error.hpp>
#include <finml/core/money.hpp>

namespace finml::http::json {

struct TimelineInput {
  analytics::goals::TimelineRequest request;
  std::optional<core::Date> as_of;  ///< pins "today"
};

struct ReversePlanInput {
  analytics::goals::ReversePlanRequest request;
  std::optional<core::Date> as_of;
};

/// {target_amount > 0, current_savings >= 0, monthly_savings > 0, annual_return_rate?,
/// inflation_rate?, currency?, as_of?}; amounts are numbers or numeric strings.
[[nodiscard]] core::Result<TimelineInput> read_timeline_request(const std::string& body,
                                                                core::Currency default_currency);
/// {target_amount > 0, current_savings >= 0, target_date, annual_return_rate?, inflation_rate?,
/// currency?, as_of?}.
[[nodiscard]] core::Result<ReversePlanInput> read_reverse_plan_request(const std::string& body,
                                                                       core::Currency default_currency);

[[nodiscard]] std::string write_timeline(const analytics::goals::TimelinePlan& plan,
                                         const analytics::goals::GrowthAssumptions& growth);
[[nodiscard]] std::string write_reverse_plan(const analytics::goals::ReversePlan& plan,
                                             const analytics::goals::GrowthAssumptions& growth);

}  // namespace finml::http::json
