#include <finml/http/json/ml_json.hpp>

#include <algorithm>
#include <charconv>
#include <set>

#include <finml/http/json/reader.hpp>
#include <finml/http/json/transaction_json.hpp>
#include <finml/http/json/writer.hpp>

namespace finml::http::json {
namespace {

namespace predictions = analytics::predictions;

void write_series(Writer& writer, std::string_view name, const std::vector<double>& values) {
  writer.key(name).begin_array();
  for (const double value : values) writer.number_rounded(value, 2);
  writer.end_array();
}

void write_months(Writer& writer, std::string_view name, const std::vector<core::YearMonth>& months) {
  writer.key(name).begin_array();
  for (const auto& month : months) writer.string(month.to_string());
  writer.end_array();
}

void write_backtest(Writer& writer, const std::optional<predictions::BacktestMetrics>& backtest) {
  writer.key("backtest");
  if (!backtest) {
    writer.null();
    return;
  }
  writer.begin_object();
  writer.field("method", "rolling_origin_one_step");
  writer.field("origins", backtest->origins);
  writer.key("mae").number_rounded(backtest->mae, 2);
  writer.key("rmse").number_rounded(backtest->rmse, 2);
  writer.key("mape");
  if (backtest->mape) writer.number_rounded(*backtest->mape, 2);
  else writer.null();
  writer.key("interval_coverage").number_rounded(backtest->coverage, 4);
  writer.field("confidence_level", backtest->level);
  writer.end_object();
}

/// The original's `parameters` object plus what finml adds.
void write_parameters(Writer& writer, const service::ModelState& state) {
  writer.key("parameters").begin_object();
  writer.field("r2_score", state.r2_score);
  writer.field("trained_months", state.trained_months);
  writer.field("start_month", state.start_month.to_string());
  writer.field("last_month", state.last_month.to_string());
  writer.field("residual_sd", state.residual_sd);
  write_backtest(writer, state.backtest);
  writer.end_object();
}

/// The original's ModelParameters object.
void write_model(Writer& writer, const service::StoredModel& model) {
  writer.begin_object();
  writer.field("id", model.id);
  writer.field("user_id", model.row.user_id.value());
  writer.field("model_type", model.row.model_type);
  writer.field("target_table", model.row.target);
  writer.key("slope").optional_number(model.row.slope);
  writer.key("intercept").optional_number(model.row.intercept);
  write_parameters(writer, model.state);
  writer.field("last_trained_date", model.row.last_trained_date.to_string());
  writer.end_object();
}

/// Accuracy in 0..1 from a backtest: 1 - MAPE (the original's constant 0.87 measured nothing, B2).
std::optional<double> accuracy_of(const std::optional<predictions::BacktestMetrics>& backtest) {
  if (!backtest || !backtest->mape) return std::nullopt;
  return std::clamp(1.0 - *backtest->mape / 100.0, 0.0, 1.0);
}

std::optional<core::YearMonth> read_month(Value& field) {
  const auto text = field.string();
  if (!text || text->size() != 7) return std::nullopt;
  const auto date = core::Date::parse_iso(*text + "-01");
  if (!date) return std::nullopt;
  return core::YearMonth::of(*date);
}

}  // namespace

core::Result<TrainInput> read_train_request(const std::string& body) {
  return decode<TrainInput>(body, [](Value& root) {
    TrainInput input;
    read_object(root, {"user_id"}, [&](std::string_view key, Value& field) {
      if (key == "user_id") {
        if (const auto id = user_id(field)) input.user_id = *id;
      } else if (key == "start_date") {
        input.start_date = optional_date(field);
      } else if (key == "end_date") {
        input.end_date = optional_date(field);
      } else {
        field.skip();
      }
    });
    return input;
  });
}

core::Result<TrainWithTransactionsInput> read_train_with_transactions_request(const std::string& body,
                                                                               core::Currency default_currency) {
  return decode<TrainWithTransactionsInput>(body, [&](Value& root) {
    TrainWithTransactionsInput input;
    read_object(root, {"user_id", "transactions"}, [&](std::string_view key, Value& field) {
      if (key == "user_id") {
        if (const auto id = user_id(field)) input.user_id = *id;
      } else if (key == "transactions") {
        field.for_each_element([&](std::size_t, Value& element) {
          ++input.items;
          if (auto row = read_transaction(element, default_currency)) input.transactions.push_back(std::move(*row));
        });
      } else {
        field.skip();
      }
    });
    return input;
  });
}

core::Result<PredictInput> read_predict_request(const std::string& body) {
  return decode<PredictInput>(body, [](Value& root) {
    PredictInput input;
    read_object(root, {"user_id", "months_ahead"}, [&](std::string_view key, Value& field) {
      if (key == "user_id") {
        if (const auto id = user_id(field)) input.user_id = *id;
      } else if (key == "months_ahead") {
        if (const auto months = field.integer()) {
          if (*months < kMinHorizon || *months > kMaxHorizon) field.problem("must be from 1 to 24");
          else input.months_ahead = static_cast<int>(*months);
        }
      } else {
        field.skip();
      }
    });
    return input;
  });
}

core::Result<std::int64_t> read_integer_parameter(const std::optional<std::string>& text, std::string_view path,
                                                  std::optional<std::int64_t> fallback, std::int64_t min,
                                                  std::int64_t max) {
  const auto problem = [&](std::string message, std::string type) {
    return core::fail_validation({{std::string(path), std::move(message), std::move(type)}});
  };
  if (!text) {
    if (fallback) return *fallback;
    return problem("field required", "missing");
  }
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size() || text->empty())
    return problem("must be an integer, not '" + text->substr(0, 40) + "'", "type_error");
  if (value < min || value > max)
    return problem("must be from " + std::to_string(min) + " to " + std::to_string(max), "value_error");
  return value;
}

service::ModelStateCodec model_state_codec() {
  service::ModelStateCodec codec;
  codec.encode = [](const service::ModelState& state) {
    Writer writer;
    writer.begin_object();
    writer.field("model", state.model);
    writer.field("r2_score", state.r2_score);
    writer.field("trained_months", state.trained_months);
    writer.field("start_month", state.start_month.to_string());
    writer.field("last_month", state.last_month.to_string());
    writer.field("residual_sd", state.residual_sd);
    writer.field("x_mean", state.x_mean);
    writer.field("sxx", state.sxx);
    if (state.backtest) {
      writer.key("backtest").begin_object();
      writer.field("origins", state.backtest->origins);
      writer.field("mae", state.backtest->mae);
      writer.field("rmse", state.backtest->rmse);
      writer.key("mape").optional_number(state.backtest->mape);
      writer.field("coverage", state.backtest->coverage);
      writer.field("level", state.backtest->level);
      writer.end_object();
    }
    writer.end_object();
    return writer.take();
  };
  codec.decode = [](std::string_view text) -> std::optional<service::ModelState> {
    auto state = decode<service::ModelState>(std::string(text), [](Value& root) {
      service::ModelState out;
      read_object(root, {"trained_months", "start_month", "last_month"}, [&](std::string_view key, Value& field) {
        const auto number = [&field] { return field.is_null() ? 0.0 : field.number().value_or(0.0); };
        if (key == "model") out.model = field.string().value_or("");
        else if (key == "r2_score") out.r2_score = number();
        else if (key == "trained_months") out.trained_months = static_cast<int>(field.integer().value_or(0));
        else if (key == "start_month") {
          if (auto month = read_month(field)) out.start_month = *month;
        } else if (key == "last_month") {
          if (auto month = read_month(field)) out.last_month = *month;
        } else if (key == "residual_sd") out.residual_sd = number();
        else if (key == "x_mean") out.x_mean = number();
        else if (key == "sxx") out.sxx = number();
        else if (key == "backtest") {
          predictions::BacktestMetrics metrics;
          read_object(field, {}, [&](std::string_view name, Value& member) {
            const double value = member.is_null() ? 0.0 : member.number().value_or(0.0);
            if (name == "origins") metrics.origins = static_cast<int>(value);
            else if (name == "mae") metrics.mae = value;
            else if (name == "rmse") metrics.rmse = value;
            else if (name == "mape") {
              if (!member.is_null()) metrics.mape = member.number();
            } else if (name == "coverage") metrics.coverage = value;
            else if (name == "level") metrics.level = value;
            else member.skip();
          });
          out.backtest = metrics;
        } else {
          field.skip();
        }
      });
      return out;
    });
    if (!state) return std::nullopt;
    return std::move(*state);
  };
  return codec;
}

std::string write_train_response(const service::StoredModel& model) {
  Writer writer;
  writer.begin_object();
  writer.field("message", "Model trained successfully with " + std::to_string(model.state.trained_months) +
                              " months of data");
  writer.key("model");
  write_model(writer, model);
  writer.end_object();
  return writer.take();
}

std::string write_train_with_transactions_response(const TrainWithTransactionsInput& input,
                                                   const service::TrainingReport& report) {
  std::set<std::string_view> categories;
  std::optional<core::Date> first;
  std::optional<core::Date> last;
  for (const auto& row : input.transactions) {
    categories.insert(row.category);
    if (!first || row.date < *first) first = row.date;
    if (!last || *last < row.date) last = row.date;
  }
  std::optional<double> accuracy;
  for (const auto& model : report.models) {
    if (model.row.target == service::kExpenseTarget) accuracy = accuracy_of(model.state.backtest);
  }
  Writer writer;
  writer.begin_object();
  writer.field("success", true);
  writer.field("message", "Model trained successfully");
  writer.key("metrics").begin_object();
  writer.field("samples", static_cast<std::int64_t>(input.items));
  writer.field("categories", static_cast<std::int64_t>(categories.size()));
  writer.field("date_range", first ? first->to_string() + " to " + last->to_string() : std::string{});
  writer.key("accuracy");
  if (accuracy) writer.number_rounded(*accuracy, 4);
  else writer.null();
  writer.field("stored_transactions", static_cast<std::int64_t>(report.stored_transactions));
  writer.key("models").begin_array();
  for (const auto& model : report.models) {
    writer.begin_object();
    writer.field("model_type", model.row.model_type);
    writer.field("target", model.row.target);
    writer.field("model", model.state.model);
    writer.field("trained_months", model.state.trained_months);
    writer.field("start_month", model.state.start_month.to_string());
    writer.field("last_month", model.state.last_month.to_string());
    write_backtest(writer, model.state.backtest);
    writer.end_object();
  }
  writer.end_array();
  writer.end_object();
  writer.end_object();
  return writer.take();
}

std::string write_predict_response(core::UserId user, const service::SavingsPrediction& prediction) {
  Writer writer;
  writer.begin_object();
  writer.field("user_id", user.value());
  writer.field("model_type", prediction.model.row.model_type);
  // The original's raw floats; finml rounds them to the amount's 2 decimals.
  write_series(writer, "predictions", prediction.band.mean);
  write_series(writer, "lower", prediction.band.lower);
  write_series(writer, "upper", prediction.band.upper);
  write_months(writer, "months", prediction.months);
  writer.field("confidence_level", prediction.level);
  writer.key("model_parameters");
  write_model(writer, prediction.model);
  writer.end_object();
  return writer.take();
}

std::string write_predict_get_response(core::UserId user, const service::SavingsPrediction& prediction) {
  Writer writer;
  writer.begin_object();
  writer.field("success", true);
  writer.field("user_id", user.value());
  writer.field("model_type", prediction.model.row.model_type);
  writer.field("model", prediction.model.state.model);
  writer.field("target", prediction.target);
  write_months(writer, "months", prediction.months);
  write_series(writer, "predictions", prediction.band.mean);
  write_series(writer, "lower", prediction.band.lower);
  write_series(writer, "upper", prediction.band.upper);
  writer.field("confidence_level", prediction.level);
  writer.field("last_trained_date", prediction.model.row.last_trained_date.to_string());
  writer.end_object();
  return writer.take();
}

std::string write_performance_response(core::UserId user, const std::vector<service::StoredModel>& models) {
  Writer writer;
  writer.begin_object();
  writer.field("success", true);
  writer.field("user_id", user.value());
  writer.key("models").begin_array();
  for (const auto& model : models) {
    const auto& backtest = model.state.backtest;
    writer.begin_object();
    writer.field("model_type", model.row.model_type);
    writer.field("target", model.row.target);
    writer.field("model", model.state.model);
    writer.field("trained_months", model.state.trained_months);
    writer.field("start_month", model.state.start_month.to_string());
    writer.field("last_month", model.state.last_month.to_string());
    writer.field("last_trained_date", model.row.last_trained_date.to_string());
    writer.key("metrics");
    if (!backtest) {
      writer.null();
    } else {
      writer.begin_object();
      writer.field("evaluation", "rolling_origin_one_step");
      writer.field("origins", backtest->origins);
      writer.key("mae").number_rounded(backtest->mae, 2);
      writer.key("rmse").number_rounded(backtest->rmse, 2);
      writer.key("mape");
      if (backtest->mape) writer.number_rounded(*backtest->mape, 2);
      else writer.null();
      writer.key("interval_coverage").number_rounded(backtest->coverage, 4);
      writer.field("confidence_level", backtest->level);
      writer.end_object();
    }
    writer.end_object();
  }
  writer.end_array();
  if (models.empty())
    writer.field("message", "No trained model for user " + std::to_string(user.value()) + " yet. Train one with /train.");
  writer.end_object();
  return writer.take();
}

}  // namespace finml::http::json
