#pragma once
/// @file finml/analytics/recurring/merchant_key.hpp
/// The key that groups a user's transactions into candidate recurring streams: the payee text
/// with its noise stripped, so that "NETFLIX.COM 866-579 REF#88213", "Netflix.com" and
/// "netflix com" fall together. No regular expressions: this runs once per transaction on
/// bodies of 10,000 rows and more.
#include <array>
#include <cstdint>
#include <string_view>

namespace finml::analytics::recurring {

/// A normalised key in a fixed buffer (no allocation per row). Keys are cut at kCapacity
/// bytes, which is far longer than any merchant name.
class MerchantKey {
 public:
  static constexpr std::size_t kCapacity = 96;

  [[nodiscard]] std::string_view view() const noexcept { return {text_.data(), size_}; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  /// FNV-1a of the key's bytes.
  [[nodiscard]] std::uint64_t hash() const noexcept;

  /// Appends `token` (with a separating space when the key is not empty); false when full.
  bool append_token(std::string_view token) noexcept;

 private:
  std::array<char, kCapacity> text_{};
  std::size_t size_ = 0;
};

/// A quick 64-bit hash of raw text, eight bytes at a time (not FNV's byte at a time: hashing
/// each row's description was half of the detection time on 10,000 rows).
[[nodiscard]] std::uint64_t hash_text(std::string_view text, std::uint64_t seed) noexcept;

/// Normalises free payee text:
/// - ASCII letters are lower-cased; bytes of UTF-8 sequences are kept as they are;
/// - anything else (spaces, punctuation, "*", "#", "/") separates tokens;
/// - a token that contains a digit is dropped whole (amounts, dates, card, reference and
///   store numbers: "REF#88213", "XXXX1234", "#0042", "866-579");
/// - masks ("xxxx") and a short list of bank noise words (pos, ach, ref, txn, card, debit,
///   purchase, autopay, recurring, www, com, ...) are dropped.
/// The result may be empty (the text was all noise): callers then fall back to the category.
[[nodiscard]] MerchantKey normalise_merchant(std::string_view text) noexcept;

}  // namespace finml::analytics::recurring
