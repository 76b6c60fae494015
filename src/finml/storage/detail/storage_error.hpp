#pragma once
/// @file finml/storage/detail/storage_error.hpp
/// What the adapters share inside: an exception carrying a core::Error, thrown deep in the SQL
/// code and turned back into a Result value at each public method, and the adapters' clock.
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include <finml/core/error.hpp>
#include <finml/core/timestamp.hpp>

namespace finml::storage::detail {

/// Lets the SQL code stay linear; never escapes an adapter's public methods.
class StorageError : public std::runtime_error {
 public:
  StorageError(core::ErrorCode code, const std::string& message)
      : std::runtime_error(message), error_{code, message, {}} {}

  [[nodiscard]] const core::Error& error() const noexcept { return error_; }

 private:
  core::Error error_;
};

/// A write whose caller's check may refuse it (modify(), remove_if()): refusing rolls the
/// database transaction back, and the write then returns the check's own error rather than a
/// storage error.
class Refusal {
 public:
  /// At the start of each attempt: a retried database transaction runs the check again.
  void reset() noexcept { error_.reset(); }
  /// Records `error` and throws out of the database transaction, which rolls it back.
  [[noreturn]] void refuse(core::Error error) {
    error_ = std::move(error);
    throw StorageError(core::ErrorCode::kValidation, "the write was refused");
  }
  /// What the write returns: the refusal's error when there was one, else `result`.
  template <class T>
  [[nodiscard]] core::Result<T> outcome(core::Result<T> result) {
    if (error_) return std::unexpected(std::move(*error_));
    return result;
  }

 private:
  std::optional<core::Error> error_;
};

/// Prefixes an error with what the adapter was doing: "sqlite: listing transactions: ...".
[[nodiscard]] inline core::Error in_context(std::string_view backend, std::string_view action,
                                            core::Error error) {
  error.message = std::string(backend) + ": " + std::string(action) + ": " + error.message;
  return error;
}

/// Now, to the microsecond that both backends store; for the rows' created_at and updated_at.
[[nodiscard]] inline core::Timestamp now_utc() noexcept {
  return std::chrono::time_point_cast<std::chrono::microseconds>(
      std::chrono::system_clock::now());
}

}  // namespace finml::storage::detail
