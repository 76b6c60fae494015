#pragma once
/// @file finml/storage/sqlite/sqlite_category_overrides.hpp
/// The SQLite implementation of CategoryOverrideRepository (issue 7, point 5).
#include <finml/storage/database.hpp>
#include <finml/storage/sqlite/sqlite_store.hpp>

namespace finml::storage::sqlite::detail {

class SqliteCategoryOverrideRepository final : public CategoryOverrideRepository {
 public:
  explicit SqliteCategoryOverrideRepository(SqliteStore& store) noexcept : store_(store) {}
  [[nodiscard]] Result<std::vector<CategoryOverride>> list(core::UserId user) override;
  Result<void> replace(core::UserId user, std::span<const CategoryOverride> overrides) override;

 private:
  SqliteStore& store_;
};

}  // namespace finml::storage::sqlite::detail
