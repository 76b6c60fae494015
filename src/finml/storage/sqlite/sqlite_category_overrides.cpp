#include <finml/storage/sqlite/sqlite_category_overrides.hpp>

#include <string>

#include <finml/storage/sqlite/sql.hpp>

namespace finml::storage::sqlite::detail {

Result<std::vector<CategoryOverride>> SqliteCategoryOverrideRepository::list(core::UserId user) {
  return store_.run("listing category overrides", [user](SQLite::Database& connection) {
    SQLite::Statement select = prepare(connection, sql::kListCategoryOverrides);
    select.bind(1, user.value());
    std::vector<CategoryOverride> overrides;
    while (select.executeStep()) {
      overrides.push_back({select.getColumn(0).getString(), select.getColumn(1).getString()});
    }
    return overrides;
  });
}

Result<void> SqliteCategoryOverrideRepository::replace(core::UserId user,
                                                       std::span<const CategoryOverride> overrides) {
  return store_.write("storing category overrides", [user, overrides](SQLite::Database& connection) {
    const std::string now = fixed_width_timestamp(storage::detail::now_utc());
    SQLite::Statement ensure = prepare(connection, sql::kEnsureUser);
    ensure.bind(1, user.value());
    ensure.bind(2, now);
    ensure.exec();
    SQLite::Statement clear = prepare(connection, sql::kDeleteCategoryOverrides);
    clear.bind(1, user.value());
    clear.exec();
    SQLite::Statement insert = prepare(connection, sql::kInsertCategoryOverride);
    for (const auto& entry : overrides) {
      insert.bind(1, user.value());
      insert.bind(2, entry.match);
      insert.bind(3, entry.category);
      insert.exec();
      insert.reset();
    }
    // In the same transaction, so that a cache keyed on data_version sees the change.
    SQLite::Statement bump = prepare(connection, sql::kBumpDataVersion);
    bump.bind(1, user.value());
    bump.bind(2, now);
    bump.exec();
  });
}

}  // namespace finml::storage::sqlite::detail
