#pragma once
/// @file finml/analytics/health/health_score.hpp
/// The financial health score (seed-api.md 3.4): five weighted components (savings rate 0.30,
/// expense consistency 0.25, emergency fund 0.20, debt to income 0.15, goal progress 0.10),
/// each 0..100 from piecewise-linear bands, an overall score 0..100 with two decimals, a
/// grade A..F and recommendations, with the original's bugs B7 and B19 fixed:
///
/// - Income and expenses are counted over the same calendar months: every month from the first
///   to the last one holding income or expenses, months without rows counting as zero (the
///   original averaged income months and expense months separately). The month still running
///   on `today` is left out while earlier months already hold both income and expenses: a few
///   days of spending are not a month.
/// - `monthly_savings` is the average monthly surplus (income - expenses) over those months,
///   not the whole-period surplus, and may be negative.
/// - Every band table is continuous and lower-inclusive: the savings score rises from 90 at a
///   30 % savings rate to 100 at 40 % instead of jumping; the debt bands use a slope of 4/3
///   (the original's 1.33 left steps of 0.05 at 35 % and 50 %).
/// - Goals without a status, or with a null status, are active; a negative current amount
///   counts as 0; a goal without a positive target cannot be measured and is left out.
/// - The grade is taken from the overall score as reported (two decimals), so they agree.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include <finml/core/date.hpp>
#include <finml/core/error.hpp>
#include <finml/core/transaction.hpp>

namespace finml::analytics::health {

/// A savings goal as the health score reads it; amounts in major units.
struct GoalProgressInput {
  std::optional<std::string> status{};  ///< absent or null: active
  std::optional<double> current_amount{};
  std::optional<double> target_amount{};
};

struct HealthScoreInput {
  /// One currency; the amounts' signs are kept (a negative expense is a refund).
  std::span<const core::Transaction> transactions{};
  int currency_exponent = 2;
  /// How messages name the currency: the original's "Rs." for INR, else the ISO code.
  std::string currency_label = "Rs.";
  double emergency_savings = 0.0;     ///< >= 0, major units
  double monthly_debt_payment = 0.0;  ///< >= 0, major units
  std::vector<GoalProgressInput> goals{};
  core::Date today{};  ///< decides whether the last month is still running
};

/// A value in a component's `details` object: a number (already rounded as it is reported),
/// a count, or a word.
using DetailValue = std::variant<double, std::int64_t, std::string>;
struct Detail {
  std::string key;
  DetailValue value;
};

struct ComponentScore {
  double score = 0.0;  ///< 0..100, two decimals
  double weight = 0.0;
  std::string status;
  std::vector<Detail> details;  ///< in the original's key order
};

struct Recommendation {
  std::string category;
  std::string priority;  ///< "high" or "medium"
  std::string message;
};

struct HealthScore {
  double overall_score = 0.0;  ///< 0..100, two decimals
  std::string grade;           ///< A, B, C, D or F
  ComponentScore savings_rate;
  ComponentScore expense_consistency;
  ComponentScore emergency_fund;
  ComponentScore debt_to_income;
  ComponentScore goal_progress;
  std::vector<Recommendation> recommendations;
  /// The months the averages are taken over.
  core::YearMonth first_month;
  core::YearMonth last_month;
  int months = 0;
  bool running_month_excluded = false;
};

/// The weights of the original (its HEALTH_SCORE_WEIGHT_* settings were never read).
inline constexpr double kSavingsRateWeight = 0.30;
inline constexpr double kExpenseConsistencyWeight = 0.25;
inline constexpr double kEmergencyFundWeight = 0.20;
inline constexpr double kDebtToIncomeWeight = 0.15;
inline constexpr double kGoalProgressWeight = 0.10;

/// Scores `input`. Fails with kInvalidArgument "No transaction data provided" when there are no
/// transactions, and "Insufficient income or expense data" when there is no income or no
/// expense row.
[[nodiscard]] core::Result<HealthScore> score_health(const HealthScoreInput& input);

/// The component curves, exposed for tests: each maps its measure to 0..100 (unrounded).
[[nodiscard]] double savings_rate_points(double savings_rate_percent) noexcept;
[[nodiscard]] double expense_consistency_points(double coefficient_of_variation_percent) noexcept;
[[nodiscard]] double emergency_fund_points(double months_covered) noexcept;
[[nodiscard]] double debt_to_income_points(double debt_to_income_percent) noexcept;
/// A..F from a 0..100 score: >= 90 A, >= 80 B, >= 70 C, >= 60 D, else F.
[[nodiscard]] std::string grade_of(double score);

}  // namespace finml::analytics::health
