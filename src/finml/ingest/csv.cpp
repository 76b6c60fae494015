#include <finml/ingest/csv.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>
#include <deque>
#include <span>
#include <vector>

#include <fmt/format.h>

#include <finml/core/text.hpp>
#include <finml/ingest/text.hpp>

namespace finml::ingest {
namespace {

/// One record: the line it starts on and its fields (views into the file, or into
/// Records::rewritten for the fields that quoting changed).
struct Record {
  std::size_t line = 0;
  std::span<const std::string_view> fields;
};

/// Every record of a file, with its fields in one array: a million-row file costs no
/// allocation per field or row.
struct Records {
  std::vector<std::string_view> fields;
  std::vector<std::size_t> starts;  ///< record r's fields are [starts[r], starts[r + 1])
  std::vector<std::size_t> lines;
  std::deque<std::string> rewritten;  ///< stable storage of fields that quoting changed

  [[nodiscard]] std::size_t size() const noexcept { return lines.size(); }
  [[nodiscard]] bool empty() const noexcept { return lines.empty(); }
  [[nodiscard]] Record operator[](std::size_t r) const noexcept {
    return {lines[r], std::span<const std::string_view>(fields.data() + starts[r], starts[r + 1] - starts[r])};
  }
};

std::string_view strip_bom(std::string_view text) noexcept {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  return text;
}

// The delimiter that occurs most often, outside quotes, on the first non-blank line.
char detect_delimiter(std::string_view text) noexcept {
  constexpr std::array<char, 4> kCandidates{',', ';', '\t', '|'};
  std::array<int, 4> counts{};
  bool quoted = false;
  bool started = false;
  for (const char c : text) {
    if (c == '\n' && !quoted) {
      if (started) break;
      continue;
    }
    if (c != '\r' && c != ' ') started = true;
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    for (std::size_t i = 0; i < kCandidates.size(); ++i) {
      if (c == kCandidates[i]) ++counts[i];
    }
  }
  const auto best = std::max_element(counts.begin(), counts.end());
  return *best == 0 ? ',' : kCandidates[static_cast<std::size_t>(best - counts.begin())];
}

// RFC 4180 records with the line each starts on; quoted fields may hold delimiters, doubled
// quotes and line breaks. A field without quotes or a lone '\r' is a view into the text; the
// others are rewritten into Records::rewritten.
Records split_records(std::string_view text, char delimiter) {
  Records records;
  records.fields.reserve(text.size() / 8 + 1);
  records.starts.reserve(text.size() / 32 + 2);
  records.lines.reserve(text.size() / 32 + 1);
  records.starts.push_back(0);
  const std::size_t n = text.size();
  std::size_t line = 1;
  std::size_t record_line = 1;
  std::size_t i = 0;
  auto end_record = [&] {
    const std::size_t first = records.starts.back();
    const bool blank = std::all_of(records.fields.begin() + static_cast<std::ptrdiff_t>(first), records.fields.end(),
                                   [](std::string_view f) { return core::trim(f).empty(); });
    if (blank) {
      records.fields.resize(first);
    } else {
      records.starts.push_back(records.fields.size());
      records.lines.push_back(record_line);
    }
    record_line = line + 1;
  };
  for (;;) {
    // The common field: no quote and no carriage return but before the line feed.
    std::size_t j = i;
    while (j < n) {
      const char c = text[j];
      if (c == delimiter || c == '\n' || c == '"' || c == '\r') break;
      ++j;
    }
    std::string_view field = text.substr(i, j - i);
    if (j < n && text[j] == '\r' && (j + 1 == n || text[j + 1] == '\n')) {
      i = j + 1;  // CRLF: the '\n' (or the end) ends the field
    } else if (j < n && (text[j] == '"' || text[j] == '\r')) {
      // Quotes or a lone '\r': read the field character by character.
      std::string rewritten(field);
      bool field_started = field.find_first_not_of(' ') != std::string_view::npos;
      bool quoted = false;
      std::size_t k = j;
      for (; k < n; ++k) {
        const char c = text[k];
        if (quoted) {
          if (c == '"') {
            if (k + 1 < n && text[k + 1] == '"') {
              rewritten += '"';
              ++k;
            } else {
              quoted = false;
            }
          } else {
            if (c == '\n') ++line;
            rewritten += c;
          }
          continue;
        }
        if (c == '"' && !field_started) {
          quoted = true;
          field_started = true;
        } else if (c == delimiter || c == '\n') {
          break;
        } else if (c == '\r') {
          // CRLF: the '\n' ends the record
        } else {
          rewritten += c;
          if (c != ' ') field_started = true;
        }
      }
      field = records.rewritten.emplace_back(std::move(rewritten));
      i = k;
    } else {
      i = j;
    }
    if (i >= n) {
      if (!field.empty() || records.fields.size() > records.starts.back()) {
        records.fields.push_back(field);
        end_record();
      }
      break;
    }
    records.fields.push_back(field);
    if (text[i] == delimiter) {
      ++i;
      continue;
    }
    end_record();  // text[i] is '\n'
    ++line;
    ++i;
  }
  return records;
}

struct Synonyms {
  std::string_view role;
  std::vector<std::string_view> names;
};

const std::vector<Synonyms>& synonyms() {
  static const std::vector<Synonyms> kSynonyms = {
      {"date", {"date", "booking date", "transaction date", "posted date", "posting date", "posted", "value date",
                "buchungstag", "buchungsdatum", "datum", "fecha", "date operation"}},
      {"amount", {"amount", "value", "transaction amount", "betrag", "importe", "montant", "sum"}},
      {"debit", {"debit", "debits", "withdrawal", "withdrawals", "money out", "paid out", "out", "soll"}},
      {"credit", {"credit", "credits", "deposit", "deposits", "money in", "paid in", "in", "haben"}},
      {"type", {"type", "transaction type"}},
      {"category", {"category", "kategorie"}},
      {"description", {"description", "payee", "merchant", "name", "details", "narrative", "memo",
                       "verwendungszweck", "beschreibung", "text", "concepto", "libelle", "reference"}},
      {"note", {"note", "notes", "comment", "notiz"}},
      {"currency", {"currency", "ccy", "waehrung", "währung"}},
      {"account", {"account_id", "account id"}},
  };
  return kSynonyms;
}

struct Columns {
  std::optional<std::size_t> date, amount, debit, credit, type, category, description, note, currency, account;
};

std::optional<std::size_t>& slot(Columns& columns, std::string_view role) {
  if (role == "date") return columns.date;
  if (role == "amount") return columns.amount;
  if (role == "debit") return columns.debit;
  if (role == "credit") return columns.credit;
  if (role == "type") return columns.type;
  if (role == "category") return columns.category;
  if (role == "description") return columns.description;
  if (role == "note") return columns.note;
  if (role == "currency") return columns.currency;
  return columns.account;
}

const std::optional<std::string>& given(const CsvMapping& mapping, std::string_view role) {
  if (role == "date") return mapping.date;
  if (role == "amount") return mapping.amount;
  if (role == "debit") return mapping.debit;
  if (role == "credit") return mapping.credit;
  if (role == "type") return mapping.type;
  if (role == "category") return mapping.category;
  if (role == "description") return mapping.description;
  if (role == "note") return mapping.note;
  if (role == "currency") return mapping.currency;
  return mapping.account;
}

std::optional<std::size_t> column_number(std::string_view text) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value == 0) return std::nullopt;
  return value - 1;
}

bool is_header_row(const Record& record, bool mapping_has_names) {
  if (mapping_has_names) return true;
  for (const auto& field : record.fields) {
    const std::string name = core::to_lower_ascii(core::trim(field));
    for (const auto& synonyms_of : synonyms()) {
      for (const auto candidate : synonyms_of.names) {
        if (name == candidate) return true;
      }
    }
  }
  // No known name: a header when no field reads as a date.
  return std::none_of(record.fields.begin(), record.fields.end(), [](std::string_view field) {
    return parse_date(field, DateOrder::kDmy).has_value();
  });
}

core::Result<Columns> resolve_columns(const std::span<const std::string_view>* header, std::size_t width,
                                      const CsvMapping& mapping) {
  Columns columns;
  std::vector<bool> taken(std::max(width, header ? header->size() : 0), false);
  // Columns the mapping names first, then the rest by synonym.
  for (const auto& synonyms_of : synonyms()) {
    const auto& name = given(mapping, synonyms_of.role);
    if (!name) continue;
    if (name->empty()) continue;  // the file has none
    if (auto number = column_number(*name)) {
      if (*number >= taken.size()) {
        return core::fail(core::ErrorCode::kValidation,
                          fmt::format("column {} of {} is beyond the file's {} columns", *name, synonyms_of.role,
                                      taken.size()));
      }
      slot(columns, synonyms_of.role) = *number;
      taken[*number] = true;
      continue;
    }
    bool found = false;
    if (header != nullptr) {
      for (std::size_t i = 0; i < header->size(); ++i) {
        if (core::to_lower_ascii(core::trim((*header)[i])) == core::to_lower_ascii(core::trim(*name))) {
          slot(columns, synonyms_of.role) = i;
          taken[i] = true;
          found = true;
          break;
        }
      }
    }
    if (!found) {
      return core::fail(core::ErrorCode::kValidation,
                        fmt::format("the file has no column \"{}\" for the {}", *name, synonyms_of.role));
    }
  }
  if (header != nullptr) {
    for (const auto& synonyms_of : synonyms()) {
      if (given(mapping, synonyms_of.role)) continue;
      for (const auto candidate : synonyms_of.names) {
        if (slot(columns, synonyms_of.role)) break;
        for (std::size_t i = 0; i < header->size(); ++i) {
          if (!taken[i] && core::to_lower_ascii(core::trim((*header)[i])) == candidate) {
            slot(columns, synonyms_of.role) = i;
            taken[i] = true;
            break;
          }
        }
      }
    }
  }
  if (!columns.date) return core::fail(core::ErrorCode::kValidation, "the file has no date column (give one in the mapping)");
  if (!columns.amount && !columns.debit && !columns.credit) {
    return core::fail(core::ErrorCode::kValidation,
                      "the file has no amount column nor debit/credit columns (give them in the mapping)");
  }
  return columns;
}

std::string_view field_at(const Record& record, std::optional<std::size_t> column) {
  if (!column || *column >= record.fields.size()) return {};
  return core::trim(record.fields[*column]);
}

std::optional<core::TransactionType> parse_type_word(std::string_view text) {
  if (auto type = core::parse_transaction_type(core::trim(text))) return type;
  const std::string lower = core::to_lower_ascii(core::trim(text));
  if (lower == "debit" || lower == "dr") return core::TransactionType::kExpense;
  if (lower == "credit" || lower == "cr") return core::TransactionType::kIncome;
  return std::nullopt;
}

// Escapes one field for writing.
void write_field(std::string& out, std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos && core::trim(value) == value) {
    out += value;
    return;
  }
  out += '"';
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

core::Result<CsvMapping> parse_csv_mapping(std::string_view text) {
  CsvMapping mapping;
  std::size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (const std::size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = core::trim(line);
    if (line.empty()) continue;
    const std::size_t equals = line.find('=');
    auto bad = [&](std::string_view why) {
      return core::fail(core::ErrorCode::kInvalidArgument, fmt::format("mapping line {}: {}", line_number, why));
    };
    if (equals == std::string_view::npos) return bad("expected key = value");
    const std::string key = core::to_lower_ascii(core::trim(line.substr(0, equals)));
    const std::string_view value = core::trim(line.substr(equals + 1));
    auto boolean = [&](std::optional<bool>& out) -> bool {
      const std::string lower = core::to_lower_ascii(value);
      if (lower == "true" || lower == "yes" || lower == "1") {
        out = true;
      } else if (lower == "false" || lower == "no" || lower == "0") {
        out = false;
      } else {
        return false;
      }
      return true;
    };
    if (key == "delimiter") {
      const std::string lower = core::to_lower_ascii(value);
      if (lower == "tab" || value == "\\t") {
        mapping.delimiter = '\t';
      } else if (value.size() == 1 && std::string_view(",;|").find(value[0]) != std::string_view::npos) {
        mapping.delimiter = value[0];
      } else {
        return bad("delimiter must be , ; | or tab");
      }
    } else if (key == "header") {
      if (!boolean(mapping.header)) return bad("header must be true or false");
    } else if (key == "decimal_comma") {
      if (!boolean(mapping.decimal_comma)) return bad("decimal_comma must be true or false");
    } else if (key == "date_format") {
      mapping.date_order = date_order_of_format(value);
      if (!mapping.date_order) return bad("date_format must be like DD/MM/YYYY, MM/DD/YYYY or YYYY-MM-DD");
    } else if (key == "date") {
      mapping.date = std::string(value);
    } else if (key == "amount") {
      mapping.amount = std::string(value);
    } else if (key == "debit") {
      mapping.debit = std::string(value);
    } else if (key == "credit") {
      mapping.credit = std::string(value);
    } else if (key == "type") {
      mapping.type = std::string(value);
    } else if (key == "category") {
      mapping.category = std::string(value);
    } else if (key == "description") {
      mapping.description = std::string(value);
    } else if (key == "note") {
      mapping.note = std::string(value);
    } else if (key == "currency") {
      mapping.currency = std::string(value);
    } else if (key == "account") {
      mapping.account = std::string(value);
    } else {
      return bad("unknown key \"" + key + "\"");
    }
  }
  return mapping;
}

core::Result<ParsedFile> parse_csv(std::string_view text, const CsvMapping& mapping, const ParseOptions& options) {
  text = strip_bom(text);
  const char delimiter = mapping.delimiter.value_or(detect_delimiter(text));
  const Records records = split_records(text, delimiter);
  ParsedFile parsed;
  if (records.empty()) return parsed;

  bool mapping_has_names = false;
  for (const auto& synonyms_of : synonyms()) {
    const auto& name = given(mapping, synonyms_of.role);
    if (name && !name->empty() && !column_number(*name)) mapping_has_names = true;
  }
  const bool header = mapping.header.value_or(is_header_row(records[0], mapping_has_names));
  const std::span<const std::string_view> first_fields = records[0].fields;
  const std::span<const std::string_view>* header_fields = header ? &first_fields : nullptr;
  std::size_t width = 0;
  for (std::size_t r = 0; r < records.size(); ++r) width = std::max(width, records.starts[r + 1] - records.starts[r]);
  auto columns = resolve_columns(header_fields, width, mapping);
  if (!columns) return std::unexpected(columns.error());
  const std::size_t first = header ? 1 : 0;

  // Detection over the whole column.
  std::vector<std::string_view> amounts;
  std::vector<std::string_view> dates;
  amounts.reserve(records.size());
  dates.reserve(records.size());
  parsed.rows.reserve(records.size());
  parsed.lines.reserve(records.size());
  for (std::size_t r = first; r < records.size(); ++r) {
    for (auto column : {columns->amount, columns->debit, columns->credit}) {
      const std::string_view value = field_at(records[r], column);
      if (!value.empty()) amounts.push_back(value);
    }
    dates.push_back(field_at(records[r], columns->date));
  }
  const bool decimal_comma = mapping.decimal_comma.value_or(delimiter != ',' && looks_decimal_comma(amounts));
  const DateOrder order =
      mapping.date_order ? *mapping.date_order
                         : options.date_order.value_or(detect_date_order(dates, DateOrder::kDmy));

  for (std::size_t r = first; r < records.size(); ++r) {
    const Record record = records[r];
    auto reject = [&](std::string reason) { parsed.rejected.push_back({record.line, std::move(reason)}); };
    const std::string_view date_text = field_at(record, columns->date);
    if (date_text.empty()) {
      reject("date is missing");
      continue;
    }
    const auto date = parse_date(date_text, order);
    if (!date) {
      reject(fmt::format("date \"{}\" is not a valid date", date_text));
      continue;
    }
    core::Currency currency = options.currency;
    if (const std::string_view code = field_at(record, columns->currency); !code.empty()) {
      const auto named = core::Currency::from_code(code);
      if (!named) {
        reject(fmt::format("currency \"{}\" is not an ISO 4217 code", code));
        continue;
      }
      currency = *named;
    }
    std::optional<core::Money> amount_value;
    core::TransactionType type_value = core::TransactionType::kExpense;
    const std::string_view type_text = field_at(record, columns->type);
    if (columns->amount && !field_at(record, columns->amount).empty()) {
      auto amount = parse_amount(field_at(record, columns->amount), decimal_comma, currency);
      if (!amount) {
        reject(amount.error().message);
        continue;
      }
      if (columns->type && !type_text.empty()) {
        const auto type = parse_type_word(type_text);
        if (!type) {
          reject(fmt::format("type \"{}\" is not income, expense, savings, transfer, debit or credit", type_text));
          continue;
        }
        type_value = *type;
        amount_value = *amount;
      } else {
        const Booking booking = booking_of(*amount, false);
        type_value = booking.type;
        amount_value = booking.amount;
      }
    } else if (columns->debit || columns->credit) {
      const std::string_view debit = field_at(record, columns->debit);
      const std::string_view credit = field_at(record, columns->credit);
      if (debit.empty() == credit.empty()) {
        reject(debit.empty() ? "neither debit nor credit is given" : "both debit and credit are given");
        continue;
      }
      auto amount = parse_amount(debit.empty() ? credit : debit, decimal_comma, currency);
      if (!amount) {
        reject(amount.error().message);
        continue;
      }
      type_value = debit.empty() ? core::TransactionType::kIncome : core::TransactionType::kExpense;
      amount_value = amount->is_negative() ? amount->negated() : *amount;
    } else {
      reject("amount is missing");
      continue;
    }
    std::optional<core::AccountId> account_id = options.account;
    if (const std::string_view account = field_at(record, columns->account); !account.empty()) {
      std::int64_t id = 0;
      const auto [end, error] = std::from_chars(account.data(), account.data() + account.size(), id);
      if (error != std::errc() || end != account.data() + account.size() || id <= 0) {
        reject(fmt::format("account \"{}\" is not a positive integer", account));
        continue;
      }
      account_id = core::AccountId(id);
    }
    const std::string_view category = field_at(record, columns->category);
    core::Transaction row{
        .id = core::TransactionId(),
        .date = *date,
        .amount = *amount_value,
        .type = type_value,
        .category = category.empty() ? std::string("Uncategorized") : std::string(category),
        .description = std::string(field_at(record, columns->description)),
        .note = std::string(field_at(record, columns->note)),
        .account_id = account_id,
        .external_id = std::nullopt,
    };
    parsed.rows.push_back(std::move(row));
    parsed.lines.push_back(record.line);
  }
  return parsed;
}

std::string write_csv(std::span<const core::Transaction> rows) {
  std::string out = "date,amount,currency,type,category,description,note,account_id\n";
  out.reserve(out.size() + rows.size() * 64);
  for (const auto& row : rows) {
    out += row.date.to_string();
    out += ',';
    out += row.amount.to_decimal_string();
    out += ',';
    out += row.amount.currency().code();
    out += ',';
    out += core::to_string(row.type);
    out += ',';
    write_field(out, row.category);
    out += ',';
    write_field(out, row.description);
    out += ',';
    write_field(out, row.note);
    out += ',';
    if (row.account_id) out += std::to_string(row.account_id->value());
    out += '\n';
  }
  return out;
}

}  // namespace finml::ingest
