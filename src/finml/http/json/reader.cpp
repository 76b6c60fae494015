#include <finml/http/json/reader.hpp>

#include <charconv>
#include <cmath>

#include <finml/core/text.hpp>
#include <finml/http/message.hpp>

namespace finml::http::json {
namespace {

using simdjson::error_code;
namespace ondemand = simdjson::ondemand;

[[noreturn]] void throw_malformed(error_code error) {
  throw MalformedJson{std::string("Malformed JSON: ") + simdjson::error_message(error)};
}

// An error that means the document itself is broken, as opposed to "not the type you wanted".
bool is_malformed(error_code error) {
  return error != simdjson::SUCCESS && error != simdjson::INCORRECT_TYPE &&
         error != simdjson::NUMBER_OUT_OF_RANGE;
}

template <class T>
std::optional<T> checked(simdjson::simdjson_result<T>&& result) {
  T out{};
  const error_code error = std::move(result).get(out);
  if (error == simdjson::SUCCESS) return out;
  if (is_malformed(error)) throw_malformed(error);
  return std::nullopt;
}

std::optional<double> parse_double(std::string_view text) {
  text = core::trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<std::int64_t> integral(double value) {
  constexpr double kLimit = 9.2233720368547758e18;
  if (!std::isfinite(value) || std::trunc(value) != value || std::fabs(value) >= kLimit) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(value);
}

bool is_identifier(std::string_view key) {
  if (key.empty()) return false;
  for (const char c : key) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

// Checks a whole value (recursively) for well-formedness, consuming it.
void validate(ondemand::value value) {
  ondemand::json_type type{};
  if (const auto error = value.type().get(type)) throw_malformed(error);
  switch (type) {
    case ondemand::json_type::object: {
      ondemand::object object;
      if (const auto error = value.get_object().get(object)) throw_malformed(error);
      for (auto field : object) {
        ondemand::field member;
        if (const auto error = std::move(field).get(member)) throw_malformed(error);
        std::string_view key;
        if (const auto error = member.unescaped_key().get(key)) throw_malformed(error);
        validate(member.value());
      }
      break;
    }
    case ondemand::json_type::array: {
      ondemand::array array;
      if (const auto error = value.get_array().get(array)) throw_malformed(error);
      for (auto element : array) {
        ondemand::value item;
        if (const auto error = std::move(element).get(item)) throw_malformed(error);
        validate(item);
      }
      break;
    }
    case ondemand::json_type::number: {
      double ignored = 0.0;
      const auto error = value.get_double().get(ignored);
      if (error && error != simdjson::NUMBER_OUT_OF_RANGE) throw_malformed(error);
      break;
    }
    case ondemand::json_type::string: {
      std::string_view ignored;
      if (const auto error = value.get_string().get(ignored)) throw_malformed(error);
      break;
    }
    case ondemand::json_type::boolean: {
      bool ignored = false;
      if (const auto error = value.get_bool().get(ignored)) throw_malformed(error);
      break;
    }
    case ondemand::json_type::null: {
      bool is_null = false;
      if (const auto error = value.is_null().get(is_null)) throw_malformed(error);
      if (!is_null) throw_malformed(simdjson::N_ATOM_ERROR);
      break;
    }
  }
}

}  // namespace

std::string child_path(const std::string& parent, std::string_view key) {
  if (is_identifier(key)) return parent + "." + std::string(key);
  std::string quoted = parent + "[\"";
  for (const char c : key) {
    if (c == '"' || c == '\\') quoted.push_back('\\');
    quoted.push_back(c);
  }
  return quoted + "\"]";
}

std::string element_path(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

std::string Value::path() const {
  switch (step_) {
    case Step::kRoot: return root_path_;
    case Step::kKey: return child_path(parent_->path(), key_);
    case Step::kIndex: return element_path(parent_->path(), index_);
  }
  return root_path_;
}

Value::Kind Value::kind() {
  ondemand::json_type type{};
  if (const auto error = value_.type().get(type)) throw_malformed(error);
  switch (type) {
    case ondemand::json_type::object: return Kind::kObject;
    case ondemand::json_type::array: return Kind::kArray;
    case ondemand::json_type::number: return Kind::kNumber;
    case ondemand::json_type::string: return Kind::kString;
    case ondemand::json_type::boolean: return Kind::kBoolean;
    case ondemand::json_type::null: return Kind::kNull;
  }
  return Kind::kNull;
}

bool Value::is_null() { return kind() == Kind::kNull && checked(value_.is_null()).value_or(false); }

void Value::problem(std::string message, std::string type) {
  problems_->add(path(), std::move(message), std::move(type));
}

void Value::type_problem(std::string_view expected) {
  const Kind actual = kind();
  if (actual == Kind::kNull) {
    // Consume the literal so that a malformed "nul" is still caught.
    if (!checked(value_.is_null()).value_or(false)) throw_malformed(simdjson::N_ATOM_ERROR);
    problem("must be " + std::string(expected) + ", not null", "null");
    return;
  }
  static constexpr std::string_view kNames[] = {"an object", "an array", "a number",
                                                "a string", "a boolean", "null"};
  problem("must be " + std::string(expected) + ", not " +
              std::string(kNames[static_cast<std::size_t>(actual)]),
          "type_error");
  skip();
}

std::optional<double> Value::number() {
  switch (kind()) {
    case Kind::kNumber: {
      double value = 0.0;
      const auto error = value_.get_double().get(value);
      if (error == simdjson::NUMBER_OUT_OF_RANGE || (!error && !std::isfinite(value))) {
        problem("must be a finite number", "value_error");
        return std::nullopt;
      }
      if (error) throw_malformed(error);
      return value;
    }
    case Kind::kString: {
      const auto text = checked(value_.get_string());
      if (!text) return std::nullopt;
      if (auto value = parse_double(*text)) return value;
      problem("must be a number, not '" + std::string(text->substr(0, 40)) + "'", "type_error");
      return std::nullopt;
    }
    default:
      type_problem("a number");
      return std::nullopt;
  }
}

std::optional<std::int64_t> Value::integer() {
  switch (kind()) {
    case Kind::kNumber: {
      ondemand::number_type type{};
      if (const auto error = value_.get_number_type().get(type)) throw_malformed(error);
      if (type == ondemand::number_type::signed_integer) return checked(value_.get_int64());
      const auto value = number();
      if (!value) return std::nullopt;
      if (auto exact = integral(*value)) return exact;
      problem("must be an integer", "type_error");
      return std::nullopt;
    }
    case Kind::kString: {
      const auto text = checked(value_.get_string());
      if (!text) return std::nullopt;
      const std::string_view trimmed = core::trim(*text);
      std::int64_t value = 0;
      const auto [end, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
      if (ec == std::errc{} && end == trimmed.data() + trimmed.size() && !trimmed.empty()) return value;
      problem("must be an integer, not '" + std::string(text->substr(0, 40)) + "'", "type_error");
      return std::nullopt;
    }
    default:
      type_problem("an integer");
      return std::nullopt;
  }
}

std::optional<std::string> Value::decimal_text() {
  const auto view = decimal_view();
  if (!view) return std::nullopt;
  return std::string(*view);
}

std::optional<std::string_view> Value::decimal_view() {
  switch (kind()) {
    case Kind::kNumber: {
      const std::string_view text = core::trim(value_.raw_json_token());
      double ignored = 0.0;  // validates the token as a JSON number and consumes it
      if (const auto error = value_.get_double().get(ignored);
          error && error != simdjson::NUMBER_OUT_OF_RANGE) {
        throw_malformed(error);
      }
      return text;
    }
    case Kind::kString: return checked(value_.get_string());
    default:
      type_problem("an amount");
      return std::nullopt;
  }
}

std::optional<core::Money> Value::money(core::Currency currency) {
  const auto text = decimal_text();
  if (!text) return std::nullopt;
  auto parsed = core::Money::parse(*text, currency);
  if (!parsed) {
    problem("must be an amount: " + parsed.error().message, "value_error");
    return std::nullopt;
  }
  return *parsed;
}

std::optional<std::string> Value::string() {
  const auto view = string_view();
  if (!view) return std::nullopt;
  return std::string(*view);
}

std::optional<std::string_view> Value::string_view() {
  if (kind() != Kind::kString) {
    type_problem("a string");
    return std::nullopt;
  }
  return checked(value_.get_string());
}

std::optional<bool> Value::boolean() {
  if (kind() == Kind::kBoolean) return checked(value_.get_bool());
  if (kind() == Kind::kString) {
    const auto text = checked(value_.get_string());
    if (!text) return std::nullopt;
    if (*text == "true") return true;
    if (*text == "false") return false;
    problem("must be true or false", "type_error");
    return std::nullopt;
  }
  type_problem("a boolean");
  return std::nullopt;
}

std::optional<core::Date> Value::date() {
  if (kind() != Kind::kString) {
    type_problem("a string");
    return std::nullopt;
  }
  const auto text = checked(value_.get_string());
  if (!text) return std::nullopt;
  auto parsed = core::parse_booking_date(*text);
  if (!parsed) {
    problem(parsed.error().message, "value_error");
    return std::nullopt;
  }
  return *parsed;
}

void Value::for_each_field(FunctionRef<void(std::string_view, Value&)> on_field) {
  if (kind() != Kind::kObject) {
    type_problem("an object");
    return;
  }
  ondemand::object object;
  if (const auto error = value_.get_object().get(object)) throw_malformed(error);
  for (auto field : object) {
    ondemand::field member;
    if (const auto error = std::move(field).get(member)) throw_malformed(error);
    std::string_view key;
    if (const auto error = member.unescaped_key().get(key)) throw_malformed(error);
    // The key's storage is reused by the next string read: keep a copy.
    const std::string key_copy(key);
    Value child(member.value(), *this, std::string_view(key_copy));
    on_field(key_copy, child);
  }
}

void Value::for_each_element(FunctionRef<void(std::size_t, Value&)> on_element) {
  if (kind() != Kind::kArray) {
    type_problem("an array");
    return;
  }
  ondemand::array array;
  if (const auto error = value_.get_array().get(array)) throw_malformed(error);
  std::size_t index = 0;
  for (auto element : array) {
    ondemand::value item;
    if (const auto error = std::move(element).get(item)) throw_malformed(error);
    Value child(item, *this, index);
    on_element(index, child);
    ++index;
  }
}

std::size_t Value::array_size() {
  if (kind() != Kind::kArray) return 0;
  std::size_t count = 0;
  if (value_.count_elements().get(count) != simdjson::SUCCESS) return 0;  // reading reports it
  return count;
}

void Value::skip() { validate(value_); }

std::optional<double> optional_number(Value& value) {
  if (value.is_null()) return std::nullopt;
  return value.number();
}

std::optional<std::string> optional_string(Value& value) {
  if (value.is_null()) return std::nullopt;
  return value.string();
}

std::optional<core::Date> optional_date(Value& value) {
  if (value.is_null()) return std::nullopt;
  return value.date();
}

std::optional<core::UserId> user_id(Value& value) {
  const auto id = value.integer();
  if (!id) return std::nullopt;
  if (*id <= 0) {
    value.problem("must be a positive integer", "greater_than");
    return std::nullopt;
  }
  return core::UserId(*id);
}

std::optional<int> integer_between(Value& value, int min, int max) {
  const auto number = value.integer();
  if (!number) return std::nullopt;
  if (*number < min || *number > max) {
    value.problem("must be from " + std::to_string(min) + " to " + std::to_string(max), "value_error");
    return std::nullopt;
  }
  return static_cast<int>(*number);
}

bool read_object(Value& value, std::initializer_list<std::string_view> required,
                 FunctionRef<void(std::string_view, Value&)> on_field) {
  if (value.kind() != Value::Kind::kObject) {
    value.for_each_field([](std::string_view, Value&) {});  // reports the type problem
    return false;
  }
  // A bit per required field (objects name a handful): no allocation per object read.
  std::uint64_t seen = 0;
  value.for_each_field([&](std::string_view key, Value& field) {
    std::size_t index = 0;
    for (const auto name : required) {
      if (name == key && index < 64) seen |= std::uint64_t{1} << index;
      ++index;
    }
    on_field(key, field);
  });
  std::size_t index = 0;
  for (const auto name : required) {
    if (index >= 64 || (seen & (std::uint64_t{1} << index)) == 0) {
      value.problems().add(child_path(value.path(), name), "Field required", "missing");
    }
    ++index;
  }
  return true;
}

namespace detail {

core::Result<void> visit_document(const std::string& body, const std::function<void(Value&)>& visit,
                                  Problems& problems) {
  thread_local ondemand::parser parser;
  std::string_view text(body);
  // No body at all reads as an empty object.
  static const std::string kEmptyObject = [] {
    std::string s = "{}";
    s.reserve(2 + kBodyPadding);
    return s;
  }();
  const bool blank = text.find_first_not_of(" \t\r\n") == std::string_view::npos;
  const std::string& source = blank ? kEmptyObject : body;

  simdjson::padded_string copy;
  ondemand::document document;
  error_code error{};
  if (source.capacity() >= source.size() + simdjson::SIMDJSON_PADDING) {
    error = parser.iterate(source.data(), source.size(), source.capacity()).get(document);
  } else {
    copy = simdjson::padded_string(source.data(), source.size());
    error = parser.iterate(copy).get(document);
  }
  try {
    if (error) throw_malformed(error);
    ondemand::json_type type{};
    if (const auto type_error = document.type().get(type)) throw_malformed(type_error);
    if (type != ondemand::json_type::object && type != ondemand::json_type::array) {
      // A scalar document: check it, then refuse it.
      std::string_view raw;
      if (const auto raw_error = document.raw_json_token().get(raw)) throw_malformed(raw_error);
      double number = 0.0;
      std::string_view string;
      bool flag = false;
      error_code scalar_error{};
      switch (type) {
        case ondemand::json_type::number: scalar_error = document.get_double().get(number); break;
        case ondemand::json_type::string: scalar_error = document.get_string().get(string); break;
        case ondemand::json_type::boolean: scalar_error = document.get_bool().get(flag); break;
        default: scalar_error = document.is_null().get(flag); if (!scalar_error && !flag) scalar_error = simdjson::N_ATOM_ERROR; break;
      }
      if (scalar_error && scalar_error != simdjson::NUMBER_OUT_OF_RANGE) throw_malformed(scalar_error);
      problems.add("$", "the body must be a JSON object", "type_error");
      return {};
    }
    ondemand::value root;
    if (const auto root_error = document.get_value().get(root)) throw_malformed(root_error);
    Value value(root, "$", problems);
    visit(value);
    // Anything after the root value is not JSON.
    const char* location = nullptr;
    if (document.current_location().get(location) == simdjson::SUCCESS) {
      throw MalformedJson{"Malformed JSON: unexpected content after the document"};
    }
  } catch (const MalformedJson& malformed) {
    return core::fail(core::ErrorCode::kMalformedInput, malformed.message);
  }
  return {};
}

}  // namespace detail

}  // namespace finml::http::json
