#pragma once
/// @file finml/ingest/qif.hpp
/// QIF (Quicken Interchange Format) bank and card registers: records of D (date), T or U
/// (signed amount), P (payee: the description), M (memo: the note), L (category; "[Account]"
/// is a transfer) ended by '^'. A negative amount is an expense, a positive one an income;
/// amounts are stored positive. Dates are month first unless the file or the options say
/// otherwise ("1/ 5'24", "01/05/2024", "2024-01-05"). Non-transaction sections (!Type:Cat,
/// !Type:Class, !Type:Memorized, !Option...) are skipped; split lines (S, E, $) are ignored.
#include <string_view>

#include <finml/core/error.hpp>
#include <finml/ingest/types.hpp>

namespace finml::ingest {

[[nodiscard]] core::Result<ParsedFile> parse_qif(std::string_view text, const ParseOptions& options);

}  // namespace finml::ingest
