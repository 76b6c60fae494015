#!/usr/bin/env bash
# `finml import` of a 1,000,000-row CSV in the original's sample layout (issue 7; bench/README.md,
# "Users' data"): RUNS imports into a new SQLite file, then RUNS re-imports of the same file into
# it (every row a duplicate), and the same into PostgreSQL when a URL is given (each fresh run on
# an emptied schema: the URL's database is wiped). Prints wall-clock seconds and the CPU seconds
# (user + system) of the finml process, and the medians.
# Usage: bench/import_speed.sh [path/to/finml] [runs] [rows] [postgresql://...]
set -euo pipefail
finml="${1:-build/bench/finml}"
runs="${2:-3}"
rows="${3:-1000000}"
postgres="${4:-}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$here/make_transactions_csv.py" "$rows" > "$work/transactions.csv"

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# one URL: runs the import once; prints "wall cpu inserted duplicates".
one() {
  local out
  out=$( { /usr/bin/time -f '%e %U %S' env DATABASE_URL="$1" "$finml" import --user 1 "$work/transactions.csv" \
           > "$work/report.json"; } 2>&1 | tail -1)
  read -r wall user system <<< "$out"
  echo "$wall $(awk -v u="$user" -v s="$system" 'BEGIN {printf "%.2f", u + s}')" \
    "$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["inserted"], r["duplicates"])' "$work/report.json")"
}

# measure LABEL FRESH-COMMAND URL: RUNS fresh imports (FRESH-COMMAND empties the database first),
# then RUNS re-imports.
measure() {
  local label="$1" fresh="$2" url="$3"
  local walls=() cpus=()
  for run in $(seq "$runs"); do
    eval "$fresh"
    read -r wall cpu inserted duplicates < <(one "$url")
    echo "  $label import run $run: $wall s (finml CPU $cpu s), inserted $inserted, duplicates $duplicates"
    walls+=("$wall")
    cpus+=("$cpu")
  done
  echo "$label import: median $(median "${walls[@]}") s (finml CPU $(median "${cpus[@]}") s)"
  walls=() cpus=()
  for run in $(seq "$runs"); do
    read -r wall cpu inserted duplicates < <(one "$url")
    echo "  $label re-import run $run: $wall s (finml CPU $cpu s), inserted $inserted, duplicates $duplicates"
    walls+=("$wall")
    cpus+=("$cpu")
  done
  echo "$label re-import: median $(median "${walls[@]}") s (finml CPU $(median "${cpus[@]}") s)"
}

measure sqlite "rm -f '$work'/finml.db*" "sqlite:///$work/finml.db"
if [[ -n "$postgres" ]]; then
  measure postgresql "psql '$postgres' -qc 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;' 2> /dev/null" "$postgres"
fi
