-- finml schema 4 (PostgreSQL): API keys. Only a hash of each key is stored (the key itself is
-- shown once, when it is created); the public key_id, which the key also carries, finds the row.
-- user_id NULL marks an admin key; a user key acts only for its own user. Keys are not tied to
-- the users table: a key may be issued before its user has any data, and outlives its removal.

CREATE TABLE api_keys (
  key_id      TEXT PRIMARY KEY,
  user_id     BIGINT,
  name        TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL,
  revoked_at  TIMESTAMPTZ
);
