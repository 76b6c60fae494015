-- finml schema 5 (SQLite): Idempotency-Key of the users' resource POSTs (issue 7). A key names
-- one request of one user: the digest of the request it came with, and once answered the
-- response to replay (status_code 0: the first request is still being answered). Keys expire
-- after 24 hours (the service treats older rows as absent and replaces them); they go with
-- their user. The keyset index of transaction listing, ix_transactions_user_date on
-- (user_id, date, id), exists since schema 1.

CREATE TABLE idempotency_keys (
  user_id         INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  idempotency_key TEXT NOT NULL,
  request_digest  TEXT NOT NULL,
  status_code     INTEGER NOT NULL DEFAULT 0,
  location        TEXT NOT NULL DEFAULT '',
  response_body   TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  PRIMARY KEY (user_id, idempotency_key)
);
