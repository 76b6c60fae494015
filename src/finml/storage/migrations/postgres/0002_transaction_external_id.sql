-- finml schema 2 (PostgreSQL): a caller's own transaction id (external_id) names at most one row of
-- that user, so that TransactionRepository::upsert can replace the row a client sends again.
-- Databases written before this version may hold several rows of one (user, external_id): the
-- newest (latest updated_at, then highest id) is kept and the others are removed, so that the
-- unique index can be built; their users' data_version grows, as with any change to their data.

UPDATE users SET data_version = data_version + 1
WHERE user_id IN (
  SELECT user_id FROM transactions
  WHERE external_id IS NOT NULL
  GROUP BY user_id, external_id
  HAVING COUNT(*) > 1
);

DELETE FROM transactions
WHERE id IN (
  SELECT id FROM (
    SELECT id,
           ROW_NUMBER() OVER (PARTITION BY user_id, external_id
                              ORDER BY updated_at DESC, id DESC) AS recency
    FROM transactions
    WHERE external_id IS NOT NULL
  ) AS ranked
  WHERE recency > 1
);

CREATE UNIQUE INDEX ux_transactions_user_external_id
  ON transactions (user_id, external_id) WHERE external_id IS NOT NULL;
