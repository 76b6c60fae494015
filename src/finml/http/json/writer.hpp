#pragma once
/// @file finml/http/json/writer.hpp
/// Streaming JSON output over RapidJSON's Writer. Never emits NaN or Infinity: a non-finite
/// number is written as null. Money is written as its exact decimal, not through a double.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <finml/core/money.hpp>

namespace finml::http::json {

class Writer {
 public:
  Writer();
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  Writer& begin_object();
  Writer& end_object();
  Writer& begin_array();
  Writer& end_array();
  Writer& key(std::string_view name);

  Writer& string(std::string_view value);
  Writer& integer(std::int64_t value);
  /// Shortest text that reads back as the same double ("0.1", "50000.0"); null when not finite.
  Writer& number(double value);
  /// `value` rounded to `digits` decimals as Python's round() does, then as number().
  Writer& number_rounded(double value, int digits);
  Writer& boolean(bool value);
  Writer& null();
  /// The exact decimal of the amount ("1042.30"), as a JSON number.
  Writer& money(const core::Money& value);

  Writer& optional_number(const std::optional<double>& value);
  Writer& optional_string(const std::optional<std::string>& value);

  /// Shorthands for one member: key then value.
  Writer& field(std::string_view name, std::string_view value) { return key(name).string(value); }
  Writer& field(std::string_view name, const char* value) { return key(name).string(value); }
  Writer& field(std::string_view name, std::int64_t value) { return key(name).integer(value); }
  Writer& field(std::string_view name, int value) { return key(name).integer(value); }
  Writer& field(std::string_view name, double value) { return key(name).number(value); }
  Writer& field(std::string_view name, bool value) { return key(name).boolean(value); }

  /// The document written so far (complete once every begin has its end).
  [[nodiscard]] std::string take();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace finml::http::json
