#include <finml/analytics/recurring/merchant_key.hpp>

#include <algorithm>
#include <cstring>

namespace finml::analytics::recurring {
namespace {

// Words banks put around the merchant's name; short enough to scan linearly.
// "upi", "neft" and "imps" name Indian payment rails, not payees.
constexpr std::array<std::string_view, 24> kNoiseWords = {
    "pos", "ach", "ref", "txn", "trx", "card", "debit", "purchase", "autopay", "recurring", "www", "com",
    "ppd", "web", "id",  "no",  "inc", "ltd",  "llc",   "pvt",      "online",  "upi",       "neft", "imps",
};

bool is_ascii_letter(unsigned char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(unsigned char c) noexcept { return c >= '0' && c <= '9'; }
// Letters, digits and every byte of a multi-byte UTF-8 character belong to words.
bool is_word_byte(unsigned char c) noexcept { return is_ascii_letter(c) || is_digit(c) || c >= 0x80; }

bool is_noise(std::string_view token) noexcept {
  if (token.size() >= 2 && std::all_of(token.begin(), token.end(), [](char c) { return c == 'x'; })) return true;
  return std::find(kNoiseWords.begin(), kNoiseWords.end(), token) != kNoiseWords.end();
}

}  // namespace

std::uint64_t MerchantKey::hash() const noexcept {
  std::uint64_t hash = 14695981039346656037ULL;
  for (std::size_t i = 0; i < size_; ++i) {
    hash ^= static_cast<unsigned char>(text_[i]);
    hash *= 1099511628211ULL;
  }
  return hash;
}

bool MerchantKey::append_token(std::string_view token) noexcept {
  const std::size_t needed = token.size() + (size_ == 0 ? 0 : 1);
  if (size_ + needed > kCapacity) return false;
  if (size_ != 0) text_[size_++] = ' ';
  std::memcpy(text_.data() + size_, token.data(), token.size());
  size_ += token.size();
  return true;
}

std::uint64_t hash_text(std::string_view text, std::uint64_t seed) noexcept {
  constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;
  std::uint64_t hash = (seed + text.size()) * kMultiplier;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, 8);
    hash = (hash ^ word) * kMultiplier;
    hash ^= hash >> 29;
  }
  if (i < text.size()) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, text.size() - i);
    hash = (hash ^ word) * kMultiplier;
    hash ^= hash >> 29;
  }
  hash = (hash ^ (hash >> 32)) * kMultiplier;
  return hash ^ (hash >> 29);
}

MerchantKey normalise_merchant(std::string_view text) noexcept {
  MerchantKey key;
  std::array<char, MerchantKey::kCapacity> token{};
  std::size_t token_size = 0;
  bool token_has_digit = false;
  bool token_too_long = false;
  auto flush = [&]() -> bool {
    bool room = true;
    if (token_size != 0 && !token_has_digit && !token_too_long) {
      const std::string_view word(token.data(), token_size);
      if (!is_noise(word)) room = key.append_token(word);
    }
    token_size = 0;
    token_has_digit = false;
    token_too_long = false;
    return room;
  };
  for (const char raw : text) {
    const auto c = static_cast<unsigned char>(raw);
    if (!is_word_byte(c)) {
      if (!flush()) return key;
      continue;
    }
    if (is_digit(c)) token_has_digit = true;
    if (token_size == token.size()) {
      token_too_long = true;  // a run of 96 bytes without a break is no merchant name
      continue;
    }
    token[token_size++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : raw;
  }
  flush();
  return key;
}

}  // namespace finml::analytics::recurring
