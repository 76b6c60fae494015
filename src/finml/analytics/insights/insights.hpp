#pragma once
/// @file finml/analytics/insights/insights.hpp
/// Spending insights (POST /insights, seed-api.md 2.4 and 3.1): totals and top categories,
/// monthly averages, high-spending categories, savings opportunities, unusual transactions,
/// category trends, weekend-versus-weekday spending and no-spend days, with simple
/// predictions and recommendations. Pure: "today" is an argument.
///
/// Where finml differs from the original (docs/api.md "Insights"):
/// - B10: figures labelled monthly are per month: a savings opportunity is 20 % of the
///   category's monthly average, the savings goal 20 % of the monthly income;
/// - B11: monthly averages divide by the months the history covers, a partial first or last
///   month counting as the share of its days covered (at least 1 month in all);
/// - B12: trends compare the earlier and the later half of the history by time, per month;
///   unusual transactions are found with the median and the median absolute deviation
///   (robust to the outlier itself), expenses on the high side and incomes on the low side,
///   and both anomalies and trends are ranked by severity before being cut.
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include <finml/analytics/habits/rhythm.hpp>
#include <finml/core/date.hpp>
#include <finml/core/transaction.hpp>

namespace finml::analytics::insights {

/// Share of total spending above which a category is "high spending" (percent).
inline constexpr double kHighSpendingPercent = 50.0;
/// Share of total spending above which a category is a savings opportunity (percent).
inline constexpr double kOpportunityPercent = 15.0;
/// The cut a savings opportunity suggests, and the savings rate the savings goal aims at.
inline constexpr double kSuggestedReduction = 0.20;
inline constexpr double kTargetSavingsRatePercent = 20.0;
/// A robust z-score (Iglewicz and Hoaglin's modified z) beyond which a row is unusual.
inline constexpr double kAnomalyScore = 3.5;
/// Rows a category needs before one of them can be called unusual (the original's 3).
inline constexpr std::size_t kMinRowsForAnomaly = 3;
/// Expense rows, and days of history, that a trend needs (each half at least two weeks).
inline constexpr std::size_t kMinRowsForTrend = 10;
inline constexpr int kMinDaysForTrend = 28;
/// Change of the monthly rate beyond which a category is trending (percent).
inline constexpr double kTrendPercent = 20.0;
/// Days of history that the weekend and no-spend-day insights need, and the no-spend window.
inline constexpr int kMinDaysForRhythm = 14;
inline constexpr int kNoSpendWindowDays = 30;
/// How many of each kind are kept, the most severe first (the original's limits).
inline constexpr std::size_t kMaxAnomalies = 3;
inline constexpr std::size_t kMaxTrends = 2;
inline constexpr std::size_t kMaxTopCategories = 5;
inline constexpr std::size_t kMaxRecommendations = 5;
/// Average days per month of the Gregorian calendar, for per-month rates of day spans.
inline constexpr double kDaysPerMonth = 365.2425 / 12.0;

enum class InsightType { kHighSpending, kSavingsOpportunity, kAnomaly, kTrend, kWeekendSpending, kNoSpendDays };
enum class Severity { kInfo, kWarning, kAlert };
enum class TrendDirection { kIncreasing, kDecreasing };

/// The numbers behind each kind of insight (major units; "monthly" = per month of history).
struct CategoryShareDetails {
  double total = 0.0;            ///< the category's spending over the whole history
  double monthly_average = 0.0;  ///< total / months covered
};
struct AnomalyDetails {
  core::TransactionType transaction_type = core::TransactionType::kExpense;
  bool above_typical = true;  ///< false: unusually low (incomes)
  double typical_amount = 0.0;  ///< the category's median row
  double score = 0.0;           ///< the modified z-score: 0.6745 (x − median) / MAD
  std::size_t category_rows = 0;
};
struct TrendDetails {
  core::Date earlier_from, earlier_to, recent_from, recent_to;
  double earlier_total = 0.0, recent_total = 0.0;
  double earlier_monthly = 0.0, recent_monthly = 0.0;  ///< totals per month of each half
};
using InsightDetails = std::variant<std::monostate, CategoryShareDetails, AnomalyDetails, TrendDetails,
                                    habits::WeekdayWeekendSpending, habits::NoSpendDays>;

/// One insight; unset members are written as null (the original's 10 keys).
struct Insight {
  InsightType type = InsightType::kHighSpending;
  std::string message;
  Severity severity = Severity::kInfo;
  std::optional<std::string> category;
  std::optional<double> amount;
  std::optional<double> percentage;
  std::optional<double> potential_savings;
  std::optional<core::Date> date;
  std::optional<TrendDirection> trend;
  std::optional<double> change_percentage;
  InsightDetails details;
};

struct CategoryTotal {
  std::string category;
  double amount = 0.0;
  double percentage = 0.0;  ///< of total expenses
};

struct MonthlyAverage {
  double income = 0.0;
  double expenses = 0.0;
  double savings = 0.0;  ///< income − expenses, as the original
};

struct SpendingPatterns {
  double total_income = 0.0;
  double total_expenses = 0.0;
  double total_savings = 0.0;  ///< savings-type rows
  double savings_rate = 0.0;   ///< (income − expenses) / income · 100; 0 without income
  std::vector<CategoryTotal> top_categories;
  MonthlyAverage monthly_average;
  double months_covered = 0.0;  ///< what the monthly figures divide by (B11); 0 without rows
  std::optional<core::Date> first_date;
  std::optional<core::Date> last_date;
};

struct Predictions {
  double next_month_expense = 0.0;
  double next_month_income = 0.0;
  double confidence = 0.0;
};

enum class Priority { kLow, kMedium, kHigh };

struct Recommendation {
  std::string type;  ///< budget_alert, savings_goal, tracking
  std::string message;
  Priority priority = Priority::kMedium;
  std::optional<double> target_amount;
};

struct InsightsReport {
  std::vector<Insight> insights;
  SpendingPatterns spending_patterns;
  Predictions predictions;
  std::vector<Recommendation> recommendations;
};

struct InsightOptions {
  std::string currency_label = "Rs.";  ///< how messages name the currency
};

/// Months from `first` to `last` (inclusive), the partial first and last months counting as
/// the share of their days covered: 2024-12-10..2025-12-07 is 22/31 + 11 + 7/31 = 11.94.
/// At least 1 (a history shorter than a month is not stretched into a month's worth).
[[nodiscard]] double months_covered(core::Date first, core::Date last) noexcept;

/// The insights of `rows` (one currency). Rows dated after `today` count in the totals (they
/// are the user's), but not in the weekend and no-spend-day insights, which end at today.
[[nodiscard]] InsightsReport compute_insights(std::span<const core::Transaction> rows, core::Date today,
                                              const InsightOptions& options = {});

[[nodiscard]] std::string_view to_string(InsightType type) noexcept;
[[nodiscard]] std::string_view to_string(Severity severity) noexcept;
[[nodiscard]] std::string_view to_string(TrendDirection direction) noexcept;
[[nodiscard]] std::string_view to_string(Priority priority) noexcept;

}  // namespace finml::analytics::insights
