#pragma once
/// @file finml/ingest/ingest.hpp
/// Bank files in and out, as pure functions over text: CSV (any layout through a column
/// mapping), QIF and OFX/QFX are parsed into core::Transaction rows plus the rows rejected with
/// their line number and reason, each row carrying its fingerprint as external_id
/// (fingerprint.hpp), so that a file imported twice adds nothing the second time. CSV is written
/// back by write_csv(); the JSON export lives in http/json, where JSON belongs.
#include <string_view>

#include <finml/core/error.hpp>
#include <finml/ingest/csv.hpp>
#include <finml/ingest/fingerprint.hpp>
#include <finml/ingest/ofx.hpp>
#include <finml/ingest/qif.hpp>
#include <finml/ingest/types.hpp>

namespace finml::ingest {

/// Parses `text` as `format` (detected when nullopt) and fingerprints every row. `mapping`
/// applies to CSV only.
[[nodiscard]] core::Result<ParsedFile> parse_file(std::string_view text, std::optional<Format> format,
                                                  const CsvMapping& mapping, const ParseOptions& options);

}  // namespace finml::ingest
