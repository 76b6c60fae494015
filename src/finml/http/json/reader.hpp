#pragma once
/// @file finml/http/json/reader.hpp
/// Reading request bodies with simdjson On-Demand, field by field, in any field order.
/// Schema problems (a missing field, a string where a number belongs, null) are collected with
/// their JSON path so that one 422 lists them all; a body that is not JSON at all is a 400.
/// Readers are lenient where the real client needs it: numbers may come as numeric strings,
/// integers as 42.0 or "42", unknown fields are ignored (but still checked to be valid JSON).
#include <cstdint>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include <finml/core/date.hpp>
#include <finml/core/error.hpp>
#include <finml/core/function_ref.hpp>
#include <finml/core/ids.hpp>
#include <finml/core/money.hpp>

namespace finml::http::json {

using core::FunctionRef;

/// The schema problems found so far in one body.
class Problems {
 public:
  void add(std::string path, std::string message, std::string type) {
    problems_.push_back({std::move(path), std::move(message), std::move(type)});
  }
  [[nodiscard]] bool empty() const noexcept { return problems_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return problems_.size(); }
  [[nodiscard]] std::vector<core::FieldError> take() { return std::move(problems_); }

 private:
  std::vector<core::FieldError> problems_;
};

/// Thrown (and caught inside decode()) when the body is not well-formed JSON.
struct MalformedJson {
  std::string message;
};

/// One JSON value of the body, with its path ("$.transactions[3].amount"). Each value is read
/// at most once, in document order; every accessor reports a problem itself and returns
/// nullopt when the value does not fit.
class Value {
 public:
  enum class Kind { kObject, kArray, kNumber, kString, kBoolean, kNull };

  /// The root value, at `path` (normally "$").
  Value(simdjson::ondemand::value value, std::string path, Problems& problems)
      : value_(value), root_path_(std::move(path)), problems_(&problems) {}
  /// A member of `parent`; `key` must outlive this value.
  Value(simdjson::ondemand::value value, const Value& parent, std::string_view key)
      : value_(value), parent_(&parent), key_(key), step_(Step::kKey), problems_(parent.problems_) {}
  /// An element of `parent`.
  Value(simdjson::ondemand::value value, const Value& parent, std::size_t index)
      : value_(value), parent_(&parent), index_(index), step_(Step::kIndex), problems_(parent.problems_) {}

  /// Built only when asked for (a problem to report): building it for every value read cost
  /// about half of the time of reading a large body.
  [[nodiscard]] std::string path() const;
  [[nodiscard]] Kind kind();
  [[nodiscard]] bool is_null();

  /// A number, or a string holding one ("12.5").
  std::optional<double> number();
  /// An integer, or a number with no fraction (42.0), or a string holding one ("42").
  std::optional<std::int64_t> integer();
  /// An exact decimal amount from a number or a numeric string.
  std::optional<core::Money> money(core::Currency currency);
  /// The text of a number, or of a string holding one, unconverted ("12.50", "1e3").
  std::optional<std::string> decimal_text();
  std::optional<std::string> string();
  /// Like decimal_text() and string(), without a copy: the text lives as long as the parsed
  /// document (the body being read).
  std::optional<std::string_view> decimal_view();
  std::optional<std::string_view> string_view();
  std::optional<bool> boolean();
  /// A date or timestamp; see core::parse_booking_date for how timestamps map to dates.
  std::optional<core::Date> date();

  /// Calls `on_field(key, value)` for each member; reports a problem when not an object.
  void for_each_field(FunctionRef<void(std::string_view, Value&)> on_field);
  /// Calls `on_element(index, value)` for each element; reports a problem when not an array.
  void for_each_element(FunctionRef<void(std::size_t, Value&)> on_element);
  /// The number of elements when the value is an array (a quick scan that leaves it unread),
  /// so that a reader can reserve; 0 otherwise.
  std::size_t array_size();
  /// Checks that the value is valid JSON and discards it (for unknown fields).
  void skip();

  /// Records a problem at this value's path.
  void problem(std::string message, std::string type = "value_error");
  /// Where this body's problems are collected.
  [[nodiscard]] Problems& problems() noexcept { return *problems_; }

 private:
  void type_problem(std::string_view expected);
  enum class Step { kRoot, kKey, kIndex };
  simdjson::ondemand::value value_;
  // Where this value is: the root's path, or a step from a parent that outlives it.
  std::string root_path_;
  const Value* parent_ = nullptr;
  std::string_view key_;
  std::size_t index_ = 0;
  Step step_ = Step::kRoot;
  Problems* problems_;
};

/// Reads an object member by member and reports each of `required` that it lacks (type
/// "missing"). Returns false when the value is not an object (also reported).
bool read_object(Value& value, std::initializer_list<std::string_view> required,
                 FunctionRef<void(std::string_view, Value&)> on_field);

/// Optional members: null reads as nullopt without a problem; anything else as number(),
/// string() or date() read it.
std::optional<double> optional_number(Value& value);
std::optional<std::string> optional_string(Value& value);
std::optional<core::Date> optional_date(Value& value);

/// A user id: a positive integer, or a string holding one.
std::optional<core::UserId> user_id(Value& value);
/// An integer from `min` to `max`; one outside is reported as "must be from min to max".
std::optional<int> integer_between(Value& value, int min, int max);

/// "$.a" + "b" -> "$.a.b"; keys that are not identifiers are quoted: $["odd key"].
[[nodiscard]] std::string child_path(const std::string& parent, std::string_view key);
[[nodiscard]] std::string element_path(const std::string& parent, std::size_t index);

/// Parses `body` (its capacity should leave http::kBodyPadding bytes of slack, else it is
/// copied) and runs `read` over the root value. Returns kMalformedInput when the body is not
/// JSON, kValidation with every problem when it does not fit the schema. An empty body reads
/// as `{}` (a GET with Content-Type: application/json and no body is fine).
template <class T>
[[nodiscard]] core::Result<T> decode(const std::string& body, const std::function<T(Value&)>& read);

namespace detail {
/// Runs `visit` over the root value of `body`; the non-template core of decode().
[[nodiscard]] core::Result<void> visit_document(const std::string& body,
                                                const std::function<void(Value&)>& visit,
                                                Problems& problems);
}  // namespace detail

template <class T>
core::Result<T> decode(const std::string& body, const std::function<T(Value&)>& read) {
  Problems problems;
  std::optional<T> out;
  auto visited = detail::visit_document(body, [&](Value& root) { out.emplace(read(root)); }, problems);
  if (!visited) return std::unexpected(std::move(visited.error()));
  if (!problems.empty() || !out) return core::fail_validation(problems.take());
  return std::move(*out);
}

}  // namespace finml::http::json
