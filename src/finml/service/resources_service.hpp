#pragma once
/// @file finml/service/resources_service.hpp
/// The other resources of a user's stored data (issue 7, helper A): accounts, savings goals,
/// budgets, bills and the user's own categories. Each is checked here before it is stored
/// (names, enumerations, amounts, dates; a category's detailed code against the taxonomy of
/// finml/analytics/categories), listed in id order with opaque cursors, read, replaced and
/// removed. Another user's row is kNotFound, exactly as one that does not exist.
///
/// Validation problems name the members as the wire spells them ("$.goal_name",
/// "$.target_amount"), as the transactions resource does ("$.amount").
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <finml/core/error.hpp>
#include <finml/core/function_ref.hpp>
#include <finml/core/ids.hpp>
#include <finml/service/write_precondition.hpp>
#include <finml/storage/database.hpp>

namespace finml::service {

/// The longest name (in UTF-8 characters) of an account, goal, bill, budget category or
/// user category.
inline constexpr std::size_t kMaxResourceNameLength = 200;

/// One page of a list: its rows and the cursor of the next page (nullopt: the last page).
template <class Row>
struct ResourcePage {
  std::vector<Row> items;
  std::optional<std::string> next_cursor;
};

/// The cursor of the page after the row with this id, as an opaque URL-safe token; and back
/// (nullopt for a token not made here).
[[nodiscard]] std::string encode_resource_cursor(std::int64_t after_id);
[[nodiscard]] std::optional<std::int64_t> decode_resource_cursor(std::string_view token);

/// One page of the user's rows matching `filter` (its `after` and `limit` are replaced), in id
/// order after `cursor` (a next_cursor of an earlier page; a bad one is kValidation naming
/// "query.cursor"). `limit` must be 1..kMaxPageSize. A filter the resource has no use for, or
/// a status or kind it does not know, is kValidation naming it ("query.status").
template <class Row>
[[nodiscard]] core::Result<ResourcePage<Row>> list_resources(storage::Database& db, core::UserId user,
                                                             storage::ResourceQuery filter,
                                                             const std::optional<std::string>& cursor,
                                                             std::size_t limit);

/// The user's row; kNotFound when the user has none with that id.
template <class Row>
[[nodiscard]] core::Result<Row> get_resource(storage::Database& db, core::UserId user, std::int64_t id);

/// Checks `row` (kValidation naming every bad member) and stores it, creating the user when
/// needed. A user category with the name and type of another of the user's is kConflict.
template <class Row>
[[nodiscard]] core::Result<Row> create_resource(storage::Database& db, core::UserId user, Row row);

/// Computes the new row from the stored one: PUT reads the body alone, PATCH reads it over the
/// stored row. Its error is the write's answer.
template <class Row>
using Rewrite = core::FunctionRef<core::Result<Row>(const Row& stored)>;

/// Replaces the user's row `id` with rewrite(stored row), checked as create checks a row, in
/// one database transaction with the row locked (concurrent writes never lose one another);
/// kNotFound when there is none, the precondition's error when the stored row does not meet it.
template <class Row>
[[nodiscard]] core::Result<Row> replace_resource(storage::Database& db, core::UserId user, std::int64_t id,
                                                 Rewrite<Row> rewrite, const WritePrecondition<Row>& precondition = {});

/// Removes the user's row; kNotFound when there is none, the precondition's error when the
/// stored row does not meet it (nothing is removed).
template <class Row>
[[nodiscard]] core::Result<void> delete_resource(storage::Database& db, core::UserId user, std::int64_t id,
                                                 const WritePrecondition<Row>& precondition = {});

/// Checks a row as create and replace do, and completes it: a user category's detailed code
/// is spelt as the taxonomy spells it and its bucket, when not given, is the code's group.
template <class Row>
[[nodiscard]] core::Result<Row> checked(Row row);
template <>
[[nodiscard]] core::Result<storage::Account> checked(storage::Account row);
template <>
[[nodiscard]] core::Result<storage::Goal> checked(storage::Goal row);
template <>
[[nodiscard]] core::Result<storage::Budget> checked(storage::Budget row);
template <>
[[nodiscard]] core::Result<storage::Bill> checked(storage::Bill row);
template <>
[[nodiscard]] core::Result<storage::UserCategory> checked(storage::UserCategory row);

}  // namespace finml::service
