# Shared by the benchmark scripts: timing, statistics, and Redis + PostgreSQL started by hand on free ports.
# shellcheck shell=bash

now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

pgbin=$(dirname "$(readlink -f "$(command -v postgres || ls /usr/lib/postgresql/*/bin/postgres | tail -1)")")
as_postgres=()
[ "$(id -u)" = 0 ] && as_postgres=(setpriv --reuid=postgres --regid=postgres --clear-groups --)

# What every service started by hand needs (it validates bearer tokens and refuses to start without an authority):
# `env "${service_env[@]}" SERVICE`, set by start_identity once the bench's own authority answers (bearer_token.py: an
# RSA key made for the run, its discovery document and JWKS). The services run as Development, where a plain-HTTP
# authority is allowed; that also maps their OpenAPI documents, and changes nothing on the paths measured.
service_env=()
# token SUBJECT ROLE: an RS256 bearer token for SUBJECT (the customer id, for ordering) with ROLE (customer or admin),
# valid 2 h, from the run's authority.
token() { python3 "$(dirname "${BASH_SOURCE[0]}")/bearer_token.py" token "$identity_key" "$identity" bench "$1" "$2"; }

# start_servers DIR [POSTGRES-ARG...]: initdb + postgres (trust auth, with the extra arguments, such as
# -c shared_preload_libraries=...) and redis-server under DIR; sets pg_port, redis_port, pg_pid, redis_pid, and returns
# once both answer.
start_servers() {
  local dir=$1
  chmod 755 "$dir" && mkdir -p "$dir/pg"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/pg"
  pg_port=$(free_port) redis_port=$(free_port)
  "${as_postgres[@]}" "$pgbin/initdb" -D "$dir/pg" -U postgres --auth=trust --no-sync --no-instructions --locale=C >/dev/null
  "${as_postgres[@]}" "$pgbin/postgres" -D "$dir/pg" -p "$pg_port" -c listen_addresses=127.0.0.1 -c max_connections=300 -c unix_socket_directories= "${@:2}" >/dev/null 2>&1 &
  pg_pid=$!
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly yes --appendfsync everysec --dir "$dir" >/dev/null &
  redis_pid=$!
  until psql -h 127.0.0.1 -p "$pg_port" -U postgres -Atc 'select 1' >/dev/null 2>&1; do sleep 0.02; done
  until [ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" = PONG ]; do sleep 0.02; done
}

# start_identity DIR: the token authority under DIR, for the services a script starts by hand; sets identity (its
# address) and service_env, and returns once it answers. Apart from start_servers, whose time is startup.sh's baseline.
start_identity() {
  identity_key="$1/identity.pem" identity_port=$(free_port)
  python3 "$(dirname "${BASH_SOURCE[0]}")/bearer_token.py" key "$identity_key"
  python3 "$(dirname "${BASH_SOURCE[0]}")/bearer_token.py" serve "$identity_key" "$identity_port" &
  identity_pid=$! identity="http://127.0.0.1:$identity_port"
  service_env=(Authentication__Jwt__Authority="$identity" Authentication__Jwt__Audience=bench ASPNETCORE_ENVIRONMENT=Development)
  until curl -sf "$identity/.well-known/jwks.json" >/dev/null; do sleep 0.02; done
}

stop_servers() {
  # A script's background jobs ignore SIGINT; Postgres and Redis install their own handler, Python does not.
  kill -INT "$pg_pid" "$redis_pid" 2>/dev/null || true
  [ -z "${identity_pid:-}" ] || kill -TERM "$identity_pid" 2>/dev/null || true
  wait "$pg_pid" "$redis_pid" ${identity_pid:+"$identity_pid"} 2>/dev/null || true
}

# launch_service LOG_DIR SERVICE DATABASE PG_PORT [ENV...]: starts services/SERVICE's Release build in the background,
# its database on PG_PORT, the bus and the cache on redis_port, its log in LOG_DIR/SERVICE.log, with the extra
# environment; sets port (where it listens) and service_pid. Wait for it with wait_http. Its content root is its project,
# as under the AppHost: its appsettings.json (payments' messaging settings) is read from there.
launch_service() {
  port=$(free_port)
  env "${service_env[@]}" "${@:5}" "ConnectionStrings__$3=Host=127.0.0.1;Port=$4;Username=postgres;Database=$3;Maximum Pool Size=64" \
    ConnectionStrings__bus="127.0.0.1:$redis_port" ConnectionStrings__cache="127.0.0.1:$redis_port" \
    ASPNETCORE_CONTENTROOT="$(dirname "${BASH_SOURCE[0]}")/../services/$2" ASPNETCORE_URLS="http://127.0.0.1:$port" \
    Logging__LogLevel__Default=Warning "$(dirname "${BASH_SOURCE[0]}")/../services/$2/bin/Release/net10.0/$2" >>"$1/$2.log" 2>&1 &
  service_pid=$!
}

# wait_http URL: until it answers 200; fails after 2 minutes rather than wait forever on a service that exited at start
# (a missing setting, such as service_env's: its log says which).
wait_http() {
  for _ in $(seq 2400); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ] && return; sleep 0.05; done
  echo "$1 did not answer 200 within 2 minutes" >&2
  return 1
}
