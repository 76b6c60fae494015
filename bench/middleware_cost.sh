#!/usr/bin/env bash
# What the production middleware costs, measured in one run against the Release finml on
# loopback (wrk, 1 thread, 64 connections, 10 s, keep-alive; runs alternate between the two
# servers, medians printed):
#
#  1. GET /health on a server with everything off (AUTH_REQUIRED, RATE_LIMIT_ENABLED and
#     CACHE_ENABLED false) against one with all three on: an admin key sent as X-API-Key and
#     verified, a rate limit too high to be reached, the in-process cache. /health is neither
#     limited nor cached (docs/api.md), so the same is measured on GET /, which every request
#     counts against the limit.
#  2. Cacheable analytics with CACHE_ENABLED=false against CACHE_ENABLED=true, where every
#     request after the first is a hit (wrk 2 threads, 16 connections as bench/api_routes.sh):
#     GET /predictions?user_id=103 on the stored transactions of the 36-month heavy user of
#     ../shared/data/requests (stored first with POST /ml/train-with-transactions; a hit costs
#     a look-up of the user's data version), and POST /api/v1/recommendations/subscriptions
#     with that user's 1.1 MB body (a hit still reads, canonicalises and hashes the body).
# Usage: bench/middleware_cost.sh [path/to/finml] [runs]
set -euo pipefail
finml="${1:-build/bench/finml}"
runs="${2:-3}"
here="$(cd "$(dirname "$0")" && pwd)"
requests="$here/../../shared/data/requests"
work="$(mktemp -d)"
pids=()
declare -A pid_of_port
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT

# start NAME PORT [VAR=value...]: a server with its own SQLite file.
start() {
  local name="$1" port="$2"
  shift 2
  env "$@" "$finml" serve --port "$port" --database-url "sqlite:///$work/$name.db" --env-file /dev/null \
    > "$work/$name.log" 2>&1 &
  pids+=($!)
  pid_of_port[$port]=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" > /dev/null && return 0; sleep 0.05; done
  echo "$name did not start: $(tail -3 "$work/$name.log")"
  exit 1
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# CPU seconds (user + system) the server on PORT has used so far.
cpu_seconds() {
  awk -v ticks="$(getconf CLK_TCK)" '{print ($14 + $15) / ticks}' "/proc/${pid_of_port[$1]}/stat"
}

# wrk_rps HEADER URL: one wrk run with the options in wrk_options and the script arguments in
# wrk_script_arguments; prints "req/s p50 p99 server-CPU-microseconds-per-request", and fails
# on non-2xx answers. CPU per request is steadier than throughput when other work shares the
# machine.
wrk_options=()
wrk_script_arguments=()
wrk_rps() {
  local out port cpu_before cpu_after requests
  port=$(echo "$2" | sed -E 's|^http://[^:]+:([0-9]+)/.*|\1|')
  cpu_before=$(cpu_seconds "$port")
  out=$(wrk --latency "${wrk_options[@]}" -H "$1" "$2" "${wrk_script_arguments[@]}")
  cpu_after=$(cpu_seconds "$port")
  if echo "$out" | grep -q 'Non-2xx'; then echo "non-2xx answers: $out" >&2; exit 1; fi
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') $(echo "$out" | awk '$1 == "50%" {print $2}') $(echo "$out" | awk '$1 == "99%" {print $2}') $(awk -v a="$cpu_before" -v b="$cpu_after" -v n="$requests" 'BEGIN {printf "%.2f", (b - a) / n * 1e6}')"
}

# compare LABEL_A URL_A HEADER_A LABEL_B URL_B HEADER_B: alternating runs, medians.
compare() {
  local label_a="$1" url_a="$2" header_a="$3" label_b="$4" url_b="$5" header_b="$6"
  local a=() b=() cpu_a=() cpu_b=()
  for run in $(seq "$runs"); do
    read -r rps p50 p99 cpu < <(wrk_rps "$header_a" "$url_a")
    echo "  $label_a run $run: $rps req/s, p50 $p50, p99 $p99, server CPU $cpu us/request"
    a+=("$rps")
    cpu_a+=("$cpu")
    read -r rps p50 p99 cpu < <(wrk_rps "$header_b" "$url_b")
    echo "  $label_b run $run: $rps req/s, p50 $p50, p99 $p99, server CPU $cpu us/request"
    b+=("$rps")
    cpu_b+=("$cpu")
  done
  local median_a median_b
  median_a=$(median "${a[@]}")
  median_b=$(median "${b[@]}")
  echo "  median CPU: $label_a $(median "${cpu_a[@]}") us/request, $label_b $(median "${cpu_b[@]}") us/request"
  echo "  median: $label_a $median_a req/s, $label_b $median_b req/s ($(awk -v a="$median_a" -v b="$median_b" 'BEGIN {printf "%+.1f%%, %.1fx", (b - a) / a * 100, b / a}'))"
}

base=$(( 20000 + RANDOM % 20000 ))
plain=$base full=$((base + 1)) uncached=$((base + 2)) cached=$((base + 3))
start plain "$plain" AUTH_REQUIRED=false RATE_LIMIT_ENABLED=false CACHE_ENABLED=false
# The key is created in the full server's database before it starts.
key=$("$finml" keys create --admin --name bench --database-url "sqlite:///$work/full.db" --env-file /dev/null |
  sed -E 's/.*"key":"([^"]+)".*/\1/')
start full "$full" AUTH_REQUIRED=true RATE_LIMIT_ENABLED=true RATE_LIMIT_REQUESTS=1000000000 \
  RATE_LIMIT_PERIOD=3600 CACHE_ENABLED=true
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$full/")" = 401 ] || { echo "full: / answered without a key"; exit 1; }

echo "finml $("$finml" version)"
wrk_options=(-t1 -c64 -d10s)
echo "GET /health, wrk 1 thread, 64 connections, 10 s, $runs runs each: off = no auth, no limit, no cache; on = all three, X-API-Key sent"
compare off "http://127.0.0.1:$plain/health" "Connection: keep-alive" \
        on "http://127.0.0.1:$full/health" "X-API-Key: $key"
echo "GET / (authenticated and counted against the rate limit when on), same settings"
compare off "http://127.0.0.1:$plain/" "Connection: keep-alive" \
        on "http://127.0.0.1:$full/" "X-API-Key: $key"

for p in "${pids[@]}"; do kill "$p"; wait "$p" 2>/dev/null || true; done
pids=()
start uncached "$uncached" CACHE_ENABLED=false
start cached "$cached" CACHE_ENABLED=true
for port in "$uncached" "$cached"; do
  status=$(curl -s -o "$work/answer.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary "@$requests/heavy36.ml_train.json" "http://127.0.0.1:$port/ml/train-with-transactions")
  [ "$status" = 200 ] || { echo "/ml/train-with-transactions answered $status: $(head -c 300 "$work/answer.json")"; exit 1; }
  curl -sf -o /dev/null "http://127.0.0.1:$port/predictions?user_id=103" || { echo "/predictions failed"; exit 1; }
done
[ "$(curl -s -D - -o /dev/null "http://127.0.0.1:$cached/predictions?user_id=103" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-cache" {print $2}')" = HIT ] ||
  { echo "the cached server did not answer /predictions from its cache"; exit 1; }
wrk_options=(-t2 -c16 -d10s)
echo "GET /predictions?user_id=103, heavy36 stored (10,724 transactions), wrk 2 threads, 16 connections, 10 s, $runs runs each"
compare uncached "http://127.0.0.1:$uncached/predictions?user_id=103" "Connection: keep-alive" \
        cached "http://127.0.0.1:$cached/predictions?user_id=103" "Connection: keep-alive"

body="$requests/heavy36.subscriptions.json"
route=/api/v1/recommendations/subscriptions
for port in "$uncached" "$cached"; do
  status=$(curl -s -o "$work/answer.json" -w '%{http_code}' -H 'Content-Type: application/json' --data-binary "@$body" "http://127.0.0.1:$port$route")
  [ "$status" = 200 ] || { echo "$route answered $status"; exit 1; }
done
[ "$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' --data-binary "@$body" "http://127.0.0.1:$cached$route" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-cache" {print $2}')" = HIT ] ||
  { echo "the cached server did not answer from its cache"; exit 1; }
wrk_options=(-t2 -c16 -d10s -s "$here/post_body.lua")
wrk_script_arguments=(-- "$body")
echo "POST $route, heavy36 (1.1 MB), wrk 2 threads, 16 connections, 10 s, $runs runs each"
compare uncached "http://127.0.0.1:$uncached$route" "Content-Type: application/json" \
        cached "http://127.0.0.1:$cached$route" "Content-Type: application/json"
