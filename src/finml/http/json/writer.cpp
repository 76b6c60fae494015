#include <finml/http/json/writer.hpp>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>

namespace finml::http::json {
namespace {

// Length of the well-formed UTF-8 sequence at `text[i]`, or 0 when it is not one (RFC 3629:
// no overlong forms, no surrogates, nothing above U+10FFFF).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

// JSON text must be UTF-8: text echoed from a request (a query parameter, a category) may not
// be, so each byte that does not start a well-formed sequence becomes U+FFFD.
std::string_view as_utf8(std::string_view text, std::string& storage) {
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) break;
    i += length;
  }
  if (i == text.size()) return text;
  storage.assign(text.substr(0, i));
  while (i < text.size()) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      storage += "\xEF\xBF\xBD";
      ++i;
    } else {
      storage.append(text.substr(i, length));
      i += length;
    }
  }
  return storage;
}

}  // namespace

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
  std::string storage;
  name = as_utf8(name, storage);
  impl_->writer.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()), true);
  return *this;
}

Writer& Writer::string(std::string_view value) {
  std::string storage;
  value = as_utf8(value, storage);
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
