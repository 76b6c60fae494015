#include <finml/analytics/budget/optimize.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include <finml/core/text.hpp>

namespace finml::analytics::budget {
namespace {

constexpr int kWindowMonths = 3;          // the original's fixed 90-day window
constexpr std::size_t kMaxOpportunities = 5;
constexpr double kMaxCutShare = 0.30;     // no category is cut by more than 30 %

std::string fixed(double value, int digits) {
  if (!std::isfinite(value)) return "0";
  std::array<char, 400> buffer{};
  const auto result =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed, digits);
  if (result.ec != std::errc{}) return "0";
  return {buffer.data(), result.ptr};
}

// The caller's planned amount for a category, matched case-insensitively.
std::optional<double> planned(const std::vector<PlannedCategory>& plan, std::string_view category) {
  const std::string key = core::to_lower_ascii(category);
  for (const auto& entry : plan) {
    if (core::to_lower_ascii(entry.category) == key) return entry.amount;
  }
  return std::nullopt;
}

}  // namespace

core::Result<Optimization> optimize_budget(std::span<const core::Transaction> rows, const OptimizeOptions& options,
                                          core::Date today) {
  Optimization result;
  result.analysis = analyze_spending(rows, today, kWindowMonths);
  const SpendingAnalysis& analysis = result.analysis;
  const double income = analysis.monthly_income;
  if (!(income > 0.0)) return core::fail(core::ErrorCode::kInvalidArgument, "Unable to determine income");

  result.monthly_income = income;
  result.monthly_spending = analysis.spending();
  result.target_savings_rate = options.target_savings_rate;
  result.unclassified_categories = analysis.unclassified_categories;
  const double saved = income - result.monthly_spending;
  result.current_savings_rate = saved / income;
  const double gap = options.target_savings_rate * income - saved;
  const std::string& currency = options.currency_label;

  std::vector<std::pair<std::string, double>> reductions;  // category -> new budget
  if (!(gap > 0.0)) {
    result.status = "target_met";
    result.message = "You're already saving " + fixed(result.current_savings_rate * 100.0, 1) +
                     "%, which meets or exceeds the target of " + fixed(options.target_savings_rate * 100.0, 0) +
                     "%.";
    result.monthly_savings_gap = 0.0;
    result.projected_savings_rate = result.current_savings_rate;
  } else {
    result.monthly_savings_gap = gap;
    // Wants, the most spent and most variable first (the original's score: average + std).
    std::vector<const CategorySpending*> candidates;
    for (const auto& category : analysis.categories) {
      if (category.classification.bucket == Bucket::kWants && category.average_monthly > 0.0) {
        candidates.push_back(&category);
      }
    }
    std::ranges::stable_sort(candidates, [](const CategorySpending* a, const CategorySpending* b) {
      return a->average_monthly + a->monthly_std > b->average_monthly + b->monthly_std;
    });
    double remaining = gap;
    double total_reduction = 0.0;
    for (const auto* category : candidates) {
      if (result.opportunities.size() >= kMaxOpportunities || !(remaining > 0.0)) break;
      const double average = category->average_monthly;
      double new_budget = average - std::min(kMaxCutShare * average, remaining);
      const auto plan = planned(options.current_budget, category->name);
      // Never suggest more than the user already allows themselves.
      if (plan) new_budget = std::min(new_budget, std::max(*plan, 0.0));
      const double reduction = average - new_budget;
      remaining -= reduction;
      total_reduction += reduction;
      result.opportunities.push_back({.category = category->name,
                                      .current_spending = average,
                                      .suggested_reduction = reduction,
                                      .new_budget = new_budget,
                                      .current_budget = plan,
                                      .unclassified = category->classification.match == MatchKind::kUnclassified});
      reductions.emplace_back(core::to_lower_ascii(category->name), new_budget);
    }
    result.projected_savings_rate = std::min(1.0, (saved + total_reduction) / income);
    if (!(remaining > 0.0)) {
      result.status = "target_reachable";
      result.message = "Reducing these categories closes the monthly savings gap of " + fixed(gap, 0) + " " +
                       currency;
    } else {
      result.status = "target_not_reachable";
      result.message = "These reductions close " + fixed(gap - remaining, 0) + " " + currency + " of the " +
                       fixed(gap, 0) + " " + currency +
                       " monthly savings gap; the rest needs lower needs spending or more income.";
    }
  }

  const auto reduced = [&reductions](std::string_view category) -> std::optional<double> {
    const std::string key = core::to_lower_ascii(category);
    for (const auto& [name, budget] : reductions) {
      if (name == key) return budget;
    }
    return std::nullopt;
  };
  if (!options.current_budget.empty()) {
    for (const auto& entry : options.current_budget) {
      result.optimized_budget.push_back({entry.category, reduced(entry.category).value_or(entry.amount)});
    }
  } else {
    for (const auto& category : analysis.categories) {
      if (category.classification.bucket == Bucket::kSavings) continue;
      result.optimized_budget.push_back(
          {category.name, reduced(category.name).value_or(category.average_monthly)});
    }
  }
  return result;
}

}  // namespace finml::analytics::budget
