#!/usr/bin/env bash
# Listing one page of a user's transactions with many rows in the table (issue 7; bench/README.md,
# "Users' data"): GET /api/v1/users/{id}/transactions?limit=100 against the Release finml on
# loopback with its SQLite database holding USERS x ROWS transactions (default 1,000 x 10,000 =
# 10,000,000, users interleaved; bench/list_page_fill.py fills it in plain SQL in about 40 s and
# is skipped when the file already holds that many). Four kinds of request, each over 200 users
# drawn at random (bench/paths.lua cycles through them): the first page, a deep page (a cursor
# half-way through the user's rows), a filtered first page (type=expense&category=Food) and a
# date range (from/to). CACHE_ENABLED=false, so that every answer comes from the database.
# wrk: 1 thread, CONNECTIONS keep-alive connections (default 4; the server has 2 workers), 10 s;
# medians over RUNS runs.
# With a PostgreSQL URL as 7th argument, the same on that database (its public schema is
# filled by bench/list_page_fill_postgres.sh and kept for later runs).
# Usage: bench/list_page.sh [path/to/finml] [runs] [users] [rows-per-user] [work-dir] [connections] [postgresql://...]
set -euo pipefail
finml="${1:-build/bench/finml}"
runs="${2:-3}"
users="${3:-1000}"
per_user="${4:-10000}"
work="${5:-/tmp/finml-list-page}"
connections="${6:-4}"
postgres="${7:-}"
here="$(cd "$(dirname "$0")" && pwd)"
port=18732
mkdir -p "$work"
db="$work/list.db"
server=""
trap 'if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi' EXIT

database_url="sqlite:///$db"
[[ -n "$postgres" ]] && database_url="$postgres"
"$finml" migrate --database-url "$database_url" --env-file /dev/null > /dev/null
if [[ -n "$postgres" ]]; then
  "$here/list_page_fill_postgres.sh" "$postgres" "$users" "$per_user" "$work"
else
  python3 "$here/list_page_fill.py" "$db" "$users" "$per_user" "$work"
fi

CACHE_ENABLED=false WORKERS=2 "$finml" serve --port "$port" --database-url "$database_url" --env-file /dev/null \
  > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" > /dev/null && break; sleep 0.05; done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# wrk prints latencies as 812.00us, 1.23ms or 1.02s: in milliseconds.
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.3f", v / 1000; else if (v ~ /ms$/) printf "%.3f", v + 0; else printf "%.3f", v * 1000 }'; }

# Warm the page cache once: the first run of each kind would otherwise read the file from disk.
for kind in first deep filtered range; do
  wrk -t1 -c"$connections" -d3s -s "$here/paths.lua" "http://127.0.0.1:$port" -- "$work/$kind.txt" > /dev/null
done
echo "${postgres:+postgresql }rows: $((users * per_user)) ($users users x $per_user), wrk -t1 -c$connections -d10s, $runs runs"
for kind in first deep filtered range; do
  rps=() p50=() p99=()
  for run in $(seq "$runs"); do
    out=$(wrk --latency -t1 -c"$connections" -d10s -s "$here/paths.lua" "http://127.0.0.1:$port" -- "$work/$kind.txt")
    if echo "$out" | grep -q 'Non-2xx'; then echo "non-2xx answers: $out" >&2; exit 1; fi
    rps+=("$(echo "$out" | awk '/Requests\/sec/ {print $2}')")
    p50+=("$(ms "$(echo "$out" | awk '$1 == "50%" {print $2}')")")
    p99+=("$(ms "$(echo "$out" | awk '$1 == "99%" {print $2}')")")
    echo "  $kind run $run: ${rps[-1]} req/s, p50 ${p50[-1]} ms, p99 ${p99[-1]} ms"
  done
  echo "$kind: median $(median "${rps[@]}") req/s, p50 $(median "${p50[@]}") ms, p99 $(median "${p99[@]}") ms"
done
