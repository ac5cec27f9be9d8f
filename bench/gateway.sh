#!/usr/bin/env bash
# The gateway's overhead on a cached catalog read, in the same run (Release, one instance each, straight on loopback):
# GET /api/v1/products/{id} on the catalog directly (its HybridCache warm) against GET /api/catalog/products/{id}
# through the gateway (YARP; its output cache in Redis answers after the first request), anonymous and with a
# customer's bearer token (validated, and counted by the per-user rate limiter, before the cache answers).
#   bench/gateway.sh [seconds per measurement]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
here="$root/bench"
seconds="${1:-10}"
# shellcheck source=lib.sh
. "$here/lib.sh"

command -v wrk >/dev/null || { echo "wrk is missing: sudo apt-get install wrk" >&2; exit 1; }
work=$(mktemp -d)
pids=()
logs=/tmp/bench-gateway-logs
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; stop_servers
  rm -rf "$logs" && mkdir -p "$logs" && cp "$work"/*.log "$logs"/ 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for service in Catalog Gateway; do dotnet build "$root/services/$service" -c Release --nologo -v q >/dev/null; done
start_servers "$work"
start_identity "$work"
psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc 'CREATE DATABASE catalogdb'

catalog_port=$(free_port)
env "${service_env[@]}" ConnectionStrings__catalogdb="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=catalogdb" \
  ConnectionStrings__cache="127.0.0.1:$redis_port" ConnectionStrings__bus="127.0.0.1:$redis_port" \
  Catalog__Cache__Enabled=true ASPNETCORE_URLS="http://127.0.0.1:$catalog_port" Logging__LogLevel__Default=Warning \
  "$root/services/Catalog/bin/Release/net10.0/Catalog" >"$work/catalog.log" 2>&1 &
pids+=($!)
catalog="http://127.0.0.1:$catalog_port"
wait_http "$catalog/health"

# The gateway finds the catalog through Aspire's configuration-based service discovery, as the AppHost's references
# would tell it; the routes to ordering and analytics are not used here and need no address to start. The rate limits
# are raised out of reach: the run measures the proxy, not the limiter (which still counts every request). Its content
# root is its project, as under the AppHost: its appsettings.json and the web UI's wwwroot are there.
gateway_port=$(free_port)
env "${service_env[@]}" ConnectionStrings__cache="127.0.0.1:$redis_port" services__catalog__http__0="$catalog" \
  Gateway__RateLimits__PerAddressPerMinute=100000000 Gateway__RateLimits__PerUserPerMinute=100000000 \
  ASPNETCORE_CONTENTROOT="$root/services/Gateway" ASPNETCORE_URLS="http://127.0.0.1:$gateway_port" Logging__LogLevel__Default=Warning \
  "$root/services/Gateway/bin/Release/net10.0/Gateway" >"$work/gateway.log" 2>&1 &
pids+=($!)
gateway="http://127.0.0.1:$gateway_port"
wait_http "$gateway/health"

id=$(curl -s "$catalog/api/v1/products?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
direct="$catalog/api/v1/products/$id"
proxied="$gateway/api/catalog/products/$id"
customer_token=$(token bench-customer customer)
# The gateway's answer is the catalog's, byte for byte: the first one proxied, the second one from its output cache.
curl -s -o "$work/direct.json" "$direct"
for answer in proxied cached; do
  status=$(curl -s -D "$work/headers-$answer.txt" -o "$work/$answer.json" -w '%{http_code}' "$proxied")
  [ "$status" = 200 ] && cmp -s "$work/direct.json" "$work/$answer.json" ||
    { echo "the gateway did not answer $proxied with the catalog's body ($answer): $status $(head -c 300 "$work/$answer.json")" >&2; exit 1; }
done
# The customer's token is valid at the gateway (a catalog write with it is forbidden, 403, not unauthenticated, 401):
# otherwise the third measurement would be of an anonymous caller whose token fails to validate.
status=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $customer_token" "$proxied")
[ "$status" = 403 ] || { echo "the gateway did not take the customer's token: a catalog write with it answered $status, not 403" >&2; exit 1; }

# measure NAME URL [WRK OPTION...]: wrk's requests/s, p50 and p99 in ms, and its count of answers other than 2xx
measure() {
  local out
  out=$(wrk -t2 -c32 -d"${seconds}s" --latency "${@:3}" "$2")
  awk -v name="$1" '
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
    /Non-2xx/ { bad = $NF }
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    END { printf "%s %.0f %.2f %.2f %d\n", name, rps, ms(p50), ms(p99), bad }' <<<"$out"
}

# Warm all three (JIT, connection pools, both caches), then measure them one after the other.
bearer=(-H "Authorization: Bearer $customer_token")
wrk -t2 -c32 -d3s "$direct" >/dev/null
wrk -t2 -c32 -d3s "$proxied" >/dev/null
wrk -t2 -c32 -d3s "${bearer[@]}" "$proxied" >/dev/null
read -r _ direct_rps direct_p50 direct_p99 direct_bad < <(measure direct "$direct")
# Redis GETs are the gateway's output cache lookups. It shares one lookup among concurrent requests for the same key
# (AllowLocking), so with one product under 32 connections most requests cost none; many products would cost more.
redis_gets() { redis-cli -p "$redis_port" INFO commandstats | sed -n 's/^cmdstat_get:calls=\([0-9]*\),.*/\1/p'; }
gets_before=$(redis_gets)
read -r _ anon_rps anon_p50 anon_p99 anon_bad < <(measure anonymous "$proxied")
gets_after=$(redis_gets)
read -r _ user_rps user_p50 user_p99 user_bad < <(measure customer "$proxied" "${bearer[@]}")

echo "gateway: GET /api/catalog/products/{id} -> catalog GET /api/v1/products/$id, body $(wc -c <"$work/direct.json") bytes, Release, 1 instance each, wrk -t2 -c32 -d${seconds}s"
printf '  %-48s %10s %9s %9s %8s\n' "" "req/s" "p50 ms" "p99 ms" "non-2xx"
printf '  %-48s %10s %9s %9s %8s\n' "baseline: catalog directly, warm cache" "$direct_rps" "$direct_p50" "$direct_p99" "$direct_bad"
printf '  %-48s %10s %9s %9s %8s\n' "gateway, anonymous (output cache)" "$anon_rps" "$anon_p50" "$anon_p99" "$anon_bad"
printf '  %-48s %10s %9s %9s %8s\n' "gateway, customer token (JWT + per-user limit)" "$user_rps" "$user_p50" "$user_p99" "$user_bad"
awk -v a="$anon_rps" -v u="$user_rps" -v d="$direct_rps" 'BEGIN {
  printf "  gateway / direct: anonymous %.2f (goal >= 0.7: %s), customer %.2f (goal >= 0.7: %s)\n",
    a / d, (a / d >= 0.7 ? "met" : "not met"), u / d, (u / d >= 0.7 ? "met" : "not met") }'
awk -v g="$(( ${gets_after:-0} - ${gets_before:-0} ))" -v r="$anon_rps" -v s="$seconds" 'BEGIN {
  printf "  output cache lookups in Redis (GET) per anonymous request through the gateway: %.2f\n", g / (r * s) }'
# The headers of an answer from the gateway's cache (Age says so): its security headers, and no banner naming what
# runs behind it.
header() { tr -d '\r' <"$work/headers-cached.txt" | grep -i "^$1:" | cut -d' ' -f2-; }
missing=$(for name in X-Content-Type-Options X-Frame-Options Content-Security-Policy Referrer-Policy Permissions-Policy Cross-Origin-Opener-Policy; do
  [ -n "$(header "$name")" ] || printf ' %s' "$name"; done)
echo "  a cached gateway answer's headers: $(tr -d '\r' <"$work/headers-cached.txt" | sed -n 's/^\([^:]*\):.*/\1/p' | paste -sd, - | sed 's/,/, /g')"
from_cache=$([ -n "$(header Age)" ] && echo yes || echo no)
no_server=$([ -z "$(header Server)" ] && echo yes || echo "no ($(header Server))")
echo "    from the output cache (Age): $from_cache; no Server header: $no_server; security headers all present: ${missing:+no, missing$missing}${missing:-yes}"
echo "  services' warnings and errors during the run: $(cat "$work"/*.log | grep -cE '^(warn|fail|crit)') (logs kept in $logs)"
