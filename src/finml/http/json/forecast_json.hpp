#pragma once
/// @file finml/http/json/forecast_json.hpp
/// Bodies of the forecasting command (and of a future forecast route): a series to forecast,
/// a batch of them, and the forecasts written back.
///   request: {"values": [..], "horizon"?, "period"?, "level"?, "model"?}
///   batch:   [{"name", "values", "horizon", "period"?}, ...]
///   result:  {"name"?, "model", "method", "period", "level", "mean", "lower", "upper",
///             "fitted", "sigma", "aicc", "parameters": {..}, "notes": [..]}
/// Non-finite numbers are written as null (fitted values that a method does not define).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <finml/analytics/forecast/forecaster.hpp>
#include <finml/core/error.hpp>

namespace finml::http::json {

/// One series to forecast; the optional settings override the command's flags.
struct ForecastSeriesInput {
  std::optional<std::string> name;
  std::vector<double> values;  ///< at least one, all finite
  std::optional<int> horizon;
  std::optional<int> period;
  std::optional<double> level;
  std::optional<std::string> model;
};

/// Reads {"values": [...], ...}. kMalformedInput when the body is not JSON; kValidation listing
/// every problem (missing or empty values, a value that is not a finite number, a horizon or
/// period that is not an integer).
[[nodiscard]] core::Result<ForecastSeriesInput> read_forecast_request(const std::string& body);

/// Reads a JSON list of {"name", "values", "horizon", "period"?} objects.
[[nodiscard]] core::Result<std::vector<ForecastSeriesInput>> read_forecast_batch(
    const std::string& body);

/// A forecast and the name of its series, for batch output.
struct NamedForecast {
  std::optional<std::string> name;
  analytics::forecast::ForecastResult result;
};

/// Writes one result as a JSON object.
[[nodiscard]] std::string write_forecast(const NamedForecast& forecast);
/// Writes the results as a JSON list, in order.
[[nodiscard]] std::string write_forecast_batch(std::span<const NamedForecast> forecasts);

}  // namespace finml::http::json
