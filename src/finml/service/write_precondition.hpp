#pragma once
/// @file finml/service/write_precondition.hpp
/// A condition the stored row must meet for a write to go ahead: HTTP's If-Match.
#include <functional>

#include <finml/core/error.hpp>

namespace finml::service {

/// Checked with the row locked, just before it is replaced or removed, so that the row checked
/// is the row written over. The error it returns (kPreconditionFailed) is the write's answer,
/// and nothing is written. Empty: always met.
template <class Row>
using WritePrecondition = std::function<core::Result<void>(const Row&)>;

/// What a write does with an empty precondition.
template <class Row>
[[nodiscard]] core::Result<void> check(const WritePrecondition<Row>& precondition, const Row& stored) {
  if (!precondition) return {};
  return precondition(stored);
}

}  // namespace finml::service
