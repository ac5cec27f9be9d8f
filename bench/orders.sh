#!/usr/bin/env bash
# The event-driven flow, in Release, one instance of each service on loopback:
#  1. orders placed per second (POST /api/v1/orders: transaction + outbox row) against pgbench's one-INSERT-per-
#     transaction rate on the same Postgres, at the same concurrency, in the same run;
#  2. submitted -> confirmed latency (p50/p99, from the saga's own timestamps) at a fixed 100 orders/s, every
#     order required to reach a final state.
#   bench/orders.sh [seconds per measurement] [rate]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
here="$root/bench"
seconds="${1:-10}"
rate="${2:-100}"
# shellcheck source=lib.sh
. "$here/lib.sh"

for tool in wrk pgbench; do command -v $tool >/dev/null || { echo "$tool is missing: sudo apt-get install wrk postgresql-contrib" >&2; exit 1; }; done
work=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; stop_servers; rm -rf "$work"; }
trap cleanup EXIT

for service in Catalog Ordering Payments; do dotnet build "$root/services/$service" -c Release --nologo -v q >/dev/null; done
start_servers "$work"
sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -qAt "$@"; }
for db in catalogdb orderingdb paymentsdb benchdb; do sql -c "CREATE DATABASE $db"; done

# start SERVICE DATABASE: sets port
start() {
  port=$(free_port)
  env "ConnectionStrings__$2=Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$2;Maximum Pool Size=64" \
    ConnectionStrings__bus="127.0.0.1:$redis_port" ConnectionStrings__cache="127.0.0.1:$redis_port" \
    ASPNETCORE_URLS="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning \
    "$root/services/$1/bin/Release/net10.0/$1" >"$work/$1.log" 2>&1 &
  pids+=($!)
  wait_http "http://127.0.0.1:$port/health"
}
start Catalog catalogdb
start Ordering orderingdb
ordering_port=$port
start Payments paymentsdb

# Plenty of stock on 200 products, so that every order of the run can be confirmed.
products=$(sql -d catalogdb -c "UPDATE stock SET available = 1000000 WHERE product_id IN (SELECT id FROM products ORDER BY id LIMIT 200) RETURNING product_id" | paste -sd, -)
orders="http://127.0.0.1:$ordering_port"

# 1. Throughput, closed loop, 32 connections, against the same number of pgbench clients doing one INSERT each.
sql -d benchdb -c "CREATE TABLE inserts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, aid integer NOT NULL, at timestamptz NOT NULL DEFAULT now())"
printf '\\set aid random(1, 100000)\nINSERT INTO inserts (aid) VALUES (:aid);\n' >"$work/insert.sql"
pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -n -c 32 -j 2 -T 3 -f "$work/insert.sql" benchdb >/dev/null
pg_tps=$(pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -n -c 32 -j 2 -T "$seconds" -f "$work/insert.sql" benchdb | awk '/^tps/ { print int($3) }')
PRODUCTS="$products" wrk -t2 -c32 -d3s -s "$here/order-post.lua" "$orders" >/dev/null
placed=$(PRODUCTS="$products" wrk -t2 -c32 -d"${seconds}s" --latency -s "$here/order-post.lua" "$orders")
place_rps=$(awk '/Requests\/sec/ { print int($2) }' <<<"$placed")
place_p99=$(awk '/^ +99%/ { print $2 }' <<<"$placed")
errors=$(awk '/Non-2xx/ { print $NF }' <<<"$placed")

# Let the saga drain what the closed loop left behind before the latency run.
drained() { [ "$(sql -d orderingdb -c "SELECT count(*) FROM orders WHERE status NOT IN ('confirmed', 'cancelled')")" = 0 ]; }
for _ in $(seq 600); do drained && break; sleep 0.5; done
backlog_drained=$(drained && echo yes || echo no)

# 2. Latency at a fixed rate, measured from the orders' own history.
mark=$(sql -d orderingdb -c "SELECT now()")
load=$("$here/order_load.py" "$orders" "$rate" "$seconds" "$products")
for _ in $(seq 120); do drained && break; sleep 0.5; done
read -r n confirmed cancelled open p50 p99 < <(sql -d orderingdb -F ' ' -c "
  WITH run AS (SELECT id, status, created_at FROM orders WHERE created_at >= '$mark' AND customer_id = 'bench-latency'),
  done AS (SELECT r.id, extract(epoch FROM h.at - r.created_at) * 1000 AS ms FROM run r JOIN order_history h ON h.order_id = r.id AND h.step = 'payment-authorized')
  SELECT (SELECT count(*) FROM run), (SELECT count(*) FROM run WHERE status = 'confirmed'), (SELECT count(*) FROM run WHERE status = 'cancelled'),
         (SELECT count(*) FROM run WHERE status NOT IN ('confirmed', 'cancelled')),
         round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1), round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 1) FROM done")

echo "orders: POST /api/v1/orders (order + lines + history + outbox row, one transaction), Release, 1 instance each, payment provider 20 ms"
printf '  %-56s %10s\n' "baseline: pgbench, one INSERT per transaction, 32 clients" "$pg_tps tps"
printf '  %-56s %10s   p99 %s, non-201: %s\n' "orders placed, wrk 32 connections" "$place_rps /s" "$place_p99" "${errors:-0}"
awk -v o="$place_rps" -v p="$pg_tps" 'BEGIN { printf "  orders placed / pgbench inserts: %.2f (goal >= 0.3)\n", o / p }'
echo "  backlog of the throughput run fully confirmed or cancelled: $backlog_drained"
echo "  at $rate orders/s for ${seconds}s: $load"
echo "  submitted -> confirmed: p50 ${p50} ms, p99 ${p99} ms (goal p99 < 150 ms); $n orders: $confirmed confirmed, $cancelled cancelled, $open not final"
