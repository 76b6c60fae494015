#include <finml/http/json/log_json.hpp>

#include <finml/http/json/writer.hpp>

namespace finml::http::json {

std::string write_log_line(std::string_view timestamp, LogLevel level, std::string_view event,
                           std::string_view message, std::initializer_list<LogField> fields) {
  Writer writer;
  writer.begin_object();
  writer.field("timestamp", timestamp);
  writer.field("level", to_string(level));
  writer.field("event", event);
  if (!message.empty()) writer.field("message", message);
  for (const auto& field : fields) {
    writer.key(field.key);
    std::visit(
        [&](const auto& value) {
          using T = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<T, std::string_view>) {
            writer.string(value);
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            writer.integer(value);
          } else if constexpr (std::is_same_v<T, double>) {
            writer.number(value);
          } else {
            writer.boolean(value);
          }
        },
        field.value);
  }
  writer.end_object();
  return writer.take();
}

}  // namespace finml::http::json
