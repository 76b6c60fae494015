#pragma once
/// @file finml/storage/postgres/postgres_category_overrides.hpp
/// The PostgreSQL implementation of CategoryOverrideRepository (issue 7, point 5).
#include <finml/storage/database.hpp>
#include <finml/storage/postgres/postgres_store.hpp>

namespace finml::storage::postgres::detail {

class PostgresCategoryOverrideRepository final : public CategoryOverrideRepository {
 public:
  explicit PostgresCategoryOverrideRepository(PostgresStore& store) noexcept : store_(store) {}
  [[nodiscard]] Result<std::vector<CategoryOverride>> list(core::UserId user) override;
  Result<void> replace(core::UserId user, std::span<const CategoryOverride> overrides) override;

 private:
  PostgresStore& store_;
};

}  // namespace finml::storage::postgres::detail
