-- finml schema 6 (SQLite): each user's category overrides (issue 7, point 5). A transaction whose
-- normalised description or category equals match_text gets the detailed taxonomy category
-- `category` (finml/analytics/categories); PUT /api/v1/users/{user_id}/categories/overrides
-- replaces a user's whole set.

CREATE TABLE category_overrides (
  user_id    INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  match_text TEXT NOT NULL,
  category   TEXT NOT NULL,
  PRIMARY KEY (user_id, match_text)
);
