#!/usr/bin/env bash
# Runs a private, throwaway PostgreSQL server for finml's tests, from Debian's postgresql-15
# binaries. It listens on 127.0.0.1 only, on a free port it picks, trusts every local
# connection (test use only), and has a database finml_test.
#
#   scripts/test-postgres.sh start   <state-dir>  starts it (creating the cluster on first use)
#                                                 and writes its URL to <state-dir>/url:
#                                                 postgresql://<user>@127.0.0.1:<port>/finml_test
#   scripts/test-postgres.sh stop    <state-dir>  stops it, keeping the cluster and its port so
#                                                 that a later start brings the same server back
#   scripts/test-postgres.sh destroy <state-dir>  stops it and deletes the cluster
#
# The cluster lives in a directory made by mktemp under /tmp (short enough for the Unix socket
# path); <state-dir> is a symlink to it, created when <state-dir> does not exist yet. PostgreSQL
# refuses to run as root, so as root the server runs as the postgres user, which owns the
# cluster directory. FINML_PG_BIN overrides where the PostgreSQL binaries are.
set -euo pipefail

readonly pg_bin="${FINML_PG_BIN:-/usr/lib/postgresql/15/bin}"
readonly database=finml_test

usage() {
  echo "usage: $0 start|stop|destroy <state-dir>" >&2
  exit 2
}

[[ $# -eq 2 ]] || usage
readonly command=$1
readonly state_dir=$2

if [[ ! -x "$pg_bin/initdb" || ! -x "$pg_bin/pg_ctl" || ! -x "$pg_bin/psql" ]]; then
  echo "test-postgres: no PostgreSQL binaries in $pg_bin;" \
    "install them with: apt-get install -y --no-install-recommends postgresql" >&2
  exit 1
fi

if [[ $(id -u) -eq 0 ]]; then
  readonly server_user=postgres
  as_server() { runuser -u postgres -- "$@"; }
else
  server_user=$(id -un)
  readonly server_user
  as_server() { "$@"; }
fi

# A dangling symlink (its /tmp directory was cleaned away) counts as no cluster.
cluster_exists() { [[ -f "$state_dir/data/PG_VERSION" ]]; }

is_running() {
  cluster_exists && as_server "$pg_bin/pg_ctl" status -D "$state_dir/data" >/dev/null 2>&1
}

create_cluster() {
  if [[ -L "$state_dir" ]]; then rm -f "$state_dir"; fi
  local cluster
  if [[ -d "$state_dir" ]]; then
    cluster=$(cd "$state_dir" && pwd -P)
  else
    mkdir -p "$(dirname "$state_dir")"
    cluster=$(mktemp -d /tmp/finml-pg.XXXXXX)
    ln -s "$cluster" "$state_dir"
  fi
  chmod 700 "$cluster"
  if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$cluster"; fi
  as_server mkdir -p "$cluster/socket"
  # initdb runs in the cluster directory: the postgres user may not enter root's cwd.
  (cd "$cluster" && as_server "$pg_bin/initdb" --pgdata="$cluster/data" --username="$server_user" \
    --auth=trust --encoding=UTF8 --locale=C --no-instructions >"$cluster/initdb.log" 2>&1) || {
    cat "$cluster/initdb.log" >&2
    exit 1
  }
}

# A hint only (ss may be missing): a port taken anyway shows up as a failed start, retried.
port_in_use() {
  local port=$1
  [[ -n $(ss -Hltn "sport = :$port" 2>/dev/null) ]]
}

# Starts the server on the given port; returns non-zero when it did not come up.
start_on_port() {
  local cluster port=$1
  cluster=$(cd "$state_dir" && pwd -P)
  # Durability is not needed for test data: fsync off makes CREATE DATABASE and commits fast.
  local settings="-c listen_addresses=127.0.0.1 -c port=$port"
  settings+=" -c unix_socket_directories=$cluster/socket"
  settings+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  (cd "$cluster" && as_server "$pg_bin/pg_ctl" start --wait --timeout=60 \
    --pgdata="$cluster/data" --log="$cluster/server.log" -o "$settings" >/dev/null 2>&1)
}

start() {
  cluster_exists || create_cluster
  if ! is_running; then
    local port
    if [[ -f "$state_dir/port" ]]; then
      # A restart keeps the port, so that clients holding the URL reconnect to it.
      port=$(<"$state_dir/port")
      if ! start_on_port "$port"; then
        tail -n 20 "$state_dir/server.log" >&2
        exit 1
      fi
    else
      local attempt started=false
      for attempt in $(seq 1 20); do
        port=$((20000 + RANDOM % 40000))
        port_in_use "$port" && continue
        if start_on_port "$port"; then
          started=true
          break
        fi
      done
      if [[ $started != true ]]; then
        echo "test-postgres: could not start a server after $attempt attempts" >&2
        tail -n 20 "$state_dir/server.log" >&2
        exit 1
      fi
      echo "$port" >"$state_dir/port"
    fi
  fi

  local port
  port=$(<"$state_dir/port")
  local psql=("$pg_bin/psql" --no-psqlrc --quiet --host=127.0.0.1 --port="$port"
    --username="$server_user" --dbname=postgres --set=ON_ERROR_STOP=1)
  if [[ -z $("${psql[@]}" --tuples-only --no-align \
    --command="SELECT 1 FROM pg_database WHERE datname = '$database'") ]]; then
    "${psql[@]}" --command="CREATE DATABASE $database"
  fi
  local url="postgresql://$server_user@127.0.0.1:$port/$database"
  # Written whole and then renamed, so that a reader never sees half a URL.
  echo "$url" >"$state_dir/url.tmp"
  mv "$state_dir/url.tmp" "$state_dir/url"
  echo "$url"
}

stop() {
  rm -f "$state_dir/url"
  if is_running; then
    local cluster
    cluster=$(cd "$state_dir" && pwd -P)
    (cd "$cluster" && as_server "$pg_bin/pg_ctl" stop --wait --mode=fast \
      --pgdata="$cluster/data" >/dev/null)
  fi
}

destroy() {
  stop
  if [[ -L "$state_dir" ]]; then
    local cluster
    cluster=$(readlink "$state_dir")
    rm -f "$state_dir"
    case "$cluster" in
      /tmp/finml-pg.*) rm -rf "$cluster" ;;
    esac
  elif [[ -d "$state_dir" ]]; then
    rm -rf "$state_dir/data" "$state_dir/socket" "$state_dir/port" "$state_dir"/*.log
  fi
}

case "$command" in
  start) start ;;
  stop) stop ;;
  destroy) destroy ;;
  *) usage ;;
esac
