#pragma once
// Helpers shared by the ingest tests.
#include <string>
#include <vector>

#include <finml/core/transaction.hpp>
#include <finml/ingest/types.hpp>

namespace finml::ingest::testing {

/// "2024-12-10 | 512418 USD | income | Income | desc | note | account" for readable comparisons.
inline std::string describe(const core::Transaction& t) {
  return t.date.to_string() + " | " + std::to_string(t.amount.minor_units()) + " " +
         std::string(t.amount.currency().code()) + " | " + std::string(core::to_string(t.type)) + " | " +
         t.category + " | " + t.description + " | " + t.note + " | " +
         (t.account_id ? std::to_string(t.account_id->value()) : "-");
}

inline std::vector<std::string> describe_all(const std::vector<core::Transaction>& rows) {
  std::vector<std::string> out;
  for (const auto& row : rows) out.push_back(describe(row));
  return out;
}

inline std::string describe(const RejectedRow& r) { return std::to_string(r.line) + ": " + r.reason; }

inline std::vector<std::string> describe_all(const std::vector<RejectedRow>& rows) {
  std::vector<std::string> out;
  for (const auto& row : rows) out.push_back(describe(row));
  return out;
}

}  // namespace finml::ingest::testing
