#include <finml/analytics/health/health_score.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include <finml/analytics/series/monthly.hpp>
#include <finml/core/money.hpp>
#include <finml/core/text.hpp>

namespace finml::analytics::health {
namespace {

using core::TransactionType;

double round2(double value) { return core::round_decimal(value, 2); }

// printf-style formatting of one double (C's rounding of the binary value, as Python's format).
std::string format_fixed(double value, int decimals) {
  char buffer[64];
  // Beyond any real figure (a ratio of 1e290 %): three significant digits, not 300.
  if (std::abs(value) >= 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.3g", value);
    return buffer;
  }
  const int written = std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  if (written < 0) return {};
  if (static_cast<std::size_t>(written) < sizeof buffer) return std::string(buffer, static_cast<std::size_t>(written));
  std::string text(static_cast<std::size_t>(written) + 1, '\0');
  std::snprintf(text.data(), text.size(), "%.*f", decimals, value);
  text.resize(static_cast<std::size_t>(written));
  return text;
}

// Python's "{:,.0f}": whole number with comma thousands separators.
std::string format_thousands(double value) {
  std::string digits = format_fixed(value, 0);
  std::string sign;
  if (!digits.empty() && digits.front() == '-') {
    sign = "-";
    digits.erase(0, 1);
  }
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(digits[i]);
  }
  return sign + grouped;
}

double sum(const std::vector<double>& values) { return std::accumulate(values.begin(), values.end(), 0.0); }

// Population standard deviation (numpy's np.std, as the original), in two passes.
double population_std(const std::vector<double>& values, double mean) {
  double squares = 0.0;
  for (const double value : values) squares += (value - mean) * (value - mean);
  return std::sqrt(squares / static_cast<double>(values.size()));
}

ComponentScore component(double weight, double score, std::string status, std::vector<Detail> details) {
  return {round2(score), weight, std::move(status), std::move(details)};
}

ComponentScore score_savings_rate(double total_income, double total_expenses, int months) {
  const double average_surplus = (total_income - total_expenses) / months;
  if (total_income <= 0.0) {
    return component(kSavingsRateWeight, 0.0, "insufficient_income",
                     {{"savings_rate", 0.0}, {"monthly_savings", round2(average_surplus)}, {"score", 0.0},
                      {"status", std::string("insufficient_income")}});
  }
  // Refunds larger than the spending would give a surplus above the income: at most 100 %.
  const double rate = std::clamp((total_income - total_expenses) / total_income * 100.0, 0.0, 100.0);
  const double score = round2(savings_rate_points(rate));
  std::string status = rate >= 30 ? "excellent" : rate >= 20 ? "good" : rate >= 10 ? "fair" : rate >= 5 ? "needs_improvement" : "critical";
  return component(kSavingsRateWeight, score, status,
                   {{"savings_rate", round2(rate)}, {"monthly_savings", round2(average_surplus)}, {"score", score},
                    {"status", status}});
}

ComponentScore score_expense_consistency(const std::vector<double>& monthly_expenses) {
  if (monthly_expenses.size() < 2) {
    return component(kExpenseConsistencyWeight, 50.0, "insufficient_data",
                     {{"status", std::string("insufficient_data")}, {"score", 50.0}});
  }
  const double mean = sum(monthly_expenses) / static_cast<double>(monthly_expenses.size());
  // A mean of zero (the original's case) or below (refunds outweighing spending) has no
  // meaningful coefficient of variation.
  if (!(mean > 0.0)) {
    return component(kExpenseConsistencyWeight, 100.0, "excellent",
                     {{"coefficient_of_variation", 0.0}, {"score", 100.0}, {"status", std::string("excellent")}});
  }
  const double deviation = population_std(monthly_expenses, mean);
  const double cv = deviation / mean * 100.0;
  const double score = round2(expense_consistency_points(cv));
  std::string status = cv < 10 ? "excellent" : cv < 20 ? "good" : cv < 30 ? "fair" : cv < 50 ? "poor" : "very_poor";
  return component(kExpenseConsistencyWeight, score, status,
                   {{"coefficient_of_variation", round2(cv)}, {"mean_expense", round2(mean)},
                    {"std_deviation", round2(deviation)}, {"score", score}, {"status", status}});
}

ComponentScore score_emergency_fund(double emergency_savings, double average_expenses) {
  if (!(average_expenses > 0.0)) {
    return component(kEmergencyFundWeight, 0.0, "no_data",
                     {{"months_covered", 0.0}, {"score", 0.0}, {"status", std::string("no_data")}});
  }
  const double months = emergency_savings / average_expenses;
  const double score = round2(emergency_fund_points(months));
  std::string status = months >= 6 ? "excellent" : months >= 3 ? "good" : months >= 2 ? "fair" : months >= 1 ? "needs_improvement" : "critical";
  return component(kEmergencyFundWeight, score, status,
                   {{"months_covered", round2(months)}, {"emergency_fund", round2(emergency_savings)},
                    {"monthly_expenses", round2(average_expenses)}, {"target_fund", round2(6.0 * average_expenses)},
                    {"score", score}, {"status", status}});
}

ComponentScore score_debt_to_income(double monthly_debt, double average_income) {
  if (!(average_income > 0.0)) {
    return component(kDebtToIncomeWeight, 0.0, "no_income",
                     {{"debt_to_income_ratio", 0.0}, {"monthly_debt", round2(monthly_debt)},
                      {"monthly_income", round2(average_income)}, {"score", 0.0}, {"status", std::string("no_income")}});
  }
  const double ratio = monthly_debt / average_income * 100.0;
  const double score = round2(debt_to_income_points(ratio));
  std::string status = ratio < 10 ? "excellent" : ratio < 20 ? "good" : ratio < 35 ? "fair" : ratio < 50 ? "poor" : "critical";
  return component(kDebtToIncomeWeight, score, status,
                   {{"debt_to_income_ratio", round2(ratio)}, {"monthly_debt", round2(monthly_debt)},
                    {"monthly_income", round2(average_income)}, {"score", score}, {"status", status}});
}

ComponentScore score_goal_progress(const std::vector<GoalProgressInput>& goals) {
  if (goals.empty()) {
    return component(kGoalProgressWeight, 50.0, "no_goals",
                     {{"active_goals", std::int64_t{0}}, {"score", 50.0}, {"status", std::string("no_goals")}});
  }
  std::int64_t active = 0;
  std::int64_t on_track = 0;
  double progress_sum = 0.0;
  for (const auto& goal : goals) {
    // B7: no status (or null) means active; only another word (completed, paused) excludes.
    if (goal.status && !core::equals_ignoring_ascii_case(core::trim(*goal.status), "active")) continue;
    // A goal of nothing cannot show progress: it is left out rather than counted as 0 %.
    if (!goal.target_amount || !(*goal.target_amount > 0.0)) continue;
    const double current = std::max(0.0, goal.current_amount.value_or(0.0));
    const double progress = current / *goal.target_amount * 100.0;
    ++active;
    progress_sum += progress;
    if (progress > 25.0) ++on_track;
  }
  if (active == 0) {
    return component(kGoalProgressWeight, 50.0, "no_active_goals",
                     {{"active_goals", std::int64_t{0}}, {"score", 50.0}, {"status", std::string("no_active_goals")}});
  }
  const double average = progress_sum / static_cast<double>(active);
  const double on_track_ratio = static_cast<double>(on_track) / static_cast<double>(active);
  const double score = round2(std::clamp(average * 0.6 + on_track_ratio * 100.0 * 0.4, 0.0, 100.0));
  std::string status = average >= 75 ? "excellent" : average >= 50 ? "good" : average >= 25 ? "fair" : "needs_improvement";
  return component(kGoalProgressWeight, score, status,
                   {{"active_goals", active}, {"goals_on_track", on_track}, {"average_progress", round2(average)},
                    {"score", score}, {"status", status}});
}

double detail_number(const ComponentScore& component, std::string_view key) {
  for (const auto& detail : component.details) {
    if (detail.key == key) {
      if (const auto* number = std::get_if<double>(&detail.value)) return *number;
    }
  }
  return 0.0;
}

std::vector<Recommendation> recommend(const HealthScore& score, double average_expenses, const std::string& currency_label) {
  std::vector<Recommendation> out;
  const auto& savings = score.savings_rate.status;
  if (savings == "needs_improvement" || savings == "critical") {
    out.push_back({"savings_rate", "high",
                   "Your savings rate is " + format_fixed(detail_number(score.savings_rate, "savings_rate"), 1) +
                       "%. Try to save at least 20% of your income."});
  }
  const auto& consistency = score.expense_consistency.status;
  if (consistency == "poor" || consistency == "very_poor") {
    out.push_back({"expense_consistency", "medium",
                   "Your spending varies significantly month-to-month. Create a budget to stabilize expenses."});
  }
  const auto& emergency = score.emergency_fund.status;
  if (emergency == "needs_improvement" || emergency == "critical") {
    const double missing = std::max(0.0, 6.0 - detail_number(score.emergency_fund, "months_covered"));
    out.push_back({"emergency_fund", "high",
                   "Build your emergency fund to cover " + format_fixed(missing, 1) +
                       " more months of expenses (target: " + currency_label + " " +
                       format_thousands(6.0 * average_expenses) + ")."});
  }
  const auto& debt = score.debt_to_income.status;
  if (debt == "poor" || debt == "critical") {
    out.push_back({"debt_to_income", "high",
                   "Your debt-to-income ratio is " + format_fixed(detail_number(score.debt_to_income, "debt_to_income_ratio"), 1) +
                       "%. Consider debt reduction strategies."});
  }
  if (score.goal_progress.status == "needs_improvement") {
    out.push_back({"goal_progress", "medium",
                   "Review your financial goals and increase contributions to stay on track."});
  }
  return out;
}

}  // namespace

double savings_rate_points(double rate) noexcept {
  if (rate >= 40) return 100.0;
  if (rate >= 30) return 90.0 + (rate - 30.0);  // B19: continuous from 90 at 30 % to 100 at 40 %
  if (rate >= 20) return 70.0 + (rate - 20.0) * 2.0;
  if (rate >= 10) return 50.0 + (rate - 10.0) * 2.0;
  if (rate >= 5) return 30.0 + (rate - 5.0) * 4.0;
  return std::max(0.0, rate * 6.0);
}

double expense_consistency_points(double cv) noexcept {
  if (cv < 10) return 100.0 - std::max(0.0, cv);
  if (cv < 20) return 90.0 - (cv - 10.0) * 2.0;
  if (cv < 30) return 70.0 - (cv - 20.0) * 2.0;
  if (cv < 50) return 50.0 - (cv - 30.0);
  return std::max(0.0, 30.0 - (cv - 50.0) * 0.5);
}

double emergency_fund_points(double months) noexcept {
  if (months >= 6) return 100.0;
  if (months >= 5) return 95.0 + (months - 5.0) * 5.0;
  if (months >= 4) return 85.0 + (months - 4.0) * 10.0;
  if (months >= 3) return 70.0 + (months - 3.0) * 15.0;
  if (months >= 2) return 50.0 + (months - 2.0) * 20.0;
  if (months >= 1) return 30.0 + (months - 1.0) * 20.0;
  return std::max(0.0, months * 30.0);
}

double debt_to_income_points(double ratio) noexcept {
  // B19: lower-inclusive like the other tables, and 4/3 rather than 1.33 so that the bands
  // meet (the original stepped from 50.05 to 50 at 35 % and from 30.05 to 30 at 50 %).
  constexpr double kSlope = 4.0 / 3.0;
  if (ratio < 10) return 100.0 - std::max(0.0, ratio);
  if (ratio < 20) return 90.0 - (ratio - 10.0) * 2.0;
  if (ratio < 35) return 70.0 - (ratio - 20.0) * kSlope;
  if (ratio < 50) return 50.0 - (ratio - 35.0) * kSlope;
  return std::max(0.0, 30.0 - (ratio - 50.0) * 0.6);
}

std::string grade_of(double score) {
  if (score >= 90) return "A";
  if (score >= 80) return "B";
  if (score >= 70) return "C";
  if (score >= 60) return "D";
  return "F";
}

core::Result<HealthScore> score_health(const HealthScoreInput& input) {
  if (input.transactions.empty()) {
    return core::fail(core::ErrorCode::kInvalidArgument, "No transaction data provided");
  }
  const series::MonthlyFilter income_filter{.type = TransactionType::kIncome};
  const series::MonthlyFilter expense_filter{.type = TransactionType::kExpense};
  const auto income_span = series::month_span(input.transactions, income_filter);
  const auto expense_span = series::month_span(input.transactions, expense_filter);
  if (!income_span || !expense_span) {
    return core::fail(core::ErrorCode::kInvalidArgument, "Insufficient income or expense data");
  }

  // B19: one set of months for income and expenses, from the first to the last month that has
  // either; the running month is left out once the months before it hold both.
  HealthScore score;
  score.first_month = std::min(income_span->first, expense_span->first);
  score.last_month = std::max(income_span->second, expense_span->second);
  const core::YearMonth running = core::YearMonth::of(input.today);
  const bool month_is_over = input.today == core::last_of_month(input.today);
  if (score.last_month == running && !month_is_over && score.first_month < running) {
    const core::YearMonth previous = core::YearMonth::from_index(running.index() - 1);
    if (income_span->first <= previous && expense_span->first <= previous) {
      score.last_month = previous;
      score.running_month_excluded = true;
    }
  }
  score.months = score.last_month.index() - score.first_month.index() + 1;

  const auto income = series::monthly_totals(input.transactions, income_filter, score.first_month, score.last_month)
                          .major(input.currency_exponent);
  const auto expenses = series::monthly_totals(input.transactions, expense_filter, score.first_month, score.last_month)
                            .major(input.currency_exponent);
  const double total_income = sum(income);
  const double total_expenses = sum(expenses);
  const double average_income = total_income / score.months;
  const double average_expenses = total_expenses / score.months;

  score.savings_rate = score_savings_rate(total_income, total_expenses, score.months);
  score.expense_consistency = score_expense_consistency(expenses);
  score.emergency_fund = score_emergency_fund(input.emergency_savings, average_expenses);
  score.debt_to_income = score_debt_to_income(input.monthly_debt_payment, average_income);
  score.goal_progress = score_goal_progress(input.goals);

  // As the original: the weighted sum of the component scores already rounded to 2 dp.
  double overall = 0.0;
  for (const ComponentScore* part : {&score.savings_rate, &score.expense_consistency, &score.emergency_fund,
                                     &score.debt_to_income, &score.goal_progress}) {
    overall += part->weight * part->score;
  }
  score.overall_score = std::clamp(round2(overall), 0.0, 100.0);
  score.grade = grade_of(score.overall_score);
  score.recommendations = recommend(score, average_expenses, input.currency_label);
  return score;
}

}  // namespace finml::analytics::health
