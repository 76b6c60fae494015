#!/usr/bin/env bash
# Runs a private, throwaway Redis server for finml's tests, from Debian's redis-server. It
# listens on 127.0.0.1 only, on a free port it picks, keeps nothing on disk (--save "",
# --appendonly no) and runs daemonized with its pid file in the state directory.
#
#   scripts/test-redis.sh start <state-dir>  starts it and writes its port to <state-dir>/port
#                                            (a state dir that has a port already reuses it, so
#                                            that a restart brings the server back where it was)
#   scripts/test-redis.sh stop  <state-dir>  stops it (SIGTERM to the pid in <state-dir>/redis.pid)
#
# FINML_REDIS_SERVER overrides the redis-server binary.
set -euo pipefail

readonly redis_server="${FINML_REDIS_SERVER:-/usr/bin/redis-server}"

usage() {
  echo "usage: $0 start|stop <state-dir>" >&2
  exit 2
}

[[ $# -eq 2 ]] || usage
readonly command=$1
readonly state_dir=$2

if [[ ! -x "$redis_server" ]]; then
  echo "test-redis: no $redis_server;" \
    "install it with: apt-get install -y --no-install-recommends redis-server" >&2
  exit 1
fi

pid_file="$state_dir/redis.pid"

is_running() {
  [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

# A port that was free a moment ago: the kernel picks it.
pick_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until the server answers PING on its port; non-zero when it does not within 5 s.
wait_ready() {
  local port=$1
  for _ in $(seq 50); do
    if { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
      printf 'PING\r\n' >&3
      local reply=""
      read -r -t 1 reply <&3 || true
      exec 3>&- 3<&-
      [[ $reply == +PONG* ]] && return 0
    fi
    sleep 0.1
  done
  return 1
}

start() {
  mkdir -p "$state_dir"
  if is_running; then
    echo "test-redis: already running on port $(cat "$state_dir/port")"
    return 0
  fi
  local port attempts=0
  while :; do
    if [[ -f "$state_dir/port" ]]; then port=$(cat "$state_dir/port"); else port=$(pick_port); fi
    rm -f "$pid_file"
    if "$redis_server" --port "$port" --bind 127.0.0.1 --save "" --appendonly no \
      --daemonize yes --pidfile "$(cd "$state_dir" && pwd)/redis.pid" \
      --logfile "$(cd "$state_dir" && pwd)/redis.log" --dir "$(cd "$state_dir" && pwd)" &&
      wait_ready "$port"; then
      echo "$port" >"$state_dir/port"
      echo "test-redis: listening on 127.0.0.1:$port"
      return 0
    fi
    attempts=$((attempts + 1))
    # A port taken meanwhile: pick another, unless the caller pinned it with a port file.
    if [[ -f "$state_dir/port" || $attempts -ge 5 ]]; then
      echo "test-redis: redis-server did not start on port $port; see $state_dir/redis.log" >&2
      exit 1
    fi
  done
}

stop() {
  if ! is_running; then return 0; fi
  local pid
  pid=$(cat "$pid_file")
  kill "$pid"
  for _ in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pid_file"; return 0; }
    sleep 0.05
  done
  echo "test-redis: redis-server $pid did not stop" >&2
  exit 1
}

case "$command" in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
