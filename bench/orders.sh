#!/usr/bin/env bash
# The event-driven flow, in Release, one instance of each service on loopback:
#  1. orders placed per second (POST /api/v1/orders: order rows + outbox row in one transaction, relayed to Redis)
#     against pgbench's one-INSERT-per-transaction rate on the same Postgres, same concurrency, same run; catalog
#     and payments are not started yet, so this measures the ordering service and its relay alone;
#  2. the saga's throughput: catalog and payments start and work off that backlog, every order to a final state;
#  3. submitted -> confirmed latency (p50/p99, from the saga's own timestamps) at a fixed rate (default 100/s),
#     and at a quarter of it.
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
logs=/tmp/bench-orders-logs
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; stop_servers
  rm -rf "$logs" && mkdir -p "$logs" && cp "$work"/*.log "$logs"/ 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for service in Catalog Ordering Payments; do dotnet build "$root/services/$service" -c Release --nologo -v q >/dev/null; done
start_servers "$work"
sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -qAt "$@"; }
for db in catalogdb orderingdb paymentsdb benchdb; do sql -c "CREATE DATABASE $db"; done

# start SERVICE DATABASE [ENV...]: sets port
start() {
  port=$(free_port)
  env "${jwt_env[@]}" "${@:3}" "ConnectionStrings__$2=Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$2;Maximum Pool Size=64" \
    ConnectionStrings__bus="127.0.0.1:$redis_port" ConnectionStrings__cache="127.0.0.1:$redis_port" \
    ASPNETCORE_URLS="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning \
    "$root/services/$1/bin/Release/net10.0/$1" >"$work/$1.log" 2>&1 &
  pids+=($!)
  wait_http "http://127.0.0.1:$port/health"
}
# Catalog first, to create and seed its database; plenty of stock on 200 products so that every order can be confirmed.
start Catalog catalogdb
products=$(sql -d catalogdb -c "UPDATE stock SET available = 1000000 WHERE product_id IN (SELECT id FROM products ORDER BY id LIMIT 200) RETURNING product_id" | paste -sd, -)
kill "${pids[-1]}" && wait "${pids[-1]}" 2>/dev/null || true

# The backlog of the throughput run must not time out before catalog and payments work it off.
start Ordering orderingdb Ordering__Saga__StockTimeout=00:10:00 Ordering__Saga__PaymentTimeout=00:10:00
ordering_port=$port

orders="http://127.0.0.1:$ordering_port"

# 1. Throughput, closed loop, 32 connections, against the same number of pgbench clients doing one INSERT each.
sql -d benchdb -c "CREATE TABLE inserts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, aid integer NOT NULL, at timestamptz NOT NULL DEFAULT now())"
printf '\\set aid random(1, 100000)\nINSERT INTO inserts (aid) VALUES (:aid);\n' >"$work/insert.sql"
pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -n -c 32 -j 2 -T 3 -f "$work/insert.sql" benchdb >/dev/null
pg_tps=$(pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -n -c 32 -j 2 -T "$seconds" -f "$work/insert.sql" benchdb | awk '/^tps/ { print int($3) }')
# One customer places them all: the token's subject is the customer (was one X-Customer-Id per wrk thread).
bench_token=$(token bench customer)
TOKEN="$bench_token" PRODUCTS="$products" wrk -t2 -c32 -d3s -s "$here/order-post.lua" "$orders" >/dev/null
placed=$(TOKEN="$bench_token" PRODUCTS="$products" wrk -t2 -c32 -d"${seconds}s" --latency -s "$here/order-post.lua" "$orders")
place_rps=$(awk '/Requests\/sec/ { print int($2) }' <<<"$placed")
place_p99=$(awk '/^ +99%/ { print $2 }' <<<"$placed")
errors=$(awk '/Non-2xx/ { print $NF }' <<<"$placed")

# 2. The saga works off the backlog.
backlog=$(sql -d orderingdb -c "SELECT count(*) FROM orders")
drain_start=$(now)
start Catalog catalogdb
start Payments paymentsdb
drained() { [ "$(sql -d orderingdb -c "SELECT count(*) FROM orders WHERE status NOT IN ('confirmed', 'cancelled')")" = 0 ]; }
for _ in $(seq 1200); do drained && break; sleep 0.25; done
drain_ms=$(ms "$drain_start" "$(now)")
backlog_drained=$(drained && echo yes || echo no)
backlog_confirmed=$(sql -d orderingdb -c "SELECT count(*) FROM orders WHERE status = 'confirmed'")

# 3. Latency at a fixed rate, measured from the orders' own history.
# latency RATE: prints "orders confirmed cancelled open p50 p99 reserve_p50 reserve_p99 pay_p50 pay_p99 load-json"
latency() {
  local customer="bench-latency-$1" mark load
  mark=$(sql -d orderingdb -c "SELECT now()")
  load=$(TOKEN="$(token "$customer" customer)" "$here/order_load.py" "$orders" "$1" "$seconds" "$products")
  for _ in $(seq 240); do drained && break; sleep 0.25; done
  sql -d orderingdb -F ' ' -c "
    WITH run AS (SELECT id, status, created_at FROM orders WHERE created_at >= '$mark' AND customer_id = '$customer'),
    steps AS (SELECT r.id, r.created_at,
                     (SELECT at FROM order_history h WHERE h.order_id = r.id AND h.step = 'stock-reserved') AS reserved,
                     (SELECT at FROM order_history h WHERE h.order_id = r.id AND h.step = 'payment-authorized') AS confirmed
              FROM run r),
    ms AS (SELECT extract(epoch FROM confirmed - created_at) * 1000 AS total, extract(epoch FROM reserved - created_at) * 1000 AS reserve,
                  extract(epoch FROM confirmed - reserved) * 1000 AS pay FROM steps WHERE confirmed IS NOT NULL)
    SELECT (SELECT count(*) FROM run), (SELECT count(*) FROM run WHERE status = 'confirmed'), (SELECT count(*) FROM run WHERE status = 'cancelled'),
           (SELECT count(*) FROM run WHERE status NOT IN ('confirmed', 'cancelled')),
           round(percentile_cont(0.5) WITHIN GROUP (ORDER BY total)::numeric, 1), round(percentile_cont(0.99) WITHIN GROUP (ORDER BY total)::numeric, 1),
           round(percentile_cont(0.5) WITHIN GROUP (ORDER BY reserve)::numeric, 1), round(percentile_cont(0.99) WITHIN GROUP (ORDER BY reserve)::numeric, 1),
           round(percentile_cont(0.5) WITHIN GROUP (ORDER BY pay)::numeric, 1), round(percentile_cont(0.99) WITHIN GROUP (ORDER BY pay)::numeric, 1)
    FROM ms" | tr -d '\n'
  echo " $load"
}
quarter=$(awk -v r="$rate" 'BEGIN { print r / 4 }')
read -r n confirmed cancelled open p50 p99 reserve_p50 reserve_p99 pay_p50 pay_p99 load < <(latency "$rate")
read -r qn qconfirmed qcancelled qopen qp50 qp99 _ _ _ _ _ < <(latency "$quarter")

echo "orders: POST /api/v1/orders (order, lines, history, outbox row: one transaction), Release, 1 instance each, payment provider 20 ms"
printf '  %-58s %10s\n' "baseline: pgbench, one INSERT per transaction, 32 clients" "$pg_tps tps"
printf '  %-58s %10s   p99 %s, non-201: %s\n' "orders placed (ordering + relay), wrk 32 connections" "$place_rps /s" "$place_p99" "${errors:-0}"
awk -v o="$place_rps" -v p="$pg_tps" 'BEGIN { printf "  orders placed / pgbench inserts: %.2f (goal >= 0.3)\n", o / p }'
awk -v b="$backlog" -v c="$backlog_confirmed" -v t="$drain_ms" -v d="$backlog_drained" 'BEGIN { printf "  saga throughput: %d orders worked off in %.1f s = %.0f orders/s (catalog and payments starting included); %d confirmed; all final: %s\n", b, t / 1000, b / (t / 1000), c, d }'
echo "  at $rate orders/s for ${seconds}s: submitted -> confirmed p50 ${p50} ms, p99 ${p99} ms (goal p99 < 150 ms); $n orders: $confirmed confirmed, $cancelled cancelled, $open not final"
echo "    submitted -> stock reserved (2 hops): p50 ${reserve_p50} ms, p99 ${reserve_p99} ms; -> payment authorized (2 hops): p50 ${pay_p50} ms, p99 ${pay_p99} ms; load: $load"
echo "  services' warnings and errors during the run: $(cat "$work"/*.log | grep -cE '^(warn|fail|crit)') (logs kept in $logs)"
echo "  at $quarter orders/s: submitted -> confirmed p50 ${qp50} ms, p99 ${qp99} ms; $qn orders: $qconfirmed confirmed, $qcancelled cancelled, $qopen not final"
