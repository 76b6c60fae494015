#include <finml/http/json/prediction_json.hpp>

#include <algorithm>
#include <cmath>

#include <finml/http/json/reader.hpp>
#include <finml/http/json/transaction_json.hpp>
#include <finml/http/json/writer.hpp>

namespace finml::http::json {
namespace {

namespace predictions = analytics::predictions;

constexpr int kMinHorizon = 1;
constexpr int kMaxHorizon = 24;
constexpr int kDefaultHorizon = 6;  // the client's default

std::optional<int> read_horizon(Value& field) {
  if (field.is_null()) return std::nullopt;
  const auto months = field.integer();
  if (!months) return std::nullopt;
  if (*months < kMinHorizon || *months > kMaxHorizon) {
    field.problem("must be from 1 to 24");
    return std::nullopt;
  }
  return static_cast<int>(*months);
}

void write_series(Writer& writer, std::string_view name, const std::vector<double>& values, int digits) {
  writer.key(name).begin_array();
  for (const double value : values) writer.number_rounded(value, digits);
  writer.end_array();
}

/// 1 - the interval's half-width relative to the forecast, in 0..1: 1 is a certain forecast,
/// 0 an interval as wide as the forecast itself (or wider).
double confidence_of(double mean, double lower, double upper) {
  if (!(mean > 0.0)) return 0.0;
  return std::clamp(1.0 - (upper - lower) / (2.0 * mean), 0.0, 1.0);
}

}  // namespace

core::Result<ExpenseAdvancedInput> read_expense_advanced_request(const std::string& body,
                                                                 core::Currency default_currency) {
  return decode<ExpenseAdvancedInput>(body, [&](Value& root) {
    ExpenseAdvancedInput input;
    std::optional<int> months;
    std::optional<int> forecast_months;
    read_object(root, {"user_id"}, [&](std::string_view key, Value& field) {
      if (key == "user_id") {
        if (const auto id = user_id(field)) input.user_id = *id;
      } else if (key == "transactions") {
        input.has_transactions = true;
        input.transactions.reserve(field.array_size());
        field.for_each_element([&](std::size_t, Value& element) {
          ++input.items;
          // Forecasts use dates, amounts, types and categories only.
          if (auto row = read_transaction(element, default_currency, FreeText::kSkip)) {
            input.transactions.push_back(std::move(*row));
          }
        });
      } else if (key == "months") {
        months = read_horizon(field);
      } else if (key == "forecast_months") {
        forecast_months = read_horizon(field);
      } else if (key == "confidence_level") {
        if (field.is_null()) return;
        if (const auto level = field.number()) {
          if (*level > 0.0 && *level < 1.0) input.confidence_level = *level;
          else field.problem("must lie strictly between 0 and 1");
        }
      } else if (key == "as_of") {
        if (!field.is_null()) input.as_of = field.date();
      } else {
        field.skip();
      }
    });
    input.horizon = months.value_or(forecast_months.value_or(kDefaultHorizon));
    return input;
  });
}

std::string write_expense_advanced(core::UserId user, const predictions::SpendingForecast& forecast,
                                   core::Timestamp trained_at) {
  const int digits = std::max(0, forecast.currency_exponent);
  Writer writer;
  writer.begin_object();
  writer.field("success", true);
  writer.field("user_id", user.value());
  writer.field("model_type", forecast.model_type);
  writer.field("model", forecast.model);
  write_series(writer, "forecast", forecast.total.mean, digits);
  write_series(writer, "confidence_interval_lower", forecast.total.lower, digits);
  write_series(writer, "confidence_interval_upper", forecast.total.upper, digits);
  writer.field("confidence_level", forecast.level);
  writer.field("months_of_data", forecast.window.months());
  writer.key("last_month_expense").number_rounded(forecast.last_month_expense, digits);
  writer.key("average_monthly_expense").number_rounded(forecast.average_monthly_expense, digits);
  writer.field("trained_at", core::format_timestamp(trained_at));
  writer.key("forecast_months").begin_array();
  for (const auto& month : forecast.forecast_months) writer.string(month.to_string());
  writer.end_array();
  writer.field("first_month", forecast.window.first.to_string());
  writer.field("last_month", forecast.window.last.to_string());
  writer.field("excluded_partial_month", forecast.window.excluded_partial_month);
  writer.key("category_forecasts").begin_array();
  for (const auto& category : forecast.categories) {
    writer.begin_object();
    writer.field("category", category.category);
    writer.field("model_type", category.model_type);
    write_series(writer, "forecast", category.band.mean, digits);
    write_series(writer, "confidence_interval_lower", category.band.lower, digits);
    write_series(writer, "confidence_interval_upper", category.band.upper, digits);
    writer.end_object();
  }
  writer.end_array();
  writer.key("notes").begin_array();
  for (const auto& note : forecast.notes) writer.string(note);
  writer.end_array();
  writer.end_object();
  return writer.take();
}

std::string write_user_predictions(core::UserId user, const service::UserForecast& forecast) {
  const auto& spending = forecast.spending;
  const int digits = std::max(0, spending.currency_exponent);
  Writer writer;
  writer.begin_object();
  writer.field("success", true);
  writer.field("user_id", user.value());
  writer.field("model_type", spending.model_type);
  writer.field("confidence_level", spending.level);
  writer.field("months_of_data", spending.window.months());
  writer.field("last_month", spending.window.last.to_string());
  writer.key("predictions").begin_array();
  for (std::size_t h = 0; h < spending.forecast_months.size(); ++h) {
    const double expense = spending.total.mean[h];
    const double income = forecast.income.mean[h];
    writer.begin_object();
    writer.field("month", spending.forecast_months[h].to_string());
    writer.key("predicted_income").number_rounded(income, digits);
    writer.key("predicted_expense").number_rounded(expense, digits);
    writer.key("predicted_savings").number_rounded(income - expense, digits);
    writer.key("confidence").number_rounded(confidence_of(expense, spending.total.lower[h], spending.total.upper[h]), 2);
    writer.key("category_breakdown").begin_object();
    for (const auto& category : spending.categories) writer.key(category.category).number_rounded(category.band.mean[h], digits);
    writer.end_object();
    writer.key("income_lower").number_rounded(forecast.income.lower[h], digits);
    writer.key("income_upper").number_rounded(forecast.income.upper[h], digits);
    writer.key("expense_lower").number_rounded(spending.total.lower[h], digits);
    writer.key("expense_upper").number_rounded(spending.total.upper[h], digits);
    writer.end_object();
  }
  writer.end_array();
  writer.end_object();
  return writer.take();
}

}  // namespace finml::http::json
