#!/usr/bin/env bash
# The clickstream, in Release, one instance of the analytics service on loopback. Its processor runs in the same process
# as the ingest endpoint and competes with it for the machine's cores: that is the real system, measured as it is.
#  1. events ingested per second (POST /api/v1/events, batches of 100, each one script of XADDs) against
#     redis-benchmark's pipelined XADD of entries of the same shape and size, same Redis, same concurrency, same run;
#     and how far the processor falls behind meanwhile (the endpoint's backpressure is set out of reach for this);
#  2. the processor's throughput: it works off the backlog of 1 (COPY into Postgres, aggregates, acknowledgement);
#  3. the processor's lag (age of the oldest entry not acknowledged yet, sampled every 250 ms) while events arrive at a
#     fixed rate, half the ingest rate of 1.
#   bench/analytics.sh [seconds per measurement]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
here="$root/bench"
seconds="${1:-10}"
batch=100
connections=32
# shellcheck source=lib.sh
. "$here/lib.sh"

for tool in wrk redis-benchmark; do command -v $tool >/dev/null || { echo "$tool is missing: sudo apt-get install wrk redis-tools" >&2; exit 1; }; done
work=$(mktemp -d)
pids=()
logs=/tmp/bench-analytics-logs
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; stop_servers
  rm -rf "$logs" && mkdir -p "$logs" && cp "$work"/*.log "$logs"/ 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build "$root/services/Analytics" -c Release --nologo -v q >/dev/null
start_servers "$work"
start_identity "$work"
sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -qAt "$@"; }
sql -c "CREATE DATABASE analyticsdb"
# Backpressure out of reach: with its defaults (IngestOptions: 503 beyond 200000 entries waiting or 30 s of lag) the
# endpoint starts refusing batches a few seconds into a full-speed run, and wrk would count what the processor takes
# rather than what the endpoint can take. When the defaults would have refused is reported from the lag samples.
default_max_backlog=200000
default_max_lag_ms=30000
port=$(free_port)
env "${service_env[@]}" Analytics__Ingest__MaxBacklog=1000000000 Analytics__Ingest__MaxLag=01:00:00 \
  ConnectionStrings__analyticsdb="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=analyticsdb;Maximum Pool Size=64" \
  ConnectionStrings__bus="127.0.0.1:$redis_port" ASPNETCORE_CONTENTROOT="$root/services/Analytics" ASPNETCORE_URLS="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning \
  "$root/services/Analytics/bin/Release/net10.0/Analytics" >"$work/analytics.log" 2>&1 &
pids+=($!)
analytics="http://127.0.0.1:$port"
wait_http "$analytics/health"

rcli() { redis-cli -p "$redis_port" "$@"; }
# probe: "<now ms> <entries waiting for the group> <age of the oldest in ms> <entries added to the stream ever>"
probe() { rcli --raw --eval "$here/clickstream-lag.lua" clickstream , analytics; }
# wait_drained: until the processor has acknowledged every entry (pending 0, lag 0), at most 5 minutes.
wait_drained() { for _ in $(seq 1200); do [ "$(probe | awk '{ print $2 }')" = 0 ] && return; sleep 0.25; done; return 1; }
# sample_lag FILE: a probe every 250 ms into FILE, until killed.
sample_lag() { while :; do sleep 0.25 & probe; wait $!; done >"$1"; }
# lag_stats FILE: "<samples> <p99 ms> <max ms>" of the ages sampled (nearest rank).
lag_stats() { awk '{ print $3 }' "$1" | sort -n | awk '{ v[NR] = $1 } END { r = NR * 0.99; r = (r == int(r)) ? r : int(r) + 1; print NR, v[r], v[NR] }'; }
# post SECONDS NAME: "accepted <events> <seconds> <p50 ms> <p99 ms> <non-2xx> <503> <socket errors>" from wrk, its output
# kept. Its count misses the requests in flight when it stops: the stream's own count is exact.
post() { BATCH="$batch" wrk -t2 -c"$connections" -d"${1}s" --latency -s "$here/events-post.lua" "$analytics" | tee "$work/wrk-$2.log" | grep '^accepted'; }

# Warm up (JIT, connection pools, the day's archive partition) and, meanwhile, take the entry closest to the mean size
# of the last 1000 the endpoint wrote, for the baseline; while it writes, since acknowledged entries are trimmed every 30 s.
post 3 warm-up >/dev/null &
warm_up=$!
pids+=("$warm_up")
sleep 2
{ read -r tp; read -r json; } < <(rcli --raw XREVRANGE clickstream + - COUNT 1000 | awk '
  prev == "event" { event[++n] = $0; total += length($0) } prev == "traceparent" { tp = $0 } { prev = $0 }
  function off(i) { return (length(event[i]) - total / n) ^ 2 }
  END { if (n) { best = 1; for (i = 2; i <= n; i++) if (off(i) < off(best)) best = i; print tp; print event[best] } }') ||
  { echo "the endpoint wrote no entry to copy" >&2; exit 1; }
wait "$warm_up"
wait_drained || { echo "the processor did not work off the warm-up in 5 minutes" >&2; exit 1; }

# 1. Baseline: the same Redis appends entries like the endpoint's, one pipeline of $batch per round trip like one batch.
requests=1000000
raw_rps=$(redis-benchmark -p "$redis_port" -c "$connections" -n "$requests" -P "$batch" --csv XADD benchstream '*' event "$json" traceparent "$tp" |
  awk -F, 'NR == 2 { gsub(/"/, ""); print int($(NF - 6)) }')  # the JSON has commas: count fields from the end
if [ "$(rcli XLEN benchstream)" != "$requests" ] || [ "$(rcli --raw XRANGE benchstream - + COUNT 1 | sed -n 3p)" != "$json" ]; then
  echo "redis-benchmark did not append the entries expected" >&2; exit 1
fi
# Leave Redis as the service found it: without the baseline's entries, in memory and in the append-only file, whose
# rewrite would otherwise run during the ingest measurement.
rcli DEL benchstream >/dev/null
aof_rewriting() { rcli INFO persistence | grep -qE '^aof_rewrite_(in_progress|scheduled):1'; }
while aof_rewriting; do sleep 0.1; done
rcli BGREWRITEAOF >/dev/null
while aof_rewriting; do sleep 0.1; done

# 1. The endpoint, closed loop, as many connections as redis-benchmark's clients; then the processor works off what is left.
sample_lag "$work/lag-ingest.log" &
sampler=$!
pids+=("$sampler")
read -r _ _ _ added_before < <(probe)
ingest=$(post "$seconds" ingest)
read -r _ http_events http_seconds http_p50 http_p99 http_non2xx http_refused http_errors <<<"$ingest"
read -r ingest_end backlog backlog_age added_after < <(probe)
# 2. The drain.
drain_start=$(now)
drained=$(wait_drained && echo yes || echo no)
drain_ms=$(ms "$drain_start" "$(now)")
kill "$sampler"
read -r _ _ ingest_lag_max < <(lag_stats "$work/lag-ingest.log")
refused_from=$(awk -v end="$ingest_end" -v b="$default_max_backlog" -v l="$default_max_lag_ms" '
  NR == 1 { start = $1 } $1 <= end && ($2 > b || $3 > l) { printf "from %.1f s on", ($1 - start) / 1000; exit }' "$work/lag-ingest.log")
http_rate=$(awk -v e="$http_events" -v s="$http_seconds" 'BEGIN { print int(e / s) }')

# 3. Lag at a fixed rate: half of what the endpoint took in 1.
rate=$((http_rate / 2))
"$here/event_load.py" "$analytics" "$rate" "$seconds" "$batch" "$work/load-ready" >"$work/load.json" &
generator=$!
pids+=("$generator")
until [ -e "$work/load-ready" ]; do
  kill -0 "$generator" 2>/dev/null || { echo "the load generator exited before sending (event_load.py)" >&2; exit 1; }
  sleep 0.05
done
sample_lag "$work/lag-paced.log" &
sampler=$!
pids+=("$sampler")
wait "$generator"
load=$(cat "$work/load.json")
kill "$sampler"
paced_rate=$(python3 -c 'import json, sys; print(json.load(sys.stdin)["rate"])' <<<"$load")
read -r samples lag_p99 lag_max < <(lag_stats "$work/lag-paced.log")
wait_drained || { echo "the processor did not work off the fixed-rate run in 5 minutes" >&2; exit 1; }
read -r _ _ _ added < <(probe)
archived=$(sql -d analyticsdb -c "SELECT count(*) FROM raw_events")

echo "analytics: POST /api/v1/events, $batch events a batch (one script of XADDs), Release, 1 instance, its processor in the same process"
printf '  %-74s %11s\n' "baseline: redis-benchmark XADD, ${#json}-byte event + traceparent, pipeline $batch, $connections clients" "$raw_rps ev/s"
printf '  %-74s %11s   p50 %s ms, p99 %s ms, non-2xx: %s (503, processor behind: %s), socket errors: %s\n' "HTTP ingest, wrk $connections connections, ${seconds}s" \
  "$http_rate ev/s" "$http_p50" "$http_p99" "$http_non2xx" "$http_refused" "$http_errors"
awk -v h="$http_rate" -v r="$raw_rps" 'BEGIN { printf "  ingest: raw XADD %d ev/s, HTTP %d ev/s, ratio %.2f (goal >= 0.7)\n", r, h, h / r }'
awk -v e="$((added_after - added_before))" -v s="$http_seconds" -v b="$backlog" -v a="$backlog_age" 'BEGIN {
  printf "    processor meanwhile: %.0f ev/s; left waiting at the end: %d events, the oldest %.1f s old\n", (e - b) / s, b, a / 1000 }'
echo "    with its default limits ($default_max_backlog waiting, $((default_max_lag_ms / 1000)) s) the endpoint would have refused batches (503) ${refused_from:-at no time}"
awk -v b="$backlog" -v t="$drain_ms" -v d="$drained" -v l="$ingest_lag_max" -v r="$rate" -v p="$lag_p99" -v m="$lag_max" 'BEGIN {
  printf "  processor: drain %.0f ev/s; at %d ev/s lag p99 %d ms max %d ms (goal < 2000 ms: %s)\n", b / (t / 1000), r, p, m, m < 2000 ? "met" : "not met"
  printf "    drain: the %d events left by the ingest run, in %.1f s (max lag from the start of the ingest run %.1f s), all acknowledged: %s\n", b, t / 1000, l / 1000, d }'
echo "    lag: $samples samples over ${seconds}s at half the HTTP rate; load: $load"
if [ "$paced_rate" -lt $((rate * 95 / 100)) ]; then echo "    the load generator fell short: $paced_rate ev/s of $rate"; fi
echo "  archived: $archived of the $added events added to the stream (every id unique: all should be)"
echo "  service's warnings and errors during the run: $(grep -cE '^(warn|fail|crit)' "$work/analytics.log") (logs kept in $logs)"
