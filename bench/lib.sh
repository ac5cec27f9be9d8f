# Shared by the benchmark scripts: timing, statistics, and Redis + PostgreSQL started by hand on free ports.
# shellcheck shell=bash

now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

pgbin=$(dirname "$(readlink -f "$(command -v postgres || ls /usr/lib/postgresql/*/bin/postgres | tail -1)")")
as_postgres=()
[ "$(id -u)" = 0 ] && as_postgres=(setpriv --reuid=postgres --regid=postgres --clear-groups --)

# start_servers DIR: initdb + postgres (trust auth) and redis-server under DIR; sets pg_port, redis_port, pg_pid,
# redis_pid, and returns once both answer.
start_servers() {
  local dir=$1
  chmod 755 "$dir" && mkdir -p "$dir/pg"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/pg"
  pg_port=$(free_port) redis_port=$(free_port)
  "${as_postgres[@]}" "$pgbin/initdb" -D "$dir/pg" -U postgres --auth=trust --no-sync --no-instructions --locale=C >/dev/null
  "${as_postgres[@]}" "$pgbin/postgres" -D "$dir/pg" -p "$pg_port" -c listen_addresses=127.0.0.1 -c max_connections=300 -c unix_socket_directories= >/dev/null 2>&1 &
  pg_pid=$!
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly yes --appendfsync everysec --dir "$dir" >/dev/null &
  redis_pid=$!
  until psql -h 127.0.0.1 -p "$pg_port" -U postgres -Atc 'select 1' >/dev/null 2>&1; do sleep 0.02; done
  until [ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" = PONG ]; do sleep 0.02; done
}

stop_servers() {
  kill -INT "$pg_pid" "$redis_pid" 2>/dev/null || true
  wait "$pg_pid" "$redis_pid" 2>/dev/null || true
}

# wait_http URL: until it answers 200.
wait_http() { until [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ]; do sleep 0.05; done; }
