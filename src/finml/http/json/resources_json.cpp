#include <finml/http/json/resources_json.hpp>

#include <map>
#include <set>

#include <finml/core/timestamp.hpp>
#include <finml/http/json/reader.hpp>

namespace finml::http::json {
namespace {

/// Amounts are read as text and turned into money at the end, once the row's currency is
/// known (members come in any order).
class Amounts {
 public:
  Amounts(Value& root, core::Currency currency) : root_(root), currency_(currency) {}

  [[nodiscard]] core::Currency currency() const noexcept { return currency_; }

  void read_currency(Value& field) {
    const auto code = field.string();
    if (!code) return;
    if (const auto currency = core::Currency::from_code(*code)) {
      currency_ = *currency;
    } else {
      field.problem("must be an ISO 4217 currency code, not '" + code->substr(0, 16) + "'");
    }
  }

  /// Reads the member `key`; null is allowed only when `nullable`.
  void read(std::string_view key, Value& field, bool nullable) {
    if (nullable && field.is_null()) {
      texts_.insert_or_assign(std::string(key), std::nullopt);
      return;
    }
    if (auto text = field.decimal_text()) {
      texts_.insert_or_assign(std::string(key), std::move(*text));
    } else {
      failed_.insert(std::string(key));
    }
  }

  [[nodiscard]] bool given(const std::string& key) const { return texts_.contains(key) || failed_.contains(key); }

  /// The amount `key` in the row's currency: as given, else `stored` in that currency;
  /// nullopt when it was given as null (or could not be read, which is reported).
  std::optional<core::Money> money(std::string_view key, const std::optional<core::Money>& stored) {
    std::optional<std::string> text;
    if (const auto it = texts_.find(std::string(key)); it != texts_.end()) {
      if (!it->second) return std::nullopt;
      text = it->second;
    } else if (failed_.contains(std::string(key))) {
      return std::nullopt;
    } else if (stored) {
      text = stored->to_decimal_string();
    } else {
      return core::Money::from_minor(0, currency_);
    }
    auto amount = core::Money::parse(*text, currency_);
    if (!amount) {
      root_.problems().add(child_path(root_.path(), key), "must be an amount: " + amount.error().message,
                           "value_error");
      return std::nullopt;
    }
    return *amount;
  }

 private:
  Value& root_;
  core::Currency currency_;
  std::map<std::string, std::optional<std::string>> texts_;
  std::set<std::string> failed_;
};

void set(std::string& target, std::optional<std::string> value) {
  if (value) target = std::move(*value);
}

void set_optional(std::optional<std::string>& target, Value& field) {
  if (field.is_null()) {
    target.reset();
  } else if (auto value = field.string()) {
    target = std::move(*value);
  }
}

void set_date(core::Date& target, Value& field) {
  if (const auto value = field.date()) target = *value;
}

void set_optional_date(std::optional<core::Date>& target, Value& field) {
  if (field.is_null()) {
    target.reset();
  } else if (const auto value = field.date()) {
    target = *value;
  }
}

/// read_object with the required members of a create or replace, none for a patch.
bool read_members(Value& root, bool patch, std::initializer_list<std::string_view> required,
                  FunctionRef<void(std::string_view, Value&)> on_field) {
  if (patch) return read_object(root, {}, on_field);
  return read_object(root, required, on_field);
}

void write_timestamps(Writer& writer, core::Timestamp created_at, core::Timestamp updated_at) {
  writer.field("created_at", core::format_timestamp(created_at));
  writer.field("updated_at", core::format_timestamp(updated_at));
}

void write_optional_date(Writer& writer, std::string_view key, const std::optional<core::Date>& date) {
  writer.key(key);
  if (date) {
    writer.string(date->to_string());
  } else {
    writer.null();
  }
}

}  // namespace

core::Result<storage::Account> read_account(const std::string& body, core::Currency default_currency,
                                            const storage::Account* base) {
  return decode<storage::Account>(body, [&](Value& root) {
    storage::Account row = base != nullptr ? *base : storage::Account{.balance = core::Money::from_minor(0, default_currency)};
    Amounts amounts(root, base != nullptr ? base->balance.currency() : default_currency);
    read_members(root, base != nullptr, {"name"}, [&](std::string_view key, Value& field) {
      if (key == "name") {
        set(row.name, field.string());
      } else if (key == "account_type") {
        set(row.account_type, field.string());
      } else if (key == "balance") {
        amounts.read(key, field, false);
      } else if (key == "currency") {
        amounts.read_currency(field);
      } else {
        field.skip();
      }
    });
    if (const auto balance = amounts.money("balance", base != nullptr ? std::optional(base->balance) : std::nullopt)) {
      row.balance = *balance;
    }
    return row;
  });
}

core::Result<storage::Goal> read_goal(const std::string& body, core::Currency default_currency,
                                      const storage::Goal* base) {
  return decode<storage::Goal>(body, [&](Value& root) {
    const core::Money zero = core::Money::from_minor(0, default_currency);
    storage::Goal row = base != nullptr ? *base : storage::Goal{.target = zero, .current = zero};
    Amounts amounts(root, base != nullptr ? base->target.currency() : default_currency);
    read_members(root, base != nullptr, {"goal_name", "target_amount"}, [&](std::string_view key, Value& field) {
      if (key == "goal_name") {
        set(row.name, field.string());
      } else if (key == "target_amount" || key == "current_amount") {
        amounts.read(key, field, false);
      } else if (key == "monthly_contribution") {
        amounts.read(key, field, true);
      } else if (key == "currency") {
        amounts.read_currency(field);
      } else if (key == "target_date") {
        set_optional_date(row.target_date, field);
      } else if (key == "status") {
        set(row.status, field.string());
      } else {
        field.skip();
      }
    });
    const bool patch = base != nullptr;
    if (const auto target = amounts.money("target_amount", patch ? std::optional(base->target) : std::nullopt)) {
      row.target = *target;
    }
    if (const auto current = amounts.money("current_amount", patch ? std::optional(base->current) : std::nullopt)) {
      row.current = *current;
    }
    const std::optional<core::Money> stored_monthly = patch ? base->monthly_contribution : std::nullopt;
    row.monthly_contribution = amounts.given("monthly_contribution") || stored_monthly
                                   ? amounts.money("monthly_contribution", stored_monthly)
                                   : std::nullopt;
    return row;
  });
}

core::Result<storage::Budget> read_budget(const std::string& body, core::Currency default_currency,
                                          const storage::Budget* base) {
  return decode<storage::Budget>(body, [&](Value& root) {
    storage::Budget row = base != nullptr ? *base : storage::Budget{.amount = core::Money::from_minor(0, default_currency)};
    Amounts amounts(root, base != nullptr ? base->amount.currency() : default_currency);
    read_members(root, base != nullptr, {"amount", "start_date", "end_date"}, [&](std::string_view key, Value& field) {
      if (key == "category") {
        set_optional(row.category, field);
      } else if (key == "amount") {
        amounts.read(key, field, false);
      } else if (key == "currency") {
        amounts.read_currency(field);
      } else if (key == "start_date") {
        set_date(row.start_date, field);
      } else if (key == "end_date") {
        set_date(row.end_date, field);
      } else if (key == "status") {
        set(row.status, field.string());
      } else {
        field.skip();
      }
    });
    if (const auto amount = amounts.money("amount", base != nullptr ? std::optional(base->amount) : std::nullopt)) {
      row.amount = *amount;
    }
    return row;
  });
}

core::Result<storage::Bill> read_bill(const std::string& body, core::Currency default_currency,
                                      const storage::Bill* base) {
  return decode<storage::Bill>(body, [&](Value& root) {
    storage::Bill row = base != nullptr ? *base : storage::Bill{.amount = core::Money::from_minor(0, default_currency)};
    Amounts amounts(root, base != nullptr ? base->amount.currency() : default_currency);
    read_members(root, base != nullptr, {"bill_name", "due_date", "amount"}, [&](std::string_view key, Value& field) {
      if (key == "bill_name") {
        set(row.name, field.string());
      } else if (key == "due_date") {
        set_date(row.due_date, field);
      } else if (key == "amount") {
        amounts.read(key, field, false);
      } else if (key == "currency") {
        amounts.read_currency(field);
      } else if (key == "status") {
        set(row.status, field.string());
      } else if (key == "is_recurring") {
        if (const auto value = field.boolean()) row.recurring = *value;
      } else if (key == "recurrence_frequency") {
        set_optional(row.recurrence_frequency, field);
      } else if (key == "reminder_days_before") {
        if (field.is_null()) {
          row.reminder_days_before.reset();
        } else if (const auto days = integer_between(field, 0, 365)) {
          row.reminder_days_before = *days;
        }
      } else {
        field.skip();
      }
    });
    if (const auto amount = amounts.money("amount", base != nullptr ? std::optional(base->amount) : std::nullopt)) {
      row.amount = *amount;
    }
    return row;
  });
}

core::Result<storage::UserCategory> read_user_category(const std::string& body, core::Currency /*default_currency*/,
                                                       const storage::UserCategory* base) {
  return decode<storage::UserCategory>(body, [&](Value& root) {
    storage::UserCategory row = base != nullptr ? *base : storage::UserCategory{};
    bool bucket_given = false;
    bool detailed_given = false;
    read_members(root, base != nullptr, {"name"}, [&](std::string_view key, Value& field) {
      if (key == "name") {
        set(row.name, field.string());
      } else if (key == "type") {
        set(row.type, field.string());
      } else if (key == "bucket") {
        bucket_given = true;
        set_optional(row.bucket, field);
      } else if (key == "detailed") {
        detailed_given = true;
        set_optional(row.detailed, field);
      } else {
        field.skip();
      }
    });
    // A PATCH of the code alone takes the new code's group as the bucket (the service fills it).
    if (detailed_given && !bucket_given) row.bucket.reset();
    return row;
  });
}

void write_resource(Writer& writer, const storage::Account& row) {
  writer.begin_object();
  writer.field("id", row.id.value());
  writer.field("name", row.name);
  writer.field("account_type", row.account_type);
  writer.key("balance").money(row.balance);
  writer.field("currency", row.balance.currency().code());
  write_timestamps(writer, row.created_at, row.updated_at);
  writer.end_object();
}

void write_resource(Writer& writer, const storage::Goal& row) {
  writer.begin_object();
  writer.field("id", row.id.value());
  writer.field("goal_name", row.name);
  writer.key("target_amount").money(row.target);
  writer.key("current_amount").money(row.current);
  writer.field("currency", row.target.currency().code());
  write_optional_date(writer, "target_date", row.target_date);
  writer.key("monthly_contribution");
  if (row.monthly_contribution) {
    writer.money(*row.monthly_contribution);
  } else {
    writer.null();
  }
  writer.field("status", row.status);
  write_timestamps(writer, row.created_at, row.updated_at);
  writer.end_object();
}

void write_resource(Writer& writer, const storage::Budget& row) {
  writer.begin_object();
  writer.field("id", row.id.value());
  writer.key("category").optional_string(row.category);
  writer.key("amount").money(row.amount);
  writer.field("currency", row.amount.currency().code());
  writer.field("start_date", row.start_date.to_string());
  writer.field("end_date", row.end_date.to_string());
  writer.field("status", row.status);
  write_timestamps(writer, row.created_at, row.updated_at);
  writer.end_object();
}

void write_resource(Writer& writer, const storage::Bill& row) {
  writer.begin_object();
  writer.field("id", row.id.value());
  writer.field("bill_name", row.name);
  writer.field("due_date", row.due_date.to_string());
  writer.key("amount").money(row.amount);
  writer.field("currency", row.amount.currency().code());
  writer.field("status", row.status);
  writer.field("is_recurring", row.recurring);
  writer.key("recurrence_frequency").optional_string(row.recurrence_frequency);
  writer.key("reminder_days_before");
  if (row.reminder_days_before) {
    writer.integer(*row.reminder_days_before);
  } else {
    writer.null();
  }
  write_timestamps(writer, row.created_at, row.updated_at);
  writer.end_object();
}

void write_resource(Writer& writer, const storage::UserCategory& row) {
  writer.begin_object();
  writer.field("id", row.id.value());
  writer.field("name", row.name);
  writer.field("type", row.type);
  writer.key("bucket").optional_string(row.bucket);
  writer.key("detailed").optional_string(row.detailed);
  write_timestamps(writer, row.created_at, row.updated_at);
  writer.end_object();
}

}  // namespace finml::http::json
