#!/usr/bin/env bash
# The event-driven flow, in Release, one instance of each service on loopback:
#  1. orders placed per second (POST /api/v1/orders: order rows + outbox row in one transaction, relayed to Redis)
#     against pgbench's one-INSERT-per-transaction rate on the same Postgres, same concurrency, same run; catalog
#     and payments are not started yet, so this measures the ordering service and its relay alone;
#  2. the saga's throughput: catalog and payments start and work off that backlog, every order to a final state;
#  3. submitted -> confirmed latency (p50/p99, from the saga's own timestamps) at a fixed rate (default 200/s),
#     and at a fixed 25/s;
#  4. apart, so that counting does not distort the timings: Postgres round trips, statements and transactions per
#     confirmed order, counted, not estimated. The three services restart with their connections through
#     pg_roundtrips.py, a proxy that counts the messages the server answers (Sync, Query) per database; Postgres runs
#     with pg_stat_statements (sum of calls) and pg_stat_database (xact_commit + xact_rollback). A fixed load
#     (10 s at 40 orders/s, or at the counting rate given) is counted from idle to idle; then an idle period of the
#     same length is counted, printed as "background per second", and subtracted. At a low rate every event travels
#     alone (each relay batch and each consumer run holds one), so the count is the flow's unbatched cost.
# Prints every figure of the event-driven goals with its goal and "met" or "NOT met", then the details.
#   bench/orders.sh [seconds per measurement] [rate] [counting rate, default 40]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
here="$root/bench"
seconds="${1:-10}"
rate="${2:-200}"
low_rate=25
count_rate="${3:-40}" count_seconds=10
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
start_servers "$work" -c shared_preload_libraries=pg_stat_statements
start_identity "$work"
# sql_user: the role of the bench's own queries; during the counting phase it is "bench", so that pg_stat_statements
# tells them apart from the services' (which connect as postgres).
sql_user=postgres
sql() { psql -h 127.0.0.1 -p "$pg_port" -U "$sql_user" -qAt "$@"; }
services_dbs="catalogdb orderingdb paymentsdb"
for db in $services_dbs benchdb; do sql -c "CREATE DATABASE $db" && sql -d $db -c "CREATE EXTENSION pg_stat_statements"; done
sql -c "CREATE ROLE bench SUPERUSER LOGIN"

# start SERVICE DATABASE [ENV...]: sets port; the services connect to Postgres on service_pg_port.
service_pg_port=$pg_port
declare -A pid_of
start() {
  launch_service "$work" "$1" "$2" "$service_pg_port" "${@:3}"
  pids+=("$service_pid")
  pid_of[$1]=$service_pid
  wait_http "http://127.0.0.1:$port/health"
}
stop() { for service in "$@"; do kill "${pid_of[$service]}" && wait "${pid_of[$service]}" 2>/dev/null || true; done; }
# Catalog first, to create and seed its database; plenty of stock on 200 products so that every order can be confirmed.
start Catalog catalogdb
products=$(sql -d catalogdb -c "UPDATE stock SET available = 1000000 WHERE product_id IN (SELECT id FROM products ORDER BY id LIMIT 200) RETURNING product_id" | paste -sd, -)
stop Catalog

# The backlog of the throughput run must not time out before catalog and payments work it off, nor be refused by
# admission control: it is built on purpose.
ordering_env=(Ordering__Saga__StockTimeout=00:10:00 Ordering__Saga__PaymentTimeout=00:10:00 Ordering__Admission__MaxQueueWait=00:10:00)
start Ordering orderingdb "${ordering_env[@]}"
ordering_port=$port

orders="http://127.0.0.1:$ordering_port"

# 1. Throughput, closed loop, 32 connections, against the same number of pgbench clients doing one INSERT each.
sql -d benchdb -c "CREATE TABLE inserts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, aid integer NOT NULL, at timestamptz NOT NULL DEFAULT now())"
printf '\\set aid random(1, 100000)\nINSERT INTO inserts (aid) VALUES (:aid);\n' >"$work/insert.sql"
pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -n -c 32 -j 2 -T 3 -f "$work/insert.sql" benchdb >/dev/null
pg_tps=$(pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -n -c 32 -j 2 -T "$seconds" -f "$work/insert.sql" benchdb | awk '/^tps/ { print int($3) }')
# One customer places them all: the token's subject is the customer (was one X-Customer-Id per wrk thread).
bench_token=$(token bench customer)
RUN="warm-$(now)" TOKEN="$bench_token" PRODUCTS="$products" wrk -t2 -c32 -d3s -s "$here/order-post.lua" "$orders" >/dev/null
placed=$(RUN="measured-$(now)" TOKEN="$bench_token" PRODUCTS="$products" wrk -t2 -c32 -d"${seconds}s" --latency -s "$here/order-post.lua" "$orders")
place_rps=$(awk '/Requests\/sec/ { print int($2) }' <<<"$placed")
place_p99=$(awk '/^ +99%/ { print $2 }' <<<"$placed")
errors=$(awk '/^Non-201 responses/ { print $NF }' <<<"$placed")

# 2. The saga works off the backlog.
backlog=$(sql -d orderingdb -c "SELECT count(*) FROM orders")
drain_start=$(now)
start Catalog catalogdb
start Payments paymentsdb
# drained: every order final and every stock reservation settled (the catalog sells a confirmed order's stock after
# the order is final: until then its queue is not empty); counts its polls, each one transaction in orderingdb and one
# in catalogdb.
polls=0
drained() {
  polls=$((polls + 1))
  local open reserved
  open=$(sql -d orderingdb -c "SELECT count(*) FROM orders WHERE status NOT IN ('confirmed', 'cancelled')")
  reserved=$(sql -d catalogdb -c "SELECT count(*) FROM stock_reservations WHERE status = 'reserved'")
  [ "$open" = 0 ] && [ "$reserved" = 0 ]
}
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
  sql -d orderingdb -F ' ' -P null=- -c "
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
read -r n confirmed cancelled open p50 p99 reserve_p50 reserve_p99 pay_p50 pay_p99 load < <(latency "$rate")
read -r qn qconfirmed qcancelled qopen qp50 qp99 _ _ _ _ _ < <(latency "$low_rate")

# 4. Counting: round trips (on the wire), statements (pg_stat_statements), transactions (pg_stat_database).
for _ in $(seq 480); do drained && break; sleep 0.25; done  # nothing of the timed runs left in flight
stop Ordering Payments Catalog
proxy_port=$(free_port)
python3 "$here/pg_roundtrips.py" "$proxy_port" "$pg_port" "$work/roundtrips.json" >"$work/pg_roundtrips.log" 2>&1 &
pids+=($!)
until [ -s "$work/roundtrips.json" ]; do sleep 0.05; done
service_pg_port=$proxy_port
start Catalog catalogdb
start Payments paymentsdb
start Ordering orderingdb "${ordering_env[@]}"
orders="http://127.0.0.1:$port"
# counts FILE: one line per service database, "database round_trips statements transactions", as of now. The proxy
# writes its totals every 200 ms; the services' statements are the calls of role postgres in their databases (the
# bench's own queries run as role bench, or in benchdb).
counts() {
  sleep 0.5
  join <(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))["databases"]
for db in sys.argv[2:]: print(db, d.get(db, {}).get("round_trips", 0))' "$work/roundtrips.json" $services_dbs) \
    <(sql -d benchdb -F ' ' -c "SELECT d.datname, (SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s WHERE s.dbid = d.datid
      AND s.userid = 'postgres'::regrole), d.xact_commit + d.xact_rollback FROM pg_stat_database d
      WHERE d.datname IN ('catalogdb', 'orderingdb', 'paymentsdb') ORDER BY 1") >"$1"
}
# Idle first: Postgres flushes an idle backend's pg_stat_database counts up to 10 s late, so every window ends 11 s
# after its last work, and the first starts 12 s after the services' start.
sleep 12
sql_user=bench
counts "$work/count-start"
count_start=$(now) polls=0
count_load=$(TOKEN="$(token bench-count customer)" "$here/order_load.py" "$orders" "$count_rate" "$count_seconds" "$products")
for _ in $(seq 480); do drained && break; sleep 0.25; done
count_drained=$(drained && echo yes || echo no)
count_polls=$polls
sleep 11
counts "$work/count-end"
count_ms=$(ms "$count_start" "$(now)")
sleep "$(awk -v t="$count_ms" 'BEGIN { print t / 1000 - 0.5 }')"  # the idle window: the same length (counts sleeps 0.5 s)
counts "$work/idle-end"
idle_ms=$(ms "$count_start" "$(now)")
idle_ms=$((idle_ms - count_ms))
read -r count_confirmed count_cancelled < <(sql -d orderingdb -F ' ' -c "SELECT count(*) FILTER (WHERE status = 'confirmed'),
  count(*) FILTER (WHERE status = 'cancelled') FROM orders WHERE customer_id = 'bench-count'")
# Per database: load window minus the idle window scaled to the load window's length (and, for orderingdb's
# transactions, minus the bench's own polls); divided by the confirmed orders.
per_order=$(paste "$work/count-start" "$work/count-end" "$work/idle-end" | awk -v c="$count_confirmed" -v lt="$count_ms" -v it="$idle_ms" -v polls="$count_polls" '
  { db[NR] = $1; for (k = 2; k <= 4; k++) { load[NR, k] = $(k + 4) - $k; idle[NR, k] = $(k + 8) - $(k + 4) } }
  END {
    for (i = 1; i <= NR; i++) for (k = 2; k <= 4; k++) {
      net = load[i, k] - idle[i, k] * lt / it - (db[i] != "paymentsdb" && k == 4 ? polls : 0)
      per[i, k] = net / c; total[k] += net / c; bg[k] += idle[i, k] / (it / 1000)
    }
    printf "%.1f %.1f %.1f %.1f %.1f %.1f", total[2], total[3], total[4], bg[2], bg[3], bg[4]
    for (i = 1; i <= NR; i++) printf " %s:%.1f/%.1f/%.1f", db[i], per[i, 2], per[i, 3], per[i, 4]
  }')
read -r round_trips statements transactions bg_round_trips bg_statements bg_transactions breakdown <<<"$per_order"

# verdict VALUE OP GOAL: "met" or "NOT met" (a missing value is not met)
verdict() { awk -v v="$1" -v op="$2" -v g="$3" 'BEGIN { ok = v ~ /^[0-9.]+$/ && (op == ">=" ? v >= g : op == "<" ? v < g : v <= g); print ok ? "met" : "NOT met" }'; }
ratio=$(awk -v o="$place_rps" -v p="$pg_tps" 'BEGIN { printf "%.2f", o / p }')
saga_rps=$(awk -v b="$backlog" -v t="$drain_ms" 'BEGIN { printf "%.0f", b / (t / 1000) }')
figure() { printf '  %-56s %-27s goal %-12s %s\n' "$1" "$2" "$3" "$(verdict "$4" "$5" "$6")"; }

echo "orders: the event-driven flow, Release, 1 instance each, payment provider 20 ms; ${seconds}s per measurement"
figure "orders placed / pgbench one-INSERT tps" "$ratio" ">= 0.3" "$ratio" ">=" 0.3
figure "saga working off a backlog (catalog+payments+ordering)" "$saga_rps orders/s" ">= 600/s" "$saga_rps" ">=" 600
figure "submitted -> confirmed at $rate orders/s" "p50 $p50, p99 $p99 ms" "p99 < 150 ms" "$p99" "<" 150
figure "submitted -> confirmed at $low_rate orders/s" "p50 $qp50, p99 $qp99 ms" "p99 < 50 ms" "$qp99" "<" 50
figure "Postgres round trips per confirmed order, all services" "$round_trips" "<= 12" "$round_trips" "<=" 12
echo "    per confirmed order, round trips / statements / transactions: ${breakdown//:/ }; all services $round_trips / $statements / $transactions"
echo "    counting run through pg_roundtrips.py, $count_rate orders/s for ${count_seconds}s: $count_confirmed confirmed, $count_cancelled cancelled," \
  "all final: $count_drained, window $(awk -v t="$count_ms" 'BEGIN { printf "%.1f", t / 1000 }') s; load: $count_load"
echo "    background per second (idle window of $(awk -v t="$idle_ms" 'BEGIN { printf "%.1f", t / 1000 }') s, subtracted): $bg_round_trips round trips," \
  "$bg_statements statements, $bg_transactions transactions; the bench's $count_polls polls subtracted from orderingdb's and catalogdb's transactions"
printf '  %-58s %10s\n' "baseline: pgbench, one INSERT per transaction, 32 clients" "$pg_tps tps"
printf '  %-58s %10s   p99 %s, non-201: %s\n' "orders placed (ordering + relay), wrk 32 connections" "$place_rps /s" "$place_p99" "${errors:-0}"
awk -v b="$backlog" -v c="$backlog_confirmed" -v t="$drain_ms" -v d="$backlog_drained" 'BEGIN { printf "  saga throughput: %d orders worked off in %.1f s (catalog and payments starting included); %d confirmed; all final: %s\n", b, t / 1000, c, d }'
echo "  at $rate orders/s for ${seconds}s: $n orders: $confirmed confirmed, $cancelled cancelled, $open not final; load: $load"
echo "    submitted -> stock reserved (2 hops): p50 ${reserve_p50} ms, p99 ${reserve_p99} ms; -> payment authorized (2 hops): p50 ${pay_p50} ms, p99 ${pay_p99} ms"
echo "  at $low_rate orders/s: $qn orders: $qconfirmed confirmed, $qcancelled cancelled, $qopen not final"
echo "  services' warnings and errors during the run: $(cat "$work"/*.log | grep -cE '^(warn|fail|crit)') (logs kept in $logs)"
