#pragma once
/// @file finml/core/error.hpp
/// Errors that input can cause, as values. Fallible operations return Result<T>; the HTTP layer
/// turns an Error into a response in exactly one place (finml/http/error_response.hpp).
#include <expected>
#include <string>
#include <utility>
#include <vector>

namespace finml::core {

/// What went wrong, independent of the transport. Each code maps to one HTTP status.
enum class ErrorCode {
  kMalformedInput,    ///< the input is not well-formed (a body that is not JSON)
  kValidation,        ///< the input is well-formed but breaks its schema; see Error::fields
  kInvalidArgument,   ///< a value is well-typed but not acceptable (a goal below its savings)
  kInsufficientData,  ///< there is not enough history to answer
  kNotFound,          ///< the thing asked for does not exist (or is not the caller's)
  kConflict,          ///< the request conflicts with stored state
  kPreconditionFailed,  ///< the stored state is not what the request said it expects (If-Match)
  kPayloadTooLarge,   ///< the input is bigger than the configured limit
  kUnavailable,       ///< a dependency (the database) cannot be reached right now
  kInternal,          ///< a bug or an unexpected failure; details are never shown in production
};

/// One bad field of an input, located by its JSON path ("$.transactions[3].amount").
struct FieldError {
  std::string path;
  std::string message;  ///< for people: "must be a number, not null"
  std::string type;     ///< for programs: missing, null, type_error, value_error

  friend bool operator==(const FieldError&, const FieldError&) = default;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::vector<FieldError> fields;  ///< every bad field, for kValidation

  friend bool operator==(const Error&, const Error&) = default;
};

template <class T>
using Result = std::expected<T, Error>;

/// Builds the unexpected value of a Result: `return fail(ErrorCode::kNotFound, "no such goal");`
[[nodiscard]] inline std::unexpected<Error> fail(ErrorCode code, std::string message) {
  return std::unexpected(Error{code, std::move(message), {}});
}

/// A validation failure listing every bad field.
[[nodiscard]] inline std::unexpected<Error> fail_validation(std::vector<FieldError> fields) {
  return std::unexpected(Error{ErrorCode::kValidation, "Invalid input data", std::move(fields)});
}

}  // namespace finml::core
