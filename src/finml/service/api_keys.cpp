#include <finml/service/api_keys.hpp>

#include <sodium.h>

#include <array>
#include <cstdint>
#include <mutex>
#include <shared_mutex>
#include <span>
#include <stdexcept>
#include <unordered_map>

namespace finml::service {
namespace {

constexpr std::string_view kPrefix = "fml_";
constexpr std::size_t kIdBytes = 10;      // 80 bits: unique without a check, and public anyway
constexpr std::size_t kSecretBytes = 32;  // 256 bits: far beyond guessing
constexpr std::size_t kIdChars = (kIdBytes * 8 + 4) / 5;
constexpr std::size_t kSecretChars = (kSecretBytes * 8 + 4) / 5;
constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz234567";  // RFC 4648 base32, lower case

using Hash = std::array<unsigned char, crypto_generichash_BYTES>;
static_assert(crypto_generichash_BYTES == 32, "crypto_verify_32 compares 32 bytes");

void ensure_sodium() {
  // sodium_init is thread-safe and idempotent; it fails only when no entropy source exists.
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

[[nodiscard]] std::string base32(std::span<const unsigned char> bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  unsigned buffer = 0;
  int bits = 0;
  for (const unsigned char byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kAlphabet[(buffer >> (bits - 5)) & 31u]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (5 - bits)) & 31u]);
  return out;
}

template <std::size_t N>
[[nodiscard]] std::string random_base32() {
  std::array<unsigned char, N> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::string text = base32(bytes);
  sodium_memzero(bytes.data(), bytes.size());
  return text;
}

[[nodiscard]] bool is_base32(std::string_view text) noexcept {
  return text.find_first_not_of(kAlphabet) == std::string_view::npos;
}

// The key's hash. An unsalted fast hash is right here, unlike for passwords: a key carries 256
// random bits, so no dictionary or precomputed table can cover it and a slow, salted hash
// would only add milliseconds to every request. BLAKE2b is preimage-resistant, so the stored
// hash gives nothing away.
[[nodiscard]] Hash hash_of(std::string_view key) {
  Hash hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(key.data()), key.size(),
                     nullptr, 0);
  return hash;
}

[[nodiscard]] std::optional<Hash> hash_from_hex(std::string_view hex) {
  Hash hash{};
  std::size_t length = 0;
  if (hex.size() != hash.size() * 2 ||
      sodium_hex2bin(hash.data(), hash.size(), hex.data(), hex.size(), nullptr, &length, nullptr) != 0 ||
      length != hash.size()) {
    return std::nullopt;
  }
  return hash;
}

}  // namespace

std::optional<std::string_view> api_key_id(std::string_view key) noexcept {
  if (key.size() != kPrefix.size() + kIdChars + 1 + kSecretChars || !key.starts_with(kPrefix)) return std::nullopt;
  const std::string_view id = key.substr(kPrefix.size(), kIdChars);
  const std::string_view secret = key.substr(kPrefix.size() + kIdChars + 1);
  if (key[kPrefix.size() + kIdChars] != '_' || !is_base32(id) || !is_base32(secret)) return std::nullopt;
  return id;
}

std::string api_key_hash(std::string_view key) {
  ensure_sodium();
  const Hash hash = hash_of(key);
  std::string hex(hash.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
  hex.pop_back();  // the terminating NUL
  return hex;
}

core::Result<NewApiKey> create_api_key(storage::ApiKeyRepository& keys, std::optional<core::UserId> user,
                                       std::string name, core::Timestamp now) {
  if (user && user->value() <= 0) {
    return core::fail(core::ErrorCode::kInvalidArgument, "user ids are positive integers");
  }
  ensure_sodium();
  std::string id = random_base32<kIdBytes>();
  std::string key = std::string(kPrefix) + id + "_" + random_base32<kSecretBytes>();
  storage::ApiKeyRecord record{.id = std::move(id),
                               .user_id = user,
                               .name = std::move(name),
                               .secret_hash = api_key_hash(key),
                               .created_at = now,
                               .revoked_at = std::nullopt};
  if (auto stored = keys.create(record); !stored) return std::unexpected(std::move(stored.error()));
  return NewApiKey{.record = std::move(record), .key = std::move(key)};
}

// What storage said about one key id, for a little while.
struct ApiKeyVerifier::Cache {
  struct Entry {
    std::optional<Hash> hash;  ///< nullopt: no usable key has this id (unknown or revoked)
    std::optional<core::UserId> user_id;
    std::chrono::steady_clock::time_point expires;
  };
  std::chrono::milliseconds ttl;
  std::size_t max_entries;
  Clock clock;
  std::shared_mutex mutex;
  std::unordered_map<std::string, Entry> entries;
};

ApiKeyVerifier::ApiKeyVerifier(storage::ApiKeyRepository& keys, std::chrono::milliseconds cache_ttl,
                               std::size_t max_cached_keys, Clock clock)
    : keys_(keys), cache_(std::make_unique<Cache>()) {
  ensure_sodium();
  cache_->ttl = cache_ttl;
  cache_->max_entries = std::max<std::size_t>(1, max_cached_keys);
  cache_->clock = clock ? std::move(clock) : Clock([] { return std::chrono::steady_clock::now(); });
}

ApiKeyVerifier::~ApiKeyVerifier() = default;

core::Result<std::optional<VerifiedKey>> ApiKeyVerifier::verify(std::string_view key) {
  const auto id = api_key_id(key);
  if (!id) return std::optional<VerifiedKey>{};
  const auto now = cache_->clock();
  std::optional<Cache::Entry> entry;
  {
    std::shared_lock lock(cache_->mutex);
    // A heterogeneous find needs C++20's transparent unordered_map, which g++ 12 has only for
    // a custom hash; one short string per request costs less than a database round trip.
    const auto found = cache_->entries.find(std::string(*id));
    if (found != cache_->entries.end() && found->second.expires > now) entry = found->second;
  }
  if (!entry) {
    auto stored = keys_.find(*id);
    if (!stored) {
      // The caller sees why in general words, never the driver's text (paths, SQL, hosts).
      const bool unavailable = stored.error().code == core::ErrorCode::kUnavailable;
      return core::fail(unavailable ? core::ErrorCode::kUnavailable : core::ErrorCode::kInternal,
                        unavailable ? "API keys cannot be checked: the database cannot be reached right now"
                                    : "API keys cannot be checked: the database reported an error");
    }
    Cache::Entry fresh{.hash = std::nullopt, .user_id = std::nullopt, .expires = now + cache_->ttl};
    if (*stored && !(*stored)->revoked_at) {
      fresh.hash = hash_from_hex((*stored)->secret_hash);
      fresh.user_id = (*stored)->user_id;
    }
    std::unique_lock lock(cache_->mutex);
    // Unknown ids are remembered too (a flood of made-up keys must not reach the database at
    // each request), so the map is bounded: when full it starts over.
    if (cache_->entries.size() >= cache_->max_entries) cache_->entries.clear();
    cache_->entries.insert_or_assign(std::string(*id), fresh);
    entry = fresh;
  }
  if (!entry->hash) return std::optional<VerifiedKey>{};
  const Hash presented = hash_of(key);
  if (crypto_verify_32(presented.data(), entry->hash->data()) != 0) return std::optional<VerifiedKey>{};
  return std::optional<VerifiedKey>(VerifiedKey{.key_id = std::string(*id), .user_id = entry->user_id});
}

}  // namespace finml::service
