#include <finml/ingest/fingerprint.hpp>

#include <cctype>
#include <string>
#include <unordered_map>

#include <fmt/format.h>

namespace finml::ingest {
namespace {

__extension__ using Uint128 = unsigned __int128;

constexpr Uint128 kFnvPrime = (static_cast<Uint128>(0x0000000001000000ULL) << 64) | 0x000000000000013BULL;
constexpr Uint128 kFnvOffset = (static_cast<Uint128>(0x6c62272e07bb0142ULL) << 64) | 0x62b821756295c58dULL;

// The canonical text that is hashed: fields separated by a byte that normalised text never holds.
std::string canonical(const core::Transaction& row) {
  const std::string description =
      normalise_description(row.description.empty() ? row.category : row.description);
  return fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", row.account_id ? row.account_id->value() : 0,
                     row.date.to_string(), row.amount.minor_units(), row.amount.currency().code(),
                     core::to_string(row.type), description);
}

Uint128 fnv1a(Uint128 hash, std::string_view text) noexcept {
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= kFnvPrime;
  }
  return hash;
}

// The hash of the canonical text, then of the occurrence suffix ("\x1f#2") for later occurrences.
std::string print(Uint128 base, int occurrence) {
  const Uint128 hash = occurrence > 1 ? fnv1a(base, fmt::format("\x1f#{}", occurrence)) : base;
  return fmt::format("fp:{:016x}{:016x}", static_cast<std::uint64_t>(hash >> 64), static_cast<std::uint64_t>(hash));
}

struct HashOfHash {
  std::size_t operator()(Uint128 value) const noexcept {
    return static_cast<std::size_t>(static_cast<std::uint64_t>(value) ^ static_cast<std::uint64_t>(value >> 64));
  }
};

}  // namespace

std::string normalise_description(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || byte >= 0x80) {
      if (pending_space && !out.empty()) out += ' ';
      pending_space = false;
      out += static_cast<char>(std::tolower(byte));
    } else {
      pending_space = true;
    }
  }
  return out;
}

std::string fingerprint(const core::Transaction& row, int occurrence) {
  return print(fnv1a(kFnvOffset, canonical(row)), occurrence);
}

void assign_fingerprints(std::span<core::Transaction> rows) {
  // Identical rows share the canonical text, so they are counted by its 128-bit hash.
  std::unordered_map<Uint128, int, HashOfHash> seen;
  seen.reserve(rows.size());
  for (core::Transaction& row : rows) {
    const Uint128 base = fnv1a(kFnvOffset, canonical(row));
    row.external_id = print(base, ++seen[base]);
  }
}

}  // namespace finml::ingest
