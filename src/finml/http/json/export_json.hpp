#pragma once
/// @file finml/http/json/export_json.hpp
/// The JSON export of a user's transactions (issue 7), and the import report.
#include <span>
#include <string>

#include <finml/core/ids.hpp>
#include <finml/core/transaction.hpp>
#include <finml/service/import_service.hpp>

namespace finml::http::json {

/// {"user_id", "count", "transactions": [{id, date, amount, currency, type, category,
/// description, note, account_id, external_id}]}; amounts as exact decimals, absent account
/// and external ids as null.
[[nodiscard]] std::string write_transactions_export(core::UserId user, std::span<const core::Transaction> rows);

/// {"format", "rows", "inserted", "duplicates", "stored", "rejected": [{"line", "reason"}]}.
[[nodiscard]] std::string write_import_report(const service::ImportReport& report);

}  // namespace finml::http::json
