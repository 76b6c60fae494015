#include <finml/service/stored_data.hpp>

#include <algorithm>
#include <utility>

#include <finml/service/category_service.hpp>

namespace finml::service {
namespace {

namespace categories = analytics::categories;

core::Result<std::vector<core::Transaction>> all_stored_transactions(storage::Database& database, core::UserId user) {
  auto rows = database.transactions().list(user, {});
  if (!rows) return std::unexpected(std::move(rows.error()));
  if (!rows->empty()) {
    // Amounts in different currencies do not add up: the latest row's currency is read.
    const core::Currency currency = rows->back().amount.currency();
    std::erase_if(*rows, [&](const core::Transaction& row) { return row.amount.currency() != currency; });
  }
  return rows;
}

}  // namespace

std::size_t apply_category_overrides(std::vector<core::Transaction>& rows, const categories::Overrides& overrides) {
  if (overrides.empty()) return 0;
  std::size_t applied = 0;
  for (auto& row : rows) {
    const auto mapping =
        categories::categorise(row.category, row.description, row.type == core::TransactionType::kIncome, overrides);
    if (mapping.rule != categories::Rule::kOverride) continue;
    ++applied;
    row.category = std::string(mapping.category->detailed);
    switch (mapping.category->group) {
      case categories::Group::kTransfer:
        row.type = core::TransactionType::kTransfer;
        break;
      case categories::Group::kSavings:
        if (row.type == core::TransactionType::kExpense) row.type = core::TransactionType::kSavings;
        break;
      case categories::Group::kNeeds:
      case categories::Group::kWants:
      case categories::Group::kIncome:
        break;
    }
  }
  return applied;
}

core::Result<AnalyticsTransactions> analytics_transactions(storage::Database& database, core::UserId user,
                                                           std::optional<std::vector<core::Transaction>> given,
                                                           core::Currency given_currency,
                                                           CategoryOverrides overrides) {
  AnalyticsTransactions out{.rows = {}, .currency = given_currency};
  if (given) {
    out.rows = std::move(*given);
  } else {
    auto stored = all_stored_transactions(database, user);
    if (!stored) return std::unexpected(std::move(stored.error()));
    if (stored->empty()) {
      // As before stored data existed: the body must carry the transactions.
      return core::fail_validation({{.path = "$.transactions", .message = "Field required", .type = "missing"}});
    }
    out.rows = std::move(*stored);
    out.currency = out.rows.front().amount.currency();
    out.from_storage = true;
  }
  if (overrides == CategoryOverrides::kApply) {
    auto loaded = load_category_overrides(database, user);
    if (!loaded) {
      // Rows the body carried can still be answered, without the user's overrides.
      if (given && loaded.error().code == core::ErrorCode::kUnavailable) {
        out.overrides_unavailable = true;
        return out;
      }
      return std::unexpected(std::move(loaded.error()));
    }
    out.overrides_applied = apply_category_overrides(out.rows, *loaded);
  }
  return out;
}

core::Result<std::vector<StoredGoal>> stored_goals(storage::Database& database, core::UserId user) {
  auto rows = database.goals().list(user, {});
  if (!rows) return std::unexpected(std::move(rows.error()));
  std::vector<StoredGoal> goals;
  goals.reserve(rows->size());
  for (const auto& row : *rows) {
    goals.push_back({.name = row.name,
                     .status = row.status,
                     .target_amount = row.target.to_major(),
                     .current_amount = row.current.to_major(),
                     .monthly_contribution = row.monthly_contribution
                                                 ? std::optional<double>(row.monthly_contribution->to_major())
                                                 : std::nullopt,
                     .target_date = row.target_date});
  }
  return goals;
}

core::Result<std::vector<StoredBudget>> stored_budgets(storage::Database& database, core::UserId user) {
  auto rows = database.budgets().list(user, {});
  if (!rows) return std::unexpected(std::move(rows.error()));
  std::vector<StoredBudget> budgets;
  budgets.reserve(rows->size());
  for (const auto& row : *rows) {
    budgets.push_back({.category = row.category,
                       .amount = row.amount.to_major(),
                       .start_date = row.start_date,
                       .end_date = row.end_date,
                       .status = row.status});
  }
  return budgets;
}

}  // namespace finml::service
