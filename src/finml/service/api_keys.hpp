#pragma once
/// @file finml/service/api_keys.hpp
/// API keys: making them, and checking the ones callers present.
///
/// A key reads "fml_<id>_<secret>": <id> is 16 base32 characters (80 random bits) that find the
/// stored row, <secret> 52 base32 characters (256 random bits). Only a BLAKE2b-256 hash of the
/// whole key is stored, and it is compared in constant time. The key is shown once, when it is
/// made; nothing can show it again.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <finml/core/error.hpp>
#include <finml/core/ids.hpp>
#include <finml/core/timestamp.hpp>
#include <finml/storage/database.hpp>

namespace finml::service {

/// A key just made: the stored record, and the key itself (shown once).
struct NewApiKey {
  storage::ApiKeyRecord record;
  std::string key;
};

/// Makes and stores a key for `user`, or an admin key when `user` is nullopt.
[[nodiscard]] core::Result<NewApiKey> create_api_key(storage::ApiKeyRepository& keys,
                                                     std::optional<core::UserId> user, std::string name,
                                                     core::Timestamp now);

/// The id part of a well-formed key ("fml_<id>_<secret>"); nullopt for anything else.
[[nodiscard]] std::optional<std::string_view> api_key_id(std::string_view key) noexcept;

/// The hash stored for a key: BLAKE2b-256 of the whole key, in lower-case hex.
[[nodiscard]] std::string api_key_hash(std::string_view key);

/// Who a valid key belongs to.
struct VerifiedKey {
  std::string key_id;
  std::optional<core::UserId> user_id;  ///< nullopt: an admin key

  [[nodiscard]] bool admin() const noexcept { return !user_id.has_value(); }
};

/// Checks presented keys against storage, remembering what it read for `cache_ttl` so that
/// a request with a key costs a hash and a map look-up, not a database query. The price is
/// that a key revoked in the database is still accepted for up to `cache_ttl` by a process
/// that checked it just before. Safe to call from many threads at once.
class ApiKeyVerifier {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  explicit ApiKeyVerifier(storage::ApiKeyRepository& keys,
                          std::chrono::milliseconds cache_ttl = std::chrono::seconds(2),
                          std::size_t max_cached_keys = 10'000, Clock clock = {});
  ~ApiKeyVerifier();
  ApiKeyVerifier(const ApiKeyVerifier&) = delete;
  ApiKeyVerifier& operator=(const ApiKeyVerifier&) = delete;

  /// The key's owner; nullopt when the key is malformed, unknown, wrong or revoked. Fails
  /// (kUnavailable) only when storage cannot answer.
  [[nodiscard]] core::Result<std::optional<VerifiedKey>> verify(std::string_view key);

 private:
  struct Cache;
  storage::ApiKeyRepository& keys_;
  std::unique_ptr<Cache> cache_;
};

}  // namespace finml::service
