#pragma once
/// @file finml/http/json/user_data_json.hpp
/// The users' data resources on the wire (issue 7): transaction bodies (read with the
/// transaction record reader of transaction_json.hpp), the stored transaction, list pages and
/// bulk answers.
#include <optional>
#include <string>
#include <vector>

#include <finml/core/error.hpp>
#include <finml/core/money.hpp>
#include <finml/core/transaction.hpp>
#include <finml/http/json/writer.hpp>
#include <finml/service/user_data_service.hpp>

namespace finml::http::json {

/// One transaction object (POST, PUT): the transaction record of transaction_json.hpp, where
/// `id` is the caller's own id (external_id); a type other than income, expense, savings or
/// transfer is a problem here, not a row to ignore.
[[nodiscard]] core::Result<core::Transaction> read_transaction_body(const std::string& body,
                                                                    core::Currency default_currency);

/// A PATCH body: any of date, amount, currency, type, category, description, note (null
/// category, description or note: empty); other members are ignored, as `id` is.
[[nodiscard]] core::Result<service::TransactionPatch> read_transaction_patch(const std::string& body);

/// {"transactions": [...]} for the bulk create. Every bad row is reported with its index
/// ("$.transactions[3].amount"), and the message lists the bad indexes.
[[nodiscard]] core::Result<std::vector<core::Transaction>> read_bulk_transactions(const std::string& body,
                                                                                  core::Currency default_currency);

/// {id, date, amount, currency, type, category, description, note, account_id, external_id}.
/// One stored transaction as the resources and the JSON export write it.
void write_stored_transaction(Writer& writer, const core::Transaction& row);

[[nodiscard]] std::string write_stored_transaction(const core::Transaction& transaction);

/// {"items": [...], "next_cursor": null | "..."}.
[[nodiscard]] std::string write_transaction_page(const std::vector<core::Transaction>& items,
                                                 const std::optional<std::string>& next_cursor);

/// {"created": n, "ids": [...]} of a bulk create, ids in input order.
[[nodiscard]] std::string write_bulk_created(const std::vector<core::Transaction>& created);

}  // namespace finml::http::json
