#include <finml/core/money.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include <finml/core/text.hpp>

namespace finml::core {
namespace {

struct CurrencyEntry {
  std::string_view code;
  int exponent;
};

// Active ISO 4217 codes (list of 2024) with the exponent of their minor unit.
constexpr CurrencyEntry kCurrencies[] = {
    {"AED", 2}, {"AFN", 2}, {"ALL", 2}, {"AMD", 2}, {"ANG", 2}, {"AOA", 2}, {"ARS", 2},
    {"AUD", 2}, {"AWG", 2}, {"AZN", 2}, {"BAM", 2}, {"BBD", 2}, {"BDT", 2}, {"BGN", 2},
    {"BHD", 3}, {"BIF", 0}, {"BMD", 2}, {"BND", 2}, {"BOB", 2}, {"BRL", 2}, {"BSD", 2},
    {"BTN", 2}, {"BWP", 2}, {"BYN", 2}, {"BZD", 2}, {"CAD", 2}, {"CDF", 2}, {"CHF", 2},
    {"CLF", 4}, {"CLP", 0}, {"CNY", 2}, {"COP", 2}, {"CRC", 2}, {"CUP", 2}, {"CVE", 2},
    {"CZK", 2}, {"DJF", 0}, {"DKK", 2}, {"DOP", 2}, {"DZD", 2}, {"EGP", 2}, {"ERN", 2},
    {"ETB", 2}, {"EUR", 2}, {"FJD", 2}, {"FKP", 2}, {"GBP", 2}, {"GEL", 2}, {"GHS", 2},
    {"GIP", 2}, {"GMD", 2}, {"GNF", 0}, {"GTQ", 2}, {"GYD", 2}, {"HKD", 2}, {"HNL", 2},
    {"HTG", 2}, {"HUF", 2}, {"IDR", 2}, {"ILS", 2}, {"INR", 2}, {"IQD", 3}, {"IRR", 2},
    {"ISK", 0}, {"JMD", 2}, {"JOD", 3}, {"JPY", 0}, {"KES", 2}, {"KGS", 2}, {"KHR", 2},
    {"KMF", 0}, {"KPW", 2}, {"KRW", 0}, {"KWD", 3}, {"KYD", 2}, {"KZT", 2}, {"LAK", 2},
    {"LBP", 2}, {"LKR", 2}, {"LRD", 2}, {"LSL", 2}, {"LYD", 3}, {"MAD", 2}, {"MDL", 2},
    {"MGA", 2}, {"MKD", 2}, {"MMK", 2}, {"MNT", 2}, {"MOP", 2}, {"MRU", 2}, {"MUR", 2},
    {"MVR", 2}, {"MWK", 2}, {"MXN", 2}, {"MYR", 2}, {"MZN", 2}, {"NAD", 2}, {"NGN", 2},
    {"NIO", 2}, {"NOK", 2}, {"NPR", 2}, {"NZD", 2}, {"OMR", 3}, {"PAB", 2}, {"PEN", 2},
    {"PGK", 2}, {"PHP", 2}, {"PKR", 2}, {"PLN", 2}, {"PYG", 0}, {"QAR", 2}, {"RON", 2},
    {"RSD", 2}, {"RUB", 2}, {"RWF", 0}, {"SAR", 2}, {"SBD", 2}, {"SCR", 2}, {"SDG", 2},
    {"SEK", 2}, {"SGD", 2}, {"SHP", 2}, {"SLE", 2}, {"SOS", 2}, {"SRD", 2}, {"SSP", 2},
    {"STN", 2}, {"SVC", 2}, {"SYP", 2}, {"SZL", 2}, {"THB", 2}, {"TJS", 2}, {"TMT", 2},
    {"TND", 3}, {"TOP", 2}, {"TRY", 2}, {"TTD", 2}, {"TWD", 2}, {"TZS", 2}, {"UAH", 2},
    {"UGX", 0}, {"USD", 2}, {"UYI", 0}, {"UYU", 2}, {"UYW", 4}, {"UZS", 2}, {"VED", 2},
    {"VES", 2}, {"VND", 0}, {"VUV", 0}, {"WST", 2}, {"XAF", 0}, {"XCD", 2}, {"XOF", 0},
    {"XPF", 0}, {"YER", 2}, {"ZAR", 2}, {"ZMW", 2}, {"ZWL", 2},
};

constexpr std::int64_t kPowersOfTen[] = {1, 10, 100, 1'000, 10'000};

// Adds one decimal digit to an accumulator; false on overflow.
bool push_digit(std::int64_t& value, int digit) {
  if (value > (std::numeric_limits<std::int64_t>::max() - digit) / 10) return false;
  value = value * 10 + digit;
  return true;
}


}  // namespace

std::optional<Currency> Currency::from_code(std::string_view code) {
  if (code.size() != 3) return std::nullopt;
  std::array<char, 3> upper{};
  for (std::size_t i = 0; i < 3; ++i) {
    const char c = code[i];
    if (c >= 'a' && c <= 'z') {
      upper[i] = static_cast<char>(c - 'a' + 'A');
    } else if (c >= 'A' && c <= 'Z') {
      upper[i] = c;
    } else {
      return std::nullopt;
    }
  }
  const std::string_view wanted(upper.data(), upper.size());
  const auto* found = std::lower_bound(
      std::begin(kCurrencies), std::end(kCurrencies), wanted,
      [](const CurrencyEntry& entry, std::string_view key) { return entry.code < key; });
  if (found == std::end(kCurrencies) || found->code != wanted) return std::nullopt;
  return Currency(upper, found->exponent);
}

std::int64_t Currency::minor_per_major() const noexcept {
  return kPowersOfTen[static_cast<std::size_t>(exponent_)];
}

Result<Money> Money::parse(std::string_view text, Currency currency) {
  while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
  const auto invalid = [&] {
    return fail(ErrorCode::kInvalidArgument, "not a decimal number: '" + std::string(text) + "'");
  };
  if (text.empty()) return invalid();

  std::size_t pos = 0;
  bool negative = false;
  if (text[pos] == '-' || text[pos] == '+') {
    negative = text[pos] == '-';
    ++pos;
  }
  // Collect the significant digits and where the decimal point sits.
  std::string digits;
  int fraction_digits = 0;
  bool seen_point = false;
  bool seen_digit = false;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
      seen_digit = true;
      if (seen_point) ++fraction_digits;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!seen_digit) return invalid();
  int exponent = 0;
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    const auto [end, ec] = std::from_chars(text.data() + pos + (text[pos] == '+' ? 1 : 0),
                                           text.data() + text.size(), exponent);
    if (ec != std::errc{}) return invalid();
    pos = static_cast<std::size_t>(end - text.data());
  }
  if (pos != text.size()) return invalid();
  if (exponent > 30 || exponent < -30) {
    return fail(ErrorCode::kInvalidArgument, "number out of range: '" + std::string(text) + "'");
  }

  // value = digits * 10^(exponent - fraction_digits); we want it in minor units.
  const int shift = exponent - fraction_digits + currency.exponent();
  std::int64_t minor = 0;
  const auto overflow = [&] {
    return fail(ErrorCode::kInvalidArgument, "amount out of range: '" + std::string(text) + "'");
  };
  if (shift >= 0) {
    for (const char c : digits) {
      if (!push_digit(minor, c - '0')) return overflow();
    }
    for (int i = 0; i < shift; ++i) {
      if (!push_digit(minor, 0)) return overflow();
    }
  } else {
    // Drop -shift trailing digits, rounding half-even on what was dropped.
    const std::string_view all(digits);
    const auto drop = static_cast<std::size_t>(-shift);
    const std::string_view kept = drop >= all.size() ? std::string_view{} : all.substr(0, all.size() - drop);
    for (const char c : kept) {
      if (!push_digit(minor, c - '0')) return overflow();
    }
    bool round_up = false;
    // When more digits are dropped than there are, the first dropped one is an implicit 0.
    if (drop <= all.size()) {
      const std::string_view dropped = all.substr(all.size() - drop);
      const int first = dropped.front() - '0';
      const bool rest_nonzero = dropped.substr(1).find_first_not_of('0') != std::string_view::npos;
      round_up = first > 5 || (first == 5 && (rest_nonzero || minor % 2 != 0));
    }
    if (round_up) {
      if (minor == std::numeric_limits<std::int64_t>::max()) return overflow();
      ++minor;
    }
  }
  return Money::from_minor(negative ? -minor : minor, currency);
}

double Money::to_major() const noexcept {
  return static_cast<double>(minor_) / static_cast<double>(currency_.minor_per_major());
}

std::string Money::to_decimal_string() const {
  const std::int64_t scale = currency_.minor_per_major();
  // Work in unsigned so that INT64_MIN has a magnitude.
  const std::uint64_t magnitude = minor_ < 0 ? 0 - static_cast<std::uint64_t>(minor_)
                                             : static_cast<std::uint64_t>(minor_);
  const auto uscale = static_cast<std::uint64_t>(scale);
  std::string text = minor_ < 0 ? "-" : "";
  text += std::to_string(magnitude / uscale);
  if (currency_.exponent() > 0) {
    std::string fraction = std::to_string(magnitude % uscale);
    text += '.';
    text.append(static_cast<std::size_t>(currency_.exponent()) - fraction.size(), '0');
    text += fraction;
  }
  return text;
}

Result<Money> checked_add(Money a, Money b) {
  if (!(a.currency() == b.currency())) {
    return fail(ErrorCode::kInvalidArgument, "cannot add " + std::string(a.currency().code()) +
                                                 " and " + std::string(b.currency().code()));
  }
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a.minor_units(), b.minor_units(), &sum)) {
    return fail(ErrorCode::kInvalidArgument, "amount out of range");
  }
  return Money::from_minor(sum, a.currency());
}

Result<Money> checked_subtract(Money a, Money b) { return checked_add(a, b.negated()); }

Result<Money> round_to_money(double major_units, Currency currency, RoundingMode mode) {
  if (!std::isfinite(major_units)) {
    return fail(ErrorCode::kInvalidArgument, "amount is not a finite number");
  }
  const double scaled = major_units * static_cast<double>(currency.minor_per_major());
  // 2^63 is exactly representable; anything at or above it does not fit in int64.
  constexpr double kLimit = 9.2233720368547758e18;
  if (!(std::fabs(scaled) < kLimit)) {
    return fail(ErrorCode::kInvalidArgument, "amount out of range");
  }
  double rounded = 0.0;
  switch (mode) {
    case RoundingMode::kHalfEven:
      rounded = std::nearbyint(scaled);  // the default floating-point environment rounds to even
      break;
    case RoundingMode::kHalfAwayFromZero:
      rounded = std::round(scaled);
      break;
  }
  return Money::from_minor(static_cast<std::int64_t>(rounded), currency);
}

double round_decimal(double value, int digits) noexcept {
  if (!std::isfinite(value)) return value;
  // to_chars with a precision is correctly rounded from the exact binary value.
  char buffer[400];
  const auto printed = std::to_chars(std::begin(buffer), std::end(buffer), value,
                                     std::chars_format::fixed, digits);
  if (printed.ec != std::errc{}) return value;
  double parsed = 0.0;
  std::from_chars(std::begin(buffer), printed.ptr, parsed);
  return parsed == 0.0 ? 0.0 : parsed;  // no negative zero in output
}

}  // namespace finml::core
