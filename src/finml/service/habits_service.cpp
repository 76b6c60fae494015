#include <finml/service/habits_service.hpp>

#include <algorithm>

namespace finml::service {

core::Result<std::vector<core::Transaction>> stored_transactions(storage::Database& db, core::UserId user,
                                                                 core::Date from, core::Date to) {
  auto rows = db.transactions().list(user, {.from = from, .to = to});
  if (!rows) return std::unexpected(std::move(rows.error()));
  if (!rows->empty()) {
    const core::Currency currency = rows->back().amount.currency();
    std::erase_if(*rows, [&](const core::Transaction& row) { return row.amount.currency() != currency; });
  }
  return rows;
}

}  // namespace finml::service
