#pragma once
/// @file finml/service/category_service.hpp
/// Per-user category overrides (issue 7, point 5): checked and normalised against the taxonomy
/// of finml/analytics/categories, stored through the CategoryOverrideRepository port.
#include <string>
#include <utility>
#include <vector>

#include <finml/analytics/categories/categories.hpp>
#include <finml/core/error.hpp>
#include <finml/core/ids.hpp>
#include <finml/storage/database.hpp>

namespace finml::service {

/// One stored override with the taxonomy category it names.
struct CategoryOverrideView {
  std::string match;  ///< normalised text
  const analytics::categories::Category* category = nullptr;  ///< never null
};

/// The user's overrides, ordered by match; empty for a user without any.
[[nodiscard]] core::Result<std::vector<CategoryOverrideView>> category_overrides(storage::Database& database,
                                                                                core::UserId user);

/// Replaces the user's overrides with (text, detailed code) pairs: each text is stored
/// normalised, each code as the taxonomy spells it; a later pair for the same normalised text
/// replaces an earlier one. Fails with kValidation naming every bad pair ($.overrides[i].match
/// or .category) and stores nothing then. Returns what is now stored, as category_overrides().
[[nodiscard]] core::Result<std::vector<CategoryOverrideView>> replace_category_overrides(
    storage::Database& database, core::UserId user, const std::vector<std::pair<std::string, std::string>>& entries);

/// The user's overrides ready for analytics::categories::categorise().
[[nodiscard]] core::Result<analytics::categories::Overrides> load_category_overrides(storage::Database& database,
                                                                                   core::UserId user);

}  // namespace finml::service
