#pragma once
/// @file finml/analytics/budget/classification.hpp
/// Which 50/30/20 bucket a spending category belongs to: needs, wants or savings.
///
/// The original matched keywords as substrings ("Car Rental" was a need because it contains
/// "rent") and put every name it did not know, "Food" and "Transport" included, into needs
/// without saying so (bug B29). Here a name is matched in three steps, case-insensitively:
///  1. the whole name against a table of common category names (docs/api.md lists it), which
///     also knows Plaid's personal-finance-category names ("FOOD_AND_DRINK_COFFEE");
///  2. else its words, the last (head) word first, as in English compounds: "Health Insurance"
///     is insurance, "Coffee Shop" a shop; two-word phrases ("fast food", "car rental") before
///     single words;
///  3. else the category taxonomy (finml/analytics/categories) by its names and keywords, which
///     also know merchants ("Swiggy" is a restaurant, a want; "BigBasket" groceries, a need):
///     its needs, wants and savings groups are the buckets (a kWord match);
///  4. else the category is *unclassified*: counted as a want, so that unknown spending shows
///     up as something to review rather than hiding among needs, and reported as such
///     (income and transfer categories too: they have no bucket).
#include <string_view>

namespace finml::analytics::budget {

enum class Bucket {
  kNeeds,    ///< essentials: housing, utilities, groceries, health, transport to work
  kWants,    ///< discretionary: dining, entertainment, shopping, travel
  kSavings,  ///< money set aside: savings transfers, investments, retirement
};

enum class MatchKind {
  kName,          ///< the whole name is in the table
  kWord,          ///< a word or two-word phrase of the name is, or the category taxonomy knows it
  kUnclassified,  ///< nothing matched (or a name such as "Other"): counted as a want
};

struct Classification {
  Bucket bucket = Bucket::kWants;
  MatchKind match = MatchKind::kUnclassified;

  friend bool operator==(const Classification&, const Classification&) = default;
};

/// Classifies a category name; see the file comment for the rules.
/// Example: classify_category("Car Rental") == {kWants, kName}.
[[nodiscard]] Classification classify_category(std::string_view name);

/// "needs", "wants", "savings".
[[nodiscard]] std::string_view to_string(Bucket bucket) noexcept;

}  // namespace finml::analytics::budget
