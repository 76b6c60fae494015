-- finml schema 7 (PostgreSQL): indexes for the keyset lists of a user's accounts, goals,
-- budgets, bills and categories (issue 7, helper A: GET /api/v1/users/{user_id}/<resource>
-- lists by id after a cursor). (user_id, id) serves every lookup that (user_id) served, so it
-- replaces that index where there was one.

DROP INDEX ix_accounts_user;
CREATE INDEX ix_accounts_user ON accounts (user_id, id);
DROP INDEX ix_budgets_user;
CREATE INDEX ix_budgets_user ON budgets (user_id, id);
DROP INDEX ix_bills_user;
CREATE INDEX ix_bills_user ON bills (user_id, id);
CREATE INDEX ix_financial_goals_user_id ON financial_goals (user_id, id);
CREATE INDEX ix_categories_user_id ON categories (user_id, id) WHERE user_id IS NOT NULL;
