#include <finml/http/json/transaction_json.hpp>

namespace finml::http::json {
namespace {

// A string field that may also be null (read as empty).
std::string optional_text(Value& value) {
  if (value.is_null()) return {};
  return value.string().value_or(std::string{});
}

}  // namespace

std::optional<TransactionBasics> read_transaction_basics(Value& value, core::Currency default_currency,
                                                        FunctionRef<void(std::string_view, Value&)> other_member) {
  std::optional<core::Date> date;
  std::optional<core::TransactionType> type;
  std::optional<std::string> external_id;
  bool complete = true;
  bool known_type = true;
  core::Currency currency = default_currency;
  std::optional<std::string_view> amount_text;

  const bool is_object = read_object(value, {"date", "amount", "type"}, [&](std::string_view key, Value& field) {
    if (key == "date") {
      date = field.date();
      if (!date) complete = false;
    } else if (key == "amount") {
      // Converted once the currency is known, which may come later in the object.
      amount_text = field.decimal_view();
      if (!amount_text) complete = false;
    } else if (key == "type") {
      if (auto text = field.string_view()) {
        type = core::parse_transaction_type(*text);
        if (!type) known_type = false;
      } else {
        complete = false;
      }
    } else if (key == "currency") {
      if (field.is_null()) return;
      if (auto code = field.string()) {
        if (auto parsed = core::Currency::from_code(*code)) {
          currency = *parsed;
        } else {
          field.problem("must be an ISO 4217 currency code, not '" + code->substr(0, 16) + "'");
          complete = false;
        }
      } else {
        complete = false;
      }
    } else if (key == "id") {
      if (field.is_null()) return;
      if (field.kind() == Value::Kind::kString) {
        external_id = field.string();
      } else if (auto id = field.integer()) {
        external_id = std::to_string(*id);
      }
    } else {
      other_member(key, field);
    }
  });
  if (!is_object || !complete || !amount_text) return std::nullopt;
  auto amount = core::Money::parse(*amount_text, currency);
  if (!amount) {
    value.problems().add(child_path(value.path(), "amount"), "must be an amount: " + amount.error().message, "value_error");
    return std::nullopt;
  }
  if (!known_type || !date || !type) return std::nullopt;
  return TransactionBasics{.date = *date, .amount = *amount, .type = *type, .external_id = std::move(external_id)};
}

std::optional<core::Transaction> read_transaction(Value& value, core::Currency default_currency,
                                                  FreeText free_text) {
  core::Transaction transaction{
      .id = {},
      .date = {},
      .amount = core::Money::from_minor(0, default_currency),
      .type = core::TransactionType::kExpense,
      .category = std::string(kUncategorized),
      .description = {},
      .note = {},
      .account_id = std::nullopt,
      .external_id = std::nullopt,
  };
  auto basics = read_transaction_basics(value, default_currency, [&](std::string_view key, Value& field) {
    if (key == "category") {
      std::string category = optional_text(field);
      if (!category.empty()) transaction.category = std::move(category);
    } else if ((key == "description" || key == "note") && free_text == FreeText::kKeep) {
      (key == "description" ? transaction.description : transaction.note) = optional_text(field);
    } else {
      field.skip();
    }
  });
  if (!basics) return std::nullopt;
  transaction.date = basics->date;
  transaction.amount = basics->amount;
  transaction.type = basics->type;
  transaction.external_id = std::move(basics->external_id);
  return transaction;
}

std::vector<core::Transaction> read_transactions(Value& value, core::Currency default_currency,
                                                 FreeText free_text) {
  std::vector<core::Transaction> transactions;
  transactions.reserve(value.array_size());
  value.for_each_element([&](std::size_t, Value& element) {
    if (auto transaction = read_transaction(element, default_currency, free_text)) {
      transactions.push_back(std::move(*transaction));
    }
  });
  return transactions;
}

void write_transaction(Writer& writer, const core::Transaction& transaction) {
  writer.begin_object();
  if (transaction.id.value() != 0) {
    writer.field("id", transaction.id.value());
  } else if (transaction.external_id) {
    writer.field("id", *transaction.external_id);
  }
  writer.field("date", transaction.date.to_string());
  writer.key("amount").money(transaction.amount);
  writer.field("currency", transaction.amount.currency().code());
  writer.field("type", core::to_string(transaction.type));
  writer.field("category", transaction.category);
  writer.field("description", transaction.description);
  writer.field("note", transaction.note);
  writer.end_object();
}

}  // namespace finml::http::json
