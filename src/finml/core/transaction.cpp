#include <finml/core/transaction.hpp>

#include <array>
#include <utility>

#include <finml/core/text.hpp>

namespace finml::core {

std::optional<TransactionType> parse_transaction_type(std::string_view text) noexcept {
  constexpr std::array<std::pair<std::string_view, TransactionType>, 8> kNames{{
      {"income", TransactionType::kIncome},
      {"expense", TransactionType::kExpense},
      {"expenses", TransactionType::kExpense},
      {"savings", TransactionType::kSavings},
      {"saving", TransactionType::kSavings},
      {"transfer", TransactionType::kTransfer},
      {"credit", TransactionType::kIncome},
      {"debit", TransactionType::kExpense},
  }};
  for (const auto& [name, type] : kNames) {
    if (equals_ignoring_ascii_case(name, text)) return type;
  }
  return std::nullopt;
}

std::string_view to_string(TransactionType type) noexcept {
  switch (type) {
    case TransactionType::kIncome:
      return "income";
    case TransactionType::kExpense:
      return "expense";
    case TransactionType::kSavings:
      return "savings";
    case TransactionType::kTransfer:
      return "transfer";
  }
  return "expense";
}

}  // namespace finml::core
