#include <finml/ingest/qif.hpp>

#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <finml/core/text.hpp>
#include <finml/ingest/text.hpp>

namespace finml::ingest {
namespace {

struct QifRecord {
  std::size_t line = 0;
  std::string date, amount, payee, memo, category;
};

bool is_transaction_section(std::string_view header) {
  const std::string lower = core::to_lower_ascii(core::trim(header));
  for (std::string_view kind : {"!type:bank", "!type:cash", "!type:ccard", "!type:oth a", "!type:oth l",
                                "!type:invst"}) {
    if (lower.starts_with(kind)) return true;
  }
  return false;
}

}  // namespace

core::Result<ParsedFile> parse_qif(std::string_view text, const ParseOptions& options) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<QifRecord> records;
  QifRecord current;
  bool in_transactions = true;  // a file without a !Type header is read as a register
  bool has_content = false;
  std::size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (core::trim(line).empty()) continue;
    if (line.front() == '!') {
      if (core::to_lower_ascii(line).starts_with("!type:") || core::to_lower_ascii(line).starts_with("!account")) {
        in_transactions = is_transaction_section(line);
      }
      continue;
    }
    if (!in_transactions) continue;
    if (!has_content) current.line = line_number;
    const char code = line.front();
    const std::string value(core::trim(line.substr(1)));
    switch (code) {
      case '^':
        if (has_content) records.push_back(std::move(current));
        current = QifRecord{};
        has_content = false;
        continue;
      case 'D': current.date = value; break;
      case 'T': current.amount = value; break;
      case 'U':
        if (current.amount.empty()) current.amount = value;
        break;
      case 'P': current.payee = value; break;
      case 'M': current.memo = value; break;
      case 'L': current.category = value; break;
      default: break;  // N (number), C (cleared), A (address), S/E/$ (splits)...
    }
    has_content = true;
  }
  if (has_content) records.push_back(std::move(current));

  std::vector<std::string_view> dates;
  for (const auto& record : records) dates.push_back(record.date);
  const DateOrder order = options.date_order.value_or(detect_date_order(dates, DateOrder::kMdy));
  std::vector<std::string_view> amounts;
  for (const auto& record : records) amounts.push_back(record.amount);
  const bool decimal_comma = looks_decimal_comma(amounts);

  ParsedFile parsed;
  for (const auto& record : records) {
    auto reject = [&](std::string reason) { parsed.rejected.push_back({record.line, std::move(reason)}); };
    if (record.date.empty()) {
      reject("date (D) is missing");
      continue;
    }
    const auto date = parse_date(record.date, order);
    if (!date) {
      reject(fmt::format("date \"{}\" is not a valid date", record.date));
      continue;
    }
    if (record.amount.empty()) {
      reject("amount (T) is missing");
      continue;
    }
    auto amount = parse_amount(record.amount, decimal_comma, options.currency);
    if (!amount) {
      reject(amount.error().message);
      continue;
    }
    const bool transfer = record.category.size() >= 2 && record.category.front() == '[';
    const Booking booking = booking_of(*amount, transfer);
    core::Transaction row{
        .id = core::TransactionId(),
        .date = *date,
        .amount = booking.amount,
        .type = booking.type,
        .category = record.category.empty() ? std::string("Uncategorized") : record.category,
        .description = record.payee,
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
