-- finml schema 8 (PostgreSQL; issue 7, helper C): a page of a user's transactions filtered by
-- category (lower(category) = lower($8), ASCII case-insensitive) searches this index from the
-- cursor on instead of walking all of the user's rows in (date, id) order.

CREATE INDEX ix_transactions_user_category ON transactions (user_id, lower(category), date, id);
