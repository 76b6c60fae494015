#include <finml/ingest/ingest.hpp>

#include <finml/core/text.hpp>
#include <finml/ingest/text.hpp>

namespace finml::ingest {

std::optional<Format> parse_format(std::string_view name) noexcept {
  const std::string lower = core::to_lower_ascii(core::trim(name));
  if (lower == "csv") return Format::kCsv;
  if (lower == "qif") return Format::kQif;
  if (lower == "ofx" || lower == "qfx") return Format::kOfx;
  return std::nullopt;
}

std::string_view to_string(Format format) noexcept {
  switch (format) {
    case Format::kCsv: return "csv";
    case Format::kQif: return "qif";
    case Format::kOfx: return "ofx";
  }
  return "csv";
}

Format detect_format(std::string_view text) noexcept {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const std::string_view head = core::trim(text.substr(0, 4096));
  const std::string lower = core::to_lower_ascii(head);
  if (lower.starts_with("ofxheader") || lower.find("<ofx>") != std::string::npos) return Format::kOfx;
  if (lower.starts_with("!type:") || lower.starts_with("!account") || lower.starts_with("!option")) return Format::kQif;
  return Format::kCsv;
}

core::Result<ParsedFile> parse_file(std::string_view text, std::optional<Format> format, const CsvMapping& mapping,
                                    const ParseOptions& options) {
  core::Result<ParsedFile> parsed;
  switch (format.value_or(detect_format(text))) {
    case Format::kCsv: parsed = parse_csv(text, mapping, options); break;
    case Format::kQif: parsed = parse_qif(text, options); break;
    case Format::kOfx: parsed = parse_ofx(text, options); break;
  }
  if (parsed) assign_fingerprints(parsed->rows);
  return parsed;
}

}  // namespace finml::ingest
