#include <finml/service/category_service.hpp>

#include <algorithm>
#include <map>

namespace finml::service {
namespace {

namespace categories = analytics::categories;

core::Result<std::vector<CategoryOverrideView>> views_of(const std::vector<storage::CategoryOverride>& stored) {
  std::vector<CategoryOverrideView> views;
  views.reserve(stored.size());
  for (const auto& entry : stored) {
    const auto* category = categories::find_detailed(entry.category);
    if (category == nullptr) {
      // Only this service writes the table, with codes it checked: a code it no longer knows
      // is a bug (or a taxonomy change without a migration), not bad input.
      return core::fail(core::ErrorCode::kInternal, "stored category override names an unknown category '" +
                                                        entry.category + "'");
    }
    views.push_back({entry.match, category});
  }
  return views;
}

}  // namespace

core::Result<std::vector<CategoryOverrideView>> category_overrides(storage::Database& database, core::UserId user) {
  auto stored = database.category_overrides().list(user);
  if (!stored) return std::unexpected(std::move(stored.error()));
  return views_of(*stored);
}

core::Result<std::vector<CategoryOverrideView>> replace_category_overrides(
    storage::Database& database, core::UserId user, const std::vector<std::pair<std::string, std::string>>& entries) {
  // Overrides::make checks every pair and reports them all.
  if (auto checked = categories::Overrides::make(entries); !checked) {
    return std::unexpected(std::move(checked.error()));
  }
  std::map<std::string, std::string> by_match;  // normalised text -> code; later pairs win
  for (const auto& [text, code] : entries) {
    by_match.insert_or_assign(categories::normalise(text), std::string(categories::find_detailed(code)->detailed));
  }
  std::vector<storage::CategoryOverride> rows;
  rows.reserve(by_match.size());
  for (auto& [match, code] : by_match) rows.push_back({match, std::move(code)});
  if (auto stored = database.category_overrides().replace(user, rows); !stored) {
    return std::unexpected(std::move(stored.error()));
  }
  return views_of(rows);
}

core::Result<categories::Overrides> load_category_overrides(storage::Database& database, core::UserId user) {
  auto stored = database.category_overrides().list(user);
  if (!stored) return std::unexpected(std::move(stored.error()));
  std::vector<std::pair<std::string, std::string>> entries;
  entries.reserve(stored->size());
  // --- the user's own categories (issue 7, helper A) ---
  // Each of the user's categories with a detailed code maps its name to that code, after the
  // explicit overrides: an override of the same text wins. Overrides::make lets a later pair
  // replace an earlier one, so the categories go first, in id order (the first of a name wins,
  // as it is added last).
  auto own = database.user_categories().list(user, {});
  if (!own) return std::unexpected(std::move(own.error()));
  for (auto it = own->rbegin(); it != own->rend(); ++it) {
    if (it->detailed && !categories::normalise(it->name).empty()) entries.emplace_back(it->name, *it->detailed);
  }
  // --- end the user's own categories ---
  for (auto& entry : *stored) entries.emplace_back(std::move(entry.match), std::move(entry.category));
  auto overrides = categories::Overrides::make(entries);
  if (!overrides) {
    return core::fail(core::ErrorCode::kInternal, "stored category overrides do not fit the taxonomy");
  }
  return overrides;
}

}  // namespace finml::service
