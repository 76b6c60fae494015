#include <finml/http/logger.hpp>

#include <spdlog/async.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>

#include <finml/http/json/log_json.hpp>

namespace finml::http {
namespace {

constexpr std::size_t kQueueSize = 8192;

std::string now_text() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char buffer[40];
  const std::size_t n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &parts);
  std::snprintf(buffer + n, sizeof buffer - n, ".%03dZ", static_cast<int>(millis));
  return buffer;
}

std::string text_line(std::string_view timestamp, LogLevel level, std::string_view event,
                      std::string_view message, std::initializer_list<LogField> fields) {
  std::string line;
  line.reserve(160);
  line += timestamp;
  line += ' ';
  std::string level_name(to_string(level));
  level_name.resize(8, ' ');
  line += level_name;
  line += event;
  if (!message.empty()) {
    line += ": ";
    line += message;
  }
  for (const auto& field : fields) {
    line += ' ';
    line += field.key;
    line += '=';
    std::visit(
        [&](const auto& value) {
          using T = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<T, std::string_view>) {
            line += value;
          } else if constexpr (std::is_same_v<T, bool>) {
            line += value ? "true" : "false";
          } else {
            line += std::to_string(value);
          }
        },
        field.value);
  }
  return line;
}

spdlog::level::level_enum spdlog_level(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return spdlog::level::debug;
    case LogLevel::kInfo: return spdlog::level::info;
    case LogLevel::kWarning: return spdlog::level::warn;
    case LogLevel::kError: return spdlog::level::err;
    case LogLevel::kCritical: return spdlog::level::critical;
  }
  return spdlog::level::info;
}

}  // namespace

std::optional<LogLevel> parse_log_level(std::string_view text) noexcept {
  std::string upper;
  for (const char c : text) upper.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  if (upper == "DEBUG") return LogLevel::kDebug;
  if (upper == "INFO") return LogLevel::kInfo;
  if (upper == "WARNING" || upper == "WARN") return LogLevel::kWarning;
  if (upper == "ERROR") return LogLevel::kError;
  if (upper == "CRITICAL") return LogLevel::kCritical;
  return std::nullopt;
}

std::string_view to_string(LogLevel level) noexcept {
  switch (level) {
    case LogLevel::kDebug: return "DEBUG";
    case LogLevel::kInfo: return "INFO";
    case LogLevel::kWarning: return "WARNING";
    case LogLevel::kError: return "ERROR";
    case LogLevel::kCritical: return "CRITICAL";
  }
  return "INFO";
}

struct Logger::Impl {
  std::shared_ptr<spdlog::details::thread_pool> pool;
  std::shared_ptr<spdlog::async_logger> logger;
};

Logger::Logger(LogLevel minimum, LogFormat format)
    : minimum_(minimum), format_(format), impl_(std::make_unique<Impl>()) {
  // One background thread writes; a full queue makes callers wait rather than lose lines.
  impl_->pool = std::make_shared<spdlog::details::thread_pool>(kQueueSize, 1);
  auto sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
  impl_->logger = std::make_shared<spdlog::async_logger>("finml", std::move(sink), impl_->pool,
                                                         spdlog::async_overflow_policy::block);
  impl_->logger->set_pattern("%v");
  impl_->logger->set_level(spdlog_level(minimum));
  impl_->logger->flush_on(spdlog::level::warn);
}

Logger::~Logger() {
  flush();
  impl_->logger.reset();
  impl_->pool.reset();  // joins the writer thread after the queue drained
}

void Logger::log(LogLevel level, std::string_view event, std::string_view message,
                 std::initializer_list<LogField> fields) {
  if (!enabled(level)) return;
  const std::string timestamp = now_text();
  std::string line = format_ == LogFormat::kJson
                         ? json::write_log_line(timestamp, level, event, message, fields)
                         : text_line(timestamp, level, event, message, fields);
  impl_->logger->log(spdlog_level(level), std::string_view(line));
}

void Logger::flush() { impl_->logger->flush(); }

}  // namespace finml::http
