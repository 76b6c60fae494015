#pragma once
/// @file finml/storage/sqlite/sql.hpp
/// Every statement the SQLite adapter runs. Parameters are numbered (?1, ?2, ...); instants are
/// bound as fixed-width UTC text and dates as "YYYY-MM-DD", so comparing text compares time.
#include <string_view>

namespace finml::storage::sqlite::sql {

// Connection setup. synchronous=FULL fsyncs the WAL at every commit: no committed write is lost
// on power failure (NORMAL may lose the last ones).
inline constexpr std::string_view kEnableForeignKeys = "PRAGMA foreign_keys = ON";
inline constexpr std::string_view kSynchronousFull = "PRAGMA synchronous = FULL";
/// Page cache per connection, in KiB (negative): SQLite's default 2 MiB spilled a large import's
/// index pages to the WAL again and again. Only pages actually read or written take memory.
inline constexpr std::string_view kCacheSize = "PRAGMA cache_size = -65536";
inline constexpr std::string_view kJournalModeWal = "PRAGMA journal_mode = WAL";
/// The page size of a new database file (a no-op on an existing one; issue 7, helper C): 16 KiB
/// pages made a 1,000,000-row import 10 % faster than 4 KiB ones (fewer pages, WAL frames and
/// writes), and a page of a user's transactions reads through the memory map anyway.
inline constexpr std::string_view kPageSize = "PRAGMA page_size = 16384";
/// Reads pages through a memory map of up to 1 GiB of the file rather than read() into each
/// connection's cache (issue 7, helper C: a page of a user's rows scattered over a 10,000,000-row
/// table reads a hundred pages; bench/README.md, "Users' data"). Writes still go through the WAL.
inline constexpr std::string_view kMmapSize = "PRAGMA mmap_size = 1073741824";

// Migrations.
inline constexpr std::string_view kCreateSchemaMigrations = R"~(
CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TEXT NOT NULL
))~";
inline constexpr std::string_view kSchemaVersion =
    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
inline constexpr std::string_view kMigrationApplied =
    "SELECT COUNT(*) FROM schema_migrations WHERE version = ?1";
inline constexpr std::string_view kRecordMigration =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)";

// The catalog: every table but SQLite's own, with its columns in declaration order. A primary
// key column counts as NOT NULL (SQLite would let a non-INTEGER one hold NULL, finml never does).
inline constexpr std::string_view kCatalog = R"~(
SELECT t.name, c.name, UPPER(c.type), c."notnull" = 0 AND c.pk = 0
FROM sqlite_master AS t
JOIN pragma_table_info(t.name) AS c
WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite\_%' ESCAPE '\'
ORDER BY t.name, c.cid)~";

inline constexpr std::string_view kPing = "SELECT 1";
inline constexpr std::string_view kRollback = "ROLLBACK";

// Users. ?2 is now.
inline constexpr std::string_view kEnsureUser = R"~(
INSERT INTO users (user_id, name, created_at, updated_at) VALUES (?1, '', ?2, ?2)
ON CONFLICT (user_id) DO NOTHING)~";
inline constexpr std::string_view kBumpDataVersion = R"~(
UPDATE users SET data_version = data_version + 1, updated_at = ?2 WHERE user_id = ?1)~";
inline constexpr std::string_view kFindUser = R"~(
SELECT user_id, name, email, data_version, created_at FROM users WHERE user_id = ?1)~";
inline constexpr std::string_view kDeleteUser = "DELETE FROM users WHERE user_id = ?1";

// Transactions.
inline constexpr std::string_view kInsertTransaction = R"~(
INSERT INTO transactions (user_id, account_id, amount_minor, currency, type, date, category,
                          description, note, external_id, created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11))~";
// Same parameters as kInsertTransaction. A row with the external_id of a stored row of the
// same user replaces that row's contents (not its id, account or created_at).
inline constexpr std::string_view kUpsertTransaction = R"~(
INSERT INTO transactions (user_id, account_id, amount_minor, currency, type, date, category,
                          description, note, external_id, created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)
ON CONFLICT (user_id, external_id) WHERE external_id IS NOT NULL DO UPDATE SET
  date = excluded.date,
  amount_minor = excluded.amount_minor,
  currency = excluded.currency,
  type = excluded.type,
  category = excluded.category,
  description = excluded.description,
  note = excluded.note,
  updated_at = excluded.updated_at
RETURNING id)~";
// Same parameters as kInsertTransaction. A row with the external_id of a stored row of the
// same user is not written and returns no id (insert_new).
inline constexpr std::string_view kInsertNewTransaction = R"~(
INSERT INTO transactions (user_id, account_id, amount_minor, currency, type, date, category,
                          description, note, external_id, created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)
ON CONFLICT (user_id, external_id) WHERE external_id IS NOT NULL DO NOTHING
RETURNING id)~";
// Same parameters as kInsertTransaction, without RETURNING: the import's loop reads
// sqlite3_changes() (0: skipped) and the last rowid instead.
inline constexpr std::string_view kInsertNewTransactionNoReturn = R"~(
INSERT INTO transactions (user_id, account_id, amount_minor, currency, type, date, category,
                          description, note, external_id, created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)
ON CONFLICT (user_id, external_id) WHERE external_id IS NOT NULL DO NOTHING)~";
inline constexpr std::string_view kTransactionCursorDate = R"~(
SELECT date FROM transactions WHERE id = ?1 AND user_id = ?2)~";
// ?2/?3: inclusive date bounds or NULL; ?4/?5: the keyset cursor (date, id) or NULL;
// ?6: the row limit, -1 for none; ?7..?12 (NULL: no filter)
// ?2 is not used: the adapter folds the lower date bound and the cursor into one keyset bound
// (?4, ?5) = the greater of (from, 0) and (cursor date, cursor id), ('', 0) for none, so that
// SQLite searches the index (user_id, date, id) from there rather than scanning from the start
// (with two lower bounds, or "?n IS NULL OR", it scanned: 6 ms for a late page of 100,000 rows
// against 0.1 ms): type, category (ASCII
// case-insensitive), account, min and max amount_minor, text in description, note or category.
inline constexpr std::string_view kListTransactions = R"~(
SELECT id, date, amount_minor, currency, type, category, description, note, account_id,
       external_id
FROM transactions
WHERE user_id = ?1
  AND (date, id) > (?4, ?5)
  AND date <= coalesce(?3, '9999-12-31')
  AND (?7 IS NULL OR type = ?7)
  AND (?8 IS NULL OR lower(category) = lower(?8))
  AND (?9 IS NULL OR account_id = ?9)
  AND (?10 IS NULL OR amount_minor >= ?10)
  AND (?11 IS NULL OR amount_minor <= ?11)
  AND (?12 IS NULL OR instr(lower(description), lower(?12)) > 0
       OR instr(lower(note), lower(?12)) > 0 OR instr(lower(category), lower(?12)) > 0)
ORDER BY date, id
LIMIT ?6)~";
// The transactions resource (issue 7, helper T).
inline constexpr std::string_view kFindTransaction = R"~(
SELECT id, date, amount_minor, currency, type, category, description, note, account_id,
       external_id
FROM transactions WHERE user_id = ?1 AND id = ?2)~";
// The parameters of kInsertTransaction (its ?10, external_id, is kept as stored), and ?12 the id.
inline constexpr std::string_view kUpdateTransaction = R"~(
UPDATE transactions SET account_id = ?2, amount_minor = ?3, currency = ?4, type = ?5, date = ?6,
  category = ?7, description = ?8, note = ?9, updated_at = ?11
WHERE user_id = ?1 AND id = ?12)~";
inline constexpr std::string_view kDeleteTransaction =
    "DELETE FROM transactions WHERE user_id = ?1 AND id = ?2";
// Idempotency-Key (issue 7, helper T).
inline constexpr std::string_view kDeleteExpiredIdempotencyKey = R"~(
DELETE FROM idempotency_keys WHERE user_id = ?1 AND idempotency_key = ?2
  AND (created_at < ?3 OR (status_code = 0 AND created_at < ?4)))~";
inline constexpr std::string_view kClaimIdempotencyKey = R"~(
INSERT INTO idempotency_keys (user_id, idempotency_key, request_digest, created_at)
VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (user_id, idempotency_key) DO NOTHING)~";
inline constexpr std::string_view kFindIdempotencyKey = R"~(
SELECT request_digest, status_code, location, response_body, created_at
FROM idempotency_keys WHERE user_id = ?1 AND idempotency_key = ?2)~";
inline constexpr std::string_view kCompleteIdempotencyKey = R"~(
UPDATE idempotency_keys SET status_code = ?3, location = ?4, response_body = ?5
WHERE user_id = ?1 AND idempotency_key = ?2)~";
inline constexpr std::string_view kReleaseIdempotencyKey =
    "DELETE FROM idempotency_keys WHERE user_id = ?1 AND idempotency_key = ?2";
inline constexpr std::string_view kCountTransactions =
    "SELECT COUNT(*) FROM transactions WHERE user_id = ?1";

// Health scores.
inline constexpr std::string_view kInsertHealthScore = R"~(
INSERT INTO financial_health_history (user_id, score, savings_rate_score,
                                      expense_consistency_score, emergency_fund_score,
                                      debt_ratio_score, goal_progress_score, grade,
                                      recommendations, calculated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10))~";
inline constexpr std::string_view kHealthScoresSince = R"~(
SELECT id, user_id, score, grade, savings_rate_score, expense_consistency_score,
       emergency_fund_score, debt_ratio_score, goal_progress_score, recommendations,
       calculated_at
FROM financial_health_history
WHERE user_id = ?1 AND calculated_at >= ?2
ORDER BY calculated_at, id)~";
inline constexpr std::string_view kLatestHealthScore = R"~(
SELECT id, user_id, score, grade, savings_rate_score, expense_consistency_score,
       emergency_fund_score, debt_ratio_score, goal_progress_score, recommendations,
       calculated_at
FROM financial_health_history
WHERE user_id = ?1
ORDER BY calculated_at DESC, id DESC
LIMIT 1)~";
inline constexpr std::string_view kLatestScoresOfAllUsers = R"~(
SELECT score FROM (
  SELECT user_id, score,
         ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY calculated_at DESC, id DESC) AS recency
  FROM financial_health_history
)
WHERE recency = 1
ORDER BY user_id)~";

// Model parameters. The row keeps its id and created_at when it is replaced.
inline constexpr std::string_view kUpsertModelParameters = R"~(
INSERT INTO model_parameters (user_id, model_type, target_table, slope, intercept, parameters,
                              last_trained_date, created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
ON CONFLICT (user_id, model_type, target_table) DO UPDATE SET
  slope = excluded.slope,
  intercept = excluded.intercept,
  parameters = excluded.parameters,
  last_trained_date = excluded.last_trained_date,
  updated_at = excluded.updated_at
RETURNING id)~";
inline constexpr std::string_view kFindModelParameters = R"~(
SELECT id, user_id, model_type, target_table, slope, intercept, parameters, last_trained_date,
       updated_at
FROM model_parameters
WHERE user_id = ?1 AND model_type = ?2 AND target_table = ?3)~";
inline constexpr std::string_view kListModelParameters = R"~(
SELECT id, user_id, model_type, target_table, slope, intercept, parameters, last_trained_date,
       updated_at
FROM model_parameters
WHERE user_id = ?1
ORDER BY model_type, target_table, id)~";

// Latest insights: one row per user, replaced by each computation.
inline constexpr std::string_view kSaveLatestInsights = R"~(
INSERT INTO latest_insights (user_id, insights, computed_at) VALUES (?1, ?2, ?3)
ON CONFLICT (user_id) DO UPDATE SET
  insights = excluded.insights,
  computed_at = excluded.computed_at)~";
inline constexpr std::string_view kLatestInsights =
    "SELECT user_id, insights, computed_at FROM latest_insights WHERE user_id = ?1";

// API keys. Only hashes are stored; revoked_at is set once.
inline constexpr std::string_view kInsertApiKey = R"~(
INSERT INTO api_keys (key_id, user_id, name, secret_hash, created_at, revoked_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6))~";
inline constexpr std::string_view kFindApiKey = R"~(
SELECT key_id, user_id, name, secret_hash, created_at, revoked_at FROM api_keys WHERE key_id = ?1)~";
inline constexpr std::string_view kListApiKeys = R"~(
SELECT key_id, user_id, name, secret_hash, created_at, revoked_at FROM api_keys
ORDER BY created_at, key_id)~";
inline constexpr std::string_view kRevokeApiKey = R"~(
UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?2) WHERE key_id = ?1)~";

// --- category overrides (issue 7, helper K): byte order of match_text ---
inline constexpr std::string_view kListCategoryOverrides = R"~(
SELECT match_text, category FROM category_overrides WHERE user_id = ?1 ORDER BY match_text)~";
inline constexpr std::string_view kDeleteCategoryOverrides =
    "DELETE FROM category_overrides WHERE user_id = ?1";
inline constexpr std::string_view kInsertCategoryOverride = R"~(
INSERT INTO category_overrides (user_id, match_text, category) VALUES (?1, ?2, ?3))~";
// --- end category overrides ---

}  // namespace finml::storage::sqlite::sql
