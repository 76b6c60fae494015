#pragma once
/// @file finml/app/keys_command.hpp
/// `finml keys`: API keys, on the database DATABASE_URL names (the same settings as serve).
///   finml keys create --user ID [--name N]   a key acting for user ID
///   finml keys create --admin [--name N]     an admin key
///   finml keys list                          every key, without the keys themselves
///   finml keys revoke ID                     refused by running servers within 2 seconds
/// `create` prints one JSON object, {"id","key","user_id","admin","name","created_at"}: the only
/// time the key is shown. Streams are parameters, so the commands run in tests without a process.
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

#include <finml/storage/database.hpp>

namespace finml::app {

/// Exit codes of the keys commands.
inline constexpr int kKeysOk = 0;
inline constexpr int kKeysFailed = 1;      ///< storage failed, or revoke found no such key
inline constexpr int kKeysBadUsage = 2;    ///< neither or both of --user and --admin, a bad id

struct KeysCreateOptions {
  std::optional<std::int64_t> user;
  bool admin = false;
  std::string name;
};

[[nodiscard]] int run_keys_create(storage::Database& database, const KeysCreateOptions& options,
                                  std::ostream& out, std::ostream& err);
[[nodiscard]] int run_keys_list(storage::Database& database, std::ostream& out, std::ostream& err);
[[nodiscard]] int run_keys_revoke(storage::Database& database, const std::string& id, std::ostream& out,
                                  std::ostream& err);

}  // namespace finml::app
