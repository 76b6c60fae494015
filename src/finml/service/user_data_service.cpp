#include <finml/service/user_data_service.hpp>

#include <sodium.h>

#include <array>
#include <charconv>
#include <utility>

#include <finml/service/base64url.hpp>

namespace finml::service {
namespace {

constexpr std::string_view kCursorPrefix = "t1:";

core::Result<void> missing_transaction(core::TransactionId id) {
  return core::fail(core::ErrorCode::kNotFound, "Transaction " + std::to_string(id.value()) + " not found");
}

}  // namespace

std::string encode_cursor(const TransactionCursor& cursor) {
  return to_base64url(std::string(kCursorPrefix) + cursor.date.to_string() + ":" + std::to_string(cursor.id.value()));
}

std::optional<TransactionCursor> decode_cursor(std::string_view token) {
  if (token.size() > 64) return std::nullopt;
  const auto text = from_base64url(token);
  if (!text || !text->starts_with(kCursorPrefix)) return std::nullopt;
  const std::string_view rest = std::string_view(*text).substr(kCursorPrefix.size());
  const auto colon = rest.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto date = core::Date::parse_iso(rest.substr(0, colon));
  const std::string_view id_text = rest.substr(colon + 1);
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (!date || id_text.empty() || error != std::errc{} || end != id_text.data() + id_text.size() || id <= 0) {
    return std::nullopt;
  }
  return TransactionCursor{*date, core::TransactionId(id)};
}

core::Result<TransactionPage> list_transactions(storage::Database& db, core::UserId user,
                                                storage::TransactionQuery filter,
                                                const std::optional<TransactionCursor>& cursor, std::size_t limit) {
  filter.after = cursor ? std::optional(cursor->id) : std::nullopt;
  filter.after_date = cursor ? std::optional(cursor->date) : std::nullopt;
  filter.limit = limit + 1;  // one more tells whether another page follows
  auto rows = db.transactions().list(user, filter);
  if (!rows) return std::unexpected(std::move(rows.error()));
  TransactionPage page;
  if (rows->size() > limit) {
    rows->erase(rows->begin() + static_cast<std::ptrdiff_t>(limit), rows->end());
    page.next = TransactionCursor{rows->back().date, rows->back().id};
  }
  page.items = std::move(*rows);
  return page;
}

core::Result<core::Transaction> get_transaction(storage::Database& db, core::UserId user, core::TransactionId id) {
  auto found = db.transactions().find(user, id);
  if (!found) return std::unexpected(std::move(found.error()));
  if (!found->has_value()) return std::unexpected(missing_transaction(id).error());
  return std::move(**found);
}

core::Result<std::vector<core::Transaction>> create_transactions(storage::Database& db, core::UserId user,
                                                                 std::vector<core::Transaction> rows) {
  if (rows.size() > kMaxBulkTransactions) {
    return core::fail_validation({{"$.transactions",
                                   "must hold at most " + std::to_string(kMaxBulkTransactions) +
                                       " transactions, not " + std::to_string(rows.size()),
                                   "value_error"}});
  }
  auto ids = db.transactions().insert(user, rows);
  if (!ids) {
    if (ids.error().code == core::ErrorCode::kConflict) {
      return core::fail(core::ErrorCode::kConflict,
                        "A transaction with the same id (external_id) is stored for this user already; "
                        "nothing was created");
    }
    return std::unexpected(std::move(ids.error()));
  }
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].id = (*ids)[i];
  return rows;
}

core::Result<core::Transaction> replace_transaction(storage::Database& db, core::UserId user, core::Transaction row,
                                                    const WritePrecondition<core::Transaction>& precondition) {
  const auto replace = [&](core::Transaction& stored) -> core::Result<void> {
    if (auto met = check(precondition, stored); !met) return met;
    core::Transaction next = row;  // a copy: a retried database transaction calls this again
    next.id = stored.id;           // the stored row's id and external_id stay
    next.external_id = std::move(stored.external_id);
    stored = std::move(next);
    return {};
  };
  const core::TransactionId id = row.id;
  auto stored = db.transactions().modify(user, id, replace);
  if (!stored) return std::unexpected(std::move(stored.error()));
  if (!stored->has_value()) return std::unexpected(missing_transaction(id).error());
  return std::move(**stored);
}

core::Result<core::Transaction> patch_transaction(storage::Database& db, core::UserId user, core::TransactionId id,
                                                  const TransactionPatch& patch,
                                                  const WritePrecondition<core::Transaction>& precondition) {
  // The read, the change and the write in one database transaction with the row locked:
  // concurrent PATCHes of different members of one row all survive (issue 7).
  const auto apply = [&patch, &precondition](core::Transaction& row) -> core::Result<void> {
    if (auto met = check(precondition, row); !met) return met;
    const core::Currency currency = patch.currency.value_or(row.amount.currency());
    if (patch.amount) {
      auto amount = core::Money::parse(*patch.amount, currency);
      if (!amount) {
        return core::fail_validation({{"$.amount", "must be an amount: " + amount.error().message, "value_error"}});
      }
      row.amount = *amount;
    } else if (currency != row.amount.currency()) {
      // The same decimal amount in the new currency (its minor unit may differ).
      auto amount = core::Money::parse(row.amount.to_decimal_string(), currency);
      if (!amount) {
        return core::fail_validation(
            {{"$.currency", "the stored amount does not fit it: " + amount.error().message, "value_error"}});
      }
      row.amount = *amount;
    }
    if (patch.date) row.date = *patch.date;
    if (patch.type) row.type = *patch.type;
    if (patch.category) row.category = *patch.category;
    if (patch.description) row.description = *patch.description;
    if (patch.note) row.note = *patch.note;
    return {};
  };
  auto stored = db.transactions().modify(user, id, apply);
  if (!stored) return std::unexpected(std::move(stored.error()));
  if (!stored->has_value()) return std::unexpected(missing_transaction(id).error());
  return std::move(**stored);
}

core::Result<void> delete_transaction(storage::Database& db, core::UserId user, core::TransactionId id,
                                      const WritePrecondition<core::Transaction>& precondition) {
  auto removed = db.transactions().remove_if(
      user, id, [&precondition](const core::Transaction& stored) { return check(precondition, stored); });
  if (!removed) return std::unexpected(std::move(removed.error()));
  if (!*removed) return missing_transaction(id);
  return {};
}

core::Result<void> delete_user(storage::Database& db, core::UserId user) {
  auto removed = db.users().remove(user);
  if (!removed) return std::unexpected(std::move(removed.error()));
  if (!*removed) return core::fail(core::ErrorCode::kNotFound, "User " + std::to_string(user.value()) + " not found");
  return {};
}

std::string request_digest(std::string_view method, std::string_view path, std::string_view body) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, crypto_generichash_BYTES);
  const auto update = [&state](std::string_view part) {
    const std::string length = std::to_string(part.size()) + ":";
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(length.data()), length.size());
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(part.data()), part.size());
  };
  update(method);
  update(path);
  update(body);
  std::array<unsigned char, crypto_generichash_BYTES> hash{};
  crypto_generichash_final(&state, hash.data(), hash.size());
  std::array<char, crypto_generichash_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
  return std::string(hex.data(), hash.size() * 2);
}

core::Result<StoredAnswer> run_idempotent(storage::Database& db, core::UserId user,
                                          const std::optional<std::string>& key, const std::string& digest,
                                          core::Timestamp now, core::FunctionRef<core::Result<StoredAnswer>()> create) {
  if (!key) return create();
  storage::IdempotencyRecord record{.user_id = user, .key = *key, .request_digest = digest, .created_at = now};
  auto held = db.idempotency_keys().claim(record, now - kIdempotencyKeyLifetime, now - kAbandonedClaimAfter);
  if (!held) return std::unexpected(std::move(held.error()));
  if (held->has_value()) {
    const storage::IdempotencyRecord& first = **held;
    if (first.request_digest != digest) {
      return core::fail(core::ErrorCode::kConflict,
                        "Idempotency-Key '" + key->substr(0, 64) +
                            "' was used with a different request; use a new key for a new request");
    }
    if (first.status == 0) {
      return core::fail(core::ErrorCode::kConflict,
                        "The request with Idempotency-Key '" + key->substr(0, 64) +
                            "' is still being answered; retry later");
    }
    return StoredAnswer{.status = first.status, .location = first.location, .body = first.response_body,
                        .replayed = true};
  }
  auto answer = create();
  if (!answer) {
    // Nothing was created: let a corrected retry use the key. A failure to release leaves
    // the key pending until it expires; the create's error is the one to report.
    static_cast<void>(db.idempotency_keys().release(user, *key));
    return answer;
  }
  record.status = answer->status;
  record.location = answer->location;
  record.response_body = answer->body;
  // The rows are stored: answer them even when keeping the answer fails (the key then stays
  // claimed, and a retry gets 409 until it expires, never a second create).
  static_cast<void>(db.idempotency_keys().complete(record));
  return answer;
}

}  // namespace finml::service
