#pragma once
/// @file tests/analytics/budget/sample_rows.hpp
/// The original's sample transactions (tests/api/fixtures/sample_transactions.json, made by
/// tools/make_sample_fixture.py from seed-api.md 6.2's CSV) and small row builders.
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <finml/core/money.hpp>
#include <finml/core/transaction.hpp>

namespace finml::analytics::budget::testing {

inline core::Currency inr() { return *core::Currency::from_code("INR"); }

inline core::Date d(std::string_view text) { return *core::Date::parse_iso(text); }

inline core::Transaction row(std::string_view date, std::string_view amount, core::TransactionType type,
                             std::string_view category) {
  return {.id = {},
          .date = d(date),
          .amount = *core::Money::parse(amount, inr()),
          .type = type,
          .category = std::string(category),
          .description = {},
          .note = {},
          .account_id = std::nullopt,
          .external_id = std::nullopt};
}

inline core::Transaction expense(std::string_view date, std::string_view amount, std::string_view category) {
  return row(date, amount, core::TransactionType::kExpense, category);
}

inline core::Transaction income(std::string_view date, std::string_view amount) {
  return row(date, amount, core::TransactionType::kIncome, "Income");
}

/// The 284 sample rows, in file order.
inline std::vector<core::Transaction> sample_rows() {
  std::ifstream file(std::string(FINML_SOURCE_DIR) + "/tests/api/fixtures/sample_transactions.json");
  const auto body = nlohmann::json::parse(file);
  std::vector<core::Transaction> rows;
  for (const auto& item : body.at("transactions")) {
    const auto type = *core::parse_transaction_type(item.at("type").get<std::string>());
    rows.push_back(row(item.at("date").get<std::string>(), item.at("amount").dump(), type,
                       item.at("category").get<std::string>()));
  }
  return rows;
}

/// "Now" of the original's verified examples (seed-api.md 2.15-2.17).
inline core::Date sample_today() { return d("2025-12-08"); }

}  // namespace finml::analytics::budget::testing
