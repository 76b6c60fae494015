#pragma once
/// @file finml/http/json/ml_json.hpp
/// Bodies of the model routes: /ml/train, /ml/train-with-transactions (and the client's /train),
/// /ml/predict, the client's /predict/{user_id}, /api/v1/models/performance/{user_id}; the query
/// parameters they share; and the codec of a stored model's parameters_json.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <finml/core/date.hpp>
#include <finml/core/error.hpp>
#include <finml/core/ids.hpp>
#include <finml/core/money.hpp>
#include <finml/core/transaction.hpp>
#include <finml/service/model_service.hpp>

namespace finml::http::json {

struct TrainInput {
  core::UserId user_id;
  std::optional<core::Date> start_date;
  std::optional<core::Date> end_date;
};

struct TrainWithTransactionsInput {
  core::UserId user_id;
  std::size_t items = 0;  ///< elements of the transactions array, including rows of unknown type
  std::vector<core::Transaction> transactions;
};

struct PredictInput {
  core::UserId user_id;
  int months_ahead = 0;
};

/// Horizons the model routes accept (months).
inline constexpr int kMinHorizon = 1;
inline constexpr int kMaxHorizon = 24;

/// {user_id, start_date?, end_date?}.
[[nodiscard]] core::Result<TrainInput> read_train_request(const std::string& body);
/// {user_id, transactions[]}.
[[nodiscard]] core::Result<TrainWithTransactionsInput> read_train_with_transactions_request(
    const std::string& body, core::Currency default_currency);
/// {user_id, months_ahead (1..24)}.
[[nodiscard]] core::Result<PredictInput> read_predict_request(const std::string& body);

/// A query or path integer: nullopt text gives `fallback`; not an integer, or outside
/// [min, max], is a 422 naming `path` ("$.query.months").
[[nodiscard]] core::Result<std::int64_t> read_integer_parameter(const std::optional<std::string>& text,
                                                                std::string_view path,
                                                                std::optional<std::int64_t> fallback,
                                                                std::int64_t min, std::int64_t max);

/// The codec of service::ModelState as parameters_json text.
[[nodiscard]] service::ModelStateCodec model_state_codec();

/// {message, model{id, user_id, model_type, target_table, slope, intercept, parameters{...},
/// last_trained_date}}.
[[nodiscard]] std::string write_train_response(const service::StoredModel& model);
/// {success, message, metrics{samples, categories, date_range, accuracy, stored_transactions,
/// models[...]}}.
[[nodiscard]] std::string write_train_with_transactions_response(const TrainWithTransactionsInput& input,
                                                                 const service::TrainingReport& report);
/// {user_id, model_type, predictions[], lower[], upper[], months[], confidence_level, model_parameters}.
[[nodiscard]] std::string write_predict_response(core::UserId user, const service::SavingsPrediction& prediction);
/// {success, user_id, model_type, target, months[], predictions[], lower[], upper[], ...}.
[[nodiscard]] std::string write_predict_get_response(core::UserId user, const service::SavingsPrediction& prediction);
/// {success, user_id, models[{model_type, target, model, trained_months, ..., metrics{...}}]}.
[[nodiscard]] std::string write_performance_response(core::UserId user,
                                                     const std::vector<service::StoredModel>& models);

}  // namespace finml::http::json
