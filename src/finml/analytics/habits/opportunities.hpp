#pragma once
/// @file finml/analytics/habits/opportunities.hpp
/// Savings opportunities over the last N months (seed-api.md 3.7,
/// identify_savings_opportunities), with every threshold relative to the user's own spending
/// (the original used fixed amounts in rupees, meaningless in another currency or income) and
/// three kinds added. In order:
/// - bank_fees (new): rows whose category or description names a fee, penalty, overdraft or
///   bank/service/late charge; all of it is avoidable;
/// - hidden_fees: other small charges, each under 2.5 % of the average month's spending and
///   under half the user's median purchase (the original: under 50), reported when there are
///   5 or more making up at least 3 % of the window's spending (the original: more than 200);
///   half could be saved;
/// - impulse_purchases: days with 3 or more purchases in one category (now with their total);
/// - weekend_spending: a weekend day costs more than 1.5 times a weekday, both averaged over
///   the calendar days of the covered window (the original averaged over the days that had
///   spending, so a user who shops on few weekdays looked thrifty on them);
/// - inconsistent_spending: a category with 5 or more rows whose amounts vary (sample
///   coefficient of variation over 100 %) and that makes up at least 10 % of the spending (the
///   original: more than 1000);
/// - category_spike (new): a category's last complete calendar month is more than 1.5 times
///   its average over the N complete months before (those the history covers), by at least
///   5 % of an average month's spending; the excess is the saving;
/// - overlapping_subscriptions (new): two or more active recurring charges at a steady price
///   (streams of the recurring-charge detector, analytics/recurring, any cadence, costed per
///   month) in one discretionary category (streaming services, gyms...); all but the dearest
///   could go. Needs (rent, utilities, insurance) and unclassified categories are left out.
/// At most 10 are reported.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <finml/analytics/habits/common.hpp>
#include <finml/analytics/habits/rhythm.hpp>
#include <finml/core/date.hpp>
#include <finml/core/transaction.hpp>

namespace finml::analytics::habits {

enum class OpportunityKind {
  kBankFees,
  kHiddenFees,
  kImpulsePurchases,
  kWeekendSpending,
  kInconsistentSpending,
  kCategorySpike,
  kOverlappingSubscriptions,
};

/// One opportunity; members a kind does not use are nullopt (null in the original's JSON).
/// Amounts are in major units, over the window unless said otherwise.
struct Opportunity {
  OpportunityKind kind = OpportunityKind::kHiddenFees;
  std::optional<std::string> category;
  std::string message;
  std::optional<double> total_amount;
  std::optional<double> potential_savings;
  std::optional<int> transaction_count;
  std::optional<int> occurrences;
  std::optional<double> weekend_average;
  std::optional<double> weekday_average;
  std::optional<double> coefficient_of_variation;  ///< percent
  std::optional<double> average_amount;
};

struct OpportunityOptions {
  int analysis_months = 3;
  std::string currency_label = "Rs.";
};

struct OpportunitiesReport {
  AnalysisWindow window;
  std::vector<Opportunity> opportunities;  ///< at most 10, in the order of the file comment
  double total_potential_savings = 0.0;
  double total_spending = 0.0;  ///< expenses in the window
  WeekdayWeekendSpending week;  ///< behind weekend_spending
};

inline constexpr std::size_t kMaxOpportunities = 10;

/// Looks for savings in the rows of the last `analysis_months` × 30 days up to `today` (the
/// spike and subscription checks look further back, over the months they compare). Rows are
/// assumed to share one currency.
[[nodiscard]] OpportunitiesReport find_opportunities(std::span<const core::Transaction> rows, core::Date today,
                                                     const OpportunityOptions& options = {});

/// Whether a category or description names a bank fee or penalty ("Late Fee", "Bank Charges",
/// "Overdraft", "ATM fee"); "Coffee" and "Electricity charges" do not.
[[nodiscard]] bool names_a_fee(std::string_view text);

/// "bank_fees", "hidden_fees", "impulse_purchases", "weekend_spending",
/// "inconsistent_spending", "category_spike", "overlapping_subscriptions".
[[nodiscard]] std::string_view to_string(OpportunityKind kind) noexcept;

}  // namespace finml::analytics::habits
