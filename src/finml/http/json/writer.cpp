#include <finml/http/json/writer.hpp>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>

namespace finml::http::json {

struct Writer::Impl {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer{buffer};
};

Writer::Writer() : impl_(std::make_unique<Impl>()) {}
Writer::~Writer() = default;

Writer& Writer::begin_object() {
  impl_->writer.StartObject();
  return *this;
}

Writer& Writer::end_object() {
  impl_->writer.EndObject();
  return *this;
}

Writer& Writer::begin_array() {
  impl_->writer.StartArray();
  return *this;
}

Writer& Writer::end_array() {
  impl_->writer.EndArray();
  return *this;
}

Writer& Writer::key(std::string_view name) {
  impl_->writer.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()), true);
  return *this;
}

Writer& Writer::string(std::string_view value) {
  impl_->writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()), true);
  return *this;
}

Writer& Writer::integer(std::int64_t value) {
  impl_->writer.Int64(value);
  return *this;
}

Writer& Writer::number(double value) {
  if (!std::isfinite(value)) return null();
  if (value == 0.0) value = 0.0;  // no "-0.0"
  impl_->writer.Double(value);
  return *this;
}

Writer& Writer::number_rounded(double value, int digits) {
  return number(core::round_decimal(value, digits));
}

Writer& Writer::boolean(bool value) {
  impl_->writer.Bool(value);
  return *this;
}

Writer& Writer::null() {
  impl_->writer.Null();
  return *this;
}

Writer& Writer::money(const core::Money& value) {
  const std::string text = value.to_decimal_string();
  impl_->writer.RawValue(text.data(), text.size(), rapidjson::kNumberType);
  return *this;
}

Writer& Writer::optional_number(const std::optional<double>& value) {
  return value ? number(*value) : null();
}

Writer& Writer::optional_string(const std::optional<std::string>& value) {
  return value ? string(*value) : null();
}

std::string Writer::take() {
  std::string out(impl_->buffer.GetString(), impl_->buffer.GetSize());
  impl_->buffer.Clear();
  impl_->writer.Reset(impl_->buffer);
  return out;
}

}  // namespace finml::http::json
