#include <finml/analytics/insights/insights.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <unordered_map>

#include <finml/analytics/habits/common.hpp>
#include <finml/analytics/series/monthly.hpp>

namespace finml::analytics::insights {
namespace {

using core::Date;
using core::Transaction;
using core::TransactionType;

// Iglewicz and Hoaglin (1993): 0.6745 = the standard normal's 75th percentile, so that the
// modified z-score matches the ordinary one for normal data; with a zero MAD (more than half
// of the rows equal), the mean absolute deviation scaled by sqrt(pi/2) = 1.253314 stands in.
constexpr double kMadScale = 0.6745;
constexpr double kMeanDeviationScale = 1.253314;
// The weekend/weekday ratio beyond which the two are called different, and the one at which
// weekend spending becomes a warning.
constexpr double kNotableDayRatio = 1.2;
constexpr double kWarningDayRatio = 1.5;

// Totals by category in first-seen order (the original's dict order), in minor units.
struct CategorySums {
  std::vector<std::pair<std::string, std::int64_t>> totals;
  std::unordered_map<std::string, std::size_t> index;

  void add(const std::string& category, std::int64_t minor) {
    auto [it, inserted] = index.try_emplace(category, totals.size());
    if (inserted) totals.emplace_back(category, 0);
    totals[it->second].second = series::saturating_add(totals[it->second].second, minor);
  }
  [[nodiscard]] std::int64_t of(const std::string& category) const {
    const auto it = index.find(category);
    return it == index.end() ? 0 : totals[it->second].second;
  }
};

double percent(double part, double whole) { return whole != 0.0 ? part / whole * 100.0 : 0.0; }

double median_of(std::vector<double> values) {
  const std::size_t middle = values.size() / 2;
  std::ranges::nth_element(values, values.begin() + static_cast<std::ptrdiff_t>(middle));
  const double upper = values[middle];
  if (values.size() % 2 == 1) return upper;
  const double lower = *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle));
  return lower + (upper - lower) / 2.0;
}

// The rows of one category and type, for the anomaly scores.
struct RowGroup {
  std::string category;
  TransactionType type = TransactionType::kExpense;
  std::vector<const Transaction*> rows;
};

struct ScoredAnomaly {
  Insight insight;
  double severity = 0.0;
};

void score_group(const RowGroup& group, double scale, const InsightOptions& options,
                 std::vector<ScoredAnomaly>& found) {
  if (group.rows.size() < kMinRowsForAnomaly) return;
  std::vector<double> amounts;
  amounts.reserve(group.rows.size());
  for (const Transaction* row : group.rows) amounts.push_back(static_cast<double>(row->amount.minor_units()) / scale);
  const double median = median_of(amounts);
  std::vector<double> deviations;
  deviations.reserve(amounts.size());
  for (const double amount : amounts) deviations.push_back(std::abs(amount - median));
  const double mad = median_of(deviations);
  double spread = 0.0;
  if (mad > 0.0) {
    spread = mad / kMadScale;
  } else {
    const double mean_deviation =
        std::accumulate(deviations.begin(), deviations.end(), 0.0) / static_cast<double>(deviations.size());
    spread = kMeanDeviationScale * mean_deviation;
  }
  if (!(spread > 0.0) || !std::isfinite(spread)) return;  // every row the same: nothing stands out

  // An unusually large expense costs money and an unusually small income loses it; the other
  // tails (a small purchase, a bonus) need no warning.
  const bool expense = group.type == TransactionType::kExpense;
  for (std::size_t i = 0; i < amounts.size(); ++i) {
    const double score = (amounts[i] - median) / spread;
    if (!std::isfinite(score)) continue;
    if (expense ? score <= kAnomalyScore : score >= -kAnomalyScore) continue;
    const Transaction& row = *group.rows[i];
    Insight insight;
    insight.type = InsightType::kAnomaly;
    insight.category = group.category;
    insight.amount = amounts[i];
    insight.date = row.date;
    if (expense) {
      insight.severity = Severity::kAlert;
      insight.message = "Unusual high expense of " + habits::money_text(options.currency_label, amounts[i]) +
                        " detected in " + group.category + " (typically " +
                        habits::money_text(options.currency_label, median) + ")";
    } else {
      insight.severity = Severity::kWarning;
      insight.message = "Unusually low income of " + habits::money_text(options.currency_label, amounts[i]) +
                        " in " + group.category + " (typically " +
                        habits::money_text(options.currency_label, median) + ")";
    }
    insight.details = AnomalyDetails{.transaction_type = group.type,
                                     .above_typical = expense,
                                     .typical_amount = median,
                                     .score = score,
                                     .category_rows = amounts.size()};
    found.push_back({std::move(insight), std::abs(score)});
  }
}

std::vector<Insight> find_anomalies(std::span<const Transaction> rows, double scale, const InsightOptions& options) {
  std::vector<RowGroup> groups;
  std::unordered_map<std::string, std::size_t> expense_groups;
  std::unordered_map<std::string, std::size_t> income_groups;
  for (const auto& row : rows) {
    // Refunds (negative rows) are not purchases or pay: they would only widen the spread.
    if (row.amount.minor_units() <= 0) continue;
    if (row.type != TransactionType::kExpense && row.type != TransactionType::kIncome) continue;
    auto& index = row.type == TransactionType::kExpense ? expense_groups : income_groups;
    auto [it, inserted] = index.try_emplace(row.category, groups.size());
    if (inserted) groups.push_back({row.category, row.type, {}});
    groups[it->second].rows.push_back(&row);
  }
  std::vector<ScoredAnomaly> found;
  for (const auto& group : groups) score_group(group, scale, options, found);
  // B12: the most unusual first (the original kept the first three in category order).
  std::ranges::stable_sort(found, std::ranges::greater{}, &ScoredAnomaly::severity);
  std::vector<Insight> kept;
  for (auto& anomaly : found) {
    if (kept.size() == kMaxAnomalies) break;
    kept.push_back(std::move(anomaly.insight));
  }
  return kept;
}

std::string period_text(Date from, Date to) { return from.to_string() + " to " + to.to_string(); }

std::vector<Insight> find_trends(std::span<const Transaction> rows, double scale) {
  std::vector<const Transaction*> expenses;
  for (const auto& row : rows) {
    if (row.type == TransactionType::kExpense) expenses.push_back(&row);
  }
  if (expenses.size() < kMinRowsForTrend) return {};
  const auto [first_it, last_it] =
      std::ranges::minmax_element(expenses, {}, [](const Transaction* row) { return row->date; });
  const Date first = (*first_it)->date;
  const Date last = (*last_it)->date;
  const std::int64_t span_days = core::days_between(first, last) + 1;
  if (span_days < kMinDaysForTrend) return {};

  // B12: two halves of equal time (the later one a day longer when the span is odd), not of
  // equal row counts; each half's total becomes a rate per month, so the halves compare fairly.
  const std::int64_t earlier_days = span_days / 2;
  const std::int64_t recent_days = span_days - earlier_days;
  const Date recent_from = first.plus_days(earlier_days);
  CategorySums earlier;
  CategorySums recent;
  std::vector<std::string> order;  // categories in first-seen order
  for (const Transaction* row : expenses) {
    auto& half = row->date < recent_from ? earlier : recent;
    if (!earlier.index.contains(row->category) && !recent.index.contains(row->category)) {
      order.push_back(row->category);
    }
    half.add(row->category, row->amount.minor_units());
  }

  struct ScoredTrend {
    Insight insight;
    double severity = 0.0;  // the change in money per month
  };
  std::vector<ScoredTrend> found;
  for (const auto& category : order) {
    const double earlier_total = static_cast<double>(earlier.of(category)) / scale;
    const double recent_total = static_cast<double>(recent.of(category)) / scale;
    if (!(earlier_total > 0.0)) continue;  // a change needs a positive base (the original's rule)
    const double earlier_monthly = earlier_total / static_cast<double>(earlier_days) * kDaysPerMonth;
    const double recent_monthly = recent_total / static_cast<double>(recent_days) * kDaysPerMonth;
    const double change = (recent_monthly - earlier_monthly) / earlier_monthly * 100.0;
    if (!std::isfinite(change) || std::abs(change) <= kTrendPercent) continue;
    const TrendDirection direction = change > 0 ? TrendDirection::kIncreasing : TrendDirection::kDecreasing;
    Insight insight;
    insight.type = InsightType::kTrend;
    insight.severity = Severity::kInfo;
    insight.category = category;
    insight.trend = direction;
    insight.change_percentage = change;
    insight.message = "Your " + category + " expenses are " + std::string(to_string(direction)) + ": " +
                      habits::fixed(std::abs(change), 0) + (change > 0 ? "% more" : "% less") + " per month from " +
                      period_text(recent_from, last) + " than from " + period_text(first, recent_from.plus_days(-1));
    insight.details = TrendDetails{.earlier_from = first,
                                   .earlier_to = recent_from.plus_days(-1),
                                   .recent_from = recent_from,
                                   .recent_to = last,
                                   .earlier_total = earlier_total,
                                   .recent_total = recent_total,
                                   .earlier_monthly = earlier_monthly,
                                   .recent_monthly = recent_monthly};
    found.push_back({std::move(insight), std::abs(recent_monthly - earlier_monthly)});
  }
  // B12: the largest change in money first (a percentage alone would favour tiny categories).
  std::ranges::stable_sort(found, std::ranges::greater{}, &ScoredTrend::severity);
  std::vector<Insight> kept;
  for (auto& trend : found) {
    if (kept.size() == kMaxTrends) break;
    kept.push_back(std::move(trend.insight));
  }
  return kept;
}

std::optional<Insight> weekend_insight(std::span<const Transaction> rows, Date from, Date to,
                                       const InsightOptions& options) {
  if (to < from || core::days_between(from, to) + 1 < kMinDaysForRhythm) return std::nullopt;
  const auto split = habits::weekday_weekend_spending(rows, from, to);
  if (!split.weekend_to_weekday_ratio) return std::nullopt;  // no weekday spending to compare with
  const double ratio = *split.weekend_to_weekday_ratio;
  const std::string weekend_text = habits::money_text(options.currency_label, split.weekend.average_per_day);
  const std::string weekday_text = habits::money_text(options.currency_label, split.weekday.average_per_day);
  const double difference = (ratio - 1.0) * 100.0;
  Insight insight;
  insight.type = InsightType::kWeekendSpending;
  insight.severity = ratio >= kWarningDayRatio ? Severity::kWarning : Severity::kInfo;
  insight.amount = split.weekend.average_per_day;
  insight.percentage = percent(split.weekend.total, split.weekend.total + split.weekday.total);
  insight.change_percentage = difference;
  if (ratio >= kNotableDayRatio) {
    insight.message = "You spend " + habits::fixed(difference, 0) + "% more per day on weekends (" + weekend_text +
                      ") than on weekdays (" + weekday_text + ")";
  } else if (ratio <= 1.0 / kNotableDayRatio) {
    insight.message = "You spend " + habits::fixed(-difference, 0) + "% less per day on weekends (" + weekend_text +
                      ") than on weekdays (" + weekday_text + ")";
  } else {
    insight.message = "Your spending per day is about the same on weekends (" + weekend_text + ") and weekdays (" +
                      weekday_text + ")";
  }
  insight.details = split;
  return insight;
}

std::optional<Insight> no_spend_insight(std::span<const Transaction> rows, Date history_from, Date to) {
  if (to < history_from || core::days_between(history_from, to) + 1 < kMinDaysForRhythm) return std::nullopt;
  const Date from = std::max(history_from, to.plus_days(-(kNoSpendWindowDays - 1)));
  const auto days = habits::no_spend_days(rows, from, to);
  Insight insight;
  insight.type = InsightType::kNoSpendDays;
  insight.severity = Severity::kInfo;
  insight.percentage = percent(days.no_spend_days, days.days);
  insight.message = std::to_string(days.no_spend_days) + " of the last " + std::to_string(days.days) +
                    " days of your history (" + period_text(from, to) + ") had no spending";
  insight.details = days;
  return insight;
}

}  // namespace

double months_covered(Date first, Date last) noexcept {
  if (last < first) return 1.0;
  const auto first_month_days = static_cast<double>(core::days_in_month(first.year(), first.month()));
  const auto last_month_days = static_cast<double>(core::days_in_month(last.year(), last.month()));
  double months = 0.0;
  if (first.year() == last.year() && first.month() == last.month()) {
    months = static_cast<double>(last.day() - first.day() + 1) / first_month_days;
  } else {
    const std::int64_t month_gap = (static_cast<std::int64_t>(last.year()) - first.year()) * 12 +
                                   (static_cast<std::int64_t>(last.month()) - first.month());
    months = static_cast<double>(first_month_days - first.day() + 1) / first_month_days +
             static_cast<double>(month_gap - 1) + static_cast<double>(last.day()) / last_month_days;
  }
  return std::max(1.0, months);
}

InsightsReport compute_insights(std::span<const Transaction> rows, Date today, const InsightOptions& options) {
  InsightsReport report;
  if (rows.empty()) return report;  // the original's all-zero answer
  const double scale = habits::minor_per_major(rows);

  std::int64_t income_minor = 0;
  std::int64_t expense_minor = 0;
  std::int64_t savings_minor = 0;
  CategorySums categories;
  Date first = rows.front().date;
  Date last = rows.front().date;
  bool has_expense = false;
  for (const auto& row : rows) {
    first = std::min(first, row.date);
    last = std::max(last, row.date);
    const std::int64_t minor = row.amount.minor_units();
    switch (row.type) {
      case TransactionType::kIncome: income_minor = series::saturating_add(income_minor, minor); break;
      case TransactionType::kExpense:
        expense_minor = series::saturating_add(expense_minor, minor);
        categories.add(row.category, minor);
        has_expense = true;
        break;
      case TransactionType::kSavings: savings_minor = series::saturating_add(savings_minor, minor); break;
      case TransactionType::kTransfer: break;  // between the user's own accounts: neither
    }
  }

  auto& patterns = report.spending_patterns;
  patterns.total_income = static_cast<double>(income_minor) / scale;
  patterns.total_expenses = static_cast<double>(expense_minor) / scale;
  patterns.total_savings = static_cast<double>(savings_minor) / scale;
  patterns.savings_rate =
      patterns.total_income > 0.0 ? percent(patterns.total_income - patterns.total_expenses, patterns.total_income)
                                  : 0.0;
  patterns.first_date = first;
  patterns.last_date = last;
  // B11: the months the history covers, partial ones by their share of days.
  patterns.months_covered = months_covered(first, last);
  const double months = patterns.months_covered;
  patterns.monthly_average = {.income = patterns.total_income / months,
                              .expenses = patterns.total_expenses / months,
                              .savings = (patterns.total_income - patterns.total_expenses) / months};

  if (patterns.total_expenses > 0.0) {
    auto ranked = categories.totals;
    std::ranges::stable_sort(ranked, std::ranges::greater{}, &std::pair<std::string, std::int64_t>::second);
    for (std::size_t i = 0; i < ranked.size() && i < kMaxTopCategories; ++i) {
      const double amount = static_cast<double>(ranked[i].second) / scale;
      patterns.top_categories.push_back({ranked[i].first, amount, percent(amount, patterns.total_expenses)});
    }
  }

  const std::string& currency = options.currency_label;
  std::vector<const CategoryTotal*> high_spending;
  for (const auto& top : patterns.top_categories) {
    if (top.percentage > kHighSpendingPercent) {
      high_spending.push_back(&top);
      Insight insight;
      insight.type = InsightType::kHighSpending;
      insight.severity = Severity::kWarning;
      insight.category = top.category;
      insight.amount = top.amount;
      insight.percentage = top.percentage;
      insight.message = top.category + " expenses are " + habits::fixed(top.percentage, 1) +
                        "% of your total spending (" + habits::money_text(currency, top.amount) + ")";
      insight.details = CategoryShareDetails{.total = top.amount, .monthly_average = top.amount / months};
      report.insights.push_back(std::move(insight));
    }
  }
  for (const auto& top : patterns.top_categories) {
    // Up to and including 50 %: the original left exactly 50 % out of both kinds.
    if (top.percentage > kOpportunityPercent && top.percentage <= kHighSpendingPercent) {
      // B10: "/month" is per month (the original took 20 % of the whole period's total).
      const double monthly = top.amount / months;
      const double potential = monthly * kSuggestedReduction;
      Insight insight;
      insight.type = InsightType::kSavingsOpportunity;
      insight.severity = Severity::kInfo;
      insight.category = top.category;
      insight.potential_savings = potential;
      insight.message = "Reducing " + top.category + " by 20% could save " + habits::money_text(currency, potential) +
                        "/month";
      insight.details = CategoryShareDetails{.total = top.amount, .monthly_average = monthly};
      report.insights.push_back(std::move(insight));
    }
  }
  for (auto& anomaly : find_anomalies(rows, scale, options)) report.insights.push_back(std::move(anomaly));
  for (auto& trend : find_trends(rows, scale)) report.insights.push_back(std::move(trend));
  // The day-by-day insights end today: rows dated later have not happened yet.
  if (has_expense) {
    const Date rhythm_to = std::min(last, today);
    if (auto insight = weekend_insight(rows, first, rhythm_to, options)) report.insights.push_back(std::move(*insight));
    if (auto insight = no_spend_insight(rows, first, rhythm_to)) report.insights.push_back(std::move(*insight));
  }

  report.predictions = {.next_month_expense = patterns.monthly_average.expenses,
                        .next_month_income = patterns.monthly_average.income,
                        .confidence = rows.size() > 20 ? 0.85 : 0.70};

  for (const CategoryTotal* top : high_spending) {
    report.recommendations.push_back(
        {.type = "budget_alert",
         .message = "Set a budget limit for " + top->category + " expenses (currently " +
                    habits::money_text(currency, top->amount / months) + "/month)",
         .priority = Priority::kHigh,
         .target_amount = std::nullopt});
  }
  if (patterns.savings_rate < kTargetSavingsRatePercent) {
    // B10: 20 % of the monthly income, what saving 20 % means each month.
    const double target = patterns.total_income > 0.0 ? patterns.monthly_average.income * kSuggestedReduction : 0.0;
    report.recommendations.push_back(
        {.type = "savings_goal",
         .message = "Increase savings rate to 20% by reducing discretionary spending (save " +
                    habits::money_text(currency, target) + "/month)",
         .priority = Priority::kMedium,
         .target_amount = target});
  }
  if (patterns.top_categories.size() < 3 && patterns.total_expenses > 0.0) {
    report.recommendations.push_back({.type = "tracking",
                                      .message = "Categorize your expenses better for more accurate insights",
                                      .priority = Priority::kLow,
                                      .target_amount = std::nullopt});
  }
  if (report.recommendations.size() > kMaxRecommendations) report.recommendations.resize(kMaxRecommendations);
  return report;
}

std::string_view to_string(InsightType type) noexcept {
  switch (type) {
    case InsightType::kHighSpending: return "high_spending";
    case InsightType::kSavingsOpportunity: return "savings_opportunity";
    case InsightType::kAnomaly: return "anomaly";
    case InsightType::kTrend: return "trend";
    case InsightType::kWeekendSpending: return "weekend_spending";
    case InsightType::kNoSpendDays: return "no_spend_days";
  }
  return "unknown";
}

std::string_view to_string(Severity severity) noexcept {
  switch (severity) {
    case Severity::kInfo: return "info";
    case Severity::kWarning: return "warning";
    case Severity::kAlert: return "alert";
  }
  return "info";
}

std::string_view to_string(TrendDirection direction) noexcept {
  return direction == TrendDirection::kIncreasing ? "increasing" : "decreasing";
}

std::string_view to_string(Priority priority) noexcept {
  switch (priority) {
    case Priority::kLow: return "low";
    case Priority::kMedium: return "medium";
    case Priority::kHigh: return "high";
  }
  return "medium";
}

}  // namespace finml::analytics::insights
