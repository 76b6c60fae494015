#include <finml/http/json/health_json.hpp>

#include <cmath>

#include <finml/http/json/reader.hpp>
#include <finml/http/json/transaction_json.hpp>
#include <finml/http/json/writer.hpp>

namespace finml::http::json {
namespace {

namespace health = analytics::health;

// An optional non-negative amount: absent or null is 0.
double read_non_negative(Value& value) {
  if (value.is_null()) return 0.0;
  const auto number = value.number();
  if (!number) return 0.0;
  if (*number < 0) {
    value.problem("must be greater than or equal to 0", "greater_than_equal");
    return 0.0;
  }
  return *number;
}

health::GoalProgressInput read_goal(Value& value) {
  health::GoalProgressInput goal;
  std::optional<double> current_savings;
  read_object(value, {}, [&](std::string_view key, Value& field) {
    if (key == "status") {
      if (!field.is_null()) goal.status = field.string();
    } else if (key == "current_amount") {
      goal.current_amount = optional_number(field);
    } else if (key == "current_savings") {
      current_savings = optional_number(field);  // the real client's name
    } else if (key == "target_amount") {
      goal.target_amount = optional_number(field);
    } else {
      field.skip();
    }
  });
  if (!goal.current_amount) goal.current_amount = current_savings;
  return goal;
}

void write_details(Writer& writer, const std::vector<health::Detail>& details) {
  writer.key("details").begin_object();
  for (const auto& detail : details) {
    writer.key(detail.key);
    if (const auto* number = std::get_if<double>(&detail.value)) {
      writer.number(*number);
    } else if (const auto* count = std::get_if<std::int64_t>(&detail.value)) {
      writer.integer(*count);
    } else {
      writer.string(std::get<std::string>(detail.value));
    }
  }
  writer.end_object();
}

void write_component(Writer& writer, std::string_view name, const health::ComponentScore& component) {
  writer.key(name).begin_object();
  writer.key("score").number_rounded(component.score, 2);
  writer.field("weight", component.weight);
  write_details(writer, component.details);
  writer.end_object();
}

void write_recommendation_array(Writer& writer, std::span<const health::Recommendation> recommendations) {
  writer.begin_array();
  for (const auto& recommendation : recommendations) {
    writer.begin_object();
    writer.field("category", recommendation.category);
    writer.field("priority", recommendation.priority);
    writer.field("message", recommendation.message);
    writer.end_object();
  }
  writer.end_array();
}

void write_change(Writer& writer, std::string_view percent_key, std::string_view points_key,
                  const std::optional<health::ScoreChange>& change) {
  writer.key(percent_key);
  if (change) {
    writer.number(change->percent);
  } else {
    writer.null();
  }
  writer.key(points_key);
  if (change) {
    writer.number(change->points);
  } else {
    writer.null();
  }
}

void write_category(Writer& writer, const health::SurveyCategory& category) {
  writer.key(category.name).begin_object();
  writer.key("annual_amount").optional_number(category.annual_amount);
  writer.key("share_percent").optional_number(category.share_percent);
  writer.end_object();
}

}  // namespace

core::Result<HealthScoreRequest> read_health_score_request(const std::string& body, core::Currency default_currency) {
  return decode<HealthScoreRequest>(body, [&](Value& root) {
    HealthScoreRequest request{.user_id = {},
                               .transactions = {},
                               .currency = default_currency,
                               .emergency_savings = 0.0,
                               .monthly_debt_payment = 0.0,
                               .goals = {},
                               .has_transactions = false,
                               .has_goals = false};
    std::string transactions_path = "$.transactions";
    read_object(root, {"user_id"}, [&](std::string_view key, Value& field) {
      if (key == "user_id") {
        if (const auto id = user_id(field)) request.user_id = *id;
      } else if (key == "transactions") {
        transactions_path = field.path();
        request.has_transactions = true;
        // Descriptions are kept: the user's category overrides may match them.
        request.transactions = read_transactions(field, default_currency, FreeText::kKeep);
      } else if (key == "emergency_savings") {
        request.emergency_savings = read_non_negative(field);
      } else if (key == "monthly_debt_payment") {
        request.monthly_debt_payment = read_non_negative(field);
      } else if (key == "goals") {
        request.has_goals = true;
        if (field.is_null()) return;
        field.for_each_element([&](std::size_t, Value& goal) { request.goals.push_back(read_goal(goal)); });
      } else {
        field.skip();
      }
    });
    request.currency = common_currency(request.transactions, request.currency, root.problems(), transactions_path);
    return request;
  });
}

std::string write_health_recommendations(std::span<const health::Recommendation> recommendations) {
  Writer writer;
  write_recommendation_array(writer, recommendations);
  return writer.take();
}

std::string write_health_score(core::UserId user, const health::HealthScore& score, core::Timestamp calculated_at) {
  Writer writer;
  writer.begin_object();
  writer.field("success", true);
  writer.field("user_id", user.value());
  writer.key("overall_score").number_rounded(score.overall_score, 2);
  // The real client stores `score` (it read a missing one as 0); the same number.
  writer.key("score").number_rounded(score.overall_score, 2);
  writer.field("grade", score.grade);
  writer.key("component_scores").begin_object();
  write_component(writer, "savings_rate", score.savings_rate);
  write_component(writer, "expense_consistency", score.expense_consistency);
  write_component(writer, "emergency_fund", score.emergency_fund);
  write_component(writer, "debt_to_income", score.debt_to_income);
  write_component(writer, "goal_progress", score.goal_progress);
  writer.end_object();
  writer.key("recommendations");
  write_recommendation_array(writer, score.recommendations);
  writer.field("calculated_at", core::format_timestamp(calculated_at));
  writer.key("period").begin_object();
  writer.field("from", score.first_month.to_string());
  writer.field("to", score.last_month.to_string());
  writer.field("months", score.months);
  writer.field("running_month_excluded", score.running_month_excluded);
  writer.end_object();
  writer.end_object();
  return writer.take();
}

std::string write_health_trend(core::UserId user, int months, const health::ScoreTrend& trend) {
  Writer writer;
  writer.begin_object();
  writer.field("success", true);
  writer.field("user_id", user.value());
  writer.field("months", months);
  writer.key("current_score").optional_number(trend.current_score);
  writer.key("trend_data").begin_array();
  for (const auto& point : trend.trend_data) {
    writer.begin_object();
    writer.key("score").number_rounded(point.score, 2);
    writer.field("grade", point.grade);
    writer.field("calculated_at", core::format_timestamp(point.calculated_at));
    writer.end_object();
  }
  writer.end_array();
  write_change(writer, "month_over_month_change", "month_over_month_points", trend.month_over_month);
  write_change(writer, "quarter_over_quarter_change", "quarter_over_quarter_points", trend.quarter_over_quarter);
  writer.end_object();
  return writer.take();
}

std::string write_health_benchmark(core::UserId user, const BenchmarkQuery& query, const health::PeerComparison& peers,
                                   const health::AgeGroupMatch& age_group) {
  Writer writer;
  writer.begin_object();
  writer.field("success", true);
  writer.field("user_id", user.value());
  writer.key("age_group").optional_string(query.age_group);
  writer.key("income_bracket").optional_string(query.income_bracket);

  writer.key("benchmark").begin_object();
  writer.key("user_score").optional_number(peers.user_score);
  writer.key("peer_average").optional_number(peers.peer_average);
  writer.key("percentile").optional_number(peers.percentile);
  writer.field("comparison", peers.comparison);
  writer.field("percentile_basis", peers.percentile_basis);
  writer.field("peer_group", "all_stored_users");
  writer.field("peer_count", static_cast<std::int64_t>(peers.peer_count));
  writer.field("minimum_peers", static_cast<std::int64_t>(health::kMinimumPeersForPercentile));
  writer.end_object();

  const auto& source = health::consumer_expenditure_source();
  const auto& group = *age_group.group;
  writer.key("peer_statistics").begin_object();
  writer.key("source").begin_object();
  writer.field("publisher", source.publisher);
  writer.field("survey", source.survey);
  writer.field("year", source.year);
  writer.field("table", source.table);
  writer.field("url", source.url);
  writer.end_object();
  writer.field("unit", source.unit);
  writer.field("age_group", group.label);
  writer.field("matched_by", age_group.matched_by);
  writer.field("income_before_taxes", group.income_before_taxes);
  writer.field("average_annual_expenditures", group.average_annual_expenditures);
  // Income before taxes minus spending: not a savings rate (taxes are not spending in the
  // survey, pensions and insurance are).
  writer.key("pre_tax_income_minus_expenditures_percent")
      .number_rounded((group.income_before_taxes - group.average_annual_expenditures) / group.income_before_taxes * 100.0,
                      1);
  writer.key("categories").begin_object();
  for (const auto* category : {&group.housing, &group.food, &group.transportation, &group.healthcare, &group.entertainment}) {
    write_category(writer, *category);
  }
  writer.end_object();
  writer.end_object();

  writer.key("income_bracket_range");
  if (query.income_range) {
    writer.begin_object();
    writer.field("min", query.income_range->min);
    writer.key("max").optional_number(query.income_range->max);
    writer.end_object();
  } else {
    writer.null();
  }
  // The survey's by-income tables are not shipped yet (no verified transcription): say so
  // rather than answer with figures of another group.
  writer.key("income_statistics").null();
  writer.end_object();
  return writer.take();
}

}  // namespace finml::http::json
