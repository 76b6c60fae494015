#pragma once
/// @file finml/storage/postgres/sql.hpp
/// Every statement the PostgreSQL adapter runs. Parameters ($1, $2, ...) travel as text;
/// where the server could not infer a parameter's type from its use, the SQL casts it.
#include <string_view>

namespace finml::storage::postgres::sql {

// Session setup, run on every new or reset connection: instants come back as
// "2026-11-24 10:15:30.123456+00" and dates as "2026-11-24", which the core parsers read.
inline constexpr std::string_view kSetTimeZoneUtc = "SET TIME ZONE 'UTC'";
inline constexpr std::string_view kSetDateStyleIso = "SET DateStyle = 'ISO, YMD'";

// Migrations. The advisory lock serialises finml instances that start together; it is
// released with the transaction.
inline constexpr std::string_view kLockMigrations = "SELECT pg_advisory_xact_lock($1::bigint)";
inline constexpr std::string_view kCreateSchemaMigrations = R"~(
CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL
))~";
inline constexpr std::string_view kSchemaVersion =
    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
inline constexpr std::string_view kMigrationApplied =
    "SELECT COUNT(*) FROM schema_migrations WHERE version = $1";
inline constexpr std::string_view kRecordMigration =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())";

// The catalog: the base tables of the session's schema (where the migrations create theirs),
// with their columns in declaration order; the C collation sorts names as bytes, as SQLite does.
inline constexpr std::string_view kCatalog = R"~(
SELECT c.table_name, c.column_name, UPPER(c.data_type), c.is_nullable = 'YES'
FROM information_schema.columns AS c
JOIN information_schema.tables AS t
  ON t.table_schema = c.table_schema AND t.table_name = c.table_name
WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
ORDER BY c.table_name COLLATE "C", c.ordinal_position)~";

inline constexpr std::string_view kPing = "SELECT 1";
inline constexpr std::string_view kBegin = "BEGIN";
inline constexpr std::string_view kCommit = "COMMIT";
inline constexpr std::string_view kRollback = "ROLLBACK";

// Users. $2 is now.
inline constexpr std::string_view kEnsureUser = R"~(
INSERT INTO users (user_id, name, created_at, updated_at) VALUES ($1, '', $2, $2)
ON CONFLICT (user_id) DO NOTHING)~";
inline constexpr std::string_view kBumpDataVersion = R"~(
UPDATE users SET data_version = data_version + 1, updated_at = $2 WHERE user_id = $1)~";
inline constexpr std::string_view kFindUser = R"~(
SELECT user_id, name, email, data_version, created_at FROM users WHERE user_id = $1)~";
inline constexpr std::string_view kDeleteUser = "DELETE FROM users WHERE user_id = $1";

// Transactions. Batched writes (postgres_repositories.cpp builds the VALUES list): $1 is the
// user, $2 now, and each row brings 9 parameters in kBatchTransactionColumns' order after them.
inline constexpr std::string_view kBatchInsertTransactionsHead = R"~(
INSERT INTO transactions (user_id, created_at, updated_at, account_id, amount_minor, currency,
                          type, date, category, description, note, external_id)
VALUES )~";
inline constexpr int kBatchTransactionColumns = 9;
// Appended for upserts: a row with the external_id of a stored row of the same user replaces
// that row's contents (not its id, account or created_at).
inline constexpr std::string_view kBatchUpsertTransactionsConflict = R"~(
ON CONFLICT (user_id, external_id) WHERE external_id IS NOT NULL DO UPDATE SET
  date = EXCLUDED.date,
  amount_minor = EXCLUDED.amount_minor,
  currency = EXCLUDED.currency,
  type = EXCLUDED.type,
  category = EXCLUDED.category,
  description = EXCLUDED.description,
  note = EXCLUDED.note,
  updated_at = EXCLUDED.updated_at)~";
// Appended for insert_new (imports): a row with the external_id of a stored row of the same user
// is not written, and RETURNING leaves it out.
inline constexpr std::string_view kBatchInsertNewTransactionsConflict =
    "\nON CONFLICT (user_id, external_id) WHERE external_id IS NOT NULL DO NOTHING";
inline constexpr std::string_view kBatchTransactionsReturning = "\nRETURNING id, external_id";
// insert_new() of many rows, an import's (issue 7, helper C): the rows sent by COPY into a
// temporary table with their position, then one INSERT ... SELECT in that order, which skips
// external_ids the user has (or an earlier row of the call took) and returns the ids written
// (the identity grows in that order) with their external_id. bench/README.md, "Users' data".
inline constexpr std::string_view kCreateImportRows = R"~(
CREATE TEMPORARY TABLE finml_import_rows (
  ord bigint NOT NULL, account_id bigint, amount_minor bigint NOT NULL, currency text NOT NULL,
  type text NOT NULL, date date NOT NULL, category text NOT NULL, description text NOT NULL,
  note text NOT NULL, external_id text
) ON COMMIT DROP)~";
inline constexpr std::string_view kCopyImportRows = R"~(
COPY finml_import_rows (ord, account_id, amount_minor, currency, type, date, category, description,
                        note, external_id) FROM STDIN)~";
inline constexpr std::string_view kInsertImportRows = R"~(
INSERT INTO transactions (user_id, account_id, amount_minor, currency, type, date, category,
                          description, note, external_id, created_at, updated_at)
SELECT $1::bigint, account_id, amount_minor, currency, type, date, category, description, note,
       external_id, $2::timestamptz, $2::timestamptz
FROM finml_import_rows ORDER BY ord
ON CONFLICT (user_id, external_id) WHERE external_id IS NOT NULL DO NOTHING
RETURNING id, external_id)~";
inline constexpr std::string_view kTransactionCursorDate = R"~(
SELECT date FROM transactions WHERE id = $1 AND user_id = $2)~";
// $2/$3: inclusive date bounds or NULL; $4/$5: the keyset cursor (date, id) or NULL;
// $6: the row limit, NULL for none; $7..$12 (NULL: no filter): type, category (lower()),
// account, min and max amount_minor, text in description, note or category. Bounds and cursor
// are written without "$n IS NULL OR", so that the index (user_id, date, id) is searched from
// the cursor on rather than scanned from the start.
inline constexpr std::string_view kListTransactions = R"~(
SELECT id, date, amount_minor, currency, type, category, description, note, account_id,
       external_id
FROM transactions
WHERE user_id = $1
  AND date >= coalesce($2::date, '-infinity'::date)
  AND date <= coalesce($3::date, 'infinity'::date)
  AND (date, id) > (coalesce($4::date, '-infinity'::date), coalesce($5::bigint, 0))
  AND ($7::text IS NULL OR type = $7::text)
  AND ($8::text IS NULL OR lower(category) = lower($8::text))
  AND ($9::bigint IS NULL OR account_id = $9::bigint)
  AND ($10::bigint IS NULL OR amount_minor >= $10::bigint)
  AND ($11::bigint IS NULL OR amount_minor <= $11::bigint)
  AND ($12::text IS NULL OR strpos(lower(description), lower($12::text)) > 0
       OR strpos(lower(note), lower($12::text)) > 0
       OR strpos(lower(category), lower($12::text)) > 0)
ORDER BY date, id
LIMIT $6::bigint)~";
// The transactions resource (issue 7, helper T).
inline constexpr std::string_view kFindTransaction = R"~(
SELECT id, date, amount_minor, currency, type, category, description, note, account_id,
       external_id
FROM transactions WHERE user_id = $1 AND id = $2)~";
// modify() (issue 7, helper C): the row locked until the commit.
inline constexpr std::string_view kFindTransactionForUpdate = R"~(
SELECT id, date, amount_minor, currency, type, category, description, note, account_id,
       external_id
FROM transactions WHERE user_id = $1 AND id = $2 FOR UPDATE)~";
inline constexpr std::string_view kUpdateTransaction = R"~(
UPDATE transactions SET account_id = $3::bigint, amount_minor = $4, currency = $5, type = $6,
  date = $7::date, category = $8, description = $9, note = $10, updated_at = $11
WHERE user_id = $1 AND id = $2)~";
inline constexpr std::string_view kDeleteTransaction =
    "DELETE FROM transactions WHERE user_id = $1 AND id = $2";
// Idempotency-Key (issue 7, helper T).
inline constexpr std::string_view kDeleteExpiredIdempotencyKey = R"~(
DELETE FROM idempotency_keys WHERE user_id = $1 AND idempotency_key = $2
  AND (created_at < $3 OR (status_code = 0 AND created_at < $4)))~";
inline constexpr std::string_view kClaimIdempotencyKey = R"~(
INSERT INTO idempotency_keys (user_id, idempotency_key, request_digest, created_at)
VALUES ($1, $2, $3, $4)
ON CONFLICT (user_id, idempotency_key) DO NOTHING)~";
inline constexpr std::string_view kFindIdempotencyKey = R"~(
SELECT request_digest, status_code, location, response_body, created_at
FROM idempotency_keys WHERE user_id = $1 AND idempotency_key = $2)~";
inline constexpr std::string_view kCompleteIdempotencyKey = R"~(
UPDATE idempotency_keys SET status_code = $3, location = $4, response_body = $5
WHERE user_id = $1 AND idempotency_key = $2)~";
inline constexpr std::string_view kReleaseIdempotencyKey =
    "DELETE FROM idempotency_keys WHERE user_id = $1 AND idempotency_key = $2";
inline constexpr std::string_view kCountTransactions =
    "SELECT COUNT(*) FROM transactions WHERE user_id = $1";

// Health scores.
inline constexpr std::string_view kInsertHealthScore = R"~(
INSERT INTO financial_health_history (user_id, score, savings_rate_score,
                                      expense_consistency_score, emergency_fund_score,
                                      debt_ratio_score, goal_progress_score, grade,
                                      recommendations, calculated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
RETURNING id)~";
inline constexpr std::string_view kHealthScoresSince = R"~(
SELECT id, user_id, score, grade, savings_rate_score, expense_consistency_score,
       emergency_fund_score, debt_ratio_score, goal_progress_score, recommendations,
       calculated_at
FROM financial_health_history
WHERE user_id = $1 AND calculated_at >= $2
ORDER BY calculated_at, id)~";
inline constexpr std::string_view kLatestHealthScore = R"~(
SELECT id, user_id, score, grade, savings_rate_score, expense_consistency_score,
       emergency_fund_score, debt_ratio_score, goal_progress_score, recommendations,
       calculated_at
FROM financial_health_history
WHERE user_id = $1
ORDER BY calculated_at DESC, id DESC
LIMIT 1)~";
inline constexpr std::string_view kLatestScoresOfAllUsers = R"~(
SELECT score FROM (
  SELECT user_id, score,
         ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY calculated_at DESC, id DESC) AS recency
  FROM financial_health_history
) AS ranked
WHERE recency = 1
ORDER BY user_id)~";

// Model parameters. The row keeps its id and created_at when it is replaced.
inline constexpr std::string_view kUpsertModelParameters = R"~(
INSERT INTO model_parameters (user_id, model_type, target_table, slope, intercept, parameters,
                              last_trained_date, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
ON CONFLICT (user_id, model_type, target_table) DO UPDATE SET
  slope = EXCLUDED.slope,
  intercept = EXCLUDED.intercept,
  parameters = EXCLUDED.parameters,
  last_trained_date = EXCLUDED.last_trained_date,
  updated_at = EXCLUDED.updated_at
RETURNING id)~";
inline constexpr std::string_view kFindModelParameters = R"~(
SELECT id, user_id, model_type, target_table, slope, intercept, parameters, last_trained_date,
       updated_at
FROM model_parameters
WHERE user_id = $1 AND model_type = $2 AND target_table = $3)~";
inline constexpr std::string_view kListModelParameters = R"~(
SELECT id, user_id, model_type, target_table, slope, intercept, parameters, last_trained_date,
       updated_at
FROM model_parameters
WHERE user_id = $1
ORDER BY model_type, target_table, id)~";

// Latest insights: one row per user, replaced by each computation.
inline constexpr std::string_view kSaveLatestInsights = R"~(
INSERT INTO latest_insights (user_id, insights, computed_at) VALUES ($1, $2, $3)
ON CONFLICT (user_id) DO UPDATE SET
  insights = EXCLUDED.insights,
  computed_at = EXCLUDED.computed_at)~";
inline constexpr std::string_view kLatestInsights =
    "SELECT user_id, insights, computed_at FROM latest_insights WHERE user_id = $1";

// API keys. Only hashes are stored; revoked_at is set once.
inline constexpr std::string_view kInsertApiKey = R"~(
INSERT INTO api_keys (key_id, user_id, name, secret_hash, created_at, revoked_at)
VALUES ($1, $2, $3, $4, $5, $6))~";
inline constexpr std::string_view kFindApiKey = R"~(
SELECT key_id, user_id, name, secret_hash, created_at, revoked_at FROM api_keys WHERE key_id = $1)~";
inline constexpr std::string_view kListApiKeys = R"~(
SELECT key_id, user_id, name, secret_hash, created_at, revoked_at FROM api_keys
ORDER BY created_at, key_id)~";
inline constexpr std::string_view kRevokeApiKey = R"~(
UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2) WHERE key_id = $1)~";

// --- category overrides (issue 7, helper K): byte order of match_text ---
inline constexpr std::string_view kListCategoryOverrides = R"~(
SELECT match_text, category FROM category_overrides WHERE user_id = $1 ORDER BY match_text COLLATE "C")~";
inline constexpr std::string_view kDeleteCategoryOverrides =
    "DELETE FROM category_overrides WHERE user_id = $1";
inline constexpr std::string_view kInsertCategoryOverride = R"~(
INSERT INTO category_overrides (user_id, match_text, category) VALUES ($1, $2, $3))~";
// --- end category overrides ---

}  // namespace finml::storage::postgres::sql
