#include <finml/service/model_service.hpp>

#include <algorithm>
#include <array>
#include <utility>

#include <finml/analytics/forecast/forecaster.hpp>
#include <finml/analytics/series/monthly.hpp>

namespace finml::service {
namespace {

namespace predictions = analytics::predictions;
namespace forecast = analytics::forecast;
using core::ErrorCode;

/// Backtest origins per model: the last half-year, each a one-step-ahead forecast.
constexpr int kBacktestOrigins = 6;
/// The linear model's interval needs residual degrees of freedom: at least 3 points.
constexpr int kLinearMinimumHistory = 3;
/// The engine models' season: calendar months.
constexpr int kMonthlyPeriod = 12;

std::string no_model_message(core::UserId user) {
  return "No trained model found for user " + std::to_string(user.value()) + ". Please train a model first.";
}

int currency_exponent_of(std::span<const core::Transaction> rows) {
  return rows.empty() ? 2 : rows.front().amount.currency().exponent();
}

core::Result<forecast::ForecastResult> engine_forecast(std::span<const double> values, int horizon, double level) {
  forecast::ForecastOptions options;
  options.horizon = horizon;
  options.level = level;
  options.period = kMonthlyPeriod;
  return forecast::forecast(values, options);
}

predictions::OneStepForecaster engine_one_step(double level) {
  return [level](std::span<const double> history) -> core::Result<predictions::Band> {
    auto result = engine_forecast(history, 1, level);
    if (!result) return std::unexpected(std::move(result.error()));
    return predictions::Band{result->mean, result->lower, result->upper};
  };
}

predictions::OneStepForecaster linear_one_step(double level) {
  return [level](std::span<const double> history) -> core::Result<predictions::Band> {
    auto model = predictions::fit_linear_trend(history);
    if (!model) return std::unexpected(std::move(model.error()));
    return predictions::predict_linear_trend(*model, 1, level);
  };
}

/// The savings-type monthly totals of `rows` over their window (zero-filled inner gaps), or the
/// original's 400 texts.
struct SavingsSeries {
  predictions::MonthWindow window;
  std::vector<double> values;
};

core::Result<SavingsSeries> savings_series(std::span<const core::Transaction> rows, core::UserId user,
                                           const TrainingSettings& settings) {
  const auto window = predictions::training_window(rows, core::TransactionType::kSavings, settings.today, 1,
                                                   settings.max_months);
  if (!window && window.error() == predictions::WindowProblem::kNoRows)
    return core::fail(ErrorCode::kInvalidArgument, "No savings transactions found for user " +
                                                       std::to_string(user.value()) +
                                                       " in the specified date range");
  const int months = window ? window->months() : 0;
  const int needed = std::max(1, settings.min_months);
  if (months < needed)
    return core::fail(ErrorCode::kInsufficientData, "Insufficient data: found " + std::to_string(months) +
                                                        " months, need at least " + std::to_string(needed) +
                                                        " months for training");
  SavingsSeries out{.window = *window, .values = {}};
  out.values = analytics::series::monthly_totals(rows, {.type = core::TransactionType::kSavings, .category = {}},
                                                 window->first, window->last)
                   .major(currency_exponent_of(rows));
  return out;
}

core::Result<StoredModel> store(storage::Database& db, core::UserId user, std::string_view model_type,
                                std::string_view target, std::optional<double> slope,
                                std::optional<double> intercept, ModelState state, const TrainingSettings& settings,
                                const ModelStateCodec& codec) {
  StoredModel stored;
  stored.state = std::move(state);
  stored.row = storage::ModelParameters{.user_id = user,
                                        .model_type = std::string(model_type),
                                        .target = std::string(target),
                                        .slope = slope,
                                        .intercept = intercept,
                                        .parameters_json = codec.encode(stored.state),
                                        .last_trained_date = settings.today,
                                        .updated_at = {}};
  auto id = db.model_parameters().upsert(stored.row);
  if (!id) return std::unexpected(std::move(id.error()));
  stored.id = *id;
  return stored;
}

core::Result<StoredModel> fit_and_store_savings(storage::Database& db, core::UserId user,
                                                const SavingsSeries& series, const TrainingSettings& settings,
                                                const ModelStateCodec& codec) {
  auto model = predictions::fit_linear_trend(series.values);
  if (!model) return std::unexpected(std::move(model.error()));
  ModelState state{.model = "Linear trend",
                   .trained_months = model->trained_months,
                   .start_month = series.window.first,
                   .last_month = series.window.last,
                   .r2_score = model->r2_score,
                   .residual_sd = model->residual_sd,
                   .x_mean = model->x_mean,
                   .sxx = model->sxx,
                   .backtest = predictions::rolling_origin(series.values, kLinearMinimumHistory, kBacktestOrigins,
                                                           settings.level, linear_one_step(settings.level))};
  return store(db, user, kSavingsModelType, kSavingsTarget, model->slope, model->intercept, std::move(state),
               settings, codec);
}

/// Trains the engine on one monthly series and stores the row; nullopt-like failure when the
/// series is too short.
core::Result<StoredModel> fit_and_store_engine(storage::Database& db, core::UserId user, std::string_view target,
                                               const predictions::MonthWindow& window,
                                               std::span<const double> values, const TrainingSettings& settings,
                                               const ModelStateCodec& codec) {
  auto fit = engine_forecast(values, 1, settings.level);
  if (!fit) return std::unexpected(std::move(fit.error()));
  ModelState state{.model = fit->model,
                   .trained_months = static_cast<int>(values.size()),
                   .start_month = window.first,
                   .last_month = window.last,
                   .r2_score = 0.0,
                   .residual_sd = fit->sigma.value_or(0.0),
                   .x_mean = 0.0,
                   .sxx = 0.0,
                   .backtest = predictions::rolling_origin(values, std::max(1, settings.min_months), kBacktestOrigins,
                                                           settings.level, engine_one_step(settings.level))};
  return store(db, user, kForecastModelType, target, std::nullopt, std::nullopt, std::move(state), settings, codec);
}

core::Result<std::optional<StoredModel>> load(storage::Database& db, core::UserId user, std::string_view model_type,
                                              std::string_view target, const ModelStateCodec& codec) {
  auto row = db.model_parameters().find(user, model_type, target);
  if (!row) return std::unexpected(std::move(row.error()));
  if (!*row) return std::optional<StoredModel>{};
  auto state = codec.decode((*row)->parameters_json);
  // A row this version cannot read (written by another one) counts as no model: retraining
  // replaces it.
  if (!state) return std::optional<StoredModel>{};
  StoredModel model;
  model.id = (*row)->id;
  model.row = std::move(**row);
  model.state = std::move(*state);
  return std::optional<StoredModel>(std::move(model));
}

std::vector<core::YearMonth> months_after(core::YearMonth last, int count) {
  std::vector<core::YearMonth> months;
  for (int h = 1; h <= count; ++h) months.push_back(core::YearMonth::from_index(last.index() + h));
  return months;
}

}  // namespace

core::Result<StoredModel> train_savings_model(storage::Database& db, core::UserId user, core::Date from,
                                              core::Date to, const TrainingSettings& settings,
                                              const ModelStateCodec& codec) {
  if (to < from)
    return core::fail_validation({{"$.start_date", "must not be after end_date", "value_error"}});
  auto rows = db.transactions().list(user, {.from = from, .to = to});
  if (!rows) return std::unexpected(std::move(rows.error()));
  auto series = savings_series(*rows, user, settings);
  if (!series) return std::unexpected(std::move(series.error()));
  return fit_and_store_savings(db, user, *series, settings, codec);
}

core::Result<TrainingReport> train_with_transactions(storage::Database& db, core::UserId user,
                                                     std::span<const core::Transaction> rows,
                                                     const TrainingSettings& settings, const ModelStateCodec& codec) {
  // The same transaction sent again (same caller id) replaces the stored row instead of
  // adding a second one.
  if (!rows.empty()) {
    auto upserted = db.transactions().upsert(user, rows);
    if (!upserted) return std::unexpected(std::move(upserted.error()));
  }
  auto stored = db.transactions().list(user, {});
  if (!stored) return std::unexpected(std::move(stored.error()));
  const std::span<const core::Transaction> history = *stored;
  TrainingReport report;
  report.stored_transactions = history.size();
  const int exponent = currency_exponent_of(history);

  if (auto series = savings_series(history, user, settings)) {
    auto model = fit_and_store_savings(db, user, *series, settings, codec);
    if (!model) return std::unexpected(std::move(model.error()));
    report.models.push_back(std::move(*model));
  }
  const std::array<std::pair<std::string_view, core::TransactionType>, 2> typed{
      {{kExpenseTarget, core::TransactionType::kExpense}, {kIncomeTarget, core::TransactionType::kIncome}}};
  for (const auto& [target, type] : typed) {
    const auto window = predictions::training_window(history, type, settings.today, settings.min_months,
                                                     settings.max_months);
    if (!window) continue;
    const auto values = analytics::series::monthly_totals(history, {.type = type, .category = {}}, window->first,
                                                          window->last)
                            .major(exponent);
    auto model = fit_and_store_engine(db, user, target, *window, values, settings, codec);
    if (!model) return std::unexpected(std::move(model.error()));
    report.models.push_back(std::move(*model));
  }
  if (auto net = predictions::net_savings_series(history, settings.today, settings.min_months, settings.max_months,
                                                 exponent)) {
    auto model = fit_and_store_engine(db, user, kNetSavingsTarget, net->window, net->values, settings, codec);
    if (!model) return std::unexpected(std::move(model.error()));
    report.models.push_back(std::move(*model));
  }
  if (report.models.empty())
    return core::fail(ErrorCode::kInsufficientData,
                      "Insufficient data (minimum " + std::to_string(std::max(1, settings.min_months)) +
                          " months required)");
  return report;
}

core::Result<SavingsPrediction> predict_savings(storage::Database& db, core::UserId user, int months_ahead,
                                                double level, const ModelStateCodec& codec) {
  auto model = load(db, user, kSavingsModelType, kSavingsTarget, codec);
  if (!model) return std::unexpected(std::move(model.error()));
  if (!*model || !(*model)->row.slope || !(*model)->row.intercept)
    return core::fail(ErrorCode::kNotFound, no_model_message(user));
  const StoredModel& stored = **model;
  const predictions::LinearTrendModel line{.slope = *stored.row.slope,
                                           .intercept = *stored.row.intercept,
                                           .r2_score = stored.state.r2_score,
                                           .trained_months = stored.state.trained_months,
                                           .residual_sd = stored.state.residual_sd,
                                           .x_mean = stored.state.x_mean,
                                           .sxx = stored.state.sxx};
  SavingsPrediction out;
  out.band = predictions::predict_linear_trend(line, months_ahead, level);
  out.months = months_after(stored.state.last_month, months_ahead);
  out.target = std::string(kSavingsTarget);
  out.level = level;
  out.model = stored;
  return out;
}

core::Result<SavingsPrediction> predict_user_savings(storage::Database& db, core::UserId user, int months,
                                                     const TrainingSettings& settings, const ModelStateCodec& codec) {
  auto model = load(db, user, kForecastModelType, kNetSavingsTarget, codec);
  if (!model) return std::unexpected(std::move(model.error()));
  if (!*model) return predict_savings(db, user, months, settings.level, codec);
  auto rows = db.transactions().list(user, {});
  if (!rows) return std::unexpected(std::move(rows.error()));
  auto net = predictions::net_savings_series(*rows, settings.today, settings.min_months, settings.max_months,
                                             currency_exponent_of(*rows));
  if (!net)
    return core::fail(ErrorCode::kInsufficientData, "Insufficient data (minimum " +
                                                        std::to_string(std::max(1, settings.min_months)) +
                                                        " months required)");
  auto fit = engine_forecast(net->values, months, settings.level);
  if (!fit) return std::unexpected(std::move(fit.error()));
  SavingsPrediction out;
  out.model = std::move(**model);
  out.model.state.model = fit->model;
  out.target = std::string(kNetSavingsTarget);
  out.level = settings.level;
  out.months = months_after(net->window.last, months);
  out.band = {std::move(fit->mean), std::move(fit->lower), std::move(fit->upper)};
  return out;
}

core::Result<UserForecast> forecast_user(storage::Database& db, core::UserId user, int months,
                                         const TrainingSettings& settings) {
  auto rows = db.transactions().list(user, {});
  if (!rows) return std::unexpected(std::move(rows.error()));
  if (rows->empty())
    return core::fail(ErrorCode::kNotFound, "No transactions stored for user " + std::to_string(user.value()) +
                                                ". Send them to /train first.");
  auto spending = predictions::forecast_spending(*rows, {.horizon = months,
                                                         .level = settings.level,
                                                         .today = settings.today,
                                                         .min_months = settings.min_months,
                                                         .max_months = settings.max_months});
  if (!spending) return std::unexpected(std::move(spending.error()));
  auto income = predictions::forecast_type_over(*rows, core::TransactionType::kIncome, spending->window, months,
                                                settings.level, spending->currency_exponent);
  if (!income) return std::unexpected(std::move(income.error()));
  return UserForecast{.spending = std::move(*spending), .income = std::move(*income)};
}

core::Result<std::vector<StoredModel>> list_models(storage::Database& db, core::UserId user,
                                                   const ModelStateCodec& codec) {
  auto rows = db.model_parameters().list(user);
  if (!rows) return std::unexpected(std::move(rows.error()));
  std::vector<StoredModel> models;
  for (auto& row : *rows) {
    auto state = codec.decode(row.parameters_json);
    if (!state) continue;  // a row of a kind this version does not write
    StoredModel model;
    model.id = row.id;
    model.row = std::move(row);
    model.state = std::move(*state);
    models.push_back(std::move(model));
  }
  return models;
}

}  // namespace finml::service
