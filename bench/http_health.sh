#!/usr/bin/env bash
# GET /health under load with wrk (1 thread, 64 connections, keep-alive) against the Release
# finml binary on loopback, SQLite, default settings (JSON access log to a file); then the
# resident memory after 10,000 and after 1,000,000 requests.
# Usage: bench/http_health.sh [path/to/finml] [runs]
set -euo pipefail
finml="${1:-build/bench/finml}"
runs="${2:-3}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
port=$(( 20000 + RANDOM % 20000 ))

"$finml" serve --port "$port" --database-url "sqlite:///$work/bench.db" --env-file /dev/null > "$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" > /dev/null && break; sleep 0.05; done

rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }

echo "finml $("$finml" version)"
echo "wrk: 1 thread, 64 connections, 10 s, GET /health, $runs runs"
results=()
for run in $(seq "$runs"); do
  out=$(wrk -t1 -c64 -d10s --latency -H 'Connection: keep-alive' "http://127.0.0.1:$port/health")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}')
  echo "run $run: $rps req/s, p50 $p50, p99 $p99 ${errors:+($errors)}"
  results+=("$rps")
done
median=$(printf '%s\n' "${results[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median: $median req/s"

# Memory: for each run a fresh server; RSS after 10,000 requests and after 1,000,000 in all,
# sampled 2 s after the load stops (the server hands freed memory back every second).
for run in $(seq "$runs"); do
  kill $pid; wait $pid 2>/dev/null || true
  "$finml" serve --port "$port" --database-url "sqlite:///$work/memory$run.db" --env-file /dev/null > "$work/server-memory.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" > /dev/null && break; sleep 0.05; done
  wrk -t1 -c64 -d60s -s "$here/stop_after.lua" "http://127.0.0.1:$port/health" -- 10000 > /dev/null
  sleep 2
  rss_10k=$(rss_kib)
  wrk -t1 -c64 -d120s -s "$here/stop_after.lua" "http://127.0.0.1:$port/health" -- 990000 > /dev/null
  sleep 2
  rss_1m=$(rss_kib)
  requests=$(curl -s "http://127.0.0.1:$port/metrics" | awk '/^api_requests_total\{endpoint="\/health",method="GET",status_code="200"\}/ {print $2}')
  echo "memory run $run: ${rss_10k} KiB after 10,000 requests, ${rss_1m} KiB after ${requests} requests ($((rss_1m - rss_10k)) KiB)"
done
