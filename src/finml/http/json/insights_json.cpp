#include <finml/http/json/insights_json.hpp>

#include <variant>

#include <finml/http/json/budget_json.hpp>
#include <finml/http/json/reader.hpp>
#include <finml/http/json/transaction_json.hpp>
#include <finml/http/json/writer.hpp>

namespace finml::http::json {
namespace {

namespace insights = analytics::insights;
namespace habits = analytics::habits;

void write_rounded(Writer& writer, std::string_view name, const std::optional<double>& value, int digits = 2) {
  writer.key(name);
  if (value) {
    writer.number_rounded(*value, digits);
  } else {
    writer.null();
  }
}

void write_period(Writer& writer, std::string_view name, core::Date from, core::Date to) {
  writer.key(name).begin_object();
  writer.field("from", from.to_string());
  writer.field("to", to.to_string());
  writer.end_object();
}

void write_day_kind(Writer& writer, std::string_view name, const habits::DayKindSpending& kind) {
  writer.key(name).begin_object();
  writer.field("calendar_days", kind.calendar_days);
  writer.field("spending_days", kind.spending_days);
  writer.key("total").number_rounded(kind.total, 2);
  writer.key("average_per_day").number_rounded(kind.average_per_day, 2);
  writer.key("average_per_spending_day").number_rounded(kind.average_per_spending_day, 2);
  writer.end_object();
}

// The numbers behind an insight, by kind; null for none.
struct DetailsWriter {
  Writer& writer;

  void operator()(std::monostate) const { writer.null(); }
  void operator()(const insights::CategoryShareDetails& details) const {
    writer.begin_object();
    writer.key("total").number_rounded(details.total, 2);
    writer.key("monthly_average").number_rounded(details.monthly_average, 2);
    writer.end_object();
  }
  void operator()(const insights::AnomalyDetails& details) const {
    writer.begin_object();
    writer.field("transaction_type", core::to_string(details.transaction_type));
    writer.field("direction", details.above_typical ? "above_typical" : "below_typical");
    writer.key("typical_amount").number_rounded(details.typical_amount, 2);
    writer.key("score").number_rounded(details.score, 2);
    writer.field("category_rows", static_cast<std::int64_t>(details.category_rows));
    writer.end_object();
  }
  void operator()(const insights::TrendDetails& details) const {
    writer.begin_object();
    write_period(writer, "earlier_period", details.earlier_from, details.earlier_to);
    write_period(writer, "recent_period", details.recent_from, details.recent_to);
    writer.key("earlier_total").number_rounded(details.earlier_total, 2);
    writer.key("recent_total").number_rounded(details.recent_total, 2);
    writer.key("earlier_monthly").number_rounded(details.earlier_monthly, 2);
    writer.key("recent_monthly").number_rounded(details.recent_monthly, 2);
    writer.end_object();
  }
  void operator()(const habits::WeekdayWeekendSpending& split) const {
    writer.begin_object();
    writer.field("from", split.from.to_string());
    writer.field("to", split.to.to_string());
    write_day_kind(writer, "weekend", split.weekend);
    write_day_kind(writer, "weekday", split.weekday);
    write_rounded(writer, "weekend_to_weekday_ratio", split.weekend_to_weekday_ratio, 4);
    writer.end_object();
  }
  void operator()(const habits::NoSpendDays& days) const {
    writer.begin_object();
    writer.field("from", days.from.to_string());
    writer.field("to", days.to.to_string());
    writer.field("days", days.days);
    writer.field("spending_days", days.spending_days);
    writer.field("no_spend_days", days.no_spend_days);
    writer.end_object();
  }
};

void write_insight(Writer& writer, const insights::Insight& insight) {
  writer.begin_object();
  writer.field("type", insights::to_string(insight.type));
  writer.field("message", insight.message);
  writer.field("severity", insights::to_string(insight.severity));
  writer.key("category").optional_string(insight.category);
  write_rounded(writer, "amount", insight.amount);
  write_rounded(writer, "percentage", insight.percentage);
  write_rounded(writer, "potential_savings", insight.potential_savings);
  writer.key("date");
  if (insight.date) {
    writer.string(insight.date->to_string());
  } else {
    writer.null();
  }
  writer.key("trend");
  if (insight.trend) {
    writer.string(insights::to_string(*insight.trend));
  } else {
    writer.null();
  }
  write_rounded(writer, "change_percentage", insight.change_percentage);
  writer.key("details");
  std::visit(DetailsWriter{writer}, insight.details);
  writer.end_object();
}

void write_patterns(Writer& writer, const insights::SpendingPatterns& patterns) {
  writer.key("spending_patterns").begin_object();
  writer.key("total_income").number_rounded(patterns.total_income, 2);
  writer.key("total_expenses").number_rounded(patterns.total_expenses, 2);
  writer.key("total_savings").number_rounded(patterns.total_savings, 2);
  writer.key("savings_rate").number_rounded(patterns.savings_rate, 2);
  writer.key("top_categories").begin_array();
  for (const auto& top : patterns.top_categories) {
    writer.begin_object();
    writer.field("category", top.category);
    writer.key("amount").number_rounded(top.amount, 2);  // B10: the original leaked float artefacts
    writer.key("percentage").number_rounded(top.percentage, 2);
    writer.end_object();
  }
  writer.end_array();
  writer.key("monthly_average").begin_object();
  writer.key("income").number_rounded(patterns.monthly_average.income, 2);
  writer.key("expenses").number_rounded(patterns.monthly_average.expenses, 2);
  writer.key("savings").number_rounded(patterns.monthly_average.savings, 2);
  writer.end_object();
  writer.key("months_covered").number_rounded(patterns.months_covered, 4);
  writer.key("period");
  if (patterns.first_date && patterns.last_date) {
    writer.begin_object();
    writer.field("from", patterns.first_date->to_string());
    writer.field("to", patterns.last_date->to_string());
    writer.end_object();
  } else {
    writer.null();
  }
  writer.end_object();
}

}  // namespace

core::Result<InsightsRequest> read_insights_request(const std::string& body, core::Currency default_currency) {
  return decode<InsightsRequest>(body, [&](Value& root) {
    InsightsRequest request{.user_id = {}, .transactions = {}, .currency = default_currency, .as_of = std::nullopt,
                            .has_transactions = false};
    std::string transactions_path = "$.transactions";
    read_object(root, {"user_id"}, [&](std::string_view key, Value& field) {
      if (key == "user_id") {
        if (const auto id = user_id(field)) request.user_id = *id;
      } else if (key == "transactions") {
        transactions_path = field.path();
        request.has_transactions = true;
        request.transactions = read_transactions(field, default_currency, FreeText::kSkip);  // never read
      } else if (key == "as_of") {
        if (!field.is_null()) request.as_of = field.date();
      } else {
        field.skip();
      }
    });
    request.currency = common_currency(request.transactions, request.currency, root.problems(), transactions_path);
    return request;
  });
}

std::string write_insights(core::UserId user, core::Currency currency, const insights::InsightsReport& report,
                           core::Timestamp computed_at) {
  Writer writer;
  writer.begin_object();
  writer.field("success", true);
  writer.field("user_id", user.value());
  writer.key("insights").begin_array();
  for (const auto& insight : report.insights) write_insight(writer, insight);
  writer.end_array();
  write_patterns(writer, report.spending_patterns);
  writer.key("predictions").begin_object();
  writer.key("next_month_expense").number_rounded(report.predictions.next_month_expense, 2);
  writer.key("next_month_income").number_rounded(report.predictions.next_month_income, 2);
  writer.field("confidence", report.predictions.confidence);
  writer.end_object();
  writer.key("recommendations").begin_array();
  for (const auto& item : report.recommendations) {
    writer.begin_object();
    writer.field("type", item.type);
    writer.field("message", item.message);
    writer.field("priority", insights::to_string(item.priority));
    write_rounded(writer, "target_amount", item.target_amount);
    writer.end_object();
  }
  writer.end_array();
  writer.field("currency", currency.code());
  writer.field("computed_at", core::format_timestamp(computed_at));
  writer.end_object();
  return writer.take();
}

}  // namespace finml::http::json
