#include <finml/http/json/goal_json.hpp>

#include <finml/http/json/reader.hpp>
#include <finml/http/json/writer.hpp>

namespace finml::http::json {
namespace {

enum class Bound { kPositive, kNonNegative };

// Optional rate: absent or null means 0.
double read_rate(Value& value) {
  if (value.is_null()) return 0.0;
  return value.number().value_or(0.0);
}

// The currency is needed before amounts can be read exactly, and may come after them: amounts
// are kept as text and converted at the end.
struct AmountField {
  std::string path;
  std::optional<std::string> text;
};

std::optional<double> convert(Problems& problems, const AmountField& field, core::Currency currency,
                              Bound bound) {
  if (!field.text) return std::nullopt;
  const auto money = core::Money::parse(*field.text, currency);
  if (!money) {
    problems.add(field.path, "must be an amount: " + money.error().message, "value_error");
    return std::nullopt;
  }
  if (bound == Bound::kPositive && money->minor_units() <= 0) {
    problems.add(field.path, "must be greater than 0", "greater_than");
    return std::nullopt;
  }
  if (bound == Bound::kNonNegative && money->minor_units() < 0) {
    problems.add(field.path, "must be greater than or equal to 0", "greater_than_equal");
    return std::nullopt;
  }
  return money->to_major();
}

void read_currency(Value& value, core::Currency& currency) {
  if (value.is_null()) return;
  const auto code = value.string();
  if (!code) return;
  if (const auto parsed = core::Currency::from_code(*code)) {
    currency = *parsed;
  } else {
    value.problem("must be an ISO 4217 currency code");
  }
}

void write_milestones(Writer& writer, const std::vector<analytics::goals::Milestone>& milestones) {
  writer.key("milestones").begin_array();
  for (const auto& milestone : milestones) {
    writer.begin_object();
    writer.field("percentage", milestone.percentage);
    writer.key("amount").number_rounded(milestone.amount, 2);
    writer.field("months_from_start", milestone.months_from_start);
    writer.field("expected_date", milestone.expected_date.to_string());
    writer.end_object();
  }
  writer.end_array();
}

void write_growth(Writer& writer, const analytics::goals::GrowthAssumptions& growth,
                  double inflation_adjusted_target) {
  writer.field("annual_return_rate", growth.annual_return_rate);
  writer.field("inflation_rate", growth.inflation_rate);
  writer.key("inflation_adjusted_target").number_rounded(inflation_adjusted_target, 2);
}

}  // namespace

core::Result<TimelineInput> read_timeline_request(const std::string& body, core::Currency default_currency) {
  return decode<TimelineInput>(body, [&](Value& root) {
    TimelineInput input;
    core::Currency currency = default_currency;
    AmountField target;
    AmountField current;
    AmountField monthly;
    read_object(root, {"target_amount", "current_savings", "monthly_savings"},
                [&](std::string_view key, Value& field) {
                  if (key == "target_amount") {
                    target = {field.path(), field.decimal_text()};
                  } else if (key == "current_savings") {
                    current = {field.path(), field.decimal_text()};
                  } else if (key == "monthly_savings") {
                    monthly = {field.path(), field.decimal_text()};
                  } else if (key == "annual_return_rate") {
                    input.request.growth.annual_return_rate = read_rate(field);
                  } else if (key == "inflation_rate") {
                    input.request.growth.inflation_rate = read_rate(field);
                  } else if (key == "currency") {
                    read_currency(field, currency);
                  } else if (key == "as_of" && !field.is_null()) {
                    input.as_of = field.date();
                  } else {
                    field.skip();
                  }
                });
    auto& problems = root.problems();
    input.request.target_amount = convert(problems, target, currency, Bound::kPositive).value_or(0.0);
    input.request.current_savings = convert(problems, current, currency, Bound::kNonNegative).value_or(0.0);
    input.request.monthly_savings = convert(problems, monthly, currency, Bound::kPositive).value_or(0.0);
    return input;
  });
}

core::Result<ReversePlanInput> read_reverse_plan_request(const std::string& body,
                                                         core::Currency default_currency) {
  return decode<ReversePlanInput>(body, [&](Value& root) {
    ReversePlanInput input;
    core::Currency currency = default_currency;
    AmountField target;
    AmountField current;
    read_object(root, {"target_amount", "current_savings", "target_date"},
                [&](std::string_view key, Value& field) {
                  if (key == "target_amount") {
                    target = {field.path(), field.decimal_text()};
                  } else if (key == "current_savings") {
                    current = {field.path(), field.decimal_text()};
                  } else if (key == "target_date") {
                    if (const auto date = field.date()) input.request.target_date = *date;
                  } else if (key == "annual_return_rate") {
                    input.request.growth.annual_return_rate = read_rate(field);
                  } else if (key == "inflation_rate") {
                    input.request.growth.inflation_rate = read_rate(field);
                  } else if (key == "currency") {
                    read_currency(field, currency);
                  } else if (key == "as_of" && !field.is_null()) {
                    input.as_of = field.date();
                  } else {
                    field.skip();
                  }
                });
    auto& problems = root.problems();
    input.request.target_amount = convert(problems, target, currency, Bound::kPositive).value_or(0.0);
    input.request.current_savings = convert(problems, current, currency, Bound::kNonNegative).value_or(0.0);
    return input;
  });
}

std::string write_timeline(const analytics::goals::TimelinePlan& plan,
                           const analytics::goals::GrowthAssumptions& growth) {
  Writer writer;
  writer.begin_object();
  writer.field("feasible", true);
  writer.key("target_amount").number_rounded(plan.target_amount, 2);
  writer.key("current_savings").number_rounded(plan.current_savings, 2);
  writer.key("amount_needed").number_rounded(plan.amount_needed, 2);
  writer.key("monthly_savings").number_rounded(plan.monthly_savings, 2);
  writer.field("months_needed", plan.months_needed);
  writer.field("target_date", plan.target_date.to_string());
  writer.key("progress_percentage").number_rounded(plan.progress_percentage, 2);
  writer.field("feasibility_rating", plan.feasibility.rating);
  writer.field("feasibility_message", plan.feasibility.message);
  write_milestones(writer, plan.milestones);
  write_growth(writer, growth, plan.inflation_adjusted_target);
  writer.key("total_contributions").number_rounded(plan.total_contributions, 2);
  writer.key("projected_balance").number_rounded(plan.projected_balance, 2);
  writer.end_object();
  return writer.take();
}

std::string write_reverse_plan(const analytics::goals::ReversePlan& plan,
                               const analytics::goals::GrowthAssumptions& growth) {
  Writer writer;
  writer.begin_object();
  writer.field("feasible", true);
  writer.key("target_amount").number_rounded(plan.target_amount, 2);
  writer.key("current_savings").number_rounded(plan.current_savings, 2);
  writer.key("amount_needed").number_rounded(plan.amount_needed, 2);
  writer.field("target_date", plan.target_date.to_string());
  writer.field("months_available", plan.months_available);
  writer.field("days_available", plan.days_available);
  writer.key("months_available_exact").number_rounded(plan.months_available_exact, 2);
  writer.key("required_monthly_savings").number_rounded(plan.required_monthly_savings, 2);
  writer.field("feasibility_score", plan.feasibility.score);
  writer.field("feasibility_rating", plan.feasibility.rating);
  writer.field("feasibility_message", plan.feasibility.message);
  writer.key("alternatives").begin_array();
  for (const auto& alternative : plan.alternatives) {
    writer.begin_object();
    writer.field("scenario", alternative.scenario);
    writer.key("monthly_savings").number_rounded(alternative.monthly_savings, 2);
    writer.field("months_needed", alternative.months_needed);
    writer.field("target_date", alternative.target_date.to_string());
    writer.field("description", alternative.description);
    writer.end_object();
  }
  writer.end_array();
  write_milestones(writer, plan.milestones);
  write_growth(writer, growth, plan.inflation_adjusted_target);
  writer.end_object();
  return writer.take();
}

}  // namespace finml::http::json
