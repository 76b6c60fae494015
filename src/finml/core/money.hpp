#pragma once
/// @file finml/core/money.hpp
/// Money as integer minor units of an ISO 4217 currency. There is no conversion from double
/// except round_to_money(), which names its rounding mode; models work in doubles and their
/// results become Money once, on the way out.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <finml/core/error.hpp>

namespace finml::core {

/// An ISO 4217 currency: its code and how many decimal digits its minor unit has
/// (USD 2, JPY 0, KWD 3).
class Currency {
 public:
  /// Looks up an active ISO 4217 code ("usd" and "USD" both work); nullopt when unknown.
  [[nodiscard]] static std::optional<Currency> from_code(std::string_view code);

  [[nodiscard]] std::string_view code() const noexcept { return {code_.data(), code_.size()}; }
  /// Number of decimal digits of the minor unit.
  [[nodiscard]] int exponent() const noexcept { return exponent_; }
  /// 10^exponent: minor units per major unit.
  [[nodiscard]] std::int64_t minor_per_major() const noexcept;

  friend bool operator==(const Currency&, const Currency&) = default;

 private:
  constexpr Currency(std::array<char, 3> code, int exponent) noexcept
      : code_(code), exponent_(exponent) {}
  std::array<char, 3> code_;
  int exponent_;
};

enum class RoundingMode {
  kHalfEven,          ///< banker's rounding: 0.125 -> 0.12, 0.135 -> 0.14
  kHalfAwayFromZero,  ///< 0.125 -> 0.13, -0.125 -> -0.13
};

class Money {
 public:
  [[nodiscard]] static constexpr Money from_minor(std::int64_t minor, Currency currency) noexcept {
    return Money(minor, currency);
  }
  /// Parses a decimal number ("12.34", "-5", "1e3", " 7.5 ") exactly. Digits beyond the
  /// currency's exponent are rounded half-even. Fails on anything else or on overflow.
  [[nodiscard]] static Result<Money> parse(std::string_view decimal, Currency currency);

  [[nodiscard]] std::int64_t minor_units() const noexcept { return minor_; }
  [[nodiscard]] Currency currency() const noexcept { return currency_; }
  [[nodiscard]] Money negated() const noexcept { return Money(-minor_, currency_); }
  [[nodiscard]] bool is_zero() const noexcept { return minor_ == 0; }
  [[nodiscard]] bool is_negative() const noexcept { return minor_ < 0; }

  /// The amount in major units as a double, for models; exact below 2^53 minor units.
  [[nodiscard]] double to_major() const noexcept;
  /// Plain decimal text with exactly exponent() fraction digits: "-12.30", "5".
  [[nodiscard]] std::string to_decimal_string() const;

  friend bool operator==(const Money&, const Money&) = default;

 private:
  constexpr Money(std::int64_t minor, Currency currency) noexcept
      : minor_(minor), currency_(currency) {}
  std::int64_t minor_;
  Currency currency_;
};

/// a + b; fails when the currencies differ or the sum overflows.
[[nodiscard]] Result<Money> checked_add(Money a, Money b);
/// a - b; fails when the currencies differ or the difference overflows.
[[nodiscard]] Result<Money> checked_subtract(Money a, Money b);

/// The one bridge from floating point to money: major units rounded to the currency's minor
/// unit. Fails on NaN, infinity or a value out of range.
[[nodiscard]] Result<Money> round_to_money(double major_units, Currency currency, RoundingMode mode);

/// Rounds a double to `digits` decimal places, correctly rounded from its exact binary value
/// with exact ties to even, as Python's round(x, digits) does (2.675 -> 2.67, 0.125 -> 0.12).
/// Non-finite values come back unchanged.
[[nodiscard]] double round_decimal(double value, int digits) noexcept;

}  // namespace finml::core
