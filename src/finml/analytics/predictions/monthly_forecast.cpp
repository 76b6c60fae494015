#include <finml/analytics/predictions/monthly_forecast.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <set>
#include <string_view>

#include <finml/analytics/series/monthly.hpp>
#include <finml/core/text.hpp>

namespace finml::analytics::predictions {
namespace {

/// Calendar seasonality is the only one monthly spending has; the engine uses it only when a
/// full season is present (and adjusts for it only when it is strong).
constexpr int kMonthlyPeriod = 12;

/// Largest value whose units are exact in a double; beyond it cents are not representable and
/// the rounding step is skipped.
constexpr double kExactUnits = 9.0e15;

double scale_of(int exponent) { return std::pow(10.0, exponent); }

double round_to(double value, int exponent) {
  const double scale = scale_of(exponent);
  const double units = value * scale;
  if (!std::isfinite(units) || std::abs(units) >= kExactUnits) return value;
  return std::nearbyint(units) / scale;
}

/// The forecast of `values` by `method`, as a band with non-negative bounds.
core::Result<forecast::ForecastResult> forecast_nonnegative(std::span<const double> values, int horizon,
                                                            double level, forecast::Method method,
                                                            const SeriesForecaster& forecaster = {}) {
  forecast::ForecastOptions options;
  options.horizon = horizon;
  options.level = level;
  options.method = method;
  options.period = method == forecast::Method::kAuto ? kMonthlyPeriod : 1;
  auto result = forecaster ? forecaster(values, options) : forecast::forecast(values, options);
  if (!result) return result;
  for (std::size_t h = 0; h < result->mean.size(); ++h) {
    result->mean[h] = std::max(0.0, result->mean[h]);
    result->lower[h] = std::clamp(result->lower[h], 0.0, result->mean[h]);
    result->upper[h] = std::max(result->upper[h], result->mean[h]);
  }
  return result;
}

Band band_of(const forecast::ForecastResult& result) { return {result.mean, result.lower, result.upper}; }

}  // namespace

std::expected<MonthWindow, WindowProblem> training_window(std::span<const core::Transaction> rows,
                                                          core::TransactionType type, core::Date today,
                                                          int min_months, int max_months) {
  const auto span = series::month_span(rows, {.type = type, .category = {}});
  if (!span) return std::unexpected(WindowProblem::kNoRows);
  MonthWindow window{.first = span->first, .last = span->second, .excluded_partial_month = false};
  const core::YearMonth last_complete = series::last_complete_month(today);
  if (last_complete < window.last) {
    window.last = last_complete;
    window.excluded_partial_month = true;
  }
  const int longest = std::max(1, max_months);
  if (window.last.index() - window.first.index() + 1 > longest)
    window.first = core::YearMonth::from_index(window.last.index() - longest + 1);
  if (window.last < window.first || window.months() < std::max(1, min_months))
    return std::unexpected(WindowProblem::kTooFewMonths);
  return window;
}

std::string model_type_name(const forecast::ForecastResult& result) {
  const std::string_view model = result.model;
  if (model.starts_with("ETS(A,A,A)")) return "holt_winters";
  if (model.starts_with("ARIMA")) return "arima";
  if (model == "Linear trend") return "linear";
  if (model.starts_with("Combination")) return "combination";
  if (model.starts_with("ETS(")) return "ets" + std::string(model.substr(3));
  if (model == "Seasonal naive") return "snaive";
  if (result.method != forecast::Method::kAuto && result.method != forecast::Method::kCombination &&
      model != "Constant")
    return std::string(forecast::method_name(result.method));
  return core::to_lower_ascii(model);
}

void reconcile_categories(const Band& total, std::span<Band> categories, std::span<const double> fallback_shares,
                          int exponent) {
  const std::size_t k = categories.size();
  if (k == 0) return;
  const double scale = scale_of(exponent);
  std::vector<double> shares(k);
  std::vector<double> units(k);
  std::vector<std::size_t> order(k);
  for (std::size_t h = 0; h < total.mean.size(); ++h) {
    // Proportions of the categories' own forecasts; when they are all zero, of past spending;
    // failing that, equal.
    double sum = 0.0;
    for (std::size_t c = 0; c < k; ++c) sum += std::max(0.0, categories[c].mean[h]);
    if (sum > 0.0) {
      for (std::size_t c = 0; c < k; ++c) shares[c] = std::max(0.0, categories[c].mean[h]) / sum;
    } else {
      const double past = std::accumulate(fallback_shares.begin(), fallback_shares.end(), 0.0);
      for (std::size_t c = 0; c < k; ++c)
        shares[c] = past > 0.0 && c < fallback_shares.size() ? std::max(0.0, fallback_shares[c]) / past
                                                             : 1.0 / static_cast<double>(k);
    }
    const double total_mean = round_to(total.mean[h], exponent);
    for (std::size_t c = 0; c < k; ++c) {
      Band& band = categories[c];
      const double base = std::max(0.0, band.mean[h]);
      const double target = total_mean * shares[c];
      // The category's own interval, scaled by the factor that took its mean to its share; a
      // category forecast at zero keeps its own (absolute) spread around the new mean.
      const double factor = base > 0.0 ? target / base : 1.0;
      const double below = std::max(0.0, base - band.lower[h]) * factor;
      const double above = std::max(0.0, band.upper[h] - base) * factor;
      band.mean[h] = target;
      band.lower[h] = std::max(0.0, target - below);
      band.upper[h] = target + above;
    }
    // Largest remainder: the rounded means add up to the rounded total exactly.
    const double total_units = total_mean * scale;
    if (std::isfinite(total_units) && std::abs(total_units) < kExactUnits) {
      double floor_sum = 0.0;
      for (std::size_t c = 0; c < k; ++c) {
        units[c] = std::floor(categories[c].mean[h] * scale);
        floor_sum += units[c];
      }
      const auto missing = static_cast<long long>(std::llround(std::nearbyint(total_units) - floor_sum));
      std::iota(order.begin(), order.end(), std::size_t{0});
      std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return categories[a].mean[h] * scale - units[a] > categories[b].mean[h] * scale - units[b];
      });
      if (missing >= 0 && static_cast<std::size_t>(missing) <= k) {
        for (std::size_t i = 0; i < static_cast<std::size_t>(missing); ++i) units[order[i]] += 1.0;
        for (std::size_t c = 0; c < k; ++c) categories[c].mean[h] = units[c] / scale;
      }
    }
    for (std::size_t c = 0; c < k; ++c) {
      Band& band = categories[c];
      band.lower[h] = std::min(round_to(band.lower[h], exponent), band.mean[h]);
      band.upper[h] = std::max(round_to(band.upper[h], exponent), band.mean[h]);
    }
  }
}

core::Result<Band> forecast_type_over(std::span<const core::Transaction> rows, core::TransactionType type,
                                      const MonthWindow& window, int horizon, double level, int currency_exponent) {
  const auto totals = series::monthly_totals(rows, {.type = type, .category = {}}, window.first, window.last);
  const auto values = totals.major(currency_exponent);
  if (values.empty()) return core::fail(core::ErrorCode::kInsufficientData, "no months to forecast");
  auto result = forecast_nonnegative(values, horizon, level, forecast::Method::kAuto);
  if (!result) return std::unexpected(std::move(result.error()));
  return band_of(*result);
}

std::expected<NetSeries, WindowProblem> net_savings_series(std::span<const core::Transaction> rows,
                                                           core::Date today, int min_months, int max_months,
                                                           int currency_exponent) {
  const auto income = training_window(rows, core::TransactionType::kIncome, today, 1, max_months);
  const auto spending = training_window(rows, core::TransactionType::kExpense, today, 1, max_months);
  if (!income && !spending) {
    const bool none = income.error() == WindowProblem::kNoRows && spending.error() == WindowProblem::kNoRows;
    return std::unexpected(none ? WindowProblem::kNoRows : WindowProblem::kTooFewMonths);
  }
  MonthWindow window = income ? *income : *spending;
  if (income && spending) {
    window.first = std::min(income->first, spending->first);
    window.last = std::max(income->last, spending->last);
    window.excluded_partial_month = income->excluded_partial_month || spending->excluded_partial_month;
  }
  const int longest = std::max(1, max_months);
  if (window.months() > longest) window.first = core::YearMonth::from_index(window.last.index() - longest + 1);
  if (window.months() < std::max(1, min_months)) return std::unexpected(WindowProblem::kTooFewMonths);
  const auto earned = series::monthly_totals(rows, {.type = core::TransactionType::kIncome, .category = {}},
                                             window.first, window.last).major(currency_exponent);
  const auto spent = series::monthly_totals(rows, {.type = core::TransactionType::kExpense, .category = {}},
                                            window.first, window.last).major(currency_exponent);
  NetSeries out{.window = window, .values = {}};
  out.values.resize(earned.size());
  for (std::size_t t = 0; t < earned.size(); ++t) out.values[t] = earned[t] - spent[t];
  return out;
}

core::Result<SpendingForecast> forecast_spending(std::span<const core::Transaction> rows,
                                                 const MonthlyForecastOptions& options) {
  using core::ErrorCode;
  const int min_months = std::max(1, options.min_months);
  const std::string too_few = "Insufficient data (minimum " + std::to_string(min_months) + " months required)";
  const auto window =
      training_window(rows, core::TransactionType::kExpense, options.today, min_months, options.max_months);
  if (!window) {
    if (window.error() == WindowProblem::kNoRows) return core::fail(ErrorCode::kInvalidArgument, "No expense data available");
    return core::fail(ErrorCode::kInsufficientData, too_few);
  }
  // Amounts are summed in minor units, which only means something within one currency.
  std::optional<core::Currency> currency;
  for (const auto& row : rows) {
    if (row.type != core::TransactionType::kExpense) continue;
    if (!currency) currency = row.amount.currency();
    else if (row.amount.currency().code() != currency->code())
      return core::fail(ErrorCode::kInvalidArgument, "Transactions must all be in one currency");
  }
  SpendingForecast out;
  out.window = *window;
  out.level = options.level;
  out.currency_exponent = currency ? currency->exponent() : 2;
  const auto totals = series::monthly_totals(rows, {.type = core::TransactionType::kExpense, .category = {}},
                                             window->first, window->last);
  out.history = totals.major(out.currency_exponent);
  out.last_month_expense = out.history.back();
  out.average_monthly_expense =
      std::accumulate(out.history.begin(), out.history.end(), 0.0) / static_cast<double>(out.history.size());
  if (window->excluded_partial_month)
    out.notes.push_back("excluded_partial_month: rows from " + core::YearMonth::from_index(window->last.index() + 1).to_string() +
                        " on are not part of the fit (the month is not over)");

  auto total = forecast_nonnegative(out.history, options.horizon, options.level, forecast::Method::kAuto,
                                    options.forecaster);
  if (!total) return std::unexpected(std::move(total.error()));
  out.model = total->model;
  out.model_type = model_type_name(*total);
  out.total = band_of(*total);
  for (auto& note : total->notes) out.notes.push_back(std::move(note));
  for (std::size_t h = 0; h < out.total.mean.size(); ++h) {
    out.total.mean[h] = round_to(out.total.mean[h], out.currency_exponent);
    out.total.lower[h] = std::min(round_to(out.total.lower[h], out.currency_exponent), out.total.mean[h]);
    out.total.upper[h] = std::max(round_to(out.total.upper[h], out.currency_exponent), out.total.mean[h]);
  }
  for (int h = 1; h <= options.horizon; ++h)
    out.forecast_months.push_back(core::YearMonth::from_index(window->last.index() + h));

  // Each category's own forecast: Theta, cheap (tens of microseconds) and robust on short noisy
  // series; the total's auto model is too costly to run per category on every request.
  std::set<std::string_view> names;
  for (const auto& row : rows) {
    if (row.type != core::TransactionType::kExpense) continue;
    const auto month = core::YearMonth::of(row.date);
    if (month < window->first || window->last < month) continue;
    names.insert(row.category);
  }
  std::vector<Band> bands;
  std::vector<double> past_totals;
  for (const std::string_view name : names) {
    const auto category_totals = series::monthly_totals(
        rows, {.type = core::TransactionType::kExpense, .category = name}, window->first, window->last);
    const auto values = category_totals.major(out.currency_exponent);
    auto own = forecast_nonnegative(values, options.horizon, options.level, forecast::Method::kTheta,
                                    options.forecaster);
    if (!own) return std::unexpected(std::move(own.error()));
    out.categories.push_back({.category = std::string(name), .model_type = model_type_name(*own), .band = {}});
    bands.push_back(band_of(*own));
    past_totals.push_back(std::accumulate(values.begin(), values.end(), 0.0));
  }
  reconcile_categories(out.total, bands, past_totals, out.currency_exponent);
  for (std::size_t c = 0; c < bands.size(); ++c) out.categories[c].band = std::move(bands[c]);
  return out;
}

}  // namespace finml::analytics::predictions
