#pragma once
/// @file finml/analytics/habits/habits.hpp
/// Spending habits over the last N months (seed-api.md 3.7, analyze_spending_habits), with bug
/// B18 fixed and the fixed-amount thresholds made relative to the user's own spending:
/// - high_frequency: a category bought at least twice a week, making up at least 2 % of the
///   window's spending (the original: more than 100 in any currency);
/// - food_delivery: more than 5 rows in delivery, take-away, restaurant or dining categories.
///   B18: groceries are not delivery (the original's regex took any category containing
///   "food", so plain "Food" and "Groceries & Food" counted), and the frequency is per week of
///   the window the history covers, as for high_frequency (the original divided by N·4 weeks);
/// - entertainment: entertainment, movie, game or streaming categories making up at least
///   10 % of the window's spending (the original: more than 500); average_monthly is per month
///   the history covers.
/// Frequencies divide by the weeks of the window the user's history covers (at least one): the
/// original divided high_frequency by each category's own first-to-last span, which made two
/// purchases a day apart "twice a week" and a burst in one fortnight a weekly habit.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <finml/analytics/habits/common.hpp>
#include <finml/analytics/habits/rhythm.hpp>
#include <finml/core/date.hpp>
#include <finml/core/transaction.hpp>

namespace finml::analytics::habits {

enum class HabitKind { kHighFrequency, kFoodDelivery, kEntertainment };

/// One habit; the members a kind does not use are nullopt (null in the original's JSON).
struct Habit {
  HabitKind kind = HabitKind::kHighFrequency;
  std::string category;
  std::string message;
  std::optional<double> frequency_per_week;
  std::optional<double> total_amount;
  std::optional<double> average_transaction;
  std::optional<int> transaction_count;
  std::optional<double> potential_savings;
  std::optional<double> average_monthly;
};

struct HabitsOptions {
  int analysis_months = 3;             ///< 1..12
  std::string currency_label = "Rs.";  ///< how messages name the currency
};

struct HabitsReport {
  AnalysisWindow window;
  std::vector<Habit> habits;  ///< at most 10, in the original's order
  double total_spending = 0.0;  ///< expenses in the window, major units
  WeekdayWeekendSpending week;  ///< over the covered window
  NoSpendDays no_spend;         ///< over the covered window
};

/// At most this many habits are reported (the original's cut).
inline constexpr std::size_t kMaxHabits = 10;

/// Analyses the expense rows of the last `analysis_months` × 30 days up to `today`. Rows are
/// assumed to share one currency; sums saturate instead of overflowing.
[[nodiscard]] HabitsReport analyze_habits(std::span<const core::Transaction> rows, core::Date today,
                                          const HabitsOptions& options = {});

/// Whether a category names food bought ready to eat (delivery, take-away, restaurants,
/// dining, fast food, cafés) rather than groceries. "Food Delivery", "Dining Out",
/// "Restaurants" and "FOOD_AND_DRINK_RESTAURANT" are; "Food", "Groceries" and "Grocery
/// Delivery" are not.
[[nodiscard]] bool is_food_delivery_category(std::string_view category);
/// Whether a category names entertainment (the original's entertainment|movie|game|streaming).
[[nodiscard]] bool is_entertainment_category(std::string_view category);

/// "high_frequency", "food_delivery", "entertainment".
[[nodiscard]] std::string_view to_string(HabitKind kind) noexcept;

}  // namespace finml::analytics::habits
