#pragma once
/// @file finml/http/json/resources_json.hpp
/// Accounts, goals, budgets, bills and a user's categories on the wire (issue 7, helper A).
/// Member names follow the original's tables (seed-api.md section 4) and its goal request
/// shapes: goal_name, target_amount, current_amount, target_date, monthly_contribution,
/// bill_name, due_date, is_recurring, recurrence_frequency, reminder_days_before, ...
/// Amounts are read from numbers or decimal strings, exactly, in the row's "currency" (the
/// service's default currency when absent), and written as exact decimals with "currency".
///
/// Readers take the body of a POST or PUT (`base` null: the required members must be there,
/// the others take their defaults) or of a PATCH (`base` the stored row: members absent keep
/// its values, null clears an optional one). What the service checks (names, enumerations,
/// ranges) is not checked here.
#include <optional>
#include <string>
#include <vector>

#include <finml/core/error.hpp>
#include <finml/core/money.hpp>
#include <finml/http/json/writer.hpp>
#include <finml/storage/database.hpp>

namespace finml::http::json {

[[nodiscard]] core::Result<storage::Account> read_account(const std::string& body, core::Currency default_currency,
                                                          const storage::Account* base);
[[nodiscard]] core::Result<storage::Goal> read_goal(const std::string& body, core::Currency default_currency,
                                                    const storage::Goal* base);
[[nodiscard]] core::Result<storage::Budget> read_budget(const std::string& body, core::Currency default_currency,
                                                        const storage::Budget* base);
[[nodiscard]] core::Result<storage::Bill> read_bill(const std::string& body, core::Currency default_currency,
                                                    const storage::Bill* base);
[[nodiscard]] core::Result<storage::UserCategory> read_user_category(const std::string& body,
                                                                     core::Currency default_currency,
                                                                     const storage::UserCategory* base);

/// One row as an object: "id", its members, "created_at" and "updated_at".
void write_resource(Writer& writer, const storage::Account& row);
void write_resource(Writer& writer, const storage::Goal& row);
void write_resource(Writer& writer, const storage::Budget& row);
void write_resource(Writer& writer, const storage::Bill& row);
void write_resource(Writer& writer, const storage::UserCategory& row);

template <class Row>
[[nodiscard]] std::string write_resource(const Row& row) {
  Writer writer;
  write_resource(writer, row);
  return writer.take();
}

/// {"items": [...], "next_cursor": null | "..."}.
template <class Row>
[[nodiscard]] std::string write_resource_page(const std::vector<Row>& items,
                                              const std::optional<std::string>& next_cursor) {
  Writer writer;
  writer.begin_object();
  writer.key("items").begin_array();
  for (const Row& row : items) write_resource(writer, row);
  writer.end_array();
  writer.key("next_cursor").optional_string(next_cursor);
  writer.end_object();
  return writer.take();
}

}  // namespace finml::http::json
