#pragma once
/// @file finml/service/model_service.hpp
/// Training, storing and using a user's models (/ml/train, /ml/train-with-transactions, /train,
/// /ml/predict, /predict/{user_id}, /predictions, /api/v1/models/performance/{user_id}).
///
/// A user's models, one storage row each (ModelParameterRepository):
/// - ("linear_regression", "transactions_savings"): the original's OLS of monthly savings-type
///   totals on the month's position (seed-api §3.2), now zero-filled (B23) and with intervals;
/// - ("forecast", "expense" | "income" | "net_savings"): the forecasting engine's auto method on
///   monthly spending, income and income minus spending. The row records the model chosen and its
///   backtest; forecasts refit the same method on the stored transactions, so they always use the
///   data up to the last complete month.
/// Every row carries rolling-origin backtest metrics computed at training time.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <finml/analytics/predictions/backtest.hpp>
#include <finml/analytics/predictions/linear_trend.hpp>
#include <finml/analytics/predictions/monthly_forecast.hpp>
#include <finml/core/date.hpp>
#include <finml/core/error.hpp>
#include <finml/core/timestamp.hpp>
#include <finml/core/transaction.hpp>
#include <finml/storage/database.hpp>

namespace finml::service {

inline constexpr std::string_view kSavingsModelType = "linear_regression";
inline constexpr std::string_view kSavingsTarget = "transactions_savings";
inline constexpr std::string_view kForecastModelType = "forecast";
inline constexpr std::string_view kExpenseTarget = "expense";
inline constexpr std::string_view kIncomeTarget = "income";
inline constexpr std::string_view kNetSavingsTarget = "net_savings";

/// What a stored model row keeps in its parameters_json.
struct ModelState {
  std::string model;  ///< "Linear trend", or the engine's description
  int trained_months = 0;
  core::YearMonth start_month;
  core::YearMonth last_month;
  double r2_score = 0.0;  ///< linear model only
  double residual_sd = 0.0;
  double x_mean = 0.0;
  double sxx = 0.0;
  std::optional<analytics::predictions::BacktestMetrics> backtest;
};

/// Turns a ModelState into storage's opaque text and back. The http/json layer provides it,
/// since only that layer may use a JSON library.
struct ModelStateCodec {
  std::function<std::string(const ModelState&)> encode;
  std::function<std::optional<ModelState>(std::string_view)> decode;
};

struct TrainingSettings {
  int min_months = 3;  ///< MIN_TRAINING_MONTHS
  int max_months = 24;  ///< MAX_TRAINING_MONTHS
  double level = 0.95;  ///< CONFIDENCE_LEVEL
  core::Date today;
};

struct StoredModel {
  std::int64_t id = 0;
  storage::ModelParameters row;
  ModelState state;
};

/// /ml/train: fits the savings model on the user's stored savings-type rows dated from `from`
/// to `to` and stores it. 400 texts of the original: "No savings transactions found for user U
/// in the specified date range", "Insufficient data: found N months, need at least M months for
/// training". 422 when from > to.
[[nodiscard]] core::Result<StoredModel> train_savings_model(storage::Database& db, core::UserId user,
                                                            core::Date from, core::Date to,
                                                            const TrainingSettings& settings,
                                                            const ModelStateCodec& codec);

struct TrainingReport {
  std::size_t stored_transactions = 0;  ///< the user's stored rows after this request
  std::vector<StoredModel> models;      ///< the models trained
};

/// /train and /ml/train-with-transactions: stores `rows` (TransactionRepository::upsert: a row
/// whose external id is already stored replaces it), then trains every model the user's stored
/// history allows. kInsufficientData when no model can be trained.
[[nodiscard]] core::Result<TrainingReport> train_with_transactions(storage::Database& db, core::UserId user,
                                                                   std::span<const core::Transaction> rows,
                                                                   const TrainingSettings& settings,
                                                                   const ModelStateCodec& codec);

/// Savings predicted by a stored model.
struct SavingsPrediction {
  StoredModel model;
  std::string target;
  std::vector<core::YearMonth> months;
  analytics::predictions::Band band;
  double level = 0.95;
};

/// /ml/predict: the savings model's predictions for the next `months_ahead` months with
/// intervals; 404 "No trained model found for user U. Please train a model first."
[[nodiscard]] core::Result<SavingsPrediction> predict_savings(storage::Database& db, core::UserId user,
                                                              int months_ahead, double level,
                                                              const ModelStateCodec& codec);

/// /predict/{user_id}: monthly net savings (income - spending) from the user's trained forecast
/// model refitted on their stored transactions; the savings model when only that one exists.
/// 404 as predict_savings.
[[nodiscard]] core::Result<SavingsPrediction> predict_user_savings(storage::Database& db, core::UserId user,
                                                                   int months, const TrainingSettings& settings,
                                                                   const ModelStateCodec& codec);

/// /predictions: spending (total and per category) and income forecasts from the stored
/// transactions. 404 "No transactions stored for user U" when there are none.
struct UserForecast {
  analytics::predictions::SpendingForecast spending;
  analytics::predictions::Band income;
};
[[nodiscard]] core::Result<UserForecast> forecast_user(storage::Database& db, core::UserId user, int months,
                                                       const TrainingSettings& settings);

/// /api/v1/models/performance: the user's stored models (empty when none).
[[nodiscard]] core::Result<std::vector<StoredModel>> list_models(storage::Database& db, core::UserId user,
                                                                 const ModelStateCodec& codec);

}  // namespace finml::service
