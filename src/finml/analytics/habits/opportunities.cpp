#include <finml/analytics/habits/opportunities.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <utility>

#include <finml/analytics/budget/classification.hpp>
#include <finml/analytics/recurring/streams.hpp>
#include <finml/analytics/series/monthly.hpp>

namespace finml::analytics::habits {
namespace {

constexpr double kSmallChargeShareOfMonth = 0.025;  // a charge under 2.5 % of an average month
constexpr double kSmallChargeShareOfMedian = 0.5;   // and under half the usual purchase
constexpr int kSmallChargesMinRows = 5;
constexpr double kSmallChargesMinShare = 0.03;      // of the window's spending
constexpr double kSmallChargesSaving = 0.5;
constexpr int kImpulsePurchasesPerDay = 3;
constexpr double kWeekendRatio = 1.5;
constexpr int kVariableMinRows = 5;
constexpr double kVariableMinCv = 100.0;  // percent
constexpr double kVariableMinShare = 0.10;
constexpr double kSpikeRatio = 1.5;
constexpr double kSpikeMinShareOfMonth = 0.05;
constexpr std::size_t kStreamNameCharacters = 30;

std::string plural(int count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

std::string month_name(core::YearMonth month) {
  static constexpr std::array<std::string_view, 12> kNames{"January", "February", "March",     "April",
                                                           "May",     "June",     "July",      "August",
                                                           "September", "October", "November", "December"};
  return std::string(kNames.at(month.month - 1)) + " " + std::to_string(month.year);
}

struct Totals {
  int count = 0;
  std::int64_t minor = 0;
  void add(std::int64_t amount) {
    ++count;
    minor = series::saturating_add(minor, amount);
  }
};

// The sample coefficient of variation (ddof 1) of `amounts`, in percent; nullopt when the
// mean is not positive or there are fewer than two.
std::optional<double> coefficient_of_variation(const std::vector<double>& amounts) {
  if (amounts.size() < 2) return std::nullopt;
  double mean = 0.0;
  for (const double amount : amounts) mean += amount;
  mean /= static_cast<double>(amounts.size());
  if (!(mean > 0.0)) return std::nullopt;
  double squares = 0.0;
  for (const double amount : amounts) squares += (amount - mean) * (amount - mean);
  const double std = std::sqrt(squares / static_cast<double>(amounts.size() - 1));
  return std / mean * 100.0;
}

// --- category spikes -------------------------------------------------------------------------

void add_category_spikes(std::span<const core::Transaction> rows, core::Date today, int months,
                         const std::string& currency, double scale, std::vector<Opportunity>& out) {
  const core::YearMonth last = series::last_complete_month(today);
  std::optional<core::YearMonth> history_start;
  for (const auto& row : rows) {
    if (row.date > today) continue;
    const auto month = core::YearMonth::of(row.date);
    if (!history_start || month.index() < history_start->index()) history_start = month;
  }
  if (!history_start) return;
  // The baseline: up to `months` complete months before the last one, that the history covers.
  const int baseline_first = std::max(last.index() - months, history_start->index());
  const int baseline_months = last.index() - baseline_first;
  if (baseline_months < 1) return;
  const core::YearMonth from = core::YearMonth::from_index(baseline_first);

  std::vector<core::Transaction> expenses;
  for (const auto& row : rows) {
    if (row.type != core::TransactionType::kExpense) continue;
    const int month = core::YearMonth::of(row.date).index();
    if (month >= baseline_first && month <= last.index()) expenses.push_back(row);
  }
  std::ranges::stable_sort(expenses, {}, &core::Transaction::category);
  const std::span<const core::Transaction> all = expenses;
  const auto overall = series::monthly_totals(all, {}, from, last);
  std::int64_t baseline_all = 0;
  for (int i = 0; i < baseline_months; ++i) baseline_all = series::saturating_add(baseline_all, overall.minor[static_cast<std::size_t>(i)]);
  const double average_month = static_cast<double>(baseline_all) / scale / baseline_months;

  for (std::size_t begin = 0; begin < expenses.size();) {
    std::size_t end = begin;
    while (end < expenses.size() && expenses[end].category == expenses[begin].category) ++end;
    const auto monthly = series::monthly_totals(all.subspan(begin, end - begin), {}, from, last);
    const std::string& category = expenses[begin].category;
    begin = end;
    std::int64_t baseline_minor = 0;
    for (int i = 0; i < baseline_months; ++i) {
      baseline_minor = series::saturating_add(baseline_minor, monthly.minor[static_cast<std::size_t>(i)]);
    }
    const double baseline = static_cast<double>(baseline_minor) / scale / baseline_months;
    const double recent = static_cast<double>(monthly.minor.back()) / scale;
    const double excess = recent - baseline;
    if (!(baseline > 0.0) || !(recent > kSpikeRatio * baseline) || !(excess >= kSpikeMinShareOfMonth * average_month)) {
      continue;
    }
    out.push_back({.kind = OpportunityKind::kCategorySpike,
                   .category = category,
                   .message = category + " spending rose to " + money_text(currency, recent) + " in " +
                              month_name(last) + ", " + fixed(recent / baseline, 1) + "x its average of " +
                              money_text(currency, baseline) + " over the " +
                              plural(baseline_months, "month", "months") + " before. Bringing it back would save " +
                              money_text(currency, excess) + " a month.",
                   .total_amount = recent,
                   .potential_savings = excess,
                   .transaction_count = std::nullopt,
                   .occurrences = std::nullopt,
                   .weekend_average = std::nullopt,
                   .weekday_average = std::nullopt,
                   .coefficient_of_variation = std::nullopt,
                   .average_amount = baseline});
  }
}

// --- overlapping subscriptions ----------------------------------------------------------------

bool is_discretionary(std::string_view category) {
  const auto classification = budget::classify_category(category);
  return classification.bucket == budget::Bucket::kWants && classification.match != budget::MatchKind::kUnclassified;
}

// Recurring charges from the recurring-charge detector (analytics/recurring): active outflows
// at a steady price in a discretionary category, grouped by category.
void add_overlapping_subscriptions(std::span<const core::Transaction> rows, core::Date today, int months,
                                   const std::string& currency, std::vector<Opportunity>& out) {
  std::map<std::string, std::vector<const recurring::RecurringStream*>, std::less<>> by_category;
  const auto streams = recurring::detect_streams(rows, today);
  for (const auto& stream : streams) {
    if (stream.is_inflow || !stream.is_active() || stream.variable_amount ||
        stream.type != core::TransactionType::kExpense || !is_discretionary(stream.category)) {
      continue;
    }
    by_category[stream.category].push_back(&stream);
  }
  for (auto& [category, found] : by_category) {
    if (found.size() < 2) continue;
    const auto monthly_cost = [](const recurring::RecurringStream* stream) { return stream->annualised_cost / 12.0; };
    std::ranges::stable_sort(found, std::greater<>{}, monthly_cost);
    double monthly_total = 0.0;
    int charges = 0;
    std::string names;
    for (const auto* stream : found) {
      monthly_total += monthly_cost(stream);
      charges += stream->occurrences;
      // A stream keyed by category (no description) is named by its price.
      std::string name = stream->merchant_key.starts_with("category:")
                             ? std::string()
                             : first_characters(stream->description, kStreamNameCharacters);
      if (name.empty()) name = money_text(currency, stream->last_amount);
      names += (names.empty() ? "" : ", ") + name;
    }
    const double saving_per_month = monthly_total - monthly_cost(found.front());
    const int count = static_cast<int>(found.size());
    out.push_back({.kind = OpportunityKind::kOverlappingSubscriptions,
                   .category = category,
                   .message = "You pay for " + std::to_string(count) + " recurring " + category + " charges (" + names +
                              ") totaling " + money_text(currency, monthly_total) +
                              " a month. Keeping only the one you use most would save " +
                              money_text(currency, saving_per_month) + " a month.",
                   .total_amount = monthly_total,
                   .potential_savings = saving_per_month * months,
                   .transaction_count = charges,
                   .occurrences = count,
                   .weekend_average = std::nullopt,
                   .weekday_average = std::nullopt,
                   .coefficient_of_variation = std::nullopt,
                   .average_amount = std::nullopt});
  }
}

}  // namespace

bool names_a_fee(std::string_view text) {
  const auto name = lower_words(text);
  for (std::size_t i = 0; i < name.size(); ++i) {
    const std::string& word = name[i];
    if (word == "fee" || word == "fees" || word == "penalty" || word == "penalties" || word == "overdraft" ||
        word == "surcharge" || word == "surcharges") {
      return true;
    }
    // "bank charges", "service charge", "late charge", "finance charges", "maintenance charge".
    if ((word == "charge" || word == "charges") && i > 0) {
      const std::string& before = name[i - 1];
      if (before == "bank" || before == "service" || before == "late" || before == "finance" ||
          before == "maintenance" || before == "penalty") {
        return true;
      }
    }
  }
  return false;
}

std::string_view to_string(OpportunityKind kind) noexcept {
  switch (kind) {
    case OpportunityKind::kBankFees: return "bank_fees";
    case OpportunityKind::kHiddenFees: return "hidden_fees";
    case OpportunityKind::kImpulsePurchases: return "impulse_purchases";
    case OpportunityKind::kWeekendSpending: return "weekend_spending";
    case OpportunityKind::kInconsistentSpending: return "inconsistent_spending";
    case OpportunityKind::kCategorySpike: return "category_spike";
    case OpportunityKind::kOverlappingSubscriptions: return "overlapping_subscriptions";
  }
  return "hidden_fees";
}

OpportunitiesReport find_opportunities(std::span<const core::Transaction> rows, core::Date today,
                                       const OpportunityOptions& options) {
  OpportunitiesReport report;
  report.window = analysis_window(rows, today, options.analysis_months);
  const AnalysisWindow& window = report.window;
  const double scale = minor_per_major(rows);
  const std::string& currency = options.currency_label;
  std::vector<Opportunity>& out = report.opportunities;

  std::vector<const core::Transaction*> expenses;
  Totals all;
  for (const auto& row : rows) {
    if (row.type != core::TransactionType::kExpense || !window.contains(row.date)) continue;
    expenses.push_back(&row);
    all.add(row.amount.minor_units());
  }
  report.total_spending = static_cast<double>(all.minor) / scale;
  const double spending = report.total_spending;
  const double average_month = spending / window.covered_months();

  // Fees by name, then the other small charges: small against both the user's month and their
  // usual (median) purchase, so that neither a frugal month nor a big one skews the limit.
  std::vector<std::int64_t> purchases;
  for (const auto* row : expenses) {
    if (row->amount.minor_units() > 0) purchases.push_back(row->amount.minor_units());
  }
  double median_purchase = 0.0;
  if (!purchases.empty()) {
    const auto middle = purchases.begin() + static_cast<std::ptrdiff_t>(purchases.size() / 2);
    std::ranges::nth_element(purchases, middle);
    median_purchase = static_cast<double>(*middle);
    if (purchases.size() % 2 == 0) {
      median_purchase = (median_purchase + static_cast<double>(*std::max_element(purchases.begin(), middle))) / 2.0;
    }
    median_purchase /= scale;
  }
  Totals fees;
  Totals small;
  const double small_limit =
      std::min(kSmallChargeShareOfMonth * average_month, kSmallChargeShareOfMedian * median_purchase);
  for (const auto* row : expenses) {
    if (names_a_fee(row->category) || names_a_fee(row->description)) {
      fees.add(row->amount.minor_units());
    } else if (row->amount.minor_units() > 0 && static_cast<double>(row->amount.minor_units()) / scale < small_limit) {
      small.add(row->amount.minor_units());
    }
  }
  const double fees_total = static_cast<double>(fees.minor) / scale;
  if (fees.count > 0 && fees_total > 0.0) {
    out.push_back({.kind = OpportunityKind::kBankFees,
                   .category = "Fees",
                   .message = "Fees and penalties totaling " + money_text(currency, fees_total) + " (" +
                              plural(fees.count, "charge", "charges") +
                              "). Paying on time and keeping minimum balances avoids most of them.",
                   .total_amount = fees_total,
                   .potential_savings = fees_total,
                   .transaction_count = fees.count,
                   .occurrences = std::nullopt,
                   .weekend_average = std::nullopt,
                   .weekday_average = std::nullopt,
                   .coefficient_of_variation = std::nullopt,
                   .average_amount = std::nullopt});
  }
  const double small_total = static_cast<double>(small.minor) / scale;
  if (small.count >= kSmallChargesMinRows && spending > 0.0 && small_total > 0.0 &&
      small_total >= kSmallChargesMinShare * spending) {
    out.push_back({.kind = OpportunityKind::kHiddenFees,
                   .category = "Small Charges",
                   .message = "Multiple small charges totaling " + money_text(currency, small_total) +
                              ". Review for unnecessary fees.",
                   .total_amount = small_total,
                   .potential_savings = kSmallChargesSaving * small_total,
                   .transaction_count = small.count,
                   .occurrences = std::nullopt,
                   .weekend_average = std::nullopt,
                   .weekday_average = std::nullopt,
                   .coefficient_of_variation = std::nullopt,
                   .average_amount = std::nullopt});
  }

  // Days with several purchases in one category.
  std::map<std::pair<core::Date, std::string_view>, Totals> per_day_category;
  for (const auto* row : expenses) per_day_category[{row->date, row->category}].add(row->amount.minor_units());
  int impulse_days = 0;
  Totals impulse;
  for (const auto& [key, totals] : per_day_category) {
    if (totals.count < kImpulsePurchasesPerDay) continue;
    ++impulse_days;
    impulse.count += totals.count;
    impulse.minor = series::saturating_add(impulse.minor, totals.minor);
  }
  if (impulse_days > 0) {
    out.push_back({.kind = OpportunityKind::kImpulsePurchases,
                   .category = std::nullopt,
                   .message = "Detected " + plural(impulse_days, "day", "days") +
                              " with multiple purchases in same category. Plan purchases to reduce impulse buying.",
                   .total_amount = static_cast<double>(impulse.minor) / scale,
                   .potential_savings = std::nullopt,
                   .transaction_count = impulse.count,
                   .occurrences = impulse_days,
                   .weekend_average = std::nullopt,
                   .weekday_average = std::nullopt,
                   .coefficient_of_variation = std::nullopt,
                   .average_amount = std::nullopt});
  }

  report.week = weekday_weekend_spending(rows, window.covered_from, window.last);
  const auto& week = report.week;
  if (week.weekend_to_weekday_ratio && *week.weekend_to_weekday_ratio > kWeekendRatio) {
    const double extra = week.weekend.average_per_day - week.weekday.average_per_day;
    out.push_back({.kind = OpportunityKind::kWeekendSpending,
                   .category = std::nullopt,
                   .message = "Weekend spending is " + fixed(*week.weekend_to_weekday_ratio, 1) +
                              "x higher than weekdays. Plan weekend activities to reduce costs.",
                   .total_amount = week.weekend.total,
                   .potential_savings = extra * week.weekend.calendar_days * 0.5,
                   .transaction_count = std::nullopt,
                   .occurrences = week.weekend.calendar_days,
                   .weekend_average = week.weekend.average_per_day,
                   .weekday_average = week.weekday.average_per_day,
                   .coefficient_of_variation = std::nullopt,
                   .average_amount = std::nullopt});
  }

  // Categories in byte order (pandas' groupby order).
  std::map<std::string_view, std::vector<double>> amounts_by_category;
  for (const auto* row : expenses) {
    amounts_by_category[row->category].push_back(static_cast<double>(row->amount.minor_units()) / scale);
  }
  for (const auto& [category, amounts] : amounts_by_category) {
    if (static_cast<int>(amounts.size()) < kVariableMinRows) continue;
    const auto cv = coefficient_of_variation(amounts);
    double total = 0.0;
    for (const double amount : amounts) total += amount;
    if (!cv || !(*cv > kVariableMinCv) || !(spending > 0.0) || total < kVariableMinShare * spending) continue;
    out.push_back({.kind = OpportunityKind::kInconsistentSpending,
                   .category = std::string(category),
                   .message = std::string(category) + " spending is highly variable. Set a monthly budget to control costs.",
                   .total_amount = total,
                   .potential_savings = std::nullopt,
                   .transaction_count = static_cast<int>(amounts.size()),
                   .occurrences = std::nullopt,
                   .weekend_average = std::nullopt,
                   .weekday_average = std::nullopt,
                   .coefficient_of_variation = *cv,
                   .average_amount = total / static_cast<double>(amounts.size())});
  }

  add_category_spikes(rows, today, window.requested_months, currency, scale, out);
  add_overlapping_subscriptions(rows, today, window.requested_months, currency, out);

  if (out.size() > kMaxOpportunities) out.resize(kMaxOpportunities);
  for (const auto& opportunity : out) {
    if (opportunity.potential_savings && *opportunity.potential_savings > 0.0) {
      report.total_potential_savings += *opportunity.potential_savings;
    }
  }
  return report;
}

}  // namespace finml::analytics::habits
