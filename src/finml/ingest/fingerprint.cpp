#include <finml/ingest/fingerprint.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <xxhash.h>

namespace finml::ingest {
namespace {

__extension__ using Uint128 = unsigned __int128;

constexpr char kSeparator = '\x1f';  // a byte that normalised text never holds

void append_integer(std::string& out, std::int64_t value) {
  std::array<char, 24> digits{};
  const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
  out.append(digits.data(), static_cast<std::size_t>(end - digits.data()));
}

bool kept(unsigned char byte) noexcept { return std::isalnum(byte) != 0 || byte >= 0x80; }

/// Calls out(c) for each character of normalise_description(text), without building it.
template <class Out>
void for_each_normalised(std::string_view text, Out&& out) {
  bool pending_space = false;
  bool any = false;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (kept(byte)) {
      if (pending_space && any) out(' ');
      pending_space = false;
      any = true;
      out(static_cast<char>(std::tolower(byte)));
    } else {
      pending_space = true;
    }
  }
}

// The canonical text of a row, into `out` (reused: no allocation per row once it has grown):
// account, date, amount, currency, type, normalised description or else category, separated
// by \x1f; then "\x1f#n" for the n-th identical row from the second on.
void canonical(const core::Transaction& row, int occurrence, std::string& out) {
  out.clear();
  append_integer(out, row.account_id ? row.account_id->value() : 0);
  out += kSeparator;
  const auto ymd = row.date.ymd();
  const int year = static_cast<int>(ymd.year());
  const unsigned month = static_cast<unsigned>(ymd.month());
  const unsigned day = static_cast<unsigned>(ymd.day());
  const std::array<char, 10> iso{static_cast<char>('0' + year / 1000 % 10), static_cast<char>('0' + year / 100 % 10),
                                 static_cast<char>('0' + year / 10 % 10),   static_cast<char>('0' + year % 10),
                                 '-',
                                 static_cast<char>('0' + month / 10),        static_cast<char>('0' + month % 10),
                                 '-',
                                 static_cast<char>('0' + day / 10),          static_cast<char>('0' + day % 10)};
  out.append(iso.data(), iso.size());
  out += kSeparator;
  append_integer(out, row.amount.minor_units());
  out += kSeparator;
  out += row.amount.currency().code();
  out += kSeparator;
  out += core::to_string(row.type);
  out += kSeparator;
  for_each_normalised(row.description.empty() ? row.category : row.description, [&out](char c) { out += c; });
  if (occurrence > 1) {
    out += kSeparator;
    out += '#';
    append_integer(out, occurrence);
  }
}

Uint128 hash_of(const core::Transaction& row, int occurrence, std::string& buffer) {
  canonical(row, occurrence, buffer);
  const XXH128_hash_t hash = XXH3_128bits(buffer.data(), buffer.size());
  return (static_cast<Uint128>(hash.high64) << 64U) | hash.low64;
}

// Base 64 whose alphabet is in ASCII order, so that text order is number order.
constexpr std::string_view kSortable64 = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

// "fp:", the date as 4 characters (days since 0001-01-01, 24 bits) and the top 96 bits of the
// hash as 16: 23 characters. The date first puts an import's rows, which come in date order,
// next to each other in the unique index (user_id, external_id): a 1,000,000-row import writes
// its pages once instead of all over the index.
std::string print(const core::Date& date, Uint128 hash) {
  constexpr std::int64_t kDaysFrom0001To1970 = 719'162;
  const auto days = static_cast<std::uint32_t>(date.days_since_epoch() + kDaysFrom0001To1970) & 0xFFFFFFU;
  std::array<char, 23> out{'f', 'p', ':'};
  for (std::size_t i = 0; i < 4; ++i) out[3 + i] = kSortable64[(days >> (18 - 6 * i)) & 0x3FU];
  // The top 96 bits: 16 characters of 6 bits, 8 from each 48-bit half.
  const auto high = static_cast<std::uint64_t>(hash >> 80);                   // bits 127..80
  const auto low = static_cast<std::uint64_t>(hash >> 32) & 0xFFFFFFFFFFFFULL;  // bits 79..32
  for (std::size_t i = 0; i < 8; ++i) {
    out[7 + i] = kSortable64[(high >> (42 - 6 * i)) & 0x3FU];
    out[15 + i] = kSortable64[(low >> (42 - 6 * i)) & 0x3FU];
  }
  return std::string(out.data(), out.size());
}

}  // namespace

std::string normalise_description(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for_each_normalised(text, [&out](char c) { out += c; });
  return out;
}

std::string fingerprint(const core::Transaction& row, int occurrence) {
  std::string buffer;
  return print(row.date, hash_of(row, occurrence, buffer));
}

void assign_fingerprints(std::span<core::Transaction> rows) {
  // Identical rows share the canonical text, so they are counted by its 128-bit hash: sort
  // (hash, position) pairs rather than keep a hash map of a million nodes. The rows are read
  // and written in input order only (a million rows do not fit in the processor's caches).
  std::string buffer;
  std::vector<std::pair<Uint128, std::uint32_t>> order(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) order[i] = {hash_of(rows[i], 1, buffer), static_cast<std::uint32_t>(i)};
  std::vector<Uint128> hashes(rows.size());
  for (const auto& [hash, i] : order) hashes[i] = hash;
  std::sort(order.begin(), order.end());
  std::vector<int> occurrences(rows.size(), 1);
  for (std::size_t k = 1; k < order.size(); ++k) {
    if (order[k].first == order[k - 1].first) occurrences[order[k].second] = occurrences[order[k - 1].second] + 1;
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    core::Transaction& row = rows[i];
    row.external_id = print(row.date, occurrences[i] == 1 ? hashes[i] : hash_of(row, occurrences[i], buffer));
  }
}

}  // namespace finml::ingest
