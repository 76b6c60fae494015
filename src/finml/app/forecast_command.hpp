#pragma once
/// @file finml/app/forecast_command.hpp
/// `finml forecast`: reads a series (or a batch of them) as JSON on stdin and prints forecasts.
///   finml forecast --horizon H --period P [--level 0.95] [--model auto|ets|...] < series.json
///   finml forecast --batch [--horizon H] [--period P] < list.json
/// Streams are parameters, so the command runs in tests without a process.
#include <iosfwd>
#include <string>

namespace finml::app {

struct ForecastCommandOptions {
  int horizon = 0;  ///< steps ahead; in batch mode the default for items without one
  int period = 0;   ///< season length; 0 detects it, 1 means none
  double level = 0.95;
  std::string model = "auto";
  bool batch = false;
};

/// Exit codes of run_forecast_command().
inline constexpr int kForecastOk = 0;
inline constexpr int kForecastInternalError = 1;
inline constexpr int kForecastBadInput = 2;

/// Runs the command: JSON in from `in`, JSON out (one line) to `out`, messages to `err`.
/// Returns kForecastOk, or kForecastBadInput with a message on `err` for input that cannot be
/// forecast (not JSON, no values, a non-finite value, a horizon below 1, an unknown model, a
/// level outside (0, 1)). A series that a model cannot fit falls back to a simpler model.
[[nodiscard]] int run_forecast_command(const ForecastCommandOptions& options, std::istream& in,
                                       std::ostream& out, std::ostream& err);

}  // namespace finml::app
