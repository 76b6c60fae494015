#pragma once
/// @file finml/http/json/category_json.hpp
/// Bodies of the category routes (issue 7, point 5): the taxonomy, and a user's overrides.
#include <string>
#include <utility>
#include <vector>

#include <finml/core/error.hpp>
#include <finml/core/ids.hpp>
#include <finml/service/category_service.hpp>

namespace finml::http::json {

/// At most this many overrides per user.
inline constexpr std::size_t kMaxCategoryOverrides = 1000;

/// PUT body {overrides: [{match, category}]}: (text, code) pairs in body order. Each match and
/// category must be a string; their values are checked by the service.
[[nodiscard]] core::Result<std::vector<std::pair<std::string, std::string>>> read_category_overrides(
    const std::string& body);

/// {user_id, count, overrides: [{match, category, primary, group}]}
[[nodiscard]] std::string write_category_overrides(core::UserId user,
                                                   const std::vector<service::CategoryOverrideView>& overrides);

/// {count, groups: [..], categories: [{detailed, primary, group, general}]}, in taxonomy order.
[[nodiscard]] std::string write_category_taxonomy();

}  // namespace finml::http::json
