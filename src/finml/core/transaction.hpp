#pragma once
/// @file finml/core/transaction.hpp
/// A user's money movement as the analytics see it: a dated, typed, categorised amount.
#include <optional>
#include <string>
#include <string_view>

#include <finml/core/date.hpp>
#include <finml/core/ids.hpp>
#include <finml/core/money.hpp>

namespace finml::core {

enum class TransactionType {
  kIncome,
  kExpense,
  kSavings,   ///< money moved into savings or investments
  kTransfer,  ///< between the user's own accounts: neither income nor spending
};

/// Reads a type case-insensitively ("EXPENSE", "Income", "saving"); nullopt when unknown.
[[nodiscard]] std::optional<TransactionType> parse_transaction_type(std::string_view text) noexcept;
/// The lower-case wire name: "income", "expense", "savings", "transfer".
[[nodiscard]] std::string_view to_string(TransactionType type) noexcept;

struct Transaction {
  TransactionId id;  ///< 0 until stored
  Date date;
  Money amount;  ///< normally positive: the direction is in `type`; a refund may be negative
  TransactionType type = TransactionType::kExpense;
  std::string category;     ///< free text as the user or the bank named it
  std::string description;  ///< payee or merchant text, often noisy
  std::string note;
  std::optional<AccountId> account_id;
  std::optional<std::string> external_id;  ///< the caller's own id for the row
};

}  // namespace finml::core
