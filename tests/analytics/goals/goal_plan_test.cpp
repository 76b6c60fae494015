#include <finml/analytics/goals/goal_plan.hpp>

#include <gtest/gtest.h>

namespace finml::analytics::goals {
namespace {

core::Date d(std::string_view text) { return *core::Date::parse_iso(text); }

// seed-api.md 2.6: the original's verified example, today = 2024-12-06.
TEST(GoalTimelineTest, ReproducesTheOriginalsExample) {
  const auto plan = plan_timeline({.target_amount = 50000, .current_savings = 10000, .monthly_savings = 2000, .growth = {}},
                                  d("2024-12-06"));
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->months_needed, 20);
  EXPECT_EQ(plan->target_date, d("2026-08-06"));
  EXPECT_DOUBLE_EQ(plan->amount_needed, 40000);
  EXPECT_DOUBLE_EQ(plan->progress_percentage, 20.0);
  EXPECT_EQ(plan->feasibility.rating, "Moderate");
  ASSERT_EQ(plan->milestones.size(), 4u);
  const int months[] = {5, 10, 15, 20};
  const double amounts[] = {20000, 30000, 40000, 50000};
  const char* dates[] = {"2025-05-06", "2025-10-06", "2026-03-06", "2026-08-06"};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(plan->milestones[i].months_from_start, months[i]);
    EXPECT_DOUBLE_EQ(plan->milestones[i].amount, amounts[i]);
    EXPECT_EQ(plan->milestones[i].expected_date, d(dates[i]));
  }
}

TEST(GoalTimelineTest, RatesFeasibilityAsTheOriginal) {
  EXPECT_EQ(rate_feasibility(12, 999.99).rating, "Excellent");
  EXPECT_EQ(rate_feasibility(12, 1000).rating, "Good");
  EXPECT_EQ(rate_feasibility(24, 1999).score, 70);
  EXPECT_EQ(rate_feasibility(36, 5000).rating, "Moderate");
  EXPECT_EQ(rate_feasibility(60, 5000).rating, "Challenging");
  EXPECT_EQ(rate_feasibility(61, 1).rating, "Very Challenging");
}

TEST(GoalTimelineTest, GrowthShortensThePlanAndInflationLengthensIt) {
  const TimelineRequest base{.target_amount = 500000, .current_savings = 85000, .monthly_savings = 15000, .growth = {}};
  const auto flat = plan_timeline(base, d("2026-01-15"));
  TimelineRequest with_return = base;
  with_return.growth.annual_return_rate = 0.08;
  const auto growing = plan_timeline(with_return, d("2026-01-15"));
  TimelineRequest with_inflation = base;
  with_inflation.growth.inflation_rate = 0.06;
  const auto inflating = plan_timeline(with_inflation, d("2026-01-15"));
  ASSERT_TRUE(flat && growing && inflating);
  EXPECT_EQ(flat->months_needed, 28);  // ceil(415000 / 15000)
  EXPECT_LT(growing->months_needed, flat->months_needed);
  EXPECT_GT(inflating->months_needed, flat->months_needed);
  EXPECT_GT(inflating->inflation_adjusted_target, 500000);
  EXPECT_GE(growing->projected_balance, 500000);
  EXPECT_EQ(growing->milestones.back().months_from_start, growing->months_needed);
}

TEST(GoalTimelineTest, RefusesImpossibleInput) {
  const core::Date today = d("2026-01-01");
  EXPECT_EQ(plan_timeline({.target_amount = 100, .current_savings = 100, .monthly_savings = 10, .growth = {}}, today)
                .error()
                .message,
            "target_amount must be greater than current_savings");
  EXPECT_FALSE(plan_timeline({.target_amount = 1e15, .current_savings = 0, .monthly_savings = 0.01, .growth = {}}, today));
  EXPECT_FALSE(plan_timeline({.target_amount = 100, .current_savings = 0, .monthly_savings = 10, .growth = {.annual_return_rate = 5, .inflation_rate = 0}},
                             today));
}

// seed-api.md 2.7, with the days of the partial month now counted (bug B5).
TEST(GoalReversePlanTest, CountsThePartialMonthsDays) {
  const auto plan = plan_reverse({.target_amount = 50000, .current_savings = 10000, .target_date = d("2026-12-31"), .growth = {}},
                                 d("2024-12-06"));
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->months_available, 24);
  EXPECT_NEAR(plan->months_available_exact, 24 + 25.0 / 31.0, 1e-9);
  EXPECT_NEAR(plan->required_monthly_savings, 40000 / (24 + 25.0 / 31.0), 1e-9);
  EXPECT_EQ(plan->feasibility.rating, "Good");
  ASSERT_EQ(plan->alternatives.size(), 2u);
  EXPECT_EQ(plan->alternatives[0].scenario, "Aggressive");
  EXPECT_EQ(plan->alternatives[0].months_needed, 17);
  EXPECT_EQ(plan->alternatives[1].months_needed, 34);
  EXPECT_EQ(plan->milestones.back().months_from_start, 25);
  // The plan ends on the target date, so its last milestone does too (whole months put it on
  // 2027-01-06, after the date the user asked for).
  EXPECT_EQ(plan->milestones.back().expected_date, d("2026-12-31"));
}

TEST(GoalReversePlanTest, MilestonesKeepTheOriginalsDatesForWholeMonths) {
  const auto plan = plan_reverse({.target_amount = 50000, .current_savings = 10000, .target_date = d("2026-12-06"), .growth = {}},
                                 d("2024-12-06"));
  ASSERT_TRUE(plan);
  ASSERT_EQ(plan->milestones.size(), 4u);
  const char* expected[] = {"2025-06-06", "2025-12-06", "2026-06-06", "2026-12-06"};
  const int months[] = {6, 12, 18, 24};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(plan->milestones[i].expected_date, d(expected[i])) << i;
    EXPECT_EQ(plan->milestones[i].months_from_start, months[i]) << i;
  }
}

TEST(GoalReversePlanTest, NoMilestoneFallsAfterTheTargetDate) {
  for (const char* target : {"2026-01-21", "2026-02-28", "2027-03-01", "2031-07-15"}) {
    for (const double rate : {0.0, 0.08}) {
      ReversePlanRequest request{.target_amount = 1000, .current_savings = 400, .target_date = d(target), .growth = {}};
      request.growth.annual_return_rate = rate;
      const auto plan = plan_reverse(request, d("2026-01-06"));
      ASSERT_TRUE(plan) << target;
      core::Date previous = d("2026-01-06");
      for (const auto& milestone : plan->milestones) {
        EXPECT_LE(milestone.expected_date, d(target)) << target << " " << milestone.percentage;
        EXPECT_GE(milestone.expected_date, previous) << target << " " << milestone.percentage;
        previous = milestone.expected_date;
      }
      EXPECT_EQ(plan->milestones.back().expected_date, d(target)) << target << " rate " << rate;
      ASSERT_EQ(plan->alternatives.size(), 2u);
      EXPECT_LE(plan->alternatives[0].target_date, d(target)) << "the aggressive scenario is not faster";
      EXPECT_GE(plan->alternatives[1].target_date, d(target)) << "the conservative scenario is not slower";
    }
  }
}

TEST(GoalReversePlanTest, AnswersADateLessThanAMonthAway) {
  // The original answered HTTP 500 here.
  const auto plan = plan_reverse({.target_amount = 1000, .current_savings = 400, .target_date = d("2026-01-21"), .growth = {}},
                                 d("2026-01-06"));
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->months_available, 0);
  EXPECT_EQ(plan->days_available, 15);
  EXPECT_NEAR(plan->months_available_exact, 15.0 / 31.0, 1e-9);
  EXPECT_NEAR(plan->required_monthly_savings, 600 / (15.0 / 31.0), 1e-6);
}

TEST(GoalReversePlanTest, RefusesPastAndFarDates) {
  const core::Date today = d("2026-01-06");
  EXPECT_EQ(plan_reverse({.target_amount = 10, .current_savings = 0, .target_date = today, .growth = {}}, today).error().message,
            "goal_date must be in the future");
  EXPECT_FALSE(plan_reverse({.target_amount = 10, .current_savings = 0, .target_date = d("2060-01-01"), .growth = {}}, today));
}

TEST(GoalReversePlanTest, GrowthLowersTheRequiredSaving) {
  const ReversePlanRequest base{.target_amount = 300000, .current_savings = 120000, .target_date = d("2029-06-30"), .growth = {}};
  ReversePlanRequest with_return = base;
  with_return.growth.annual_return_rate = 0.07;
  const auto flat = plan_reverse(base, d("2026-06-30"));
  const auto growing = plan_reverse(with_return, d("2026-06-30"));
  ASSERT_TRUE(flat && growing);
  EXPECT_NEAR(flat->required_monthly_savings, 5000, 1e-9);
  EXPECT_LT(growing->required_monthly_savings, flat->required_monthly_savings);
}

}  // namespace
}  // namespace finml::analytics::goals
