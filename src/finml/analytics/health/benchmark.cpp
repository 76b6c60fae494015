#include <finml/analytics/health/benchmark.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include <finml/core/money.hpp>
#include <finml/core/text.hpp>

namespace finml::analytics::health {
namespace {

constexpr SurveySource kSource{
    .publisher = "U.S. Bureau of Labor Statistics",
    .survey = "Consumer Expenditure Surveys",
    .year = 2024,
    .table = "Table 1300. Age of reference person: annual expenditure means, shares, standard errors, and "
             "coefficients of variation, Consumer Expenditure Surveys, 2024",
    .url = "https://www.bls.gov/cex/tables/calendar-year/mean-item-share-average-standard-error/"
           "reference-person-age-ranges-2024.xlsx",
    .unit = "US dollars per consumer unit per year",
};

// Transcribed from ../shared/reference/domain-anchors.md 4.1 (BLS CE 2024, Table 1300).
// Re-check against the BLS file when it is refreshed (BLS publishes each September).
constexpr SurveyAgeGroup row(std::string_view label, double income, double spending,
                             std::array<std::optional<double>, 10> categories) {
  return {label,
          income,
          spending,
          {"housing", categories[0], categories[1]},
          {"food", categories[2], categories[3]},
          {"transportation", categories[4], categories[5]},
          {"healthcare", categories[6], categories[7]},
          {"entertainment", categories[8], categories[9]}};
}

constexpr SurveyAgeGroup kAll = row("All consumer units", 104207, 78535,
                                    {26266, 33.4, 10169, 12.9, 13318, 17.0, 6197, 7.9, 3609, 4.6});
constexpr SurveyAgeGroup kUnder25 = row("Under 25", 48514, 47283,
                                        {16853, 35.6, 7215, 15.3, 9243, 19.5, 1485, 3.1, 1835, 3.9});
constexpr SurveyAgeGroup k25To34 = row("25-34", 102494, 74475,
                                       {26380, 35.4, 9630, 12.9, 12802, 17.2, 3825, 5.1, 3224, 4.3});
constexpr SurveyAgeGroup k35To44 = row("35-44", 128285, 91229,
                                       {30369, 33.3, 12460, 13.7, 15581, 17.1, 5949, 6.5, 4128, 4.5});
constexpr SurveyAgeGroup k45To54 = row("45-54", 141121, 100327,
                                       {30747, 30.6, 12772, 12.7, 17184, 17.1, 6748, 6.7, 4803, 4.8});
constexpr SurveyAgeGroup k55To64 = row("55-64", 121571, 84946,
                                       {27019, 31.8, 10214, 12.0, 15085, 17.8, 6711, 7.9, 3706, 4.4});
constexpr SurveyAgeGroup k65AndOlder = row("65 and older", 67462, 61432,
                                           {22193, 36.1, 7940, 12.9, 9538, 15.5, 7799, 12.7, 3025, 4.9});
constexpr SurveyAgeGroup k65To74 = row("65-74", 75460, 65354,
                                       {22329, 34.2, 8483, 13.0, 11414, 17.5, 7715, 11.8, 3122, 4.8});
// The entertainment cell of 75 and older was not transcribed: left out rather than guessed.
constexpr SurveyAgeGroup k75AndOlder = row("75 and older", 56028, 55834,
                                           {21999, 39.4, 7168, 12.8, 6855, 12.3, 7918, 14.2, std::nullopt, std::nullopt});

struct Bracket {
  int low;
  int high;  // inclusive; kOpen for "and older"
  const SurveyAgeGroup* group;
};
constexpr int kOpen = std::numeric_limits<int>::max();
// The finest brackets, searched in order (65-74 and 75+ rather than 65 and older).
constexpr std::array<Bracket, 7> kBrackets{{{0, 24, &kUnder25},
                                            {25, 34, &k25To34},
                                            {35, 44, &k35To44},
                                            {45, 54, &k45To54},
                                            {55, 64, &k55To64},
                                            {65, 74, &k65To74},
                                            {75, kOpen, &k75AndOlder}}};

std::string normalized(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    // En and em dashes (UTF-8 E2 80 93 / 94) read as '-'.
    if (i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xE2 &&
        static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(text[i + 2]) == 0x93 || static_cast<unsigned char>(text[i + 2]) == 0x94)) {
      out.push_back('-');
      i += 2;
      continue;
    }
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(text[i]))));
  }
  const auto first = out.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  const auto last = out.find_last_not_of(" \t");
  return out.substr(first, last - first + 1);
}

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }
bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}
std::optional<int> age_number(std::string_view text) {
  text = core::trim(text);
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < 0 || value > 150) return std::nullopt;
  return value;
}

const Bracket* bracket_of(int age) {
  for (const auto& bracket : kBrackets) {
    if (age >= bracket.low && age <= bracket.high) return &bracket;
  }
  return nullptr;
}

// A number with an optional k/m multiplier ("50", "50k", "1.5m", "50,000"); `suffix` is set to
// the multiplier found.
std::optional<double> income_number(std::string_view text, double& multiplier) {
  std::string digits;
  multiplier = 0.0;
  for (const char c : core::trim(text)) {
    if (c == '$' || c == ',' || c == ' ') continue;
    if (c == 'k' && multiplier == 0.0) {
      multiplier = 1e3;
    } else if (c == 'm' && multiplier == 0.0) {
      multiplier = 1e6;
    } else if (multiplier != 0.0) {
      return std::nullopt;  // anything after the multiplier
    } else {
      digits.push_back(c);
    }
  }
  if (digits.empty()) return std::nullopt;
  double value = 0.0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc{} || end != digits.data() + digits.size() || !std::isfinite(value) || value < 0) {
    return std::nullopt;
  }
  return value;
}

std::string format_one_decimal(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

}  // namespace

const SurveySource& consumer_expenditure_source() noexcept { return kSource; }
const SurveyAgeGroup& all_consumer_units() noexcept { return kAll; }

AgeGroupMatch match_age_group(std::optional<std::string_view> age_group) {
  const AgeGroupMatch all{&kAll, "all"};
  if (!age_group) return all;
  const std::string text = normalized(*age_group);
  if (text.empty() || text == "all" || text == "all consumer units") return all;

  std::optional<int> low;
  std::optional<int> high;
  bool open = false;
  if (starts_with(text, "under ") || starts_with(text, "<")) {
    const auto limit = age_number(text.substr(text.front() == '<' ? 1 : 6));
    if (!limit || *limit == 0) return all;
    low = 0;
    high = *limit - 1;
  } else if (ends_with(text, "+") || ends_with(text, " and older") || ends_with(text, " and over") ||
             ends_with(text, " or older")) {
    const std::size_t cut = ends_with(text, "+") ? 1 : (ends_with(text, " and over") ? 9 : 10);
    low = age_number(std::string_view(text).substr(0, text.size() - cut));
    open = true;
  } else {
    std::size_t separator = text.find('-');
    std::size_t separator_length = 1;
    if (separator == std::string::npos) {
      separator = text.find(" to ");
      separator_length = 4;
    }
    if (separator == std::string::npos) {
      low = high = age_number(text);
    } else {
      low = age_number(std::string_view(text).substr(0, separator));
      high = age_number(std::string_view(text).substr(separator + separator_length));
    }
  }
  if (!low || (!open && (!high || *high < *low))) return all;

  if (open) {
    if (*low == 65) return {&k65AndOlder, "exact"};
    if (*low == 75) return {&k75AndOlder, "exact"};
    if (*low > 75) return {&k75AndOlder, "contained"};
    const Bracket* bracket = bracket_of(*low);
    return bracket ? AgeGroupMatch{bracket->group, "nearest"} : all;
  }
  for (const auto& bracket : kBrackets) {
    const bool exact_low = bracket.low == *low || (bracket.low == 0 && *low <= 18);
    if (exact_low && bracket.high == *high) return {bracket.group, "exact"};
  }
  for (const auto& bracket : kBrackets) {
    if (*low >= bracket.low && *high <= bracket.high) return {bracket.group, "contained"};
  }
  const Bracket* middle = bracket_of((*low + *high) / 2);
  return middle ? AgeGroupMatch{middle->group, "nearest"} : all;
}

std::optional<IncomeBracket> parse_income_bracket(std::string_view raw) {
  const std::string text = normalized(raw);
  if (text.empty()) return std::nullopt;
  double multiplier = 0.0;
  if (starts_with(text, "under ") || starts_with(text, "<") || starts_with(text, "below ")) {
    const std::size_t cut = text.front() == '<' ? 1 : text.find(' ') + 1;
    const auto limit = income_number(std::string_view(text).substr(cut), multiplier);
    if (!limit) return std::nullopt;
    return IncomeBracket{0.0, *limit * (multiplier == 0.0 ? 1.0 : multiplier)};
  }
  if (ends_with(text, "+")) {
    const auto limit = income_number(std::string_view(text).substr(0, text.size() - 1), multiplier);
    if (!limit) return std::nullopt;
    return IncomeBracket{*limit * (multiplier == 0.0 ? 1.0 : multiplier), std::nullopt};
  }
  std::size_t separator = text.find('-');
  std::size_t separator_length = 1;
  if (separator == std::string::npos) {
    separator = text.find(" to ");
    separator_length = 4;
  }
  if (separator == std::string::npos) return std::nullopt;
  double low_multiplier = 0.0;
  double high_multiplier = 0.0;
  const auto low = income_number(std::string_view(text).substr(0, separator), low_multiplier);
  const auto high = income_number(std::string_view(text).substr(separator + separator_length), high_multiplier);
  if (!low || !high) return std::nullopt;
  // "50-75k": the multiplier written once applies to both ends.
  if (low_multiplier == 0.0) low_multiplier = high_multiplier;
  const double from = *low * (low_multiplier == 0.0 ? 1.0 : low_multiplier);
  const double to = *high * (high_multiplier == 0.0 ? 1.0 : high_multiplier);
  if (!(to > from)) return std::nullopt;
  return IncomeBracket{from, to};
}

PeerComparison compare_with_peers(std::int64_t user_id, std::optional<double> user_score,
                                  std::span<const double> latest_scores) {
  PeerComparison result;
  result.user_score = user_score;
  result.peer_count = latest_scores.size();
  const bool enough = latest_scores.size() >= kMinimumPeersForPercentile;
  if (enough) {
    double total = 0.0;
    for (const double score : latest_scores) total += score;
    result.peer_average = core::round_decimal(total / static_cast<double>(latest_scores.size()), 2);
  }
  if (!user_score) {
    result.percentile_basis = "no_user_score";
    result.comparison = "No health score found for user " + std::to_string(user_id) +
                        "; compute one with POST /api/v1/insights/health-score";
    return result;
  }
  if (!enough) {
    result.percentile_basis = "insufficient_peers";
    result.comparison = "Not enough stored scores to compare with yet: " + std::to_string(latest_scores.size()) +
                        " of the " + std::to_string(kMinimumPeersForPercentile) + " needed";
    return result;
  }
  std::size_t below = 0;
  std::size_t equal = 0;
  for (const double score : latest_scores) {
    if (score < *user_score) {
      ++below;
    } else if (score == *user_score) {
      ++equal;
    }
  }
  result.percentile_basis = "stored_users";
  result.percentile = core::round_decimal(
      (static_cast<double>(below) + 0.5 * static_cast<double>(equal)) / static_cast<double>(latest_scores.size()) * 100.0,
      2);
  const double difference = *user_score - *result.peer_average;
  if (std::abs(difference) < 5.0) {
    result.comparison = "Your score is similar to your peer group average";
  } else {
    result.comparison = "Your score is " + format_one_decimal(std::abs(difference)) + " points " +
                        (difference > 0 ? "above" : "below") + " your peer group average";
  }
  return result;
}

}  // namespace finml::analytics::health
