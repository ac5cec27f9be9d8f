#!/usr/bin/env bash
# F5 -> every resource healthy, in process mode, against the floor: the same servers started by hand.
#
#   baseline  initdb + postgres accepting queries, and redis-server answering PING, started directly
#   F5        `dotnet run --project AppHost --no-build` until the gateway and every service answer /health 200,
#             which each does only after the servers and databases it waits for are healthy and its own checks pass
#   stop      SIGTERM to the AppHost (what Ctrl+C does in a terminal) until no process of the run is left
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
catalog_health="http://localhost:5101/health"
service_healths=("$catalog_health" http://localhost:5102/health http://localhost:5103/health http://localhost:5104/health http://localhost:5100/health)
all_healthy() { for url in "${service_healths[@]}"; do [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ] || return 1; done; }
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

f5_once() {
  local start healthy apphost stopped
  start=$(now)
  # In its own session: a background job of a script ignores SIGINT, and `dotnet run` does not pass signals on.
  (cd "$root" && exec setsid dotnet run --project AppHost --no-build -- --Infrastructure:Mode=processes) >/tmp/bench-f5.log 2>&1 &
  apphost=$!
  until all_healthy; do
    kill -0 "$apphost" 2>/dev/null || { echo "the AppHost exited; see /tmp/bench-f5.log" >&2; exit 1; }
    sleep 0.05
  done
  healthy=$(now)
  kill -TERM -- "-$apphost"
  wait "$apphost" 2>/dev/null || true
  while pgrep -f "store-infrastructure/|aspire.hosting.orchestration|services/(Catalog|Ordering|Payments)" >/dev/null || [ -n "$(new_redis)" ]; do sleep 0.05; done
  stopped=$(now)
  echo "$(ms "$start" "$healthy") $(ms "$healthy" "$stopped")"
}

if curl -s -o /dev/null "$catalog_health"; then
  echo "Something already answers on $catalog_health: stop the running AppHost first." >&2
  exit 1
fi
(cd "$root" && dotnet build AppHost --nologo -v q >/dev/null)

echo "startup ($runs runs each, milliseconds)"
baseline=() f5=() stop=()
for _ in $(seq "$runs"); do
  baseline+=("$(baseline_once)")
  read -r up down < <(f5_once)
  f5+=("$up") stop+=("$down")
done
b=$(printf '%s\n' "${baseline[@]}" | median)
f=$(printf '%s\n' "${f5[@]}" | median)
s=$(printf '%s\n' "${stop[@]}" | median)
printf '  %-34s median %6d   runs: %s\n' "baseline: servers started by hand" "$b" "${baseline[*]}"
printf '  %-34s median %6d   runs: %s\n' "F5 -> every resource healthy" "$f" "${f5[*]}"
printf '  %-34s median %6d   runs: %s\n' "Ctrl+C -> every process gone" "$s" "${stop[*]}"
awk -v f="$f" -v b="$b" 'BEGIN { printf "  F5 / baseline: %.1fx (%.1f s of orchestration, dashboard and the services on top of the servers)\n", f / b, (f - b) / 1000 }'
