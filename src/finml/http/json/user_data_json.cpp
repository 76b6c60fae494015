#include <finml/http/json/user_data_json.hpp>

#include <functional>

#include <finml/http/json/reader.hpp>
#include <finml/http/json/transaction_json.hpp>
#include <finml/http/json/writer.hpp>

namespace finml::http::json {
namespace {

constexpr std::string_view kTypeMessage = "must be one of income, expense, savings, transfer";

/// Reads one row; a row the record reader leaves out without a problem has an unknown type.
std::optional<core::Transaction> read_row(Value& value, core::Currency default_currency) {
  const std::size_t before = value.problems().size();
  auto row = read_transaction(value, default_currency);
  if (!row && value.problems().size() == before) {
    value.problems().add(child_path(value.path(), "type"), std::string(kTypeMessage), "value_error");
  }
  return row;
}


}  // namespace

void write_stored_transaction(Writer& writer, const core::Transaction& row) {
  writer.begin_object();
  writer.field("id", row.id.value());
  writer.field("date", row.date.to_string());
  writer.key("amount").money(row.amount);
  writer.field("currency", row.amount.currency().code());
  writer.field("type", core::to_string(row.type));
  writer.field("category", row.category);
  writer.field("description", row.description);
  writer.field("note", row.note);
  writer.key("account_id");
  if (row.account_id) {
    writer.integer(row.account_id->value());
  } else {
    writer.null();
  }
  writer.key("external_id").optional_string(row.external_id);
  writer.end_object();
}

core::Result<core::Transaction> read_transaction_body(const std::string& body, core::Currency default_currency) {
  auto row = decode<std::optional<core::Transaction>>(
      body, [&](Value& root) -> std::optional<core::Transaction> { return read_row(root, default_currency); });
  if (!row) return std::unexpected(std::move(row.error()));
  if (!row->has_value()) return core::fail_validation({});  // unreachable: read_row reports why
  return std::move(**row);
}

core::Result<service::TransactionPatch> read_transaction_patch(const std::string& body) {
  return decode<service::TransactionPatch>(body, [](Value& root) {
    service::TransactionPatch patch;
    read_object(root, {}, [&](std::string_view key, Value& field) {
      const auto text = [&field]() -> std::optional<std::string> {
        if (field.is_null()) return std::string{};
        return field.string();
      };
      if (key == "date") {
        patch.date = field.date();
      } else if (key == "amount") {
        patch.amount = field.decimal_text();
      } else if (key == "currency") {
        if (auto code = field.string()) {
          if (auto currency = core::Currency::from_code(*code)) {
            patch.currency = *currency;
          } else {
            field.problem("must be an ISO 4217 currency code, not '" + code->substr(0, 16) + "'");
          }
        }
      } else if (key == "type") {
        if (auto name = field.string()) {
          if (auto type = core::parse_transaction_type(*name)) {
            patch.type = *type;
          } else {
            field.problem(std::string(kTypeMessage));
          }
        }
      } else if (key == "category") {
        patch.category = text();
        if (patch.category && patch.category->empty()) patch.category = "Uncategorized";
      } else if (key == "description") {
        patch.description = text();
      } else if (key == "note") {
        patch.note = text();
      } else {
        field.skip();
      }
    });
    return patch;
  });
}

core::Result<std::vector<core::Transaction>> read_bulk_transactions(const std::string& body,
                                                                    core::Currency default_currency) {
  std::vector<std::size_t> bad_rows;
  auto rows = decode<std::vector<core::Transaction>>(body, [&](Value& root) {
    std::vector<core::Transaction> out;
    read_object(root, {"transactions"}, [&](std::string_view key, Value& field) {
      if (key != "transactions") {
        field.skip();
        return;
      }
      out.reserve(field.array_size());
      field.for_each_element([&](std::size_t index, Value& element) {
        const std::size_t before = element.problems().size();
        auto row = read_row(element, default_currency);
        if (element.problems().size() > before) {
          bad_rows.push_back(index);
        } else if (row) {
          out.push_back(std::move(*row));
        }
      });
    });
    return out;
  });
  if (!rows && rows.error().code == core::ErrorCode::kValidation && !bad_rows.empty()) {
    std::string message = "Invalid transactions at index";
    message += bad_rows.size() == 1 ? " " : "es ";
    constexpr std::size_t kListed = 20;
    for (std::size_t i = 0; i < bad_rows.size() && i < kListed; ++i) {
      if (i > 0) message += ", ";
      message += std::to_string(bad_rows[i]);
    }
    if (bad_rows.size() > kListed) message += " and " + std::to_string(bad_rows.size() - kListed) + " more";
    message += "; nothing was created";
    rows.error().message = std::move(message);
  }
  return rows;
}

std::string write_stored_transaction(const core::Transaction& transaction) {
  Writer writer;
  write_stored_transaction(writer, transaction);
  return writer.take();
}

std::string write_transaction_page(const std::vector<core::Transaction>& items,
                                   const std::optional<std::string>& next_cursor) {
  Writer writer;
  writer.begin_object();
  writer.key("items").begin_array();
  for (const core::Transaction& row : items) write_stored_transaction(writer, row);
  writer.end_array();
  writer.key("next_cursor").optional_string(next_cursor);
  writer.end_object();
  return writer.take();
}

std::string write_bulk_created(const std::vector<core::Transaction>& created) {
  Writer writer;
  writer.begin_object();
  writer.field("created", static_cast<std::int64_t>(created.size()));
  writer.key("ids").begin_array();
  for (const core::Transaction& row : created) writer.integer(row.id.value());
  writer.end_array();
  writer.end_object();
  return writer.take();
}

}  // namespace finml::http::json
