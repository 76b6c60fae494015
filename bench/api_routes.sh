#!/usr/bin/env bash
# The heavy analytics routes under load with wrk (2 threads, 16 connections, 10 s, keep-alive)
# against the Release finml binary on loopback with the real request bodies of
# ../shared/data/requests/: the advanced expense forecast of a 24-month user (about 1,400
# transactions), the health score and the recurring charges (subscriptions) of a 36-month heavy
# user (about 10,700 transactions, 1.1 MB). Each body is checked to answer 200 first; the
# median of the runs is printed. The
# forecast is measured again with its memo of fits off (FORECAST_MEMO_ENTRIES=0).
# Usage: bench/api_routes.sh [path/to/finml] [runs]
set -euo pipefail
finml="${1:-build/bench/finml}"
runs="${2:-3}"
here="$(cd "$(dirname "$0")" && pwd)"
requests="$here/../../shared/data/requests"
work="$(mktemp -d)"
port=$(( 20000 + RANDOM % 20000 ))

"$finml" serve --port "$port" --database-url "sqlite:///$work/bench.db" --env-file /dev/null > "$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" > /dev/null && break; sleep 0.05; done

echo "finml $("$finml" version)"
measure() {
  local name="$1" route="$2" body="$3"
  local status
  status=$(curl -s -o "$work/answer.json" -w '%{http_code}' -H 'Content-Type: application/json' --data-binary "@$body" "http://127.0.0.1:$port$route")
  if [ "$status" != 200 ]; then echo "$name: $route answered $status: $(head -c 300 "$work/answer.json")"; exit 1; fi
  local results=()
  for run in $(seq "$runs"); do
    out=$(wrk -t2 -c16 -d10s --latency -s "$here/post_body.lua" "http://127.0.0.1:$port$route" -- "$body")
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    bad=$(echo "$out" | awk '/non-200 answers/ {print $3}')
    echo "$name run $run: $rps req/s, p50 $p50, p99 $p99, non-200 $bad"
    results+=("$rps")
  done
  median=$(printf '%s\n' "${results[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$name median: $median req/s"
}
measure "advanced forecast, user24" /api/v1/predictions/expense/advanced "$requests/user24.expense_advanced.json"
measure "health score, heavy36" /api/v1/insights/health-score "$requests/heavy36.health_score.json"
measure "subscriptions, heavy36" /api/v1/recommendations/subscriptions "$requests/heavy36.subscriptions.json"

# Every request above sends the same months, so after the first one the forecast fits come
# from the route's memo. Without it, every request fits every model again:
kill $pid; wait $pid 2>/dev/null || true
"$finml" serve --port "$port" --database-url "sqlite:///$work/bench-cold.db" --env-file /dev/null --forecast-memo-entries 0 > "$work/server-cold.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" > /dev/null && break; sleep 0.05; done
measure "advanced forecast, user24, no memo" /api/v1/predictions/expense/advanced "$requests/user24.expense_advanced.json"
