#!/usr/bin/env bash
# A soak of the whole app as F5 runs it (process mode): a steady mixed load through the gateway for SECONDS while four
# faults are injected FAULT_SPACING seconds apart (a payments replica, a catalog replica and the bus Redis killed with
# SIGKILL, then Postgres's postmaster), each followed by a wait for the AppHost to bring it back; then the system must
# settle and its invariants hold. Prints a summary and exits non-zero when an invariant is violated. Definitions and
# results: docs/reliability.md.
#   bench/soak.sh [SECONDS [FAULT_SPACING]]                defaults 200 and 40
# Rates: SOAK_ORDER_RATE orders/s (40) from SOAK_CUSTOMERS customers (40), SOAK_READ_RATE catalog reads/s (100),
# SOAK_CLICK_RATE clickstream batches/s (3) of SOAK_CLICK_BATCH events (50).
# SOAK_ATTACH=PID (or "any" when a single AppHost runs): drive that running AppHost instead of starting one; it is
# left running, and so is any server the soak had to restart in it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="/tmp/bench-soak/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$work"
driver=(python3 "$root/bench/soak.py" "$work" --seconds "${1:-200}" --fault-spacing "${2:-40}"
  --order-rate "${SOAK_ORDER_RATE:-40}" --customers "${SOAK_CUSTOMERS:-40}" --read-rate "${SOAK_READ_RATE:-100}"
  --click-rate "${SOAK_CLICK_RATE:-3}" --click-batch "${SOAK_CLICK_BATCH:-50}")
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start; $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD || echo ' (uncommitted changes)'); files in $work"

if [ -n "${SOAK_ATTACH:-}" ]; then
  exec "${driver[@]}" --apphost "$SOAK_ATTACH"
fi

health=(http://localhost:5100/health http://localhost:5101/health http://localhost:5102/health http://localhost:5103/health http://localhost:5104/health)
all_healthy() { for url in "${health[@]}"; do [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ] || return 1; done; }
if curl -s -o /dev/null http://localhost:5100/health; then
  echo "Something already answers on localhost:5100: stop that AppHost, or drive it with SOAK_ATTACH=any." >&2
  exit 1
fi
(cd "$root" && dotnet build AppHost --nologo -v q >"$work/build.log" 2>&1) || { tail -20 "$work/build.log" >&2; exit 1; }

# Everything the AppHost starts inherits its environment, so this marker tells the run's processes from those of any
# other AppHost on the machine (a colleague's F5, a test run). Redis rewrites its own environment (its process
# title): it is found by its working directory, the run's folder.
marker="SOAK_RUN=${work##*/}-$$"
ours() {
  grep -lzxF "$marker" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3 || true
  for pid in $(pgrep -x redis-server || true); do
    if [ -n "${folder:-}" ] && [[ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" == "$folder"/* ]]; then echo "$pid"; fi
  done
}
restarted_alive() { while read -r pid; do kill -0 "$pid" 2>/dev/null && return 0; done <"$work/restarted.pids"; return 1; }
stop_app() {
  # First the servers the soak restarted itself, which the AppHost does not know of (it deletes their data folder when
  # it stops): SIGINT is a fast, clean shutdown for both Redis and Postgres.
  if [ -f "$work/restarted.pids" ]; then
    while read -r pid; do kill -INT -- "-$pid" 2>/dev/null || true; done <"$work/restarted.pids"
    for _ in $(seq 300); do restarted_alive || break; sleep 0.1; done
  fi
  kill -TERM -- "-$session" 2>/dev/null || true
  for _ in $(seq 600); do kill -0 "$session" 2>/dev/null || break; sleep 0.1; done
  for _ in $(seq 600); do [ -z "$(ours)" ] && break; sleep 0.1; done
  left=$(ours | sort -u | xargs)
  if [ -n "$left" ]; then
    echo "still running 60 s after the stop, now killed: $left" >&2
    # shellcheck disable=SC2086
    kill -KILL $left 2>/dev/null || true
  else
    echo "app stopped; no process of the run left"
  fi
}

# In its own session: a background job of a script ignores SIGINT, and `dotnet run` does not pass signals on. The
# session leader writes its pid, which is the session's id, before it becomes `dotnet run`.
(cd "$root" && exec setsid env "$marker" bash -c 'echo $$ >"$0"; exec dotnet run --project AppHost --no-build -- --Infrastructure:Mode=processes' \
  "$work/session") >"$work/apphost.log" 2>&1 &
until [ -s "$work/session" ]; do sleep 0.05; done
session=$(cat "$work/session")
trap stop_app EXIT
for _ in $(seq 3000); do
  all_healthy && break
  kill -0 "$session" 2>/dev/null || { echo "the AppHost exited; see $work/apphost.log" >&2; exit 1; }
  sleep 0.1
done
all_healthy || { echo "not every service answered /health within 5 minutes; see $work/apphost.log" >&2; exit 1; }
for dir in "${TMPDIR:-/tmp}"/store-infrastructure/*-*; do
  pid=${dir##*/}
  if grep -qzxF "$marker" "/proc/${pid%%-*}/environ" 2>/dev/null; then folder=$dir; fi
done

status=0
"${driver[@]}" --marker "$marker" || status=$?
exit "$status"
