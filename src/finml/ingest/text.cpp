#include <finml/ingest/text.hpp>

#include <array>
#include <charconv>

namespace finml::ingest {
namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// Up to three runs of digits and whether anything else than separators appeared.
struct DateFields {
  std::array<std::string_view, 3> fields;
  int count = 0;
};

std::optional<DateFields> split_date(std::string_view text) noexcept {
  DateFields out;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (is_digit(c)) {
      std::size_t j = i;
      while (j < text.size() && is_digit(text[j])) ++j;
      if (out.count == 3) return std::nullopt;
      out.fields[static_cast<std::size_t>(out.count++)] = text.substr(i, j - i);
      i = j;
      continue;
    }
    if (c == '/' || c == '.' || c == '-' || c == '\'' || c == ' ') {
      ++i;
      continue;
    }
    return std::nullopt;
  }
  return out;
}

std::optional<int> number(std::string_view digits) noexcept {
  int value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

// The date part of "10/12/2024 14:38" or "10/12/2024T14:38".
std::string_view date_part(std::string_view text) noexcept {
  text = core::trim(text);
  // A time is introduced by a space or a 'T' followed by hh:mm; separators inside the date
  // (QIF's "1/ 5'24") may also be spaces, so cut only before a field containing ':'.
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) return text;
  std::size_t cut = text.find_last_of(" T", colon);
  if (cut == std::string_view::npos) return text;
  return core::trim(text.substr(0, cut));
}

}  // namespace

core::Result<core::Money> parse_amount(std::string_view text, bool decimal_comma, core::Currency currency) {
  const std::string_view original = core::trim(text);
  std::string_view rest = original;
  if (rest.empty()) return core::fail(core::ErrorCode::kValidation, "amount is empty");
  bool negative = false;
  if (rest.front() == '(' && rest.back() == ')') {
    negative = true;
    rest = core::trim(rest.substr(1, rest.size() - 2));
  }
  std::string cleaned;
  cleaned.reserve(rest.size());
  bool digits = false;
  bool sign_seen = false;
  const char decimal = decimal_comma ? ',' : '.';
  const char grouping = decimal_comma ? '.' : ',';
  for (std::size_t i = 0; i < rest.size(); ++i) {
    const char c = rest[i];
    const auto byte = static_cast<unsigned char>(c);
    if (is_digit(c)) {
      cleaned += c;
      digits = true;
    } else if (c == decimal) {
      cleaned += '.';
    } else if (c == grouping || c == ' ' || c == '\'' || c == '$') {
      // grouping, ignored
    } else if ((c == '-' || c == '+') && !sign_seen && (!digits || i + 1 == rest.size())) {
      sign_seen = true;
      if (c == '-') negative = !negative;
    } else if (byte == 0xC2 && i + 1 < rest.size() &&
               (static_cast<unsigned char>(rest[i + 1]) == 0xA3 ||
                static_cast<unsigned char>(rest[i + 1]) == 0xA0)) {
      ++i;  // £ or a no-break space
    } else if (byte == 0xE2 && i + 2 < rest.size() && static_cast<unsigned char>(rest[i + 1]) == 0x82 &&
               static_cast<unsigned char>(rest[i + 2]) == 0xAC) {
      i += 2;  // €
    } else {
      return core::fail(core::ErrorCode::kValidation, "amount \"" + std::string(original) + "\" is not a number");
    }
  }
  if (!digits) {
    return core::fail(core::ErrorCode::kValidation, "amount \"" + std::string(original) + "\" is not a number");
  }
  auto money = core::Money::parse(cleaned, currency);
  if (!money) {
    return core::fail(core::ErrorCode::kValidation,
                      "amount \"" + std::string(original) + "\" is not a number: " + money.error().message);
  }
  return negative ? money->negated() : *money;
}

bool looks_decimal_comma(const std::vector<std::string_view>& amounts) noexcept {
  int comma = 0;
  int point = 0;
  for (std::string_view amount : amounts) {
    amount = core::trim(amount);
    while (!amount.empty() && !is_digit(amount.back())) amount.remove_suffix(1);
    const std::size_t separator = amount.find_last_of(".,");
    if (separator == std::string_view::npos) continue;
    const std::size_t after = amount.size() - separator - 1;
    if (after == 0 || after > 2) continue;
    (amount[separator] == ',' ? comma : point) += 1;
  }
  return comma > point;
}

std::optional<core::Date> parse_date(std::string_view text, DateOrder order) noexcept {
  const std::string_view whole = core::trim(text);
  if (whole.size() >= 10 && is_digit(whole[0]) && is_digit(whole[3]) && whole[4] == '-') {
    if (auto iso = core::parse_booking_date(whole)) return *iso;
  }
  const std::string_view part = date_part(whole);
  if (part.size() == 8 && part.find_first_not_of("0123456789") == std::string_view::npos) {
    const auto year = number(part.substr(0, 4));
    const auto month = number(part.substr(4, 2));
    const auto day = number(part.substr(6, 2));
    if (!year || !month || !day) return std::nullopt;
    return core::Date::from_ymd(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day));
  }
  const auto fields = split_date(part);
  if (!fields || fields->count != 3) return std::nullopt;
  std::string_view y;
  std::string_view m;
  std::string_view d;
  if (fields->fields[0].size() == 4) {
    order = DateOrder::kYmd;  // a leading four-digit year decides
  }
  switch (order) {
    case DateOrder::kYmd: y = fields->fields[0], m = fields->fields[1], d = fields->fields[2]; break;
    case DateOrder::kDmy: d = fields->fields[0], m = fields->fields[1], y = fields->fields[2]; break;
    case DateOrder::kMdy: m = fields->fields[0], d = fields->fields[1], y = fields->fields[2]; break;
  }
  if (m.size() > 2 || d.size() > 2 || (y.size() != 2 && y.size() != 4)) return std::nullopt;
  auto year = number(y);
  const auto month = number(m);
  const auto day = number(d);
  if (!year || !month || !day) return std::nullopt;
  if (y.size() == 2) *year += *year >= 70 ? 1900 : 2000;
  return core::Date::from_ymd(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day));
}

DateOrder detect_date_order(const std::vector<std::string_view>& dates, DateOrder fallback) noexcept {
  bool first_above_12 = false;
  bool second_above_12 = false;
  bool all_year_first = !dates.empty();
  for (std::string_view text : dates) {
    const std::string_view whole = core::trim(text);
    const auto fields = split_date(date_part(whole));
    if (!fields || fields->count != 3) {
      if (!(whole.size() >= 8 && whole.find_first_not_of("0123456789") == std::string_view::npos) &&
          !(whole.size() >= 10 && whole[4] == '-')) {
        all_year_first = false;
      }
      continue;
    }
    if (fields->fields[0].size() != 4) all_year_first = false;
    const auto first = number(fields->fields[0]);
    const auto second = number(fields->fields[1]);
    if (first && *first > 12 && fields->fields[0].size() <= 2) first_above_12 = true;
    if (second && *second > 12) second_above_12 = true;
  }
  if (all_year_first) return DateOrder::kYmd;
  if (first_above_12 && !second_above_12) return DateOrder::kDmy;
  if (second_above_12 && !first_above_12) return DateOrder::kMdy;
  return fallback;
}

std::optional<DateOrder> date_order_of_format(std::string_view format) noexcept {
  const std::string lower = core::to_lower_ascii(format);
  const std::size_t y = lower.find('y');
  const std::size_t m = lower.find('m');
  const std::size_t d = lower.find('d');
  if (y == std::string::npos || m == std::string::npos || d == std::string::npos) return std::nullopt;
  if (y < m && m < d) return DateOrder::kYmd;
  if (d < m && m < y) return DateOrder::kDmy;
  if (m < d && d < y) return DateOrder::kMdy;
  return std::nullopt;
}

Booking booking_of(const core::Money& signed_amount, bool transfer) noexcept {
  const bool out = signed_amount.is_negative();
  return {.amount = out ? signed_amount.negated() : signed_amount,
          .type = transfer ? core::TransactionType::kTransfer
                  : out    ? core::TransactionType::kExpense
                           : core::TransactionType::kIncome};
}

}  // namespace finml::ingest
