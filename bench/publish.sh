#!/usr/bin/env bash
# `aspire publish` to AWS CDK, warm (the AppHost built, the jsii cache filled), against the floor: the same AppHost
# started in publish mode running only the pipeline's prerequisites, so the ratio is what the AWS mapping adds.
#
#   baseline  dotnet run --project AppHost --no-build -- --operation publish --step publish-prereq
#   publish   dotnet run --project AppHost --no-build -- --operation publish --step publish --output-path <tmp>
#             (reads the app model, stages the image build context, synthesizes the stack with CDK 2.160 in Node)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
# shellcheck source=lib.sh
. "$root/bench/lib.sh"

apphost() { dotnet run --project "$root/AppHost" --no-build --no-launch-profile -- --operation publish "$@" >/dev/null 2>&1; }
timed() { local start; start=$(now); "$@"; ms "$start" "$(now)"; }

dotnet build "$root/AppHost" -c Debug -v q -nologo >/dev/null
out=$(mktemp -d)
apphost --step publish --output-path "$out"   # warm-up: fills the jsii cache on a fresh machine
[ -f "$out/cdk.out/store.template.json" ] || { echo "publish wrote no template" >&2; exit 1; }

baseline=(); publish=()
for _ in $(seq "$runs"); do
  baseline+=("$(timed apphost --step publish-prereq)")
  publish+=("$(timed apphost --step publish --output-path "$out")")
done
b=$(printf "%s\n" "${baseline[@]}" | median); p=$(printf "%s\n" "${publish[@]}" | median)
echo "publish to AWS CDK (warm, median of $runs): baseline ${b} ms, publish ${p} ms, ratio $(awk -v p="$p" -v b="$b" 'BEGIN { printf "%.1f", p / b }')x; goal < 15000 ms"
echo "  output: $(find "$out/cdk.out" -maxdepth 1 -name 'asset.*' | wc -l) assets, template $(wc -c < "$out/cdk.out/store.template.json") bytes, $(du -sh "$out" | cut -f1) in all"
rm -rf "$out"
