#include <finml/analytics/habits/common.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cctype>
#include <cmath>
#include <optional>

namespace finml::analytics::habits {

std::int64_t AnalysisWindow::covered_days() const noexcept {
  return std::max<std::int64_t>(1, core::days_between(covered_from, last) + 1);
}

double AnalysisWindow::covered_weeks() const noexcept {
  return std::max(1.0, static_cast<double>(covered_days()) / 7.0);
}

double AnalysisWindow::covered_months() const noexcept {
  return std::clamp(static_cast<double>(covered_days()) / kDaysPerMonth, 1.0,
                    static_cast<double>(std::max(1, requested_months)));
}

AnalysisWindow analysis_window(std::span<const core::Transaction> rows, core::Date today, int months) {
  AnalysisWindow window;
  window.requested_months = std::max(1, months);
  window.first = today.plus_days(-(static_cast<std::int64_t>(window.requested_months) * kDaysPerMonth - 1));
  window.last = today;
  // The earliest row of any type up to today: before it the user was not recording yet.
  std::optional<core::Date> earliest;
  for (const auto& row : rows) {
    if (row.date > today) continue;
    if (!earliest || row.date < *earliest) earliest = row.date;
  }
  window.covered_from = earliest ? std::clamp(*earliest, window.first, window.last) : window.first;
  return window;
}

double minor_per_major(std::span<const core::Transaction> rows) noexcept {
  return rows.empty() ? 100.0 : static_cast<double>(rows.front().amount.currency().minor_per_major());
}

std::string fixed(double value, int decimals) {
  if (!std::isfinite(value)) return "0";
  std::array<char, 400> buffer{};
  const auto result =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed, decimals);
  if (result.ec != std::errc{}) return "0";
  std::string text(buffer.data(), result.ptr);
  // "-0" and "-0.0" read as zero.
  if (text.front() == '-' && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
  return text;
}

std::string whole_with_commas(double value) {
  const std::string digits = fixed(value, 0);
  const bool negative = !digits.empty() && digits.front() == '-';
  const std::string_view magnitude = std::string_view(digits).substr(negative ? 1 : 0);
  std::string out = negative ? "-" : "";
  for (std::size_t i = 0; i < magnitude.size(); ++i) {
    if (i > 0 && (magnitude.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(magnitude[i]);
  }
  return out;
}

std::string money_text(const std::string& currency_label, double amount) {
  return currency_label + " " + whole_with_commas(amount);
}

std::vector<std::string> lower_words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || byte >= 0x80) {
      word.push_back(static_cast<char>(std::tolower(byte)));
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

std::string first_characters(std::string_view text, std::size_t max_characters) {
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

}  // namespace finml::analytics::habits
