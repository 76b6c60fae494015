#include <finml/http/json/recommendations_json.hpp>

#include <cmath>

#include <finml/http/json/reader.hpp>
#include <finml/http/json/writer.hpp>

namespace finml::http::json {
namespace {

namespace habits = analytics::habits;

habits::NudgeGoal read_goal(Value& value) {
  habits::NudgeGoal goal;
  std::optional<double> current_amount;
  std::optional<double> current_savings;
  read_object(value, {}, [&](std::string_view key, Value& field) {
    if (key == "goal_name") {
      if (auto name = optional_string(field)) goal.name = std::move(*name);
    } else if (key == "target_amount") {
      goal.target_amount = optional_number(field).value_or(0.0);
    } else if (key == "current_amount") {
      current_amount = optional_number(field);
    } else if (key == "current_savings") {
      current_savings = optional_number(field);  // the real client's name
    } else if (key == "status") {
      goal.status = optional_string(field);  // null: absent, so active (B7)
    } else {
      field.skip();
    }
  });
  goal.current_amount = current_amount.value_or(current_savings.value_or(0.0));
  return goal;
}

void write_optional(Writer& writer, std::string_view name, const std::optional<double>& value, int digits) {
  writer.key(name);
  if (value) {
    writer.number_rounded(*value, digits);
  } else {
    writer.null();
  }
}

void write_optional(Writer& writer, std::string_view name, const std::optional<int>& value) {
  writer.key(name);
  if (value) {
    writer.integer(*value);
  } else {
    writer.null();
  }
}

void write_day_kind(Writer& writer, std::string_view name, const habits::DayKindSpending& kind) {
  writer.key(name).begin_object();
  writer.field("days", kind.calendar_days);
  writer.field("spending_days", kind.spending_days);
  writer.key("total").number_rounded(kind.total, 2);
  writer.key("average_per_day").number_rounded(kind.average_per_day, 2);
  writer.key("average_per_spending_day").number_rounded(kind.average_per_spending_day, 2);
  writer.end_object();
}

void write_no_spend(Writer& writer, const habits::NoSpendDays& days) {
  writer.field("days", days.days);
  writer.field("spending_days", days.spending_days);
  writer.field("no_spend_days", days.no_spend_days);
}

}  // namespace

core::Result<RecommendationsRequest> read_recommendations_request(const std::string& body,
                                                                  core::Currency default_currency,
                                                                  std::optional<core::UserId> path_user,
                                                                  FreeText free_text) {
  return decode<RecommendationsRequest>(body, [&](Value& root) {
    RecommendationsRequest request{.user_id = path_user.value_or(core::UserId{}),
                                   .transactions = {},
                                   .currency = default_currency,
                                   .goals = {},
                                   .analysis_months = kDefaultAnalysisMonths,
                                   .as_of = std::nullopt,
                                   .has_transactions = false,
                                   .has_goals = false};
    std::string transactions_path = "$.transactions";
    const auto read_field = [&](std::string_view key, Value& field) {
      if (key == "user_id" && !path_user) {
        if (const auto id = user_id(field)) request.user_id = *id;
      } else if (key == "transactions") {
        transactions_path = field.path();
        request.has_transactions = true;
        request.transactions = read_transactions(field, default_currency, free_text);
      } else if (key == "goals") {
        request.has_goals = true;
        if (field.is_null()) return;
        field.for_each_element([&](std::size_t, Value& goal) { request.goals.push_back(read_goal(goal)); });
      } else if (key == "analysis_months") {
        if (field.is_null()) return;
        if (const auto months = integer_between(field, kMinAnalysisMonths, kMaxAnalysisMonths)) {
          request.analysis_months = *months;
        }
      } else if (key == "as_of") {
        if (!field.is_null()) request.as_of = field.date();
      } else {
        field.skip();  // the path variant's user_id too: the path names the user
      }
    };
    // Without `transactions` the route reads the user's stored ones (service/stored_data.hpp).
    if (path_user) {
      read_object(root, {}, read_field);
    } else {
      read_object(root, {"user_id"}, read_field);
    }
    request.currency = common_currency(request.transactions, request.currency, root.problems(), transactions_path);
    return request;
  });
}

std::string write_habits(core::UserId user, const habits::HabitsReport& report,
                         const std::optional<std::string>& message) {
  Writer writer;
  writer.begin_object();
  writer.field("success", true);
  writer.field("user_id", user.value());
  writer.key("habits").begin_array();
  for (const auto& habit : report.habits) {
    writer.begin_object();
    writer.field("type", habits::to_string(habit.kind));
    writer.field("category", habit.category);
    writer.field("message", habit.message);
    write_optional(writer, "frequency_per_week", habit.frequency_per_week, 2);
    write_optional(writer, "total_amount", habit.total_amount, 2);
    write_optional(writer, "average_transaction", habit.average_transaction, 2);
    write_optional(writer, "transaction_count", habit.transaction_count);
    write_optional(writer, "potential_savings", habit.potential_savings, 2);
    write_optional(writer, "average_monthly", habit.average_monthly, 2);
    writer.end_object();
  }
  writer.end_array();
  writer.field("habits_count", static_cast<std::int64_t>(report.habits.size()));
  writer.field("analysis_period_months", report.window.requested_months);
  writer.key("message").optional_string(message);
  writer.key("spending_patterns").begin_object();
  writer.field("from", report.window.covered_from.to_string());
  writer.field("to", report.window.last.to_string());
  writer.key("total_spending").number_rounded(report.total_spending, 2);
  write_day_kind(writer, "weekend", report.week.weekend);
  write_day_kind(writer, "weekday", report.week.weekday);
  write_optional(writer, "weekend_to_weekday_ratio", report.week.weekend_to_weekday_ratio, 2);
  write_no_spend(writer, report.no_spend);
  writer.end_object();
  writer.end_object();
  return writer.take();
}

std::string write_opportunities(core::UserId user, const habits::OpportunitiesReport& report) {
  Writer writer;
  writer.begin_object();
  writer.field("success", true);
  writer.field("user_id", user.value());
  writer.key("opportunities").begin_array();
  for (const auto& opportunity : report.opportunities) {
    writer.begin_object();
    writer.field("type", habits::to_string(opportunity.kind));
    writer.key("category").optional_string(opportunity.category);
    writer.field("message", opportunity.message);
    write_optional(writer, "total_amount", opportunity.total_amount, 2);
    write_optional(writer, "potential_savings", opportunity.potential_savings, 2);
    write_optional(writer, "transaction_count", opportunity.transaction_count);
    write_optional(writer, "occurrences", opportunity.occurrences);
    write_optional(writer, "weekend_average", opportunity.weekend_average, 2);
    write_optional(writer, "weekday_average", opportunity.weekday_average, 2);
    write_optional(writer, "coefficient_of_variation", opportunity.coefficient_of_variation, 2);
    write_optional(writer, "average_amount", opportunity.average_amount, 2);
    writer.end_object();
  }
  writer.end_array();
  writer.field("opportunity_count", static_cast<std::int64_t>(report.opportunities.size()));
  writer.key("total_potential_savings").number_rounded(report.total_potential_savings, 2);
  writer.field("analysis_period_months", report.window.requested_months);
  writer.key("total_spending").number_rounded(report.total_spending, 2);
  writer.end_object();
  return writer.take();
}

std::string write_nudges(core::UserId user, const habits::NudgesReport& report) {
  Writer writer;
  writer.begin_object();
  writer.field("success", true);
  writer.field("user_id", user.value());
  writer.key("nudges").begin_array();
  for (const auto& nudge : report.nudges) {
    writer.begin_object();
    writer.field("type", habits::to_string(nudge.kind));
    writer.field("category", habits::to_string(nudge.category));
    writer.field("message", nudge.message);
    writer.field("sentiment", habits::to_string(nudge.sentiment));
    write_optional(writer, "change_percentage", nudge.change_percentage, 2);
    write_optional(writer, "streak_months", nudge.streak_months);
    write_optional(writer, "progress_percentage", nudge.progress_percentage, 2);
    write_optional(writer, "no_spend_days", nudge.no_spend_days);
    writer.end_object();
  }
  writer.end_array();
  writer.field("nudge_count", static_cast<std::int64_t>(report.nudges.size()));
  writer.field("savings_streak_months", report.savings_streak_months);
  write_optional(writer, "recent_spending", report.recent_spending, 2);
  write_optional(writer, "previous_spending", report.previous_spending, 2);
  writer.key("no_spend").begin_object();
  writer.field("from", report.no_spend.from.to_string());
  writer.field("to", report.no_spend.to.to_string());
  write_no_spend(writer, report.no_spend);
  writer.end_object();
  writer.end_object();
  return writer.take();
}

}  // namespace finml::http::json
