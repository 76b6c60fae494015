#include <finml/app/keys_command.hpp>

#include <chrono>
#include <ostream>

#include <finml/http/json/auth_json.hpp>
#include <finml/service/api_keys.hpp>

namespace finml::app {
namespace {

[[nodiscard]] core::Timestamp now() {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

}  // namespace

int run_keys_create(storage::Database& database, const KeysCreateOptions& options, std::ostream& out,
                    std::ostream& err) {
  if (options.admin == options.user.has_value()) {
    err << "finml keys create: give exactly one of --user ID and --admin\n";
    return kKeysBadUsage;
  }
  if (options.user && *options.user <= 0) {
    err << "finml keys create: --user must be a positive integer\n";
    return kKeysBadUsage;
  }
  const std::optional<core::UserId> user =
      options.user ? std::optional(core::UserId(*options.user)) : std::nullopt;
  const auto created = service::create_api_key(database.api_keys(), user, options.name, now());
  if (!created) {
    err << "finml keys create: " << created.error().message << "\n";
    return kKeysFailed;
  }
  out << http::json::write_new_api_key(created->record, created->key) << "\n";
  return kKeysOk;
}

int run_keys_list(storage::Database& database, std::ostream& out, std::ostream& err) {
  const auto keys = database.api_keys().list();
  if (!keys) {
    err << "finml keys list: " << keys.error().message << "\n";
    return kKeysFailed;
  }
  out << http::json::write_api_key_list(*keys) << "\n";
  return kKeysOk;
}

int run_keys_revoke(storage::Database& database, const std::string& id, std::ostream& out, std::ostream& err) {
  const auto revoked = database.api_keys().revoke(id, now());
  if (!revoked) {
    err << "finml keys revoke: " << revoked.error().message << "\n";
    return kKeysFailed;
  }
  if (!*revoked) {
    err << "finml keys revoke: there is no key " << id << "\n";
    return kKeysFailed;
  }
  out << "revoked " << id << "\n";
  return kKeysOk;
}

}  // namespace finml::app
