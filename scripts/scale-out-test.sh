#!/usr/bin/env bash
# The scale-out test: PostgreSQL, Redis, two finml instances and nginx in front (deploy/nginx.conf),
# all from Debian packages on 127.0.0.1 (PostgreSQL and Redis through scripts/test-postgres.sh and
# scripts/test-redis.sh), and these checks, the last four under concurrent load through nginx:
#   keys        an admin key made with `finml keys create --admin` works on both instances
#   rate-limit  one client's 200s across both instances stay within 5 % of RATE_LIMIT_REQUESTS
#   cache       an answer cached by instance 1 is served from the cache by instance 2
#   writes      every acknowledged write of many concurrent POST /train is in PostgreSQL
#   kill        SIGKILL to instance 2 under load costs no request but those in flight on it,
#               and no acknowledged write
# Prints a summary and exits 1 when a check fails. Stops and deletes everything it started.
#
#   scripts/scale-out-test.sh build/dev/finml
#
# Environment: SCALE_OUT_RATE_LIMIT (default 200), SCALE_OUT_WRITES (80),
# SCALE_OUT_CONCURRENCY (16), SCALE_OUT_KILL_SECONDS (8), SCALE_OUT_KEEP=1 keeps the work
# directory (logs) after the run.
set -euo pipefail

if [[ $# -ne 1 || ! -x $1 ]]; then
  echo "usage: $0 <finml binary>" >&2
  exit 2
fi
finml=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repo=$(cd "$(dirname "$0")/.." && pwd)
readonly finml repo
readonly rate_limit=${SCALE_OUT_RATE_LIMIT:-200}
readonly writes=${SCALE_OUT_WRITES:-80}
readonly concurrency=${SCALE_OUT_CONCURRENCY:-16}
readonly kill_seconds=${SCALE_OUT_KILL_SECONDS:-8}
readonly pg_bin=${FINML_PG_BIN:-/usr/lib/postgresql/15/bin}

for tool in nginx redis-server python3 curl; do
  if ! command -v "$tool" >/dev/null; then
    echo "scale-out-test: $tool is missing; scripts/install-deps.sh test installs it" >&2
    exit 1
  fi
done

work=$(mktemp -d /tmp/finml-scale-out.XXXXXX)
# As root, PostgreSQL runs as the postgres user, who must reach its cluster through $work/postgres.
chmod 711 "$work"
readonly work
pids=()

# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  local status=$?
  set +e
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  "$repo/scripts/test-redis.sh" stop "$work/redis" >/dev/null 2>&1
  "$repo/scripts/test-postgres.sh" destroy "$work/postgres" >/dev/null 2>&1
  if [[ ${SCALE_OUT_KEEP:-0} == 1 || $status -ne 0 ]]; then
    echo "scale-out-test: logs kept in $work" >&2
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until `finml healthcheck` succeeds on a port (or the process died).
wait_healthy() {
  local port=$1 pid=$2 name=$3
  for _ in $(seq 1 300); do
    if "$finml" healthcheck --host 127.0.0.1 --port "$port" --timeout 1 >/dev/null 2>&1; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "scale-out-test: $name exited; its log:" >&2
      tail -n 30 "$work/$name.log" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "scale-out-test: $name did not become healthy on port $port" >&2
  exit 1
}

echo "== starting PostgreSQL"
database_url=$("$repo/scripts/test-postgres.sh" start "$work/postgres")
pg_port=$(<"$work/postgres/port")

echo "== starting Redis"
"$repo/scripts/test-redis.sh" start "$work/redis" >/dev/null
redis_port=$(<"$work/redis/port")

echo "== starting two finml instances"
start_finml() {
  local name=$1 port=$2
  env DATABASE_URL="$database_url" REDIS_HOST=127.0.0.1 REDIS_PORT="$redis_port" \
    RATE_LIMIT_ENABLED=true RATE_LIMIT_REQUESTS="$rate_limit" RATE_LIMIT_PERIOD=3600 \
    TRUSTED_PROXIES=127.0.0.1 CACHE_ENABLED=true AUTH_REQUIRED=false \
    HOST=127.0.0.1 PORT="$port" WORKERS=2 LOG_FORMAT=json ENVIRONMENT=development \
    "$finml" --env-file /dev/null serve >"$work/$name.log" 2>&1 &
  pids+=($!)
  last_pid=$!
}
port_1=$(free_port)
start_finml finml-1 "$port_1"
pid_1=$last_pid
port_2=$(free_port)
start_finml finml-2 "$port_2"
pid_2=$last_pid
wait_healthy "$port_1" "$pid_1" finml-1
wait_healthy "$port_2" "$pid_2" finml-2

echo "== starting nginx"
nginx_port=$(free_port)
mkdir -p "$work/nginx/temp"
# deploy/nginx.conf with the compose service names and port replaced by the loopback ones.
sed -e "s/server finml-1:8000/server 127.0.0.1:$port_1/" \
  -e "s/server finml-2:8000/server 127.0.0.1:$port_2/" \
  -e "s/listen 80;/listen 127.0.0.1:$nginx_port;/" \
  "$repo/deploy/nginx.conf" >"$work/nginx/finml.conf"
grep -q "127.0.0.1:$port_2" "$work/nginx/finml.conf"
{
  # As root, nginx's workers would otherwise run as nobody, who cannot enter the work directory.
  if [[ $(id -u) -eq 0 ]]; then echo "user root;"; fi
  cat <<EOF
daemon off;
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log $work/nginx/access.log;
    client_body_temp_path $work/nginx/temp/body;
    proxy_temp_path $work/nginx/temp/proxy;
    fastcgi_temp_path $work/nginx/temp/fastcgi;
    uwsgi_temp_path $work/nginx/temp/uwsgi;
    scgi_temp_path $work/nginx/temp/scgi;
    include $work/nginx/finml.conf;
}
EOF
} >"$work/nginx/nginx.conf"
nginx -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf" &
pids+=($!)
nginx_url=http://127.0.0.1:$nginx_port
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "$nginx_url/health" 2>/dev/null && break
  sleep 0.1
done
curl -fsS -o /dev/null "$nginx_url/health"

client=("python3" "$repo/scripts/scale-out-client.py")
declare -A results
failed=0
run_check() {
  local name=$1
  shift
  echo "== check $name"
  local output status=0
  output=$("${client[@]}" "$@") || status=$?
  echo "$output"
  if [[ $status -eq 0 ]]; then results[$name]=PASS; else results[$name]=FAIL; failed=1; fi
}

# Every acknowledged (user_id, external_id) of a file must be a row in PostgreSQL.
check_stored() {
  local name=$1 file=$2
  local missing
  "$pg_bin/psql" --no-psqlrc --quiet --tuples-only --no-align --field-separator=' ' \
    --dbname="$database_url" --set=ON_ERROR_STOP=1 \
    --command="SELECT user_id, external_id FROM transactions" | sort -u >"$work/stored.txt"
  sort -u "$file" >"$work/acknowledged.txt"
  missing=$(comm -23 "$work/acknowledged.txt" "$work/stored.txt" | wc -l)
  echo "{\"acknowledged_transactions\": $(wc -l <"$work/acknowledged.txt"), \"missing_in_postgresql\": $missing}"
  if [[ $missing -ne 0 || ! -s $work/acknowledged.txt ]]; then
    results[$name]=FAIL
    failed=1
  fi
}

# The deployment's key bootstrap (docs/deployment.md): an admin key made by `finml keys create`
# on the shared database is honoured by both instances; without it the admin route refuses.
echo "== check keys"
admin_key=$(DATABASE_URL="$database_url" "$finml" --env-file /dev/null keys create --admin --name scale-out |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["key"])')
results[keys]=PASS
for port in "$port_1" "$port_2"; do
  with_key=$(curl -s -o /dev/null -w '%{http_code}' -H "X-API-Key: $admin_key" \
    "http://127.0.0.1:$port/api/v1/admin/db/status")
  without_key=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/admin/db/status")
  echo "{\"port\": $port, \"admin_route_with_key\": $with_key, \"without_key\": $without_key}"
  if [[ $with_key != 200 || $without_key != 401 ]]; then
    results[keys]=FAIL
    failed=1
  fi
done

run_check rate-limit rate-limit --url "$nginx_url" --path / --limit "$rate_limit" \
  --requests $((rate_limit * 3)) --concurrency "$concurrency"
run_check cache cache --first "http://127.0.0.1:$port_1" --second "http://127.0.0.1:$port_2"
run_check writes writes --url "$nginx_url" --requests "$writes" --concurrency "$concurrency" \
  --first-user 1000 --out "$work/writes.txt"
check_stored writes "$work/writes.txt"
echo "== instance 2 gets SIGKILL halfway through (the shell reports it as Killed)"
run_check kill kill --url "$nginx_url" --pid "$pid_2" --port "$port_2" --seconds "$kill_seconds" \
  --concurrency "$concurrency" --first-user 2000 --read-path /api/v1/recommendations/habits/1000 --out "$work/kill-writes.txt"
check_stored kill "$work/kill-writes.txt"
# The survivor still answers, alone, through nginx.
if ! kill -0 "$pid_1" 2>/dev/null || ! curl -fsS -o /dev/null "$nginx_url/health"; then
  echo "finml-1 or nginx stopped answering after the kill"
  results[kill]=FAIL
  failed=1
fi

echo
echo "== scale-out summary (finml-1 :$port_1, finml-2 :$port_2, nginx :$nginx_port," \
  "PostgreSQL :$pg_port, Redis :$redis_port, limit $rate_limit)"
for name in keys rate-limit cache writes kill; do
  printf '  %-10s %s\n' "$name" "${results[$name]}"
done
# Both instances served: nginx spread the load (requests counted in their access logs).
for name in finml-1 finml-2; do
  printf '  %s answered %s requests\n' "$name" "$(grep -c '"event":"request"' "$work/$name.log" || true)"
done
exit "$failed"
