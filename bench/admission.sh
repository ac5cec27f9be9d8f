#!/usr/bin/env bash
# Admission control's bound (Ordering:Admission:MaxQueueWait): at each RATE (orders/s, open loop, SECONDS long), how
# long a new order would wait in the order flow's queues (flow_waits.py: the oldest undelivered message of each group
# of the flow plus the oldest unrelayed outbox row, added up, as admission measures it), what admission refused, and
# how long the admitted orders took from submission to their final state. Release, one instance of catalog, ordering
# and payments (as bench/orders.sh), payment provider 20 ms. ORDERING_ENV passes settings to ordering, e.g.
# ORDERING_ENV=Ordering__Admission__MaxQueueWait=01:00:00 to measure without admission control.
#   bench/admission.sh SECONDS RATE...
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
here="$root/bench"
seconds=$1; shift
. "$here/lib.sh"
work=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; stop_servers; cp "$work"/*.log "$work"/*.jsonl /tmp/bench-admission-logs/ 2>/dev/null || true; rm -rf "$work"; }
for service in Catalog Ordering Payments; do dotnet build "$root/services/$service" -c Release --nologo -v q >/dev/null; done
mkdir -p /tmp/bench-admission-logs
trap cleanup EXIT
start_servers "$work"
start_identity "$work"
sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -qAt "$@"; }
for db in catalogdb orderingdb paymentsdb; do sql -c "CREATE DATABASE $db"; done
# start SERVICE DATABASE [ENV...]: sets port.
start() {
  launch_service "$work" "$1" "$2" "$pg_port" "${@:3}"
  pids+=("$service_pid")
  wait_http "http://127.0.0.1:$port/health"
}
start Catalog catalogdb
products=$(sql -d catalogdb -c "UPDATE stock SET available = 1000000 WHERE product_id IN (SELECT id FROM products ORDER BY id LIMIT 200) RETURNING product_id" | paste -sd, -)
start Payments paymentsdb
# shellcheck disable=SC2086 # ORDERING_ENV holds NAME=VALUE words
start Ordering orderingdb ${ORDERING_ENV:-}
orders="http://127.0.0.1:$port"
drained() { [ "$(sql -d orderingdb -c "SELECT count(*) FROM orders WHERE status NOT IN ('confirmed', 'cancelled')")" = 0 ]; }
# warm-up
TOKEN="$(token warm customer)" "$here/order_load.py" "$orders" 20 5 "$products" >/dev/null
for _ in $(seq 240); do drained && break; sleep 0.25; done
for rate in "$@"; do
  customer="measure-$rate"
  mark=$(sql -d orderingdb -c "SELECT now()")
  python3 "$here/flow_waits.py" "$redis_port" "$pg_port" "$((seconds + 5))" >"$work/samples-$rate.jsonl" &
  sampler=$!
  load=$(TOKEN="$(token "$customer" customer)" "$here/order_load.py" "$orders" "$rate" "$seconds" "$products")
  wait $sampler
  for _ in $(seq 480); do drained && break; sleep 0.25; done
  stats=$(sql -d orderingdb -F ' ' -P null=- -c "
    WITH run AS (SELECT id, status, created_at, updated_at FROM orders WHERE created_at >= '$mark' AND customer_id = '$customer')
    SELECT count(*), count(*) FILTER (WHERE status = 'confirmed'), count(*) FILTER (WHERE status = 'cancelled'),
      round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM updated_at - created_at) * 1000))::numeric, 0),
      round((percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM updated_at - created_at) * 1000))::numeric, 0),
      round((max(extract(epoch FROM updated_at - created_at) * 1000))::numeric, 0)
    FROM run" | tr -d '\n')
  backlog=$(python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
waits = sorted(sum(v for k, v in r.items() if k != "t") for r in rows)
worst = sorted(max(v for k, v in r.items() if k != "t") for r in rows)
def p(a, q): return a[min(len(a) - 1, int(q * len(a)))]
print(f"samples {len(waits)}; summed wait p50 {p(waits, 0.5):.3f} p99 {p(waits, 0.99):.3f} max {waits[-1]:.3f} s; worst queue p50 {p(worst, 0.5):.3f} max {worst[-1]:.3f} s")' "$work/samples-$rate.jsonl")
  echo "rate $rate/s: load $load | orders placed, confirmed, cancelled, final p50/p99/max ms: $stats | queues: $backlog | load avg $(cut -d' ' -f1 /proc/loadavg)"
done
grep -h "Admission" "$work/Ordering.log" | sed 's/^/  ordering: /' | head -20 || true
