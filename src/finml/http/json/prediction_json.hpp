#pragma once
/// @file finml/http/json/prediction_json.hpp
/// Bodies of the forecast routes: POST /api/v1/predictions/expense/advanced and GET /predictions.
#include <optional>
#include <string>
#include <vector>

#include <finml/analytics/predictions/monthly_forecast.hpp>
#include <finml/core/error.hpp>
#include <finml/core/ids.hpp>
#include <finml/core/money.hpp>
#include <finml/core/timestamp.hpp>
#include <finml/core/transaction.hpp>
#include <finml/service/model_service.hpp>

namespace finml::http::json {

struct ExpenseAdvancedInput {
  core::UserId user_id;
  std::vector<core::Transaction> transactions;
  std::size_t items = 0;  ///< elements of the transactions array
  int horizon = 6;        ///< `months` (the client's) wins over `forecast_months` (the original's)
  std::optional<double> confidence_level;
  std::optional<core::Date> as_of;
  bool has_transactions = false;  ///< the body had `transactions` (else they are the stored ones)
};

/// {user_id, transactions[], months? | forecast_months? (1..24, default 6), confidence_level?
/// (0..1 exclusive), as_of?}.
[[nodiscard]] core::Result<ExpenseAdvancedInput> read_expense_advanced_request(const std::string& body,
                                                                               core::Currency default_currency);

/// The original's AdvancedExpenseResponse fields plus model, forecast_months, category_forecasts,
/// the window and notes.
[[nodiscard]] std::string write_expense_advanced(core::UserId user,
                                                 const analytics::predictions::SpendingForecast& forecast,
                                                 core::Timestamp trained_at);

/// {success, predictions[{month, predicted_income, predicted_expense, predicted_savings,
/// confidence, category_breakdown{...}, lower/upper bounds}], model_type, ...}.
[[nodiscard]] std::string write_user_predictions(core::UserId user, const service::UserForecast& forecast);

}  // namespace finml::http::json
