#!/usr/bin/env bash
# Times `specver inspect` (release build) on the largest corpus documents.
# Uses hyperfine when it is installed, else a loop timed with `date +%s%N`.
# Usage: scripts/compare.sh [RUNS]   (default 10 runs per input)
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-10}"
corpus=../shared/corpus
if [ ! -d "$corpus" ]; then
    echo "skipping: $corpus not found"
    exit 0
fi

echo "+ cargo build --release"
cargo build --release --quiet
bin=target/release/specver

inputs=(
    "$corpus/stripe/2022-04-07_fc5a2b92.json"
    "$corpus/stripe/2023-09-07_bbfb1664.yaml"
    "$corpus/digitalocean-multifile/2026-07-09_e0a34c35/specification/DigitalOcean-public.v2.yaml"
)

for input in "${inputs[@]}"; do
    if [ ! -f "$input" ]; then
        echo "skipping $input: not found"
        continue
    fi
    # Exit code 2 (error diagnostics) still means the spec was loaded and timed.
    cmd="$bin inspect --format json $input"
    if command -v hyperfine > /dev/null; then
        hyperfine --warmup 1 --runs "$runs" -i -N "$cmd"
    else
        "$bin" inspect --format json "$input" > /dev/null || true
        total=0
        best=
        for _ in $(seq "$runs"); do
            start=$(date +%s%N)
            "$bin" inspect --format json "$input" > /dev/null || true
            end=$(date +%s%N)
            ms=$(( (end - start) / 1000000 ))
            total=$(( total + ms ))
            if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
        done
        printf '%-100s mean %5d ms  min %5d ms  (%d runs)\n' \
            "$input" $(( total / runs )) "$best" "$runs"
    fi
done
