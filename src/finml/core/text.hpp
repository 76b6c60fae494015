#pragma once
/// @file finml/core/text.hpp
/// ASCII helpers for the text callers send (configuration, JSON members, bank files): trimming
/// and case folding that never depend on the process's locale.
#include <string>
#include <string_view>

namespace finml::core {

/// Space, tab, LF, VT, FF and CR: what std::isspace accepts in the "C" locale.
[[nodiscard]] constexpr bool is_ascii_space(char c) noexcept { return c == ' ' || (c >= '\t' && c <= '\r'); }

[[nodiscard]] constexpr std::string_view trim_right(std::string_view text) noexcept {
  while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
  return text;
}

[[nodiscard]] constexpr std::string_view trim(std::string_view text) noexcept {
  while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
  return trim_right(text);
}

[[nodiscard]] constexpr char to_lower_ascii(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

[[nodiscard]] constexpr bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (to_lower_ascii(a[i]) != to_lower_ascii(b[i])) return false;
  }
  return true;
}

/// Only A-Z change: bytes of UTF-8 sequences pass through untouched.
[[nodiscard]] inline std::string to_lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = to_lower_ascii(c);
  return out;
}

}  // namespace finml::core
