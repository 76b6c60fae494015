#include <finml/http/json/forecast_json.hpp>

#include <cmath>
#include <limits>

#include <finml/http/json/reader.hpp>
#include <finml/http/json/writer.hpp>

namespace finml::http::json {
namespace {

/// Largest horizon or period accepted: 100 years of months, far beyond any sensible use.
constexpr std::int64_t kMaxSteps = 1'200;

std::optional<int> read_steps(Value& value) {
  if (value.is_null()) return std::nullopt;
  const auto v = value.integer();
  if (!v) return std::nullopt;
  if (*v < 0 || *v > kMaxSteps) {
    value.problem("must be between 0 and " + std::to_string(kMaxSteps));
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

void read_values(Value& value, std::vector<double>& out) {
  value.for_each_element([&](std::size_t, Value& element) {
    const auto v = element.number();
    if (!v) return;
    if (!std::isfinite(*v)) {
      element.problem("must be a finite number");
      return;
    }
    out.push_back(*v);
  });
}

ForecastSeriesInput read_series(Value& root, bool batch) {
  ForecastSeriesInput input;
  bool saw_values = false;
  std::string values_path = child_path(root.path(), "values");
  const auto on_field = [&](std::string_view key, Value& field) {
    if (key == "values") {
      saw_values = true;
      values_path = field.path();
      read_values(field, input.values);
    } else if (key == "name") {
      if (!field.is_null()) input.name = field.string();
    } else if (key == "horizon") {
      input.horizon = read_steps(field);
    } else if (key == "period") {
      input.period = read_steps(field);
    } else if (key == "level") {
      if (!field.is_null()) input.level = field.number();
    } else if (key == "model") {
      if (!field.is_null()) input.model = field.string();
    } else {
      field.skip();
    }
  };
  // A batch item must say how far to forecast; a single request takes the command's flag.
  if (batch) read_object(root, {"values", "horizon"}, on_field);
  else read_object(root, {"values"}, on_field);
  if (saw_values && input.values.empty() && root.problems().empty())
    root.problems().add(values_path, "must hold at least one number", "value_error");
  return input;
}

void write_numbers(Writer& writer, const std::vector<double>& values) {
  writer.begin_array();
  for (double v : values) writer.number(v);  // null when not finite
  writer.end_array();
}

void write_result(Writer& writer, const NamedForecast& forecast) {
  const auto& r = forecast.result;
  writer.begin_object();
  if (forecast.name) writer.field("name", std::string_view(*forecast.name));
  writer.field("model", std::string_view(r.model));
  writer.field("method", analytics::forecast::method_name(r.method));
  writer.field("period", r.period);
  writer.field("level", r.level);
  writer.key("mean");
  write_numbers(writer, r.mean);
  writer.key("lower");
  write_numbers(writer, r.lower);
  writer.key("upper");
  write_numbers(writer, r.upper);
  writer.key("fitted");
  write_numbers(writer, r.fitted);
  writer.key("sigma").optional_number(r.sigma);
  writer.key("aicc").optional_number(r.aicc);
  writer.key("parameters").begin_object();
  for (const auto& p : r.parameters) writer.key(p.name).number(p.value);
  writer.end_object();
  writer.key("notes").begin_array();
  for (const auto& note : r.notes) writer.string(note);
  writer.end_array();
  writer.end_object();
}

}  // namespace

core::Result<ForecastSeriesInput> read_forecast_request(const std::string& body) {
  return decode<ForecastSeriesInput>(body, [](Value& root) { return read_series(root, false); });
}

core::Result<std::vector<ForecastSeriesInput>> read_forecast_batch(const std::string& body) {
  return decode<std::vector<ForecastSeriesInput>>(body, [](Value& root) {
    std::vector<ForecastSeriesInput> out;
    root.for_each_element([&](std::size_t, Value& item) { out.push_back(read_series(item, true)); });
    return out;
  });
}

std::string write_forecast(const NamedForecast& forecast) {
  Writer writer;
  write_result(writer, forecast);
  return writer.take();
}

std::string write_forecast_batch(std::span<const NamedForecast> forecasts) {
  Writer writer;
  writer.begin_array();
  for (const auto& f : forecasts) write_result(writer, f);
  writer.end_array();
  return writer.take();
}

}  // namespace finml::http::json
