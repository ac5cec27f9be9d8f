#!/usr/bin/env bash
# F5 -> every resource healthy, and Ctrl+C -> every process gone, in process mode, against the floor: the same servers
# started by hand.
#
#   baseline  initdb + postgres accepting queries, and redis-server answering PING, started directly
#   F5        `dotnet run --project AppHost --no-build` until the gateway and every service answer /health 200,
#             which each does only after the servers and databases it waits for are healthy and its own checks pass
#   stop      SIGTERM to the AppHost (what Ctrl+C does in a terminal) until no process of the run is left: services,
#             dashboard, Redis, Postgres, the orchestrator
#
# Then, for the last run, where the seconds went: when the orchestrator created the first resource, when Postgres and
# its databases ran, when each service process started and answered /health, from the AppHost's own log.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
declare -A health=([gateway]=http://localhost:5100/health [catalog]=http://localhost:5101/health
  [ordering]=http://localhost:5102/health [payments]=http://localhost:5103/health [analytics]=http://localhost:5104/health)
# shellcheck source=lib.sh
. "$root/bench/lib.sh"

baseline_once() {
  local dir start
  dir=$(mktemp -d)
  start=$(now)
  start_servers "$dir"
  ms "$start" "$(now)"
  stop_servers
  rm -rf "$dir"
}

# redis-server renames its process, so the run's Redis is told apart from others as "not running before".
redis_before=$(pgrep -x redis-server | sort || true)
new_redis() { comm -13 <(echo "$redis_before") <(pgrep -x redis-server | sort || true) | grep . || true; }
run_processes() { pgrep -f "store-infrastructure/|aspire.hosting.orchestration|Aspire.Dashboard|$root/services/" || new_redis; }

declare -A healthy_at
f5_once() {
  local start apphost stopped pending
  healthy_at=()
  start=$(now)
  # In its own session: a background job of a script ignores SIGINT, and `dotnet run` does not pass signals on.
  # Every line of its log stamped with the wall clock in milliseconds, for the breakdown.
  (cd "$root" && exec setsid dotnet run --project AppHost --no-build -- --Infrastructure:Mode=processes \
    --Logging:Console:FormatterOptions:SingleLine=true \
    --Logging:LogLevel:Aspire.Hosting.ApplicationModel.ResourceNotificationService=Debug) \
    > >(python3 -u -c 'import sys, time
for line in sys.stdin: print(time.time_ns(), line, end="", flush=True)' >/tmp/bench-f5.log) 2>&1 &
  apphost=$!
  pending=("${!health[@]}")
  while ((${#pending[@]})); do
    kill -0 "$apphost" 2>/dev/null || { echo "the AppHost exited; see /tmp/bench-f5.log" >&2; exit 1; }
    local still=()
    for service in "${pending[@]}"; do
      if [ "$(curl -s -o /dev/null -w '%{http_code}' "${health[$service]}")" = 200 ]; then healthy_at[$service]=$(now); else still+=("$service"); fi
    done
    pending=("${still[@]}")
    sleep 0.05
  done
  local healthy=$(now)
  kill -TERM -- "-$apphost"
  wait "$apphost" 2>/dev/null || true
  while [ -n "$(run_processes)" ]; do sleep 0.05; done
  stopped=$(now)
  f5_start=$start
  echo "$(ms "$start" "$healthy") $(ms "$healthy" "$stopped")" > /tmp/bench-f5.result
}

# breakdown: milliseconds from F5 to each milestone of the last run, from its stamped log (the orchestrator's state
# changes: "Resource <name>/<id> changed state: <from> -> <to>") and from the /health polling.
breakdown() {
  at() { local stamp; stamp=$(grep -m1 -E "$1" /tmp/bench-f5.log | awk '{print $1}'); [ -n "$stamp" ] && ms "$f5_start" "$stamp" || echo "-"; }
  last() { local stamp; stamp=$(grep -E "$1" /tmp/bench-f5.log | tail -1 | awk '{print $1}'); [ -n "$stamp" ] && ms "$f5_start" "$stamp" || echo "-"; }
  echo "  where the last run's time went (ms from F5):"
  printf '    %-44s %6s\n' "AppHost started, dashboard up" "$(at 'Distributed application started')"
  printf '    %-44s %6s\n' "Postgres running" "$(at 'Resource postgres/[^ ]* changed state: .*Running')"
  printf '    %-44s %6s\n' "its four databases created" "$(last 'Resource [a-z]+db/[^ ]* changed state: .*-> Running')"
  for service in catalog ordering payments analytics gateway; do
    printf '    %-44s %6s   /health 200 at %6d\n' "$service process started" \
      "$(at "Resource $service/[^ ]* changed state: .*Running")" "$(ms "$f5_start" "${healthy_at[$service]}")"
  done
}

if curl -s -o /dev/null "${health[catalog]}"; then
  echo "Something already answers on ${health[catalog]}: stop the running AppHost first." >&2
  exit 1
fi
(cd "$root" && dotnet build AppHost --nologo -v q >/dev/null)

echo "startup ($runs runs each, milliseconds)"
baseline=() f5=() stop=()
for _ in $(seq "$runs"); do
  baseline+=("$(baseline_once)")
  f5_once
  read -r up down < /tmp/bench-f5.result
  f5+=("$up") stop+=("$down")
done
b=$(printf '%s\n' "${baseline[@]}" | median)
f=$(printf '%s\n' "${f5[@]}" | median)
s=$(printf '%s\n' "${stop[@]}" | median)
printf '  %-34s median %6d   runs: %s\n' "baseline: servers started by hand" "$b" "${baseline[*]}"
printf '  %-34s median %6d   runs: %s\n' "F5 -> every resource healthy" "$f" "${f5[*]}"
printf '  %-34s median %6d   runs: %s\n' "Ctrl+C -> every process gone" "$s" "${stop[*]}"
awk -v f="$f" -v b="$b" 'BEGIN { printf "  F5 / baseline: %.1fx (%.1f s of orchestration, dashboard and the services on top of the servers)\n", f / b, (f - b) / 1000 }'
breakdown
