#include <finml/analytics/habits/habits.hpp>

#include <algorithm>
#include <cstdint>
#include <map>

#include <finml/analytics/series/monthly.hpp>
#include <finml/core/text.hpp>

namespace finml::analytics::habits {
namespace {

constexpr double kHighFrequencyPerWeek = 2.0;
constexpr double kHighFrequencyMinShare = 0.02;  // of the window's spending
constexpr int kFoodDeliveryMinRows = 5;          // more than this many (the original's count)
constexpr double kCookingAtHomeSaves = 0.6;      // the middle of the message's 50-70 %
constexpr double kEntertainmentMinShare = 0.10;

bool contains(const std::vector<std::string>& list, std::string_view word) {
  return std::ranges::find(list, word) != list.end();
}

std::string months_text(int months) { return std::to_string(months) + (months == 1 ? " month" : " months"); }

struct CategoryTotals {
  int count = 0;
  std::int64_t minor = 0;
};

}  // namespace

bool is_food_delivery_category(std::string_view category) {
  const auto name = lower_words(category);
  // Groceries bought for cooking are what the advice recommends, even when delivered.
  for (const std::string_view grocery : {"grocery", "groceries", "grocer", "supermarket", "supermarkets"}) {
    if (contains(name, grocery)) return false;
  }
  for (const std::string_view word : {"delivery", "deliveries", "takeout", "takeaway", "takeaways", "restaurant",
                                      "restaurants", "dining", "dine", "cafe", "cafes", "café", "cafés", "swiggy",
                                      "zomato", "doordash", "ubereats", "grubhub", "deliveroo", "foodpanda"}) {
    if (contains(name, word)) return true;
  }
  // Two-word phrases: "take out", "take away", "fast food", "eating out", "uber eats".
  for (std::size_t i = 0; i + 1 < name.size(); ++i) {
    const std::string& first = name[i];
    const std::string& second = name[i + 1];
    if ((first == "take" && (second == "out" || second == "away")) || (first == "fast" && second == "food") ||
        (first == "eating" && second == "out") || (first == "uber" && second == "eats")) {
      return true;
    }
  }
  return false;
}

bool is_entertainment_category(std::string_view category) {
  const std::string name = core::to_lower_ascii(category);
  for (const std::string_view part : {"entertainment", "movie", "game", "streaming"}) {
    if (name.find(part) != std::string::npos) return true;
  }
  return false;
}

std::string_view to_string(HabitKind kind) noexcept {
  switch (kind) {
    case HabitKind::kHighFrequency: return "high_frequency";
    case HabitKind::kFoodDelivery: return "food_delivery";
    case HabitKind::kEntertainment: return "entertainment";
  }
  return "high_frequency";
}

HabitsReport analyze_habits(std::span<const core::Transaction> rows, core::Date today, const HabitsOptions& options) {
  HabitsReport report;
  report.window = analysis_window(rows, today, options.analysis_months);
  const AnalysisWindow& window = report.window;
  const double scale = minor_per_major(rows);
  const int months = window.requested_months;

  // Categories in byte order, which for UTF-8 is code point order (pandas' groupby order).
  std::map<std::string, CategoryTotals, std::less<>> categories;
  CategoryTotals all;
  CategoryTotals food;
  CategoryTotals entertainment;
  for (const auto& row : rows) {
    if (row.type != core::TransactionType::kExpense || !window.contains(row.date)) continue;
    const std::int64_t amount = row.amount.minor_units();
    auto found = categories.find(row.category);
    if (found == categories.end()) found = categories.emplace(row.category, CategoryTotals{}).first;
    for (CategoryTotals* totals : {&found->second, &all}) {
      ++totals->count;
      totals->minor = series::saturating_add(totals->minor, amount);
    }
  }
  for (const auto& [name, totals] : categories) {
    for (const auto& [matches, into] : {std::pair{is_food_delivery_category(name), &food},
                                        std::pair{is_entertainment_category(name), &entertainment}}) {
      if (!matches) continue;
      into->count += totals.count;
      into->minor = series::saturating_add(into->minor, totals.minor);
    }
  }
  report.total_spending = static_cast<double>(all.minor) / scale;
  const double spending = report.total_spending;
  const double weeks = window.covered_weeks();
  const std::string over = " over " + months_text(months) + ".";

  for (const auto& [name, totals] : categories) {
    const double total = static_cast<double>(totals.minor) / scale;
    const double per_week = totals.count / weeks;
    if (per_week < kHighFrequencyPerWeek || !(spending > 0.0) || total < kHighFrequencyMinShare * spending) continue;
    report.habits.push_back({.kind = HabitKind::kHighFrequency,
                             .category = name,
                             .message = "You spend on " + name + " " + fixed(per_week, 1) +
                                        " times per week, totaling " + money_text(options.currency_label, total) +
                                        over,
                             .frequency_per_week = per_week,
                             .total_amount = total,
                             .average_transaction = total / totals.count,
                             .transaction_count = totals.count,
                             .potential_savings = std::nullopt,
                             .average_monthly = std::nullopt});
  }
  if (food.count > kFoodDeliveryMinRows) {
    const double total = static_cast<double>(food.minor) / scale;
    const double per_week = food.count / weeks;
    report.habits.push_back({.kind = HabitKind::kFoodDelivery,
                             .category = "Food Delivery",
                             .message = "You order food " + fixed(per_week, 1) + " times per week, costing " +
                                        money_text(options.currency_label, total) + over +
                                        " Cooking at home could save 50-70%.",
                             .frequency_per_week = per_week,
                             .total_amount = total,
                             .average_transaction = std::nullopt,
                             .transaction_count = food.count,
                             .potential_savings = std::max(0.0, kCookingAtHomeSaves * total),
                             .average_monthly = std::nullopt});
  }
  const double entertainment_total = static_cast<double>(entertainment.minor) / scale;
  if (spending > 0.0 && entertainment_total > 0.0 && entertainment_total >= kEntertainmentMinShare * spending) {
    report.habits.push_back({.kind = HabitKind::kEntertainment,
                             .category = "Entertainment",
                             .message = "Entertainment spending: " +
                                        money_text(options.currency_label, entertainment_total) + over,
                             .frequency_per_week = std::nullopt,
                             .total_amount = entertainment_total,
                             .average_transaction = std::nullopt,
                             .transaction_count = std::nullopt,
                             .potential_savings = std::nullopt,
                             .average_monthly = entertainment_total / window.covered_months()});
  }
  if (report.habits.size() > kMaxHabits) report.habits.resize(kMaxHabits);
  report.week = weekday_weekend_spending(rows, window.covered_from, window.last);
  report.no_spend = no_spend_days(rows, window.covered_from, window.last);
  return report;
}

}  // namespace finml::analytics::habits
