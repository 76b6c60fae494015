-- finml schema 7 (SQLite): indexes for the keyset lists of a user's goals and categories
-- (issue 7, helper A: GET /api/v1/users/{user_id}/goals and .../categories list by id after a
-- cursor). accounts, budgets and bills need none here: an index on (user_id) holds the rowid,
-- which is their id, in order already.

CREATE INDEX ix_financial_goals_user_id ON financial_goals (user_id, id);
CREATE INDEX ix_categories_user_id ON categories (user_id, id) WHERE user_id IS NOT NULL;
