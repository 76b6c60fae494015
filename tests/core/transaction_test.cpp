#include <finml/core/transaction.hpp>

#include <gtest/gtest.h>

namespace finml::core {
namespace {

TEST(TransactionTypeTest, ReadsTypesCaseInsensitively) {
  EXPECT_EQ(parse_transaction_type("expense"), TransactionType::kExpense);
  EXPECT_EQ(parse_transaction_type("EXPENSE"), TransactionType::kExpense);
  EXPECT_EQ(parse_transaction_type("Income"), TransactionType::kIncome);
  EXPECT_EQ(parse_transaction_type("savings"), TransactionType::kSavings);
  EXPECT_EQ(parse_transaction_type("Transfer"), TransactionType::kTransfer);
  EXPECT_FALSE(parse_transaction_type("refund-ish"));
  EXPECT_FALSE(parse_transaction_type(""));
}

TEST(TransactionTypeTest, PrintsLowerCaseWireNames) {
  for (auto type : {TransactionType::kIncome, TransactionType::kExpense, TransactionType::kSavings,
                    TransactionType::kTransfer}) {
    EXPECT_EQ(parse_transaction_type(to_string(type)), type);
  }
}

}  // namespace
}  // namespace finml::core
