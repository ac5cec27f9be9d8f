#!/bin/sh
# Runs one local PostgreSQL server in the foreground for the AppHost, on a cluster the AppHost created
# (PostgresCluster.cs).
#   usage: postgres-launcher.sh BIN_FOLDER DATA_FOLDER PORT
# As root the server runs as the 'postgres' user (PostgreSQL refuses root). The orchestrator stops a process
# with SIGTERM, which PostgreSQL reads as a "smart" shutdown that waits for every pooled client connection to
# close; this script turns it into SIGINT, a fast and clean shutdown.
set -eu
bin=$1 data=$2 port=$3

# --pdeathsig: should this script be killed outright, the server still gets its fast shutdown.
if [ "$(id -u)" = 0 ]; then
  set -- setpriv --reuid=postgres --regid=postgres --clear-groups --pdeathsig INT --
elif command -v setpriv >/dev/null 2>&1; then
  set -- setpriv --pdeathsig INT --
else
  set --
fi

if [ ! -s "$data/PG_VERSION" ]; then
  echo "No PostgreSQL cluster in $data: the AppHost creates it before starting the server; see the lines above." >&2
  exit 1
fi

# A simple command, so that $! is the server itself (setpriv execs it), not a subshell that would ignore signals.
"$@" "$bin/postgres" -D "$data" -p "$port" \
  -c listen_addresses=127.0.0.1 -c unix_socket_directories= \
  -c max_connections=200 -c log_line_prefix='%m [%p] ' &
server=$!
trap 'kill -INT "$server" 2>/dev/null' TERM INT
status=0
wait "$server" || status=$?
# A trapped signal ends the first wait early; the second one waits for the shutdown to finish.
if kill -0 "$server" 2>/dev/null; then
  status=0
  wait "$server" || status=$?
fi
exit "$status"
