#pragma once
/// @file finml/analytics/categories/categories.hpp
/// A fixed category taxonomy and the rules that map a transaction's free-text category and
/// description onto it (issue 7, point 5). docs/api.md ("Categories") lists the taxonomy and the
/// rules; the tables live in categories.cpp.
///
/// The taxonomy is modelled on Plaid's personal-finance categories: every *detailed* category
/// ("FOOD_AND_DRINK_GROCERIES") belongs to one *primary* category ("FOOD_AND_DRINK") and to one
/// of five *groups*: needs, wants, savings (the 50/30/20 buckets), income and transfer (money
/// moved between the user's own accounts, neither spent nor earned). finml adds one category of
/// its own, OTHER_UNCATEGORIZED (group wants), for spending nothing names.
///
/// categorise() applies these rules in order; the first that matches decides:
///  1. overrides: the user's own mapping of a description, else of a category name, compared
///     after normalisation;
///  2. a taxonomy code given as the category, detailed or primary, in any case
///     ("food_and_drink_coffee"; a primary code means its catch-all detailed category);
///  3. the category as a whole name ("Groceries", "Health & Fitness", "Salary");
///  4. the category's keywords: phrases of two or three words first, then single words, each
///     from the last word backwards (the head of an English compound: "Health Insurance" is
///     insurance);
///  5. the description's keywords, the same way, with merchant names from the Indian and US
///     data finml sees ("BigBasket", "Swiggy", "Uber", "Walmart", "UPI Milk Booth");
///  6. else the documented fallback: INCOME_OTHER_INCOME for income, OTHER_UNCATEGORIZED for
///     anything else.
/// Catch-all category names ("Other", "Miscellaneous", "Uncategorized", empty) skip rules 3 and
/// 4. When rule 3 or 4 gives a *general* category (a primary's catch-all such as
/// TRANSPORTATION_OTHER_TRANSPORTATION, or a name as broad as "Food"), a description keyword of
/// the same primary category refines it: "Transport" paid to "Uber" is
/// TRANSPORTATION_TAXIS_AND_RIDE_SHARES.
///
/// Normalisation: ASCII letters lower-cased; '&' read as "and"; apostrophes dropped
/// ("Haldiram's" = "haldirams"); every other byte that is not an ASCII letter or digit separates
/// words; bytes of other scripts stay inside words (they match no keyword).
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <finml/core/error.hpp>

namespace finml::analytics::categories {

enum class Group {
  kNeeds,     ///< essentials: housing, utilities, groceries, medical, commuting, loans
  kWants,     ///< discretionary: dining, entertainment, shopping, travel
  kSavings,   ///< money set aside: savings, investments, retirement
  kIncome,    ///< money earned: wages, interest, refunds of tax
  kTransfer,  ///< money moved between the user's own accounts, cash withdrawals
};

struct Category {
  std::string_view detailed;  ///< "FOOD_AND_DRINK_GROCERIES"
  std::string_view primary;   ///< "FOOD_AND_DRINK"
  Group group = Group::kWants;
  /// A catch-all of its primary (or a name as broad as one): a description may refine it.
  bool general = false;

  friend bool operator==(const Category&, const Category&) = default;
};

/// Which rule of the file comment decided.
enum class Rule {
  kOverride,     ///< 1: the user's override
  kCode,         ///< 2: the category is a taxonomy code
  kName,         ///< 3: the category as a whole name
  kCategoryWord, ///< 4: a keyword of the category
  kDescription,  ///< 5: a keyword of the description (or its refinement of rule 3/4)
  kFallback,     ///< 6: nothing matched
};

struct Mapping {
  const Category* category = nullptr;  ///< never null: points into taxonomy()
  Rule rule = Rule::kFallback;
};

/// Every category, grouped by primary, in the order docs/api.md lists them.
[[nodiscard]] std::span<const Category> taxonomy() noexcept;

/// The category with this detailed code, in any case; nullptr when there is none.
[[nodiscard]] const Category* find_detailed(std::string_view code) noexcept;

/// The fallbacks of rule 6.
[[nodiscard]] const Category& uncategorized() noexcept;
[[nodiscard]] const Category& other_income() noexcept;

/// Lower-case words joined by one space, by the normalisation of the file comment.
/// Example: normalise("  Haldiram's & Co.") == "haldirams and co".
[[nodiscard]] std::string normalise(std::string_view text);

/// A user's overrides: normalised text (a category name or a description) -> category.
class Overrides {
 public:
  Overrides() = default;

  /// Builds overrides from (text, detailed code) pairs. Fails with kValidation naming each pair
  /// whose text normalises to nothing or whose code is not a detailed category of taxonomy();
  /// a later pair for the same normalised text replaces an earlier one.
  [[nodiscard]] static core::Result<Overrides> make(std::span<const std::pair<std::string, std::string>> entries);

  /// The override of `text` (normalised here), if any.
  [[nodiscard]] const Category* find(std::string_view text) const;

  [[nodiscard]] bool empty() const noexcept { return by_text_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return by_text_.size(); }

 private:
  std::map<std::string, const Category*, std::less<>> by_text_;
};

/// Maps a transaction's category and description; see the file comment for the rules.
/// `income` says the transaction is income (it decides only the fallback).
/// Example: categorise("Miscellaneous", "UPI Milk Booth", false).category->detailed
///          == "FOOD_AND_DRINK_GROCERIES".
[[nodiscard]] Mapping categorise(std::string_view category, std::string_view description, bool income,
                                 const Overrides& overrides = {});

/// "needs", "wants", "savings", "income", "transfer".
[[nodiscard]] std::string_view to_string(Group group) noexcept;
/// "override", "code", "name", "category_keyword", "description_keyword", "fallback".
[[nodiscard]] std::string_view to_string(Rule rule) noexcept;

}  // namespace finml::analytics::categories
