#!/usr/bin/env bash
# finml's transport against RESTinio 0.6, both answering GET /health with the same constant
# body on 2 threads, alternating runs in one session (wrk: 1 thread, 64 connections, 10 s).
# Usage: bench/transport_compare.sh [build dir] [runs]
set -euo pipefail
dir="${1:-build/bench}"
runs="${2:-3}"
port=$(( 20000 + RANDOM % 20000 ))

measure() {
  local binary="$1"
  "$binary" "$port" 2 > /dev/null 2>&1 &
  local pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" > /dev/null && break; sleep 0.05; done
  wrk -t1 -c64 -d10s --latency -H 'Connection: keep-alive' "http://127.0.0.1:$port/health" |
    awk '/Requests\/sec/ {rps=$2} $1 == "99%" {p99=$2} END {print rps, p99}'
  kill $pid; wait $pid 2>/dev/null || true
}

declare -a finml_runs restinio_runs
for run in $(seq "$runs"); do
  read -r f_rps f_p99 < <(measure "$dir/bench/transport_finml")
  read -r r_rps r_p99 < <(measure "$dir/bench/transport_restinio")
  echo "run $run: finml $f_rps req/s (p99 $f_p99), restinio $r_rps req/s (p99 $r_p99)"
  finml_runs+=("$f_rps"); restinio_runs+=("$r_rps")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
f=$(median "${finml_runs[@]}"); r=$(median "${restinio_runs[@]}")
echo "median: finml $f req/s, restinio $r req/s, ratio $(awk -v f="$f" -v r="$r" 'BEGIN {printf "%.2f", f / r}')"
