#pragma once
/// @file finml/analytics/predictions/monthly_forecast.hpp
/// Forecasts of a user's monthly spending (total and per category) and income from their
/// transactions: the advanced expense forecast (seed-api §3.3) rebuilt on the forecasting engine,
/// and the real forecasts behind GET /predictions (which the original faked, B1).
///
/// The series is calendar-month totals with months without rows counted as zero, and the month
/// still running on `today` (and any later month) left out of the fit: the original dropped
/// empty months and fitted the partial month as a full one (B13).
#include <expected>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <finml/analytics/forecast/forecaster.hpp>
#include <finml/analytics/predictions/linear_trend.hpp>
#include <finml/core/date.hpp>
#include <finml/core/error.hpp>
#include <finml/core/transaction.hpp>

namespace finml::analytics::predictions {

/// The months a model is fitted on.
struct MonthWindow {
  core::YearMonth first;
  core::YearMonth last;
  bool excluded_partial_month = false;  ///< rows of the running (or a later) month were left out
  [[nodiscard]] int months() const noexcept { return last.index() - first.index() + 1; }
};

/// Why no window could be formed; each maps to one of the original's 400 texts.
enum class WindowProblem { kNoRows, kTooFewMonths };

/// The window for rows of `type`: it ends at the last month holding such a row, but never later
/// than the last complete month as of `today`; it starts at the first month holding one, at most
/// `max_months` months back. Months inside without rows count as zero. Fails with kNoRows when no
/// row of that type exists (or only in the running month or later), kTooFewMonths when the
/// window has fewer than `min_months` months.
[[nodiscard]] std::expected<MonthWindow, WindowProblem> training_window(std::span<const core::Transaction> rows,
                                                                        core::TransactionType type,
                                                                        core::Date today, int min_months,
                                                                        int max_months);

/// Runs the forecasting engine; a caller may pass a memoising one (service::ForecastMemo).
using SeriesForecaster =
    std::function<core::Result<forecast::ForecastResult>(std::span<const double>, const forecast::ForecastOptions&)>;

struct MonthlyForecastOptions {
  int horizon = 1;
  double level = 0.95;
  core::Date today;
  int min_months = 3;   ///< MIN_TRAINING_MONTHS
  int max_months = 24;  ///< MAX_TRAINING_MONTHS
  SeriesForecaster forecaster{};  ///< empty: forecast::forecast
};

/// One category's share of the forecast, reconciled with the total.
struct CategoryForecast {
  std::string category;
  std::string model_type;  ///< the category's own model, which shapes its interval
  Band band;               ///< reconciled: the categories' means add up to the total's
};

struct SpendingForecast {
  std::string model_type;  ///< the original's names where the model is the same, else the engine's
  std::string model;       ///< the engine's full model description
  Band total;              ///< lower bounds never below 0
  double level = 0.95;
  MonthWindow window;
  std::vector<core::YearMonth> forecast_months;
  std::vector<double> history;  ///< the fitted monthly totals, major units
  double last_month_expense = 0.0;     ///< the last month of the window
  double average_monthly_expense = 0.0;
  int currency_exponent = 2;
  std::vector<CategoryForecast> categories;  ///< alphabetical
  std::vector<std::string> notes;
};

/// Forecasts monthly spending. Errors (kInvalidArgument / kInsufficientData, the original's texts):
/// "No expense data available", "Insufficient data (minimum N months required)", and
/// "Transactions must all be in one currency".
[[nodiscard]] core::Result<SpendingForecast> forecast_spending(std::span<const core::Transaction> rows,
                                                               const MonthlyForecastOptions& options);

/// Forecasts the monthly totals of `type` over `window` (zero-filled) with the engine's auto
/// method; lower bounds clamped at 0. For income next to a spending forecast.
[[nodiscard]] core::Result<Band> forecast_type_over(std::span<const core::Transaction> rows,
                                                    core::TransactionType type, const MonthWindow& window,
                                                    int horizon, double level, int currency_exponent);

/// Monthly income minus spending (major units), zero-filled, over the months from the first to
/// the last holding either, with training_window's rules for the running month and the length.
struct NetSeries {
  MonthWindow window;
  std::vector<double> values;
};
[[nodiscard]] std::expected<NetSeries, WindowProblem> net_savings_series(std::span<const core::Transaction> rows,
                                                                         core::Date today, int min_months,
                                                                         int max_months, int currency_exponent);

/// The original's name for a model where it is the same one (holt_winters for additive ETS with
/// trend and season, arima, linear), "combination" for auto's mean of several, else the
/// engine's own name in lower case ("ets(A,Ad,N)", "theta", "naive", "constant").
[[nodiscard]] std::string model_type_name(const forecast::ForecastResult& result);

/// Splits `total` over the categories in proportion to their own forecasts (each a Band),
/// scaling each category's bounds by the same factor, and rounds to `exponent` decimals so that
/// the rounded means add up exactly to the rounded total (largest remainder). Bounds are kept
/// around the mean and never below 0. See docs/numerics.md, "Category forecasts".
void reconcile_categories(const Band& total, std::span<Band> categories, std::span<const double> fallback_shares,
                          int exponent);

}  // namespace finml::analytics::predictions
