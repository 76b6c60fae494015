#include <finml/core/date.hpp>

#include <cstdio>

namespace finml::core {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

constexpr std::int64_t kSecondsPerDay = 86'400;

// Reads exactly `width` decimal digits at text[pos]; advances pos.
std::optional<int> read_digits(std::string_view text, std::size_t& pos, std::size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < width; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += width;
  return value;
}

bool expect(std::string_view text, std::size_t& pos, char wanted) {
  if (pos < text.size() && text[pos] == wanted) {
    ++pos;
    return true;
  }
  return false;
}

std::optional<Date> read_date_part(std::string_view text, std::size_t& pos) {
  const auto y = read_digits(text, pos, 4);
  if (!y || !expect(text, pos, '-')) return std::nullopt;
  const auto m = read_digits(text, pos, 2);
  if (!m || !expect(text, pos, '-')) return std::nullopt;
  const auto d = read_digits(text, pos, 2);
  if (!d) return std::nullopt;
  return Date::from_ymd(*y, static_cast<unsigned>(*m), static_cast<unsigned>(*d));
}

}  // namespace

std::optional<Date> Date::from_ymd(int y, unsigned m, unsigned d) noexcept {
  if (y < 1 || y > 9999) return std::nullopt;
  const year_month_day ymd{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!ymd.ok()) return std::nullopt;
  return Date(std::chrono::sys_days(ymd));
}

std::optional<Date> Date::parse_iso(std::string_view text) noexcept {
  std::size_t pos = 0;
  auto date = read_date_part(text, pos);
  if (!date || pos != text.size()) return std::nullopt;
  return date;
}

std::string Date::to_string() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", year(), month(), day());
  return buffer;
}

unsigned days_in_month(int y, unsigned m) noexcept {
  const auto last = std::chrono::year_month_day_last(year(y), std::chrono::month_day_last(month(m)));
  return static_cast<unsigned>(last.day());
}

Date first_of_month(Date date) noexcept { return *Date::from_ymd(date.year(), date.month(), 1); }

Date last_of_month(Date date) noexcept {
  return *Date::from_ymd(date.year(), date.month(), days_in_month(date.year(), date.month()));
}

Date add_months_clamped(Date date, int months) noexcept {
  const YearMonth target = YearMonth::from_index(YearMonth::of(date).index() + months);
  const unsigned last = days_in_month(target.year, target.month);
  const unsigned d = date.day() < last ? date.day() : last;
  return Date(std::chrono::sys_days(year_month_day{year(target.year), month(target.month), day(d)}));
}

int whole_months_between(Date from, Date to) noexcept {
  if (to < from) return -whole_months_between(to, from);
  int months = YearMonth::of(to).index() - YearMonth::of(from).index();
  if (add_months_clamped(from, months) > to) --months;
  return months;
}

YearMonth YearMonth::from_index(int index) noexcept {
  // Floor division, so that indices before year 0 would still map consistently.
  const int y = index >= 0 ? index / 12 : -((-index + 11) / 12);
  return {y, static_cast<unsigned>(index - y * 12 + 1)};
}

Date YearMonth::first_day() const noexcept {
  return Date(std::chrono::sys_days(year_month_day{std::chrono::year(year), std::chrono::month(month), day(1)}));
}

std::string YearMonth::to_string() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u", year, month);
  return buffer;
}

Result<Date> parse_booking_date(std::string_view text) {
  const auto invalid = [&] {
    return fail(ErrorCode::kInvalidArgument,
                "not a date: '" + std::string(text.substr(0, 64)) +
                    "' (expected YYYY-MM-DD or an ISO-8601 timestamp)");
  };
  std::size_t pos = 0;
  const auto date = read_date_part(text, pos);
  if (!date) return invalid();
  if (pos == text.size()) return *date;
  if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return invalid();
  ++pos;

  const auto hour = read_digits(text, pos, 2);
  if (!hour || *hour > 23 || !expect(text, pos, ':')) return invalid();
  const auto minute = read_digits(text, pos, 2);
  if (!minute || *minute > 59) return invalid();
  int second = 0;
  if (expect(text, pos, ':')) {
    const auto s = read_digits(text, pos, 2);
    if (!s || *s > 60) return invalid();  // 60: a leap second
    second = *s;
    // The fraction cannot move an instant across noon, which falls on a whole second.
    if (expect(text, pos, '.') || expect(text, pos, ',')) {
      const std::size_t digits_start = pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
      if (pos == digits_start) return invalid();
    }
  }
  if (pos == text.size()) return *date;  // a local wall-clock time: its own date

  // A zone: Z, +HH:MM, +HHMM or +HH.
  std::int64_t offset_seconds = 0;
  if (text[pos] == 'Z' || text[pos] == 'z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    const int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    const auto oh = read_digits(text, pos, 2);
    if (!oh || *oh > 23) return invalid();
    int om = 0;
    if (pos < text.size()) {
      expect(text, pos, ':');
      const auto m = read_digits(text, pos, 2);
      if (!m || *m > 59) return invalid();
      om = *m;
    }
    offset_seconds = sign * (*oh * 3600 + om * 60);
  } else {
    return invalid();
  }
  if (pos != text.size()) return invalid();

  // The instant in UTC, then the nearest UTC midnight (ties up).
  const std::int64_t local_seconds = *hour * 3600 + *minute * 60 + second;
  const std::int64_t utc_seconds =
      date->days_since_epoch() * kSecondsPerDay + local_seconds - offset_seconds;
  const std::int64_t day_index = utc_seconds >= 0 ? utc_seconds / kSecondsPerDay
                                                  : -((-utc_seconds + kSecondsPerDay - 1) / kSecondsPerDay);
  const std::int64_t second_of_day = utc_seconds - day_index * kSecondsPerDay;
  const bool from_noon = second_of_day >= kSecondsPerDay / 2;  // ties round up
  return Date::from_days_since_epoch(day_index + (from_noon ? 1 : 0));
}

}  // namespace finml::core
