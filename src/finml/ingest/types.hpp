#pragma once
/// @file finml/ingest/types.hpp
/// The vocabulary of the ingest layer: formats, parse options, parsed files, rejected rows.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <finml/core/error.hpp>
#include <finml/core/ids.hpp>
#include <finml/core/money.hpp>
#include <finml/core/transaction.hpp>

namespace finml::ingest {

enum class Format { kCsv, kQif, kOfx };

/// "csv", "qif", "ofx" or "qfx" (QFX is OFX), any case; nullopt otherwise.
[[nodiscard]] std::optional<Format> parse_format(std::string_view name) noexcept;
[[nodiscard]] std::string_view to_string(Format format) noexcept;
/// Guesses the format from the content: an OFX header or <OFX> tag is OFX, a leading "!Type:"
/// or "!Account" line is QIF, anything else CSV.
[[nodiscard]] Format detect_format(std::string_view text) noexcept;

/// The order of a date's day, month and year fields.
enum class DateOrder { kYmd, kDmy, kMdy };

/// One input row that could not become a transaction.
struct RejectedRow {
  std::size_t line = 0;  ///< 1-based line of the file where the row starts
  std::string reason;

  friend bool operator==(const RejectedRow&, const RejectedRow&) = default;
};

/// A parsed file: the rows in file order, the line each starts on, and the rejected rows.
struct ParsedFile {
  std::vector<core::Transaction> rows;
  std::vector<std::size_t> lines;  ///< lines[i] is the line of rows[i]
  std::vector<RejectedRow> rejected;
};

/// What the file does not say.
struct ParseOptions {
  core::Currency currency = *core::Currency::from_code("USD");  ///< unless a row or the file names one
  std::optional<core::AccountId> account{};  ///< set on every row that does not name its own
  /// For formats whose dates are ambiguous (01/02/2024): nullopt detects from the file (a
  /// field above 12 decides), falling back to the format's custom (CSV day first, QIF month first).
  std::optional<DateOrder> date_order{};
};

}  // namespace finml::ingest
