#!/usr/bin/env bash
# The PostgreSQL twin of bench/list_page_fill.py: fills the migrated database at URL with USERS x
# ROWS transactions (the same rows: users interleaved, dates, amounts, types and categories
# alike) with one INSERT ... SELECT over generate_series, and writes the same four target files
# (same users, seed 7) into TARGETS_DIR.
# Usage: bench/list_page_fill_postgres.sh URL USERS ROWS_PER_USER TARGETS_DIR
set -euo pipefail
url="$1" users="$2" per_user="$3" targets="$4"
total=$((users * per_user))
have=$(psql "$url" -Atc "SELECT count(*) FROM transactions")
if [[ "$have" != "$total" ]]; then
  start=$(date +%s)
  psql "$url" -q -o /dev/null -v ON_ERROR_STOP=1 <<SQL
BEGIN;
DELETE FROM transactions;
INSERT INTO users (user_id, name, created_at, updated_at)
SELECT n, '', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM generate_series(1, $users) AS n
ON CONFLICT (user_id) DO NOTHING;
INSERT INTO transactions (id, user_id, amount_minor, currency, type, date, category, description, note,
                          created_at, updated_at)
OVERRIDING SYSTEM VALUE
SELECT n + 1, n % $users + 1, 100 + (n * 7919) % 50000, 'USD',
       CASE WHEN n % 23 = 0 THEN 'income' ELSE 'expense' END,
       DATE '2020-01-01' + (n / ($users * 9))::int,
       (ARRAY['Food', 'Transport', 'Utilities', 'Entertainment', 'Shopping', 'Healthcare', 'Education',
              'Other'])[(n / $users + n) % 8 + 1],
       'card payment ' || (n % 97), '', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
FROM generate_series(0::bigint, $total - 1) AS n;
SELECT setval(pg_get_serial_sequence('transactions', 'id'), $total);
COMMIT;
VACUUM ANALYZE transactions;
SQL
  echo "filled $total rows in $(( $(date +%s) - start )) s" >&2
fi
python3 - "$url" "$users" "$per_user" "$targets" <<'PY'
import base64, random, subprocess, sys
url, users, per_user, targets = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rng = random.Random(7)
sample = [rng.randint(1, users) for _ in range(200)]
base = "/api/v1/users/{}/transactions?limit=100"
def token(date, row_id):
    return base64.urlsafe_b64encode(f"t1:{date}:{row_id}".encode()).decode().rstrip("=")
with open(f"{targets}/first.txt", "w") as out:
    out.writelines(base.format(u) + "\n" for u in sample)
with open(f"{targets}/filtered.txt", "w") as out:
    out.writelines(base.format(u) + "&type=expense&category=Food\n" for u in sample)
with open(f"{targets}/range.txt", "w") as out:
    out.writelines(base.format(u) + "&from=2021-03-01&to=2021-06-30\n" for u in sample)
values = ",".join(f"({u})" for u in sample)
rows = subprocess.run(["psql", url, "-AtF", " ", "-c",
                       f"SELECT s.u, t.date, t.id FROM (VALUES {values}) AS s(u), LATERAL (SELECT date, id FROM "
                       f"transactions WHERE user_id = s.u ORDER BY date, id OFFSET {per_user // 2} LIMIT 1) AS t"],
                      check=True, capture_output=True, text=True).stdout.split("\n")
with open(f"{targets}/deep.txt", "w") as out:
    for line in rows:
        if line:
            u, date, row_id = line.split(" ")
            out.write(base.format(u) + "&cursor=" + token(date, int(row_id)) + "\n")
PY
