#include <finml/ingest/ofx.hpp>

#include <cctype>
#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <finml/core/text.hpp>
#include <finml/ingest/text.hpp>

namespace finml::ingest {
namespace {

std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    const std::size_t semicolon = text.find(';', i);
    if (semicolon == std::string_view::npos || semicolon - i > 10) {
      out += '&';
      continue;
    }
    const std::string_view entity = text.substr(i + 1, semicolon - i - 1);
    std::optional<unsigned> code;
    if (entity == "amp") code = '&';
    else if (entity == "lt") code = '<';
    else if (entity == "gt") code = '>';
    else if (entity == "quot") code = '"';
    else if (entity == "apos") code = '\'';
    else if (entity.starts_with("#")) {
      unsigned value = 0;
      const bool hex = entity.size() > 1 && (entity[1] == 'x' || entity[1] == 'X');
      const std::string_view digits = entity.substr(hex ? 2 : 1);
      const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value, hex ? 16 : 10);
      if (error == std::errc() && end == digits.data() + digits.size() && value > 0 && value < 0x110000) code = value;
    }
    if (!code) {
      out += '&';
      continue;
    }
    // UTF-8 encoding of the code point.
    const unsigned c = *code;
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
    i = semicolon;
  }
  return out;
}

struct Element {
  std::string name;  ///< upper case; "/NAME" for an end tag
  std::string text;  ///< the text up to the next tag, trimmed and decoded
  std::size_t line = 0;
};

// Every tag of the body in order, with the text that follows it.
std::vector<Element> tokenize(std::string_view text, std::size_t first_line) {
  std::vector<Element> elements;
  std::size_t line = first_line;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find('<', i);
    if (open == std::string_view::npos) break;
    for (std::size_t k = i; k < open; ++k) if (text[k] == '\n') ++line;
    const std::size_t close = text.find('>', open);
    if (close == std::string_view::npos) break;
    std::string_view tag = text.substr(open + 1, close - open - 1);
    for (std::size_t k = open; k < close; ++k) if (text[k] == '\n') ++line;
    const std::size_t tag_line = line;
    std::size_t next = text.find('<', close + 1);
    if (next == std::string_view::npos) next = text.size();
    i = close + 1;
    if (tag.starts_with("?") || tag.starts_with("!")) continue;  // XML declaration, comments
    if (const std::size_t space = tag.find_first_of(" \t\r\n"); space != std::string_view::npos) {
      tag = tag.substr(0, space);
    }
    if (tag.ends_with("/")) tag.remove_suffix(1);
    std::string name;
    for (const char c : tag) name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    elements.push_back({std::move(name), decode_entities(core::trim(text.substr(close + 1, next - close - 1))), tag_line});
  }
  return elements;
}

struct OfxRecord {
  std::size_t line = 0;
  std::string type, posted, amount, name, payee_name, memo, currency;
  std::string statement_currency;  ///< the CURDEF of the statement the row is in
};

}  // namespace

core::Result<ParsedFile> parse_ofx(std::string_view text, const ParseOptions& options) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::size_t body_start = std::string_view::npos;
  for (std::size_t at = text.find('<'); at != std::string_view::npos; at = text.find('<', at + 1)) {
    if (text.size() - at >= 5 && core::to_lower_ascii(text.substr(at, 5)) == "<ofx>") {
      body_start = at;
      break;
    }
  }
  if (body_start == std::string_view::npos) {
    return core::fail(core::ErrorCode::kValidation, "the file has no <OFX> element: it is not OFX or QFX");
  }
  std::size_t first_line = 1;
  for (std::size_t k = 0; k < body_start; ++k) {
    if (text[k] == '\n') ++first_line;
  }
  const std::vector<Element> elements = tokenize(text.substr(body_start), first_line);

  std::vector<OfxRecord> records;
  std::optional<OfxRecord> current;
  std::string statement_currency;
  bool in_payee = false;
  for (const Element& element : elements) {
    const std::string& name = element.name;
    if (name == "CURDEF") statement_currency = element.text;
    if (name == "STMTTRN") {
      if (current) records.push_back(std::move(*current));  // SGML without an end tag
      current = OfxRecord{};
      current->line = element.line;
      current->statement_currency = statement_currency;
      continue;
    }
    if (name == "/STMTTRN" || name == "/BANKTRANLIST") {
      if (current) records.push_back(std::move(*current));
      current.reset();
      continue;
    }
    if (!current) continue;
    if (name == "PAYEE") in_payee = true;
    if (name == "/PAYEE") in_payee = false;
    if (name == "TRNTYPE") current->type = element.text;
    else if (name == "DTPOSTED") current->posted = element.text;
    else if (name == "TRNAMT") current->amount = element.text;
    else if (name == "NAME") (in_payee ? current->payee_name : current->name) = element.text;
    else if (name == "MEMO") current->memo = element.text;
    else if (name == "CURSYM" || name == "CURRENCY") {
      if (!element.text.empty()) current->currency = element.text;
    }
  }
  if (current) records.push_back(std::move(*current));


  ParsedFile parsed;
  for (const OfxRecord& record : records) {
    auto reject = [&](std::string reason) { parsed.rejected.push_back({record.line, std::move(reason)}); };
    const std::string_view posted = core::trim(record.posted);
    if (posted.size() < 8) {
      reject(posted.empty() ? "DTPOSTED is missing" : fmt::format("DTPOSTED \"{}\" is not a date", posted));
      continue;
    }
    const auto date = parse_date(posted.substr(0, 8), DateOrder::kYmd);
    if (!date) {
      reject(fmt::format("DTPOSTED \"{}\" is not a date", posted));
      continue;
    }
    core::Currency currency = options.currency;
    if (!record.statement_currency.empty()) {
      if (auto statement = core::Currency::from_code(record.statement_currency)) currency = *statement;
    }
    if (!record.currency.empty()) {
      const auto named = core::Currency::from_code(record.currency);
      if (!named) {
        reject(fmt::format("currency \"{}\" is not an ISO 4217 code", record.currency));
        continue;
      }
      currency = *named;
    }
    if (core::trim(record.amount).empty()) {
      reject("TRNAMT is missing");
      continue;
    }
    // OFX amounts use '.', some European banks write ','; neither has grouping.
    const bool decimal_comma = record.amount.find(',') != std::string::npos && record.amount.find('.') == std::string::npos;
    auto amount = parse_amount(record.amount, decimal_comma, currency);
    if (!amount) {
      reject(amount.error().message);
      continue;
    }
    const Booking booking = booking_of(*amount, core::to_lower_ascii(record.type) == "xfer");
    core::Transaction row{
        .id = core::TransactionId(),
        .date = *date,
        .amount = booking.amount,
        .type = booking.type,
        .category = "Uncategorized",
        .description = record.name.empty() ? record.payee_name : record.name,
        .note = record.memo,
        .account_id = options.account,
        .external_id = std::nullopt,
    };
    parsed.rows.push_back(std::move(row));
    parsed.lines.push_back(record.line);
  }
  return parsed;
}

}  // namespace finml::ingest
