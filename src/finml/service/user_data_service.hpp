#pragma once
/// @file finml/service/user_data_service.hpp
/// A user's stored data as REST resources (issue 7): transactions read, listed with filters and
/// cursor pages, created one at a time or in bulk (all or nothing), replaced and removed; the
/// user removed with everything of theirs; and Idempotency-Key for the POSTs that create.
///
/// Another user's row is never revealed: asking for it is kNotFound, as for a row that does
/// not exist.
#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <finml/core/error.hpp>
#include <finml/core/function_ref.hpp>
#include <finml/core/timestamp.hpp>
#include <finml/core/transaction.hpp>
#include <finml/service/write_precondition.hpp>
#include <finml/storage/database.hpp>

namespace finml::service {

inline constexpr std::size_t kDefaultPageSize = 100;
inline constexpr std::size_t kMaxPageSize = 1000;
/// The most transactions one bulk create takes.
inline constexpr std::size_t kMaxBulkTransactions = 100'000;
/// How long an Idempotency-Key is remembered.
inline constexpr std::chrono::hours kIdempotencyKeyLifetime{24};
/// How long a claimed key may stay unanswered before it is taken as abandoned (the process
/// answering it died) and may be claimed again.
inline constexpr std::chrono::seconds kAbandonedClaimAfter{60};

/// The position after the last row of a page: the keyset (date, id) of that row.
struct TransactionCursor {
  core::Date date;
  core::TransactionId id;
};

/// The cursor as an opaque URL-safe token, and back (nullopt for a token not made here).
[[nodiscard]] std::string encode_cursor(const TransactionCursor& cursor);
[[nodiscard]] std::optional<TransactionCursor> decode_cursor(std::string_view token);

struct TransactionPage {
  std::vector<core::Transaction> items;
  std::optional<TransactionCursor> next;  ///< nullopt: this was the last page
};

/// One page of the user's transactions matching `filter` (its `after`, `after_date` and
/// `limit` are replaced), in (date, id) order after `cursor`. `limit` must be 1..kMaxPageSize.
[[nodiscard]] core::Result<TransactionPage> list_transactions(storage::Database& db, core::UserId user,
                                                              storage::TransactionQuery filter,
                                                              const std::optional<TransactionCursor>& cursor,
                                                              std::size_t limit);

/// The user's transaction; kNotFound when the user has none with that id.
[[nodiscard]] core::Result<core::Transaction> get_transaction(storage::Database& db, core::UserId user,
                                                              core::TransactionId id);

/// Stores rows (all or none), creating the user when needed; returns them with their ids.
/// More than kMaxBulkTransactions is kValidation; a row whose external_id the user already
/// has is kConflict.
[[nodiscard]] core::Result<std::vector<core::Transaction>> create_transactions(storage::Database& db,
                                                                               core::UserId user,
                                                                               std::vector<core::Transaction> rows);

/// Replaces the user's row `row.id` (its external_id is kept); kNotFound when there is none,
/// or the precondition's error when the stored row does not meet it (nothing is changed).
[[nodiscard]] core::Result<core::Transaction> replace_transaction(
    storage::Database& db, core::UserId user, core::Transaction row,
    const WritePrecondition<core::Transaction>& precondition = {});

/// The members a PATCH changes; the others keep their stored values.
struct TransactionPatch {
  std::optional<core::Date> date{};
  std::optional<std::string> amount{};  ///< decimal text, read in the (new) currency
  std::optional<core::Currency> currency{};
  std::optional<core::TransactionType> type{};
  std::optional<std::string> category{};
  std::optional<std::string> description{};
  std::optional<std::string> note{};
};

/// Applies `patch` to the user's row `id`; kNotFound when there is none, kValidation
/// ("$.amount") when the amount does not fit the currency, the precondition's error when the
/// stored row does not meet it.
[[nodiscard]] core::Result<core::Transaction> patch_transaction(
    storage::Database& db, core::UserId user, core::TransactionId id, const TransactionPatch& patch,
    const WritePrecondition<core::Transaction>& precondition = {});

/// Removes the user's row; kNotFound when there is none, the precondition's error when the
/// stored row does not meet it (nothing is removed).
[[nodiscard]] core::Result<void> delete_transaction(storage::Database& db, core::UserId user, core::TransactionId id,
                                                    const WritePrecondition<core::Transaction>& precondition = {});

/// Removes the user and everything of theirs; kNotFound when there is no such user.
[[nodiscard]] core::Result<void> delete_user(storage::Database& db, core::UserId user);

/// An answer as it is sent, and kept for an Idempotency-Key.
struct StoredAnswer {
  int status = 200;
  std::string location;  ///< empty: no Location header
  std::string body;
  bool replayed = false;  ///< true when it is the kept answer of an earlier request
};

/// A digest of what makes two requests "the same" for Idempotency-Key: method, path, body.
[[nodiscard]] std::string request_digest(std::string_view method, std::string_view path, std::string_view body);

/// Runs `create` at most once per (user, key) within kIdempotencyKeyLifetime of `now`:
/// the first request claims the key and its answer is kept; the same key with the same
/// digest gets that answer again (replayed) without running `create`; with another digest,
/// or while the first request is still being answered, kConflict. A claim left unanswered for
/// kAbandonedClaimAfter (its process was killed) is abandoned: the next request runs `create`. When `create` fails the
/// key is released, so that a corrected retry may use it. Without a key, just runs `create`.
[[nodiscard]] core::Result<StoredAnswer> run_idempotent(storage::Database& db, core::UserId user,
                                                        const std::optional<std::string>& key,
                                                        const std::string& digest, core::Timestamp now,
                                                        core::FunctionRef<core::Result<StoredAnswer>()> create);

}  // namespace finml::service
