#include <finml/http/json/recurring_json.hpp>

#include <algorithm>
#include <vector>

#include <finml/analytics/habits/common.hpp>
#include <finml/analytics/recurring/merchant_key.hpp>
#include <finml/core/text.hpp>
#include <finml/http/json/budget_json.hpp>
#include <finml/http/json/reader.hpp>
#include <finml/http/json/transaction_json.hpp>
#include <finml/http/json/writer.hpp>

namespace finml::http::json {
namespace {

namespace recurring = analytics::recurring;

// The original kept 15 subscriptions and cut descriptions at 50 characters (30 in messages).
constexpr std::size_t kMaxSubscriptions = 15;
constexpr std::size_t kDescriptionLimit = 50;
constexpr std::size_t kMessageDescriptionLimit = 30;

constexpr int kMinAnalysisMonths = 1;
constexpr int kMaxAnalysisMonths = 12;

// One stable copy of each distinct text read, found through a flat open-addressing table
// (std::unordered_map's hashing and node compares were a fifth of the route's time).
class TextPool {
 public:
  explicit TextPool(std::deque<std::string>& storage) : storage_(storage), slots_(256) {}
  std::string_view intern(std::string_view text) {
    if (text.empty()) return {};
    if ((size_ + 1) * 2 > slots_.size()) grow();
    const std::uint64_t hash = analytics::recurring::hash_text(text, 0);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.text.data() == nullptr) {
        slot = {hash, storage_.emplace_back(text)};
        ++size_;
        return slot.text;
      }
      if (slot.hash == hash && slot.text == text) return slot.text;
    }
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::string_view text;  // null data: free
  };
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.size() * 2, Slot{});
    const std::size_t mask = slots_.size() - 1;
    for (const auto& slot : old) {
      if (slot.text.data() == nullptr) continue;
      std::size_t i = slot.hash & mask;
      while (slots_[i].text.data() != nullptr) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }
  std::deque<std::string>& storage_;
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

// A string field that may be null (read as empty); a problem is reported for other types.
std::string_view optional_text(Value& value) {
  if (value.is_null()) return {};
  return value.string_view().value_or(std::string_view{});
}

// read_transaction's checks, into a RowView whose texts live in `pool`.
std::optional<analytics::recurring::RowView> read_row(Value& value, core::Currency default_currency, TextPool& pool) {
  std::string_view category = kUncategorized;
  std::string_view description;
  std::string_view note;
  const auto basics = read_transaction_basics(value, default_currency, [&](std::string_view key, Value& field) {
    if (key == "category") {
      const std::string_view text = optional_text(field);
      if (!text.empty()) category = pool.intern(text);
    } else if (key == "description") {
      description = pool.intern(optional_text(field));
    } else if (key == "note") {
      note = pool.intern(optional_text(field));
    } else {
      field.skip();
    }
  });
  if (!basics) return std::nullopt;
  return analytics::recurring::RowView{.date = basics->date,
                                       .amount = basics->amount,
                                       .type = basics->type,
                                       .category = category,
                                       .description = description,
                                       .note = note};
}

// The cadence as the original's messages name it ("Recurring monthly charge: ...").
std::string_view adjective(recurring::Frequency frequency) {
  switch (frequency) {
    case recurring::Frequency::kWeekly: return "weekly";
    case recurring::Frequency::kBiweekly: return "biweekly";
    case recurring::Frequency::kSemiMonthly: return "semi-monthly";
    case recurring::Frequency::kMonthly: return "monthly";
    case recurring::Frequency::kQuarterly: return "quarterly";
    case recurring::Frequency::kSemiAnnually: return "semi-annual";
    case recurring::Frequency::kAnnually: return "annual";
  }
  return "monthly";
}

std::string subscription_message(const recurring::RecurringStream& stream, const std::string& label) {
  std::string message = "Recurring " + std::string(adjective(stream.frequency)) + " charge: " +
                        truncate_utf8(stream.description, kMessageDescriptionLimit) + " - " +
                        analytics::habits::money_text(label, stream.predicted_next_amount);
  if (!stream.is_active()) {
    message += " (expected by " + stream.predicted_next_date.to_string() + ", not seen since " +
               stream.last_date.to_string() + ")";
  }
  return message;
}

void write_subscription(Writer& writer, const recurring::RecurringStream& stream, int digits,
                        const std::string& label) {
  writer.begin_object();
  writer.field("type", "subscription");
  writer.field("description", truncate_utf8(stream.description, kDescriptionLimit));
  writer.key("amount").number_rounded(stream.predicted_next_amount, digits);
  writer.field("frequency", core::to_lower_ascii(recurring::to_string(stream.frequency)));
  writer.field("occurrences", stream.occurrences);
  writer.key("average_interval_days").number_rounded(stream.average_interval_days, 1);
  writer.key("estimated_annual_cost").number_rounded(stream.annualised_cost, digits);
  writer.field("message", subscription_message(stream, label));
  writer.field("first_seen", stream.first_date.to_string());
  writer.field("last_seen", stream.last_date.to_string());
  writer.field("stream_id", stream.id);
  writer.field("status", recurring::to_string(stream.status));
  writer.field("next_expected_date", stream.predicted_next_date.to_string());
  writer.end_object();
}

void write_stream(Writer& writer, const recurring::RecurringStream& stream, int digits) {
  writer.begin_object();
  writer.field("stream_id", stream.id);
  writer.field("description", stream.description);
  writer.field("merchant_key", stream.merchant_key);
  writer.field("category", stream.category);
  writer.field("type", core::to_string(stream.type));
  writer.field("is_inflow", stream.is_inflow);
  writer.field("frequency", recurring::to_string(stream.frequency));
  writer.field("status", recurring::to_string(stream.status));
  writer.field("is_active", stream.is_active());
  writer.field("first_date", stream.first_date.to_string());
  writer.field("last_date", stream.last_date.to_string());
  writer.field("predicted_next_date", stream.predicted_next_date.to_string());
  writer.field("occurrences", stream.occurrences);
  writer.field("missed_count", stream.missed_count);
  writer.key("average_interval_days").number_rounded(stream.average_interval_days, 1);
  writer.key("average_amount").number_rounded(stream.average_amount, digits);
  writer.key("last_amount").number_rounded(stream.last_amount, digits);
  writer.key("predicted_next_amount").number_rounded(stream.predicted_next_amount, digits);
  writer.key("annualised_cost").number_rounded(stream.annualised_cost, digits);
  writer.field("variable_amount", stream.variable_amount);
  writer.key("price_changes").begin_array();
  for (const auto& change : stream.price_changes) {
    writer.begin_object();
    writer.field("date", change.date.to_string());
    writer.key("from_amount").number_rounded(change.from, digits);
    writer.key("to_amount").number_rounded(change.to, digits);
    writer.end_object();
  }
  writer.end_array();
  writer.key("duplicate_dates").begin_array();
  for (const auto& date : stream.duplicate_dates) writer.string(date.to_string());
  writer.end_array();
  writer.end_object();
}

}  // namespace

core::Result<SubscriptionsRequest> read_subscriptions_request(const std::string& body,
                                                            core::Currency default_currency) {
  return decode<SubscriptionsRequest>(body, [&](Value& root) {
    SubscriptionsRequest request(core::UserId{}, default_currency);
    TextPool pool(request.texts);
    std::string transactions_path = "$.transactions";
    read_object(root, {"user_id"}, [&](std::string_view key, Value& field) {
      if (key == "user_id") {
        if (const auto id = user_id(field)) request.user_id = *id;
      } else if (key == "transactions") {
        transactions_path = field.path();
        request.has_transactions = true;
        request.rows.reserve(field.array_size());
        field.for_each_element([&](std::size_t, Value& element) {
          if (auto row = read_row(element, default_currency, pool)) request.rows.push_back(*row);
        });
      } else if (key == "goals") {
        if (field.is_null()) return;
        field.for_each_element([](std::size_t, Value& goal) { goal.skip(); });  // not read by this route
      } else if (key == "analysis_months") {
        if (field.is_null()) return;
        if (const auto months = integer_between(field, kMinAnalysisMonths, kMaxAnalysisMonths)) {
          request.analysis_months = *months;
        }
      } else if (key == "as_of") {
        if (!field.is_null()) request.as_of = field.date();
      } else {
        field.skip();
      }
    });
    request.currency = common_currency(request.rows, request.currency, root.problems(), transactions_path);
    return request;
  });
}

std::string write_subscriptions(core::UserId user, std::span<const recurring::RecurringStream> streams,
                                core::Currency currency, core::Date as_of) {
  const int digits = currency.exponent();
  const std::string label = currency_label(currency);

  // Subscriptions are the spending streams (not salary, not transfers to savings); those
  // still running come first, and only they count in the totals (B15: a cancelled one is no
  // cost any more).
  std::vector<const recurring::RecurringStream*> subscriptions;
  for (const auto& stream : streams) {
    if (!stream.is_inflow && stream.type == core::TransactionType::kExpense) subscriptions.push_back(&stream);
  }
  std::stable_partition(subscriptions.begin(), subscriptions.end(),
                        [](const recurring::RecurringStream* stream) { return stream->is_active(); });
  if (subscriptions.size() > kMaxSubscriptions) subscriptions.resize(kMaxSubscriptions);
  double annual_total = 0.0;
  for (const auto* stream : subscriptions) {
    if (stream->is_active()) annual_total += stream->annualised_cost;
  }

  Writer writer;
  writer.begin_object();
  writer.field("success", true);
  writer.field("user_id", user.value());
  writer.key("subscriptions").begin_array();
  for (const auto* stream : subscriptions) write_subscription(writer, *stream, digits, label);
  writer.end_array();
  writer.field("subscription_count", static_cast<std::int64_t>(subscriptions.size()));
  // One year has 12 months whatever the cadence: weekly charges count 52.18 / 12 a month,
  // not the original's 4 (B15).
  writer.key("total_monthly_cost").number_rounded(annual_total / 12.0, digits);
  writer.key("total_annual_cost").number_rounded(annual_total, digits);
  writer.key("streams").begin_array();
  for (const auto& stream : streams) write_stream(writer, stream, digits);
  writer.end_array();
  writer.field("stream_count", static_cast<std::int64_t>(streams.size()));
  writer.field("currency", currency.code());
  writer.field("as_of", as_of.to_string());
  writer.end_object();
  return writer.take();
}

}  // namespace finml::http::json
