#include <finml/analytics/budget/classification.hpp>

#include <finml/analytics/categories/categories.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

namespace finml::analytics::budget {
namespace {

using Entry = std::pair<std::string_view, Bucket>;
constexpr Bucket N = Bucket::kNeeds;
constexpr Bucket W = Bucket::kWants;
constexpr Bucket S = Bucket::kSavings;

// Whole names (normalised: lower case, words joined by one space). The original's two lists,
// the names the real client's users use, and Plaid's primary categories.
constexpr std::array kNames = std::to_array<Entry>({
    {"rent", N}, {"mortgage", N}, {"housing", N}, {"utilities", N}, {"groceries", N}, {"grocery", N},
    {"food", N}, {"healthcare", N}, {"health", N}, {"medical", N}, {"insurance", N},
    {"transport", N}, {"transportation", N}, {"loan payment", N}, {"loan payments", N},
    {"education", N}, {"childcare", N}, {"bills", N}, {"rent and utilities", N},
    {"entertainment", W}, {"dining", W}, {"dining out", W}, {"eating out", W}, {"restaurants", W},
    {"coffee", W}, {"shopping", W}, {"travel", W}, {"hobbies", W}, {"food delivery", W},
    {"subscriptions", W}, {"fitness", W}, {"personal care", W}, {"car rental", W}, {"gifts", W},
    {"food and drink", W}, {"general merchandise", W}, {"bank fees", W},
    {"savings", S}, {"saving", S}, {"investment", S}, {"investments", S}, {"retirement", S},
    {"emergency fund", S},
});

// Names that say "no category": counted as wants and reported as unclassified.
constexpr std::array<std::string_view, 10> kUnclassifiedNames = {
    "other", "others", "misc", "miscellaneous", "uncategorized", "uncategorised", "general",
    "unknown", "none", "other expenses"};

// Two-word phrases, looked for before single words ("fast food" is not food).
constexpr std::array kPhrases = std::to_array<Entry>({
    {"fast food", W}, {"food delivery", W}, {"dining out", W}, {"eating out", W},
    {"personal care", W}, {"car rental", W}, {"rental cars", W}, {"ride shares", W},
    {"loan payment", N}, {"loan payments", N}, {"public transit", N},
    {"emergency fund", S}, {"mutual fund", S}, {"mutual funds", S}, {"fixed deposit", S},
});

// Single words; the last word of a name that is listed decides (the head of an English
// compound, and the most specific part of a Plaid name such as FOOD_AND_DRINK_COFFEE).
constexpr std::array kWords = std::to_array<Entry>({
    // needs
    {"rent", N}, {"mortgage", N}, {"housing", N}, {"utilities", N}, {"utility", N},
    {"groceries", N}, {"grocery", N}, {"supermarket", N}, {"food", N}, {"healthcare", N},
    {"health", N}, {"medical", N}, {"medicine", N}, {"pharmacy", N}, {"pharmacies", N},
    {"doctor", N}, {"dental", N}, {"hospital", N}, {"veterinary", N}, {"insurance", N},
    {"transport", N}, {"transportation", N}, {"transit", N}, {"commute", N}, {"fuel", N},
    {"gas", N}, {"petrol", N}, {"parking", N}, {"tolls", N}, {"education", N}, {"tuition", N},
    {"school", N}, {"childcare", N}, {"loan", N}, {"loans", N}, {"emi", N}, {"debt", N},
    {"tax", N}, {"taxes", N}, {"phone", N}, {"telephone", N}, {"mobile", N}, {"internet", N},
    {"broadband", N}, {"electricity", N}, {"water", N}, {"sewage", N}, {"bills", N}, {"bill", N},
    {"repair", N}, {"repairs", N}, {"maintenance", N}, {"household", N}, {"automotive", N},
    // wants
    {"entertainment", W}, {"dining", W}, {"restaurant", W}, {"restaurants", W}, {"takeout", W},
    {"coffee", W}, {"cafe", W}, {"shopping", W}, {"shop", W}, {"clothing", W}, {"clothes", W},
    {"apparel", W}, {"travel", W}, {"flights", W}, {"lodging", W}, {"hotel", W}, {"hotels", W},
    {"vacation", W}, {"hobbies", W}, {"hobby", W}, {"subscriptions", W}, {"subscription", W},
    {"streaming", W}, {"fitness", W}, {"gym", W}, {"beauty", W}, {"salon", W}, {"gifts", W},
    {"gift", W}, {"donations", W}, {"alcohol", W}, {"liquor", W}, {"bars", W}, {"bar", W},
    {"rental", W}, {"taxis", W}, {"games", W}, {"gaming", W}, {"movies", W}, {"music", W},
    {"sports", W}, {"leisure", W}, {"electronics", W}, {"furniture", W}, {"merchandise", W},
    {"vending", W}, {"fees", W},
    // savings
    {"savings", S}, {"saving", S}, {"investment", S}, {"investments", S}, {"retirement", S},
    {"pension", S}, {"sip", S},
});

template <std::size_t Size>
const Entry* find(const std::array<Entry, Size>& table, std::string_view key) {
  const auto it = std::ranges::find(table, key, &Entry::first);
  return it == table.end() ? nullptr : &*it;
}

// Lower-cases ASCII letters and splits at anything that is not an ASCII letter or digit
// (spaces, underscores, '&', '/', '-'). Bytes of other scripts stay inside words: such names
// match no English keyword and end up unclassified.
std::vector<std::string> words_of(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  for (const char raw : name) {
    const auto c = static_cast<unsigned char>(raw);
    const bool ascii_alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (ascii_alnum || c >= 0x80) {
      word.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// Step 3: the category taxonomy's names and keywords, merchants included ("Swiggy", "Uber"),
// for a name the tables above do not know. Income and transfer categories have no bucket and
// stay unclassified, as before.
Classification from_taxonomy(std::string_view name) {
  const auto mapping = categories::categorise(name, "", false);
  if (mapping.rule == categories::Rule::kFallback) return {Bucket::kWants, MatchKind::kUnclassified};
  switch (mapping.category->group) {
    case categories::Group::kNeeds: return {Bucket::kNeeds, MatchKind::kWord};
    case categories::Group::kWants: return {Bucket::kWants, MatchKind::kWord};
    case categories::Group::kSavings: return {Bucket::kSavings, MatchKind::kWord};
    case categories::Group::kIncome:
    case categories::Group::kTransfer: break;
  }
  return {Bucket::kWants, MatchKind::kUnclassified};
}

}  // namespace

Classification classify_category(std::string_view name) {
  // A detailed taxonomy code (what a category override writes) is decided by its group: the
  // word tables below would read FOOD_AND_DRINK_OTHER_FOOD_AND_DRINK's "food" as a need.
  if (const auto* category = categories::find_detailed(name)) {
    switch (category->group) {
      case categories::Group::kNeeds: return {Bucket::kNeeds, MatchKind::kName};
      case categories::Group::kWants: return {Bucket::kWants, MatchKind::kName};
      case categories::Group::kSavings: return {Bucket::kSavings, MatchKind::kName};
      case categories::Group::kIncome:
      case categories::Group::kTransfer: return {Bucket::kWants, MatchKind::kUnclassified};
    }
  }
  const std::vector<std::string> words = words_of(name);
  std::string joined;
  for (const auto& word : words) {
    if (!joined.empty()) joined.push_back(' ');
    joined += word;
  }
  if (std::ranges::find(kUnclassifiedNames, std::string_view(joined)) != kUnclassifiedNames.end()) {
    return {Bucket::kWants, MatchKind::kUnclassified};
  }
  if (const auto* entry = find(kNames, joined)) return {entry->second, MatchKind::kName};
  for (std::size_t i = words.size(); i >= 2; --i) {
    const std::string phrase = words[i - 2] + ' ' + words[i - 1];
    if (const auto* entry = find(kPhrases, phrase)) return {entry->second, MatchKind::kWord};
  }
  for (std::size_t i = words.size(); i >= 1; --i) {
    if (const auto* entry = find(kWords, words[i - 1])) return {entry->second, MatchKind::kWord};
  }
  return from_taxonomy(name);
}

std::string_view to_string(Bucket bucket) noexcept {
  switch (bucket) {
    case Bucket::kNeeds: return "needs";
    case Bucket::kWants: return "wants";
    case Bucket::kSavings: return "savings";
  }
  return "wants";
}

}  // namespace finml::analytics::budget
