#include <finml/storage/postgres/postgres_category_overrides.hpp>

#include <finml/storage/postgres/sql.hpp>

namespace finml::storage::postgres::detail {

Result<std::vector<CategoryOverride>> PostgresCategoryOverrideRepository::list(core::UserId user) {
  return store_.run("listing category overrides", [user](PgConnection& connection) {
    const PgResult result = connection.exec(sql::kListCategoryOverrides, {int_param(user.value())});
    std::vector<CategoryOverride> overrides;
    overrides.reserve(static_cast<std::size_t>(result.rows()));
    for (int row = 0; row < result.rows(); ++row) {
      overrides.push_back({result.text(row, 0), result.text(row, 1)});
    }
    return overrides;
  });
}

Result<void> PostgresCategoryOverrideRepository::replace(core::UserId user,
                                                         std::span<const CategoryOverride> overrides) {
  return store_.write("storing category overrides", [user, overrides](PgConnection& connection) {
    const Param now = timestamp_param(storage::detail::now_utc());
    connection.exec(sql::kEnsureUser, {int_param(user.value()), now});
    connection.exec(sql::kDeleteCategoryOverrides, {int_param(user.value())});
    for (const auto& entry : overrides) {
      connection.exec(sql::kInsertCategoryOverride,
                      {int_param(user.value()), text_param(entry.match), text_param(entry.category)});
    }
    // In the same transaction, so that a cache keyed on data_version sees the change.
    connection.exec(sql::kBumpDataVersion, {int_param(user.value()), now});
  });
}

}  // namespace finml::storage::postgres::detail
