#pragma once
/// @file finml/ingest/ofx.hpp
/// OFX and QFX statements, both OFX 1.x (SGML: a header of KEY:VALUE lines, leaf elements
/// without end tags) and OFX 2.x (XML). Read by a small tolerant reader of its own rather than
/// Debian's libofx: libofx is not in the build image, parses only named files through OpenSP
/// (so an HTTP body would go through a temporary file), reports through global callbacks and
/// writes diagnostics to stderr; the statement subset finml needs is a few elements.
///
/// Every <STMTTRN> becomes a row: DTPOSTED (YYYYMMDD[hhmmss[.xxx]][[offset:TZ]]) the date,
/// TRNAMT the signed amount (negative: expense, positive: income; TRNTYPE XFER: transfer),
/// NAME (or PAYEE's NAME) the description, MEMO the note, the statement's CURDEF (or the row's
/// CURRENCY/CURSYM) the currency. Amounts are stored positive. Entities &amp; &lt; &gt; &quot;
/// &apos; and numeric ones are decoded.
#include <string_view>

#include <finml/core/error.hpp>
#include <finml/ingest/types.hpp>

namespace finml::ingest {

/// Fails (kValidation) when the text holds no <OFX> element.
[[nodiscard]] core::Result<ParsedFile> parse_ofx(std::string_view text, const ParseOptions& options);

}  // namespace finml::ingest
