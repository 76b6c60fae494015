#include <finml/app/forecast_command.hpp>

#include <exception>
#include <istream>
#include <iterator>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <finml/analytics/forecast/forecaster.hpp>
#include <finml/http/json/forecast_json.hpp>
#include <finml/http/message.hpp>

namespace finml::app {
namespace {

namespace forecast = analytics::forecast;

/// Prints an input error: its message, then one line per bad field.
int bad_input(std::ostream& err, const std::string& context, const core::Error& error) {
  err << "finml forecast: " << context << error.message << "\n";
  for (const auto& field : error.fields) err << "  " << field.path << ": " << field.message << "\n";
  return kForecastBadInput;
}

int bad_input(std::ostream& err, const std::string& message) {
  err << "finml forecast: " << message << "\n";
  return kForecastBadInput;
}

std::string read_all(std::istream& in) {
  std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  body.reserve(body.size() + http::kBodyPadding);  // lets simdjson parse in place
  return body;
}

/// Combines the command's flags with a series' own settings and checks them.
core::Result<forecast::ForecastOptions> options_for(const ForecastCommandOptions& flags,
                                                    const http::json::ForecastSeriesInput& s) {
  forecast::ForecastOptions options;
  options.horizon = s.horizon.value_or(flags.horizon);
  options.period = s.period.value_or(flags.period);
  options.level = s.level.value_or(flags.level);
  const std::string model = s.model.value_or(flags.model);
  const auto method = forecast::parse_method(model);
  if (!method) {
    return core::fail(core::ErrorCode::kInvalidArgument,
                      "unknown model '" + model +
                          "' (use auto, ets, arima, theta, snaive, naive, drift, linear, mean or combo)");
  }
  options.method = *method;
  if (options.horizon < 1) return core::fail(core::ErrorCode::kInvalidArgument, "horizon must be at least 1");
  if (!(options.level > 0.0 && options.level < 1.0))
    return core::fail(core::ErrorCode::kInvalidArgument, "level must lie strictly between 0 and 1");
  if (options.period < 0) return core::fail(core::ErrorCode::kInvalidArgument, "period must not be negative");
  return options;
}

core::Result<http::json::NamedForecast> run_one(const ForecastCommandOptions& flags,
                                                const http::json::ForecastSeriesInput& s) {
  const auto options = options_for(flags, s);
  if (!options) return std::unexpected(options.error());
  auto result = forecast::forecast(s.values, *options);
  if (!result) return std::unexpected(result.error());
  return http::json::NamedForecast{s.name, std::move(*result)};
}

}  // namespace

int run_forecast_command(const ForecastCommandOptions& options, std::istream& in,
                         std::ostream& out, std::ostream& err) {
  try {
    const std::string body = read_all(in);
    if (!options.batch) {
      const auto input = http::json::read_forecast_request(body);
      if (!input) return bad_input(err, "invalid input: ", input.error());
      const auto result = run_one(options, *input);
      if (!result) return bad_input(err, result.error().message);
      out << http::json::write_forecast(*result) << "\n";
      return kForecastOk;
    }
    const auto inputs = http::json::read_forecast_batch(body);
    if (!inputs) return bad_input(err, "invalid input: ", inputs.error());
    std::vector<http::json::NamedForecast> results;
    results.reserve(inputs->size());
    for (std::size_t i = 0; i < inputs->size(); ++i) {
      const auto& item = (*inputs)[i];
      auto result = run_one(options, item);
      if (!result) {
        const std::string label = item.name ? "'" + *item.name + "'" : "#" + std::to_string(i);
        return bad_input(err, "series " + label + " ($[" + std::to_string(i) + "]): " +
                                  result.error().message);
      }
      results.push_back(std::move(*result));
    }
    out << http::json::write_forecast_batch(results) << "\n";
    return kForecastOk;
  } catch (const std::exception& e) {
    err << "finml forecast: internal error: " << e.what() << "\n";
    return kForecastInternalError;
  }
}

}  // namespace finml::app
