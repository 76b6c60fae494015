#include <finml/core/timestamp.hpp>

#include <cstdio>

namespace finml::core {
namespace {

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

}  // namespace

std::string format_timestamp(Timestamp at) {
  const auto days = std::chrono::floor<std::chrono::days>(at);
  const std::chrono::year_month_day ymd{days};
  const std::chrono::hh_mm_ss time{at - days};
  const auto micros = time.subseconds().count();
  char buffer[40];
  if (micros == 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<int>(time.hours().count()),
                  static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%06lldZ",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<int>(time.hours().count()),
                  static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()),
                  static_cast<long long>(micros));
  }
  return buffer;
}

std::optional<Timestamp> parse_timestamp(std::string_view text) {
  std::size_t pos = 0;
  const auto y = read_digits(text, pos, 4);
  if (!y || !expect(text, pos, '-')) return std::nullopt;
  const auto mo = read_digits(text, pos, 2);
  if (!mo || !expect(text, pos, '-')) return std::nullopt;
  const auto d = read_digits(text, pos, 2);
  if (!d) return std::nullopt;
  const auto date = Date::from_ymd(*y, static_cast<unsigned>(*mo), static_cast<unsigned>(*d));
  if (!date) return std::nullopt;
  if (!expect(text, pos, 'T') && !expect(text, pos, ' ')) return std::nullopt;
  const auto h = read_digits(text, pos, 2);
  if (!h || *h > 23 || !expect(text, pos, ':')) return std::nullopt;
  const auto mi = read_digits(text, pos, 2);
  if (!mi || *mi > 59 || !expect(text, pos, ':')) return std::nullopt;
  const auto s = read_digits(text, pos, 2);
  if (!s || *s > 60) return std::nullopt;
  std::int64_t micros = 0;
  if (expect(text, pos, '.')) {
    std::int64_t scale = 100'000;
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      micros += (text[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  std::int64_t offset_seconds = 0;
  if (expect(text, pos, 'Z')) {
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    const auto oh = read_digits(text, pos, 2);
    if (!oh) return std::nullopt;
    int om = 0;
    if (pos < text.size()) {
      expect(text, pos, ':');
      const auto m = read_digits(text, pos, 2);
      if (!m) return std::nullopt;
      om = *m;
    }
    offset_seconds = sign * (*oh * 3600 + om * 60);
  }
  if (pos != text.size()) return std::nullopt;
  using std::chrono::microseconds;
  using std::chrono::seconds;
  return Timestamp(date->sys_days()) +
         seconds(*h * 3600 + *mi * 60 + *s - offset_seconds) + microseconds(micros);
}

Date utc_date(Timestamp at) noexcept {
  return Date(std::chrono::floor<std::chrono::days>(at));
}

}  // namespace finml::core
