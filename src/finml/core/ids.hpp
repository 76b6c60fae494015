#pragma once
/// @file finml/core/ids.hpp
/// Typed identifiers: a UserId cannot be passed where a GoalId is expected.
#include <compare>
#include <cstdint>
#include <functional>

namespace finml::core {

template <class Tag>
class StrongId {
 public:
  constexpr StrongId() noexcept = default;
  constexpr explicit StrongId(std::int64_t value) noexcept : value_(value) {}

  [[nodiscard]] constexpr std::int64_t value() const noexcept { return value_; }

  friend constexpr auto operator<=>(StrongId, StrongId) noexcept = default;

 private:
  std::int64_t value_ = 0;
};

using UserId = StrongId<struct UserIdTag>;
using AccountId = StrongId<struct AccountIdTag>;
using CategoryId = StrongId<struct CategoryIdTag>;
using TransactionId = StrongId<struct TransactionIdTag>;
using GoalId = StrongId<struct GoalIdTag>;
using BudgetId = StrongId<struct BudgetIdTag>;
using BillId = StrongId<struct BillIdTag>;

}  // namespace finml::core

template <class Tag>
struct std::hash<finml::core::StrongId<Tag>> {
  std::size_t operator()(finml::core::StrongId<Tag> id) const noexcept {
    return std::hash<std::int64_t>{}(id.value());
  }
};
