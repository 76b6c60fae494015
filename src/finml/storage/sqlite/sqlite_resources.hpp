#pragma once
/// @file finml/storage/sqlite/sqlite_resources.hpp
/// The SQLite implementation of ResourceRepository (issue 7, helper A): one generic repository
/// over the table descriptions of storage/detail/resource_tables.hpp, instantiated for
/// accounts, goals, budgets, bills and the user's categories.
#include <finml/storage/database.hpp>
#include <finml/storage/sqlite/sqlite_store.hpp>

namespace finml::storage::sqlite::detail {

template <class Row, class Id>
class SqliteResourceRepository final : public ResourceRepository<Row, Id> {
 public:
  explicit SqliteResourceRepository(SqliteStore& store) noexcept : store_(store) {}
  Result<Row> create(core::UserId user, const Row& row) override;
  [[nodiscard]] Result<std::optional<Row>> find(core::UserId user, Id id) override;
  [[nodiscard]] Result<std::vector<Row>> list(core::UserId user, const ResourceQuery& query) override;
  Result<std::optional<Row>> modify(core::UserId user, Id id, core::FunctionRef<Result<void>(Row&)> change) override;
  Result<bool> remove_if(core::UserId user, Id id, core::FunctionRef<Result<void>(const Row&)> allowed) override;

 private:
  SqliteStore& store_;
};

using SqliteAccountRepository = SqliteResourceRepository<Account, core::AccountId>;
using SqliteGoalRepository = SqliteResourceRepository<Goal, core::GoalId>;
using SqliteBudgetRepository = SqliteResourceRepository<Budget, core::BudgetId>;
using SqliteBillRepository = SqliteResourceRepository<Bill, core::BillId>;
using SqliteUserCategoryRepository = SqliteResourceRepository<UserCategory, core::CategoryId>;

extern template class SqliteResourceRepository<Account, core::AccountId>;
extern template class SqliteResourceRepository<Goal, core::GoalId>;
extern template class SqliteResourceRepository<Budget, core::BudgetId>;
extern template class SqliteResourceRepository<Bill, core::BillId>;
extern template class SqliteResourceRepository<UserCategory, core::CategoryId>;

}  // namespace finml::storage::sqlite::detail
