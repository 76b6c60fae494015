#include <finml/analytics/budget/spending.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>

#include <finml/analytics/series/monthly.hpp>
#include <finml/core/money.hpp>

namespace finml::analytics::budget {
namespace {

constexpr int kDaysPerMonth = 30;  // the original's month in "last N months" windows

double to_major(std::int64_t minor, double minor_per_major) {
  return static_cast<double>(minor) / minor_per_major;
}

// Sample standard deviation (ddof = 1), as the original's pandas .std(); 0 below two values.
double sample_std(const std::vector<double>& values) {
  if (values.size() < 2) return 0.0;
  double mean = 0.0;
  for (const double value : values) mean += value;
  mean /= static_cast<double>(values.size());
  double squares = 0.0;
  for (const double value : values) squares += (value - mean) * (value - mean);
  const double variance = squares / static_cast<double>(values.size() - 1);
  return std::isfinite(variance) ? std::sqrt(variance) : 0.0;
}

struct CategoryTotals {
  CategorySpending spending;
  std::int64_t total_minor = 0;
  std::vector<core::Transaction> complete_month_rows;  // for the variability
  std::size_t first_in_window = 0;                     // position among the window's categories
};

}  // namespace

double percent_of(double value, double total) noexcept {
  if (!(total > 0.0) || !std::isfinite(value)) return 0.0;
  return value / total * 100.0;
}

SpendingAnalysis analyze_spending(std::span<const core::Transaction> rows, core::Date today, int months) {
  months = std::max(months, 1);
  SpendingAnalysis analysis;
  analysis.requested_months = months;
  analysis.last = today;
  analysis.first = today.plus_days(-(static_cast<std::int64_t>(months) * kDaysPerMonth - 1));

  // How much of the window the user's history covers: from their earliest row (of any type,
  // up to today) on.
  std::optional<core::Date> earliest;
  for (const auto& row : rows) {
    if (row.date <= today && (!earliest || row.date < *earliest)) earliest = row.date;
  }
  const core::Date covered_from = earliest ? std::max(*earliest, analysis.first) : analysis.first;
  const double covered_days = static_cast<double>(core::days_between(covered_from, today) + 1);
  analysis.observed_months = std::clamp(covered_days / kDaysPerMonth, 1.0, static_cast<double>(months));

  // The complete calendar months behind each category's variability: the last `months` that
  // are over, from the first month the history covers in full.
  const core::YearMonth last_complete = series::last_complete_month(today);
  int first_complete_index = last_complete.index() - months + 1;
  if (earliest) {
    const auto earliest_month = core::YearMonth::of(*earliest);
    const int fully_covered = earliest_month.index() + (earliest->day() == 1 ? 0 : 1);
    first_complete_index = std::max(first_complete_index, fully_covered);
  }
  analysis.complete_months = std::max(0, last_complete.index() - first_complete_index + 1);
  const core::YearMonth first_complete = core::YearMonth::from_index(first_complete_index);
  const core::Date complete_from = first_complete.first_day();
  const core::Date complete_to = core::last_of_month(last_complete.first_day());

  double minor_per_major = 100.0;
  if (!rows.empty()) minor_per_major = static_cast<double>(rows.front().amount.currency().minor_per_major());

  std::int64_t income = 0;
  std::int64_t needs = 0;
  std::int64_t wants = 0;
  std::int64_t savings = 0;
  std::vector<CategoryTotals> categories;
  std::unordered_map<std::string, std::size_t> category_index;
  std::size_t window_categories = 0;
  auto category_of = [&](const core::Transaction& row) -> CategoryTotals& {
    auto [it, inserted] = category_index.try_emplace(row.category, categories.size());
    if (inserted) {
      CategoryTotals totals;
      totals.spending.name = row.category;
      totals.spending.classification = classify_category(row.category);
      categories.push_back(std::move(totals));
    }
    return categories[it->second];
  };

  for (const auto& row : rows) {
    const bool in_window = row.date >= analysis.first && row.date <= today;
    const std::int64_t amount = row.amount.minor_units();
    switch (row.type) {
      case core::TransactionType::kIncome:
        if (in_window) income = series::saturating_add(income, amount);
        break;
      case core::TransactionType::kSavings:
        if (in_window) savings = series::saturating_add(savings, amount);
        break;
      case core::TransactionType::kTransfer: break;  // between own accounts: neither
      case core::TransactionType::kExpense: {
        const bool in_complete_months = analysis.complete_months > 0 && row.date >= complete_from &&
                                        row.date <= complete_to;
        if (!in_window && !in_complete_months) break;
        auto& category = category_of(row);
        if (in_complete_months) category.complete_month_rows.push_back(row);
        if (!in_window) break;
        if (category.spending.transaction_count == 0) category.first_in_window = window_categories++;
        analysis.has_expenses = true;
        category.total_minor = series::saturating_add(category.total_minor, amount);
        ++category.spending.transaction_count;
        switch (category.spending.classification.bucket) {
          case Bucket::kNeeds: needs = series::saturating_add(needs, amount); break;
          case Bucket::kWants: wants = series::saturating_add(wants, amount); break;
          case Bucket::kSavings: savings = series::saturating_add(savings, amount); break;
        }
        break;
      }
    }
  }

  const double divisor = analysis.observed_months;
  // Rounded to the cent as the original's calculate_income does: the plan's shares are then
  // shares of the income it reports (0.3 × 5707.32 = 1712.20, not 1712.19).
  analysis.monthly_income = core::round_decimal(to_major(income, minor_per_major) / divisor, 2);
  analysis.needs = to_major(needs, minor_per_major) / divisor;
  analysis.wants = to_major(wants, minor_per_major) / divisor;
  analysis.savings = to_major(savings, minor_per_major) / divisor;

  // The original's order: first appearance within the window.
  std::ranges::sort(categories, {}, &CategoryTotals::first_in_window);
  for (auto& category : categories) {
    // A category seen only in the complete months before the window spent nothing in it.
    if (category.spending.transaction_count == 0) continue;
    auto& spending = category.spending;
    spending.total = to_major(category.total_minor, minor_per_major);
    spending.average_monthly = spending.total / divisor;
    if (analysis.complete_months > 0) {
      const auto monthly = series::monthly_totals(category.complete_month_rows,
                                                  {.type = core::TransactionType::kExpense, .category = {}},
                                                  first_complete, last_complete);
      std::vector<double> values;
      values.reserve(monthly.size());
      for (const auto minor : monthly.minor) values.push_back(to_major(minor, minor_per_major));
      spending.monthly_std = sample_std(values);
    }
    if (spending.classification.match == MatchKind::kUnclassified) {
      analysis.unclassified_categories.push_back(spending.name);
    }
    analysis.categories.push_back(std::move(spending));
  }
  return analysis;
}

}  // namespace finml::analytics::budget
