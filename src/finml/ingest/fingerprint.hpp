#pragma once
/// @file finml/ingest/fingerprint.hpp
/// Duplicate detection on import. A row's fingerprint is its date and an XXH3-128 hash of its account,
/// date, amount (minor units and currency), type and normalised description (its category when
/// it has no description), plus its occurrence among identical rows of the same file: two
/// identical coffees on one day in one file are two rows, while importing that file again (or
/// its export, in any format) yields the same fingerprints and so adds nothing.
#include <span>
#include <string>
#include <string_view>

#include <finml/core/transaction.hpp>

namespace finml::ingest {

/// Lower case (ASCII), every run of characters that are not letters or digits one space,
/// trimmed: "  STARBUCKS #123  Seattle" -> "starbucks 123 seattle". Bytes above 127 (UTF-8) are kept.
[[nodiscard]] std::string normalise_description(std::string_view text);

/// The fingerprint of `row` as the `occurrence`-th (1-based) identical row: "fp:", the row's
/// date in 4 characters and 96 bits of the hash in 16 (23 characters, an alphabet in ASCII
/// order: the date first keeps an import's inserts together in the unique index).
[[nodiscard]] std::string fingerprint(const core::Transaction& row, int occurrence = 1);

/// Sets every row's external_id to its fingerprint, counting occurrences of identical rows in order.
void assign_fingerprints(std::span<core::Transaction> rows);

}  // namespace finml::ingest
