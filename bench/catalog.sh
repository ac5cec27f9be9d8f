#!/usr/bin/env bash
# GET /api/v1/products/{id} on the catalog (Release, one instance, straight on loopback) against bare Kestrel
# serving the same bytes, measured with wrk in the same run; then the catalog with its cache turned off.
#   bench/catalog.sh [seconds per measurement]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
here="$root/bench"
seconds="${1:-10}"
# shellcheck source=lib.sh
. "$here/lib.sh"

command -v wrk >/dev/null || { echo "wrk is missing: sudo apt-get install wrk" >&2; exit 1; }
work=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; stop_servers; rm -rf "$work"; }
trap cleanup EXIT

dotnet build "$root/services/Catalog" -c Release --nologo -v q >/dev/null
dotnet build "$here/BareKestrel" -c Release --nologo -v q >/dev/null
start_servers "$work"
start_identity "$work"
psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc 'CREATE DATABASE catalogdb'

# start_catalog PORT CACHE_ENABLED
start_catalog() {
  env "${service_env[@]}" ConnectionStrings__catalogdb="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=catalogdb" \
    ConnectionStrings__cache="127.0.0.1:$redis_port" ConnectionStrings__bus="127.0.0.1:$redis_port" \
    Catalog__Cache__Enabled="$2" ASPNETCORE_CONTENTROOT="$root/services/Catalog" ASPNETCORE_URLS="http://127.0.0.1:$1" Logging__LogLevel__Default=Warning \
    "$root/services/Catalog/bin/Release/net10.0/Catalog" >"$work/catalog-$1.log" 2>&1 &
  pids+=($!)
  wait_http "http://127.0.0.1:$1/health"
}

# measure NAME URL: wrk's requests/s, p50 and p99 in ms
measure() {
  local out
  out=$(wrk -t2 -c32 -d"${seconds}s" --latency "$2")
  awk -v name="$1" '
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    END { printf "%s %.0f %.2f %.2f\n", name, rps, ms(p50), ms(p99) }' <<<"$out"
}

cached_port=$(free_port)
start_catalog "$cached_port" true
id=$(curl -s "http://127.0.0.1:$cached_port/api/v1/products?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
path="/api/v1/products/$id"
curl -s -o "$work/product.json" "http://127.0.0.1:$cached_port$path"
bare_port=$(free_port)
Body="$work/product.json" ASPNETCORE_URLS="http://127.0.0.1:$bare_port" "$here/BareKestrel/bin/Release/net10.0/BareKestrel" >/dev/null 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$bare_port$path"

# Warm both (JIT, connection pools, the cache), then measure.
wrk -t2 -c32 -d3s "http://127.0.0.1:$bare_port$path" >/dev/null
wrk -t2 -c32 -d3s "http://127.0.0.1:$cached_port$path" >/dev/null
read -r _ bare_rps bare_p50 bare_p99 < <(measure bare "http://127.0.0.1:$bare_port$path")
read -r _ cat_rps cat_p50 cat_p99 < <(measure cached "http://127.0.0.1:$cached_port$path")

uncached_port=$(free_port)
start_catalog "$uncached_port" false
wrk -t2 -c32 -d3s "http://127.0.0.1:$uncached_port$path" >/dev/null
read -r _ unc_rps unc_p50 unc_p99 < <(measure uncached "http://127.0.0.1:$uncached_port$path")

echo "catalog GET $path, body $(wc -c <"$work/product.json") bytes, wrk -t2 -c32 -d${seconds}s"
printf '  %-38s %10s %9s %9s\n' "" "req/s" "p50 ms" "p99 ms"
printf '  %-38s %10s %9s %9s\n' "baseline: bare Kestrel, same bytes" "$bare_rps" "$bare_p50" "$bare_p99"
printf '  %-38s %10s %9s %9s\n' "catalog, warm cache" "$cat_rps" "$cat_p50" "$cat_p99"
printf '  %-38s %10s %9s %9s\n' "catalog, cache off (Postgres)" "$unc_rps" "$unc_p50" "$unc_p99"
awk -v c="$cat_rps" -v b="$bare_rps" -v u="$unc_rps" 'BEGIN { printf "  catalog / bare: %.2f   uncached / bare: %.2f   cached / uncached: %.1fx\n", c / b, u / b, c / u }'
