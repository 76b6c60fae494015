#pragma once
/// @file finml/storage/postgres/postgres_resources.hpp
/// The PostgreSQL implementation of ResourceRepository (issue 7, helper A): one generic repository
/// over the table descriptions of storage/detail/resource_tables.hpp, instantiated for
/// accounts, goals, budgets, bills and the user's categories.
#include <finml/storage/database.hpp>
#include <finml/storage/postgres/postgres_store.hpp>

namespace finml::storage::postgres::detail {

template <class Row, class Id>
class PostgresResourceRepository final : public ResourceRepository<Row, Id> {
 public:
  explicit PostgresResourceRepository(PostgresStore& store) noexcept : store_(store) {}
  Result<Row> create(core::UserId user, const Row& row) override;
  [[nodiscard]] Result<std::optional<Row>> find(core::UserId user, Id id) override;
  [[nodiscard]] Result<std::vector<Row>> list(core::UserId user, const ResourceQuery& query) override;
  Result<std::optional<Row>> modify(core::UserId user, Id id, core::FunctionRef<Result<void>(Row&)> change) override;
  Result<bool> remove_if(core::UserId user, Id id, core::FunctionRef<Result<void>(const Row&)> allowed) override;

 private:
  PostgresStore& store_;
};

using PostgresAccountRepository = PostgresResourceRepository<Account, core::AccountId>;
using PostgresGoalRepository = PostgresResourceRepository<Goal, core::GoalId>;
using PostgresBudgetRepository = PostgresResourceRepository<Budget, core::BudgetId>;
using PostgresBillRepository = PostgresResourceRepository<Bill, core::BillId>;
using PostgresUserCategoryRepository = PostgresResourceRepository<UserCategory, core::CategoryId>;

extern template class PostgresResourceRepository<Account, core::AccountId>;
extern template class PostgresResourceRepository<Goal, core::GoalId>;
extern template class PostgresResourceRepository<Budget, core::BudgetId>;
extern template class PostgresResourceRepository<Bill, core::BillId>;
extern template class PostgresResourceRepository<UserCategory, core::CategoryId>;

}  // namespace finml::storage::postgres::detail
