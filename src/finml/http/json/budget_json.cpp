#include <finml/http/json/budget_json.hpp>

#include <cmath>

#include <finml/http/json/reader.hpp>
#include <finml/http/json/transaction_json.hpp>
#include <finml/http/json/writer.hpp>

namespace finml::http::json {
namespace {

namespace budget = analytics::budget;

// The client stores recommendation rows in VARCHAR(50) columns.
constexpr std::size_t kStoredTextLimit = 50;
constexpr int kMinAnalysisMonths = 1;
constexpr int kMaxAnalysisMonths = 12;
constexpr double kMaxTargetSavingsRate = 0.5;

std::optional<double> optional_non_negative(Value& value) {
  const auto number = optional_number(value);
  if (number && *number < 0.0) {
    value.problem("must be greater than or equal to 0", "greater_than_equal");
    return std::nullopt;
  }
  return number;
}

// Reads the members every budget body shares; returns false when `key` is not one of them.
bool read_base_field(std::string_view key, Value& field, BudgetRequestBase& base, std::string& transactions_path,
                     core::Currency default_currency) {
  if (key == "user_id") {
    if (const auto id = user_id(field)) base.user_id = *id;
  } else if (key == "transactions") {
    transactions_path = field.path();
    base.has_transactions = true;
    // Descriptions are kept: the user's category overrides may match them.
    base.transactions = read_transactions(field, default_currency, FreeText::kKeep);
  } else if (key == "as_of") {
    base.as_of = optional_date(field);
  } else {
    return false;
  }
  return true;
}

void check_one_currency(Value& root, BudgetRequestBase& base, const std::string& transactions_path) {
  base.currency = common_currency(base.transactions, base.currency, root.problems(), transactions_path);
}

BudgetRequestBase empty_base(core::Currency currency) {
  return {.user_id = {}, .transactions = {}, .currency = currency, .as_of = std::nullopt, .has_transactions = false};
}

budget::SavingsGoal read_goal(Value& value) {
  budget::SavingsGoal goal;
  std::optional<double> current_savings;
  std::optional<double> current_amount;
  read_object(value, {}, [&](std::string_view key, Value& field) {
    if (key == "status") {
      goal.status = optional_string(field);
    } else if (key == "target_amount") {
      goal.target_amount = optional_number(field).value_or(0.0);
    } else if (key == "current_amount") {
      current_amount = optional_number(field);
    } else if (key == "current_savings") {
      current_savings = optional_number(field);  // the real client's name
    } else if (key == "monthly_contribution") {
      goal.monthly_contribution = optional_non_negative(field);
    } else if (key == "target_date") {
      goal.target_date = optional_date(field);
    } else {
      field.skip();
    }
  });
  goal.current_amount = current_amount.value_or(current_savings.value_or(0.0));
  return goal;
}

budget::BucketBudgets read_bucket_budgets(Value& value) {
  budget::BucketBudgets budgets;
  read_object(value, {}, [&](std::string_view key, Value& field) {
    if (key == "needs") {
      budgets.needs = optional_non_negative(field);
    } else if (key == "wants") {
      budgets.wants = optional_non_negative(field);
    } else if (key == "savings") {
      budgets.savings = optional_non_negative(field);
    } else {
      field.skip();
    }
  });
  return budgets;
}

budget::OverallBudget read_overall_budget(Value& value) {
  budget::OverallBudget row;
  read_object(value, {"amount"}, [&](std::string_view key, Value& field) {
    if (key == "amount") {
      if (field.is_null()) {
        field.problem("must be an amount, not null", "null");
      } else {
        row.amount = optional_non_negative(field).value_or(0.0);
      }
    } else if (key == "start_date") {
      row.start_date = optional_date(field);
    } else if (key == "end_date") {
      row.end_date = optional_date(field);
    } else if (key == "status") {
      row.status = optional_string(field);
    } else {
      field.skip();
    }
  });
  return row;
}

std::vector<budget::PlannedCategory> read_current_budget(Value& value) {
  std::vector<budget::PlannedCategory> plan;
  if (value.is_null()) return plan;
  value.for_each_field([&](std::string_view category, Value& field) {
    const auto amount = optional_non_negative(field);
    if (!amount) return;
    // A repeated name: the last one counts, as in a JavaScript object.
    for (auto& entry : plan) {
      if (entry.category == category) {
        entry.amount = *amount;
        return;
      }
    }
    plan.push_back({std::string(category), *amount});
  });
  return plan;
}

void write_allocation(Writer& writer, std::string_view name, const budget::Allocation& allocation) {
  writer.key(name).begin_object();
  writer.key("needs").number_rounded(allocation.needs, 2);
  writer.key("wants").number_rounded(allocation.wants, 2);
  writer.key("savings").number_rounded(allocation.savings, 2);
  writer.key("needs_percentage").number_rounded(allocation.needs_percentage, 1);
  writer.key("wants_percentage").number_rounded(allocation.wants_percentage, 1);
  writer.key("savings_percentage").number_rounded(allocation.savings_percentage, 1);
  writer.end_object();
}

void write_optional_rounded(Writer& writer, std::string_view name, const std::optional<double>& value) {
  writer.key(name);
  if (value) {
    writer.number_rounded(*value, 2);
  } else {
    writer.null();
  }
}

void write_strings(Writer& writer, std::string_view name, const std::vector<std::string>& values) {
  writer.key(name).begin_array();
  for (const auto& value : values) writer.string(value);
  writer.end_array();
}

void write_analysis(Writer& writer, const budget::SpendingAnalysis& analysis) {
  writer.key("analysis").begin_object();
  writer.field("from", analysis.first.to_string());
  writer.field("to", analysis.last.to_string());
  writer.field("months_requested", analysis.requested_months);
  writer.key("months_observed").number_rounded(analysis.observed_months, 2);
  writer.field("complete_months", analysis.complete_months);
  writer.end_object();
}

}  // namespace

std::string truncate_utf8(std::string_view text, std::size_t max_characters) {
  std::size_t characters = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    // A byte that does not continue a sequence starts a new character.
    if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) {
      if (characters == max_characters) return std::string(text.substr(0, i));
      ++characters;
    }
  }
  return std::string(text);
}

std::string currency_label(core::Currency currency) {
  return currency.code() == "INR" ? std::string("Rs.") : std::string(currency.code());
}

core::Result<BudgetRecommendRequest> read_budget_recommend_request(const std::string& body,
                                                                 core::Currency default_currency) {
  return decode<BudgetRecommendRequest>(body, [&](Value& root) {
    BudgetRecommendRequest request{.base = empty_base(default_currency), .goals = {}, .has_goals = false, .options = {}};
    std::string transactions_path = "$.transactions";
    read_object(root, {"user_id"}, [&](std::string_view key, Value& field) {
      if (read_base_field(key, field, request.base, transactions_path, default_currency)) return;
      if (key == "goals") {
        request.has_goals = true;
        if (field.is_null()) return;
        field.for_each_element([&](std::size_t, Value& goal) { request.goals.push_back(read_goal(goal)); });
      } else if (key == "analysis_months") {
        if (field.is_null()) return;
        if (const auto months = integer_between(field, kMinAnalysisMonths, kMaxAnalysisMonths)) {
          request.options.analysis_months = *months;
        }
      } else if (key == "total_budget") {
        const auto total = optional_number(field);
        if (total && !(*total > 0.0)) {
          field.problem("must be greater than 0", "greater_than");
        } else {
          request.options.total_budget = total;
        }
      } else {
        field.skip();
      }
    });
    check_one_currency(root, request.base, transactions_path);
    return request;
  });
}

core::Result<BudgetAlertsRequest> read_budget_alerts_request(const std::string& body,
                                                           core::Currency default_currency) {
  return decode<BudgetAlertsRequest>(body, [&](Value& root) {
    BudgetAlertsRequest request{.base = empty_base(default_currency), .budget = {}, .budgets = {}, .has_budgets = false};
    std::string transactions_path = "$.transactions";
    read_object(root, {"user_id"}, [&](std::string_view key, Value& field) {
      if (read_base_field(key, field, request.base, transactions_path, default_currency)) return;
      if (key == "budget") {
        if (!field.is_null()) request.budget = read_bucket_budgets(field);
      } else if (key == "budgets") {
        request.has_budgets = true;
        if (field.is_null()) return;
        field.for_each_element([&](std::size_t, Value& row) { request.budgets.push_back(read_overall_budget(row)); });
      } else {
        field.skip();
      }
    });
    check_one_currency(root, request.base, transactions_path);
    return request;
  });
}

core::Result<BudgetOptimizeRequest> read_budget_optimize_request(const std::string& body,
                                                               core::Currency default_currency) {
  return decode<BudgetOptimizeRequest>(body, [&](Value& root) {
    BudgetOptimizeRequest request{.base = empty_base(default_currency), .options = {}};
    std::string transactions_path = "$.transactions";
    read_object(root, {"user_id"}, [&](std::string_view key, Value& field) {
      if (read_base_field(key, field, request.base, transactions_path, default_currency)) return;
      if (key == "target_savings_rate") {
        const auto rate = optional_number(field);
        if (rate && (*rate < 0.0 || *rate > kMaxTargetSavingsRate)) {
          field.problem("must be from 0 to 0.5", "value_error");
        } else if (rate) {
          request.options.target_savings_rate = *rate;
        }
      } else if (key == "current_budget") {
        request.options.current_budget = read_current_budget(field);
      } else {
        field.skip();
      }
    });
    check_one_currency(root, request.base, transactions_path);
    request.options.currency_label = currency_label(request.base.currency);
    return request;
  });
}

std::string write_budget_recommendation(core::UserId user, const budget::BudgetRecommendation& plan,
                                        core::Timestamp calculated_at) {
  Writer writer;
  writer.begin_object();
  writer.field("success", true);
  writer.field("user_id", user.value());
  writer.key("monthly_income").number_rounded(plan.monthly_income, 2);
  write_allocation(writer, "recommended_budget", plan.recommended);
  write_allocation(writer, "current_spending", plan.current);
  writer.key("adjustments_needed").begin_object();
  writer.key("needs").number_rounded(plan.recommended.needs - plan.current.needs, 2);
  writer.key("wants").number_rounded(plan.recommended.wants - plan.current.wants, 2);
  writer.key("savings").number_rounded(plan.recommended.savings - plan.current.savings, 2);
  writer.end_object();
  writer.key("category_recommendations").begin_array();
  for (const auto& item : plan.category_recommendations) {
    writer.begin_object();
    writer.field("category", item.category);
    writer.field("type", item.kind == budget::CategoryRecommendation::Kind::kLeakage ? "leakage" : "reduction");
    writer.field("message", item.message);
    writer.key("current_amount").number_rounded(item.current_amount, 2);
    write_optional_rounded(writer, "recommended_amount", item.recommended_amount);
    write_optional_rounded(writer, "potential_savings", item.potential_savings);
    write_optional_rounded(writer, "variance", item.variance);
    writer.end_object();
  }
  writer.end_array();
  writer.key("recommendations").begin_array();
  for (const auto& item : plan.recommendations) {
    writer.begin_object();
    writer.field("type", truncate_utf8(item.type, kStoredTextLimit));
    writer.field("category", truncate_utf8(item.category, kStoredTextLimit));
    writer.key("current_amount").number_rounded(item.current_amount, 2);
    writer.key("recommended_amount").number_rounded(item.recommended_amount, 2);
    writer.key("savings_potential").number_rounded(item.savings_potential, 2);
    writer.field("priority", item.priority);
    writer.end_object();
  }
  writer.end_array();
  writer.key("planned_total").number_rounded(plan.planned_total, 2);
  writer.field("plan_basis", budget::to_string(plan.basis));
  writer.key("goal_savings_required").number_rounded(plan.goal_savings_required, 2);
  write_strings(writer, "unclassified_categories", plan.unclassified_categories);
  write_analysis(writer, plan.analysis);
  writer.field("calculated_at", core::format_timestamp(calculated_at));
  writer.end_object();
  return writer.take();
}

std::string write_budget_alerts(core::UserId user, const std::vector<budget::BudgetAlert>& alerts) {
  Writer writer;
  writer.begin_object();
  writer.field("success", true);
  writer.field("user_id", user.value());
  writer.key("alerts").begin_array();
  for (const auto& alert : alerts) {
    writer.begin_object();
    writer.field("type", budget::to_string(alert.kind));
    writer.field("category", alert.category);
    writer.field("severity", alert.severity);
    writer.field("message", alert.message);
    writer.key("current_spending").number_rounded(alert.current_spending, 2);
    writer.key("budget").number_rounded(alert.budget, 2);
    write_optional_rounded(writer, "projected_spending", alert.projected_spending);
    writer.key("days_remaining");
    if (alert.days_remaining) {
      writer.integer(*alert.days_remaining);
    } else {
      writer.null();
    }
    writer.end_object();
  }
  writer.end_array();
  writer.field("alert_count", static_cast<std::int64_t>(alerts.size()));
  writer.end_object();
  return writer.take();
}

std::string write_budget_optimization(core::UserId user, const budget::Optimization& optimization) {
  Writer writer;
  writer.begin_object();
  writer.field("success", true);
  writer.field("user_id", user.value());
  writer.key("current_savings_rate").number_rounded(optimization.current_savings_rate * 100.0, 2);
  writer.key("target_savings_rate").number_rounded(optimization.target_savings_rate * 100.0, 2);
  writer.key("monthly_savings_gap").number_rounded(optimization.monthly_savings_gap, 2);
  writer.key("optimization_opportunities").begin_array();
  for (const auto& opportunity : optimization.opportunities) {
    writer.begin_object();
    writer.field("category", opportunity.category);
    writer.key("current_spending").number_rounded(opportunity.current_spending, 2);
    writer.key("suggested_reduction").number_rounded(opportunity.suggested_reduction, 2);
    writer.key("new_budget").number_rounded(opportunity.new_budget, 2);
    write_optional_rounded(writer, "current_budget", opportunity.current_budget);
    writer.field("unclassified", opportunity.unclassified);
    writer.end_object();
  }
  writer.end_array();
  writer.key("projected_savings_rate").number_rounded(optimization.projected_savings_rate * 100.0, 2);
  writer.field("status", optimization.status);
  writer.field("message", optimization.message);
  writer.key("monthly_income").number_rounded(optimization.monthly_income, 2);
  writer.key("monthly_spending").number_rounded(optimization.monthly_spending, 2);
  writer.key("optimized_budget").begin_object();
  for (const auto& entry : optimization.optimized_budget) writer.key(entry.category).number_rounded(entry.amount, 2);
  writer.end_object();
  write_strings(writer, "unclassified_categories", optimization.unclassified_categories);
  write_analysis(writer, optimization.analysis);
  writer.end_object();
  return writer.take();
}

}  // namespace finml::http::json
