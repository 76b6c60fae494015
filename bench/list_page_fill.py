#!/usr/bin/env python3
"""Fills a migrated finml SQLite database with USERS x ROWS transactions for bench/list_page.sh,
in plain SQL (a recursive CTE), and writes the request targets of the benchmark.

    bench/list_page_fill.py DB USERS ROWS_PER_USER TARGETS_DIR

Rows are written in time order with the users interleaved (row k belongs to user k % USERS + 1),
as a shared server receives them, so one user's rows are spread over the whole table: a page of
100 rows reads up to 100 table pages. Dates advance one day every USERS * 9 rows (about 9 rows a
user a day); amounts, types (1 in 23 an income) and the 8 categories cycle within each user's rows. Targets (one request path a line, 200 users
drawn at random, seed 7): first pages, deep pages (a cursor after the user's row at offset
ROWS_PER_USER / 2), and first pages with a filter (type=expense&category=Food) and with a date
range.
"""
import base64
import random
import sqlite3
import sys
import time


def cursor_token(date: str, row_id: int) -> str:
    return base64.urlsafe_b64encode(f"t1:{date}:{row_id}".encode()).decode().rstrip("=")


def main() -> None:
    path, users, per_user, targets = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA cache_size = -262144")
    have = db.execute("SELECT COUNT(*) FROM transactions").fetchone()[0]
    total = users * per_user
    if have != total:
        started = time.time()
        db.execute("BEGIN IMMEDIATE")
        db.execute("DELETE FROM transactions")
        db.execute(
            "INSERT INTO users (user_id, name, created_at, updated_at) "
            "WITH RECURSIVE u(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM u WHERE n < ?1) "
            "SELECT n, '', '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z' FROM u "
            "WHERE true ON CONFLICT (user_id) DO NOTHING", (users,))
        db.execute(
            "INSERT INTO transactions (id, user_id, amount_minor, currency, type, date, category, description, "
            "note, created_at, updated_at) "
            "WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < ?1 - 1) "
            "SELECT n + 1, n % ?2 + 1, 100 + (n * 7919) % 50000, 'USD', "
            "CASE WHEN n % 23 = 0 THEN 'income' ELSE 'expense' END, "
            "date('2020-01-01', '+' || (n / (?2 * 9)) || ' days'), "
            "CASE (n / ?2 + n) % 8 WHEN 0 THEN 'Food' WHEN 1 THEN 'Transport' WHEN 2 THEN 'Utilities' "
            "WHEN 3 THEN 'Entertainment' WHEN 4 THEN 'Shopping' WHEN 5 THEN 'Healthcare' "
            "WHEN 6 THEN 'Education' ELSE 'Other' END, "
            "'card payment ' || (n % 97), '', '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z' "
            "FROM k", (total, users))
        db.execute("COMMIT")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        print(f"filled {total:,} rows in {time.time() - started:.1f} s", file=sys.stderr)
    rng = random.Random(7)
    sample = [rng.randint(1, users) for _ in range(200)]
    base = "/api/v1/users/{}/transactions?limit=100"
    with open(f"{targets}/first.txt", "w") as out:
        for user in sample:
            out.write(base.format(user) + "\n")
    with open(f"{targets}/deep.txt", "w") as out:
        for user in sample:
            date, row_id = db.execute(
                "SELECT date, id FROM transactions WHERE user_id = ? ORDER BY date, id LIMIT 1 OFFSET ?",
                (user, per_user // 2)).fetchone()
            out.write(base.format(user) + "&cursor=" + cursor_token(date, row_id) + "\n")
    with open(f"{targets}/filtered.txt", "w") as out:
        for user in sample:
            out.write(base.format(user) + "&type=expense&category=Food\n")
    with open(f"{targets}/range.txt", "w") as out:
        for user in sample:
            out.write(base.format(user) + "&from=2021-03-01&to=2021-06-30\n")


if __name__ == "__main__":
    main()
