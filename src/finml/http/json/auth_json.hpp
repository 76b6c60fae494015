#pragma once
/// @file finml/http/json/auth_json.hpp
/// What the authorization middleware reads of a request body, and what `finml keys` prints.
#include <string>
#include <vector>

#include <finml/core/ids.hpp>
#include <finml/storage/database.hpp>

namespace finml::http::json {

/// The user ids a body names where the handlers read one: each top-level "user_id" member
/// (duplicates included), read as the handlers read it (42, "42" and 42.0 are user 42). A value
/// that is not a user id, and a body that is not a JSON object, name none: the handler answers
/// those with 422 or 400 itself. No reader takes a user id from anywhere else in a body (the
/// client's transactions and goals carry none), so nothing else can name another user.
[[nodiscard]] std::vector<core::UserId> user_ids_in_body(const std::string& body);

/// One key as `finml keys create` prints it: {"id","key","user_id","admin","name","created_at"}.
/// The only place a key is ever written out.
[[nodiscard]] std::string write_new_api_key(const storage::ApiKeyRecord& record, const std::string& key);

/// Every key as `finml keys list` prints it: an array of {"id","user_id","admin","name",
/// "created_at","revoked_at"}, without keys or hashes.
[[nodiscard]] std::string write_api_key_list(const std::vector<storage::ApiKeyRecord>& records);

}  // namespace finml::http::json
