#pragma once
/// @file finml/http/logger.hpp
/// Structured logs on standard output, one line per event: JSON lines by default
/// ({"timestamp","level","event","message",...fields}) or plain text for people. Lines are
/// written by a background thread so that request threads never wait on the terminal.
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace finml::http {

enum class LogLevel { kDebug, kInfo, kWarning, kError, kCritical };
enum class LogFormat { kJson, kText };

/// DEBUG, INFO, WARNING (or WARN), ERROR, CRITICAL, in any case.
[[nodiscard]] std::optional<LogLevel> parse_log_level(std::string_view text) noexcept;
[[nodiscard]] std::string_view to_string(LogLevel level) noexcept;

struct LogField {
  std::string_view key;
  std::variant<std::string_view, std::int64_t, double, bool> value;
};

class Logger {
 public:
  Logger(LogLevel minimum, LogFormat format);
  ~Logger();  ///< writes out what is queued
  Logger(const Logger&) = delete;
  Logger& operator=(const Logger&) = delete;

  [[nodiscard]] bool enabled(LogLevel level) const noexcept { return level >= minimum_; }
  void log(LogLevel level, std::string_view event, std::string_view message,
           std::initializer_list<LogField> fields = {});
  void flush();

 private:
  struct Impl;
  LogLevel minimum_;
  LogFormat format_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace finml::http
