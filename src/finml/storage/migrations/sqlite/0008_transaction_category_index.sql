-- finml schema 8 (SQLite; issue 7, helper C): the keyset index of a user's transactions also
-- holds type, category, amount and account, so that a page filtered by them tests each of the
-- user's rows in the index and reads from the table only the rows it returns
-- (bench/README.md, "Users' data": with 10,000,000 rows, p99 8.1 ms before for
-- type=expense&category=Food). A separate index on category would have cost a 1,000,000-row
-- import 20 % more; wider entries in this one cost less.

DROP INDEX ix_transactions_user_date;
CREATE INDEX ix_transactions_user_date
  ON transactions (user_id, date, id, type, category, amount_minor, account_id);
