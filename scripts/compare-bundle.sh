#!/usr/bin/env bash
# Times `specver bundle` (release build) against Redocly CLI's `redocly bundle` on both
# DigitalOcean multi-file versions of the corpus, runs interleaved, and prints per input the
# median wall time, user CPU time and peak memory (from `/usr/bin/time -f "%e %U %M"`), the
# ratios, and what `specver diff` says between Redocly's bundle and specver's (expected: no
# change but one example, see README, `specver bundle`).
#
# Usage: scripts/compare-bundle.sh [RUNS]     (default 3)
# Peer: $REDOCLY, default /tmp/peers/node_modules/.bin/redocly (npm i @redocly/cli there).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
corpus=$(pwd)/../shared/corpus
redocly="${REDOCLY:-/tmp/peers/node_modules/.bin/redocly}"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
[ -d "$corpus" ] || { echo "skipping: ../shared/corpus not found"; exit 0; }
[ -x "$redocly" ] || { echo "Redocly not found at $redocly (set REDOCLY)"; exit 1; }
cargo build --release --quiet
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for spec in "$corpus"/digitalocean-multifile/*/specification/DigitalOcean-public.v2.yaml; do
    : >"$out/specver.t"; : >"$out/redocly.t"
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %U %M" -a -o "$out/specver.t" \
            target/release/specver bundle "$spec" -o "$out/specver.json" 2>/dev/null
        /usr/bin/time -f "%e %U %M" -a -o "$out/redocly.t" \
            "$redocly" bundle "$spec" -o "$out/redocly.json" >/dev/null 2>&1
    done
    echo "$(basename "$(dirname "$(dirname "$spec")")")"
    for tool in specver redocly; do
        wall=$(cut -d' ' -f1 "$out/$tool.t" | median)
        cpu=$(cut -d' ' -f2 "$out/$tool.t" | median)
        mem=$(cut -d' ' -f3 "$out/$tool.t" | median)
        echo "$wall $cpu $mem" >"$out/$tool.m"
        printf '  %-8s %6.2f s wall  %6.2f s user  %7.1f MiB\n' "$tool" "$wall" "$cpu" "$(echo "$mem / 1024" | bc -l)"
    done
    read -r sw sc sm <"$out/specver.m"
    read -r rw rc rm_ <"$out/redocly.m"
    printf '  ratios   %.1fx faster (%.1fx user CPU), %.2fx the memory\n' \
        "$(echo "$rw / $sw" | bc -l)" "$(echo "$rc / $sc" | bc -l)" "$(echo "$sm / $rm_" | bc -l)"
    target/release/specver diff "$out/redocly.json" "$out/specver.json" --format json |
        python3 -c 'import json,sys; c=json.load(sys.stdin)["changes"]; print("  diff Redocly -> specver:", len(c), "changes:", sorted(x["id"] for x in c))'
done
