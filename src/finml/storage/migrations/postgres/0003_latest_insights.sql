-- finml schema 3 (PostgreSQL): the last insights computed for each user (POST /insights), so that
-- the real client's GET /insights/summary/{user_id} can answer them. One row per user, replaced by
-- each computation; the document is the JSON the service answered, opaque to the database.

CREATE TABLE latest_insights (
  user_id     BIGINT PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
  insights    TEXT NOT NULL,
  computed_at TIMESTAMPTZ NOT NULL
);
