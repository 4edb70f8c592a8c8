#!/usr/bin/env bash
# Times `specver lint --rules all` (release build) against Redocly CLI (`redocly lint`, its
# `recommended` ruleset and, where the version has it, `--extends all`) and Spectral
# (`spectral lint` with `extends: [[spectral:oas, all]]`) on the 4.2 MB Stripe JSON document
# and the DigitalOcean multi-file spec, runs of the tools interleaved in the same run, and
# prints per input: median and best wall time, median CPU time (user + system, all threads:
# steadier than wall time on a busy machine), median peak memory (max RSS, from
# `/usr/bin/time -f "%e %U %S %M"`), the number of findings, and per peer the ratios
# peer/specver wall time and specver/peer peak memory, with the targets of the lint
# performance issue (at least 10x faster than Redocly, peak memory under half of Redocly's).
#
# Output sizes are kept from dominating: specver and Spectral print JSON to /dev/null (the
# last run's output is kept to count findings), Redocly prints JSON with `--max-problems 1`
# (its JSON carries the totals). Needs no network: Redocly's telemetry and update notice are
# off, the inputs are local files.
#
# Usage: scripts/compare-lint.sh [RUNS]     (default 5 runs per tool and input)
# Peers: $REDOCLY, default /tmp/peers/node_modules/.bin/redocly;
#        $SPECTRAL, default /tmp/peers/node_modules/.bin/spectral.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

runs="${1:-5}"
corpus=$repo/../shared/corpus
redocly="${REDOCLY:-/tmp/peers/node_modules/.bin/redocly}"
spectral="${SPECTRAL:-/tmp/peers/node_modules/.bin/spectral}"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true

if [ ! -d "$corpus" ]; then
    echo "skipping: $corpus not found"
    exit 0
fi
if [ ! -x /usr/bin/time ]; then
    echo "error: /usr/bin/time (GNU time) is needed for peak memory: apt-get install time" >&2
    exit 2
fi
install_hint() {
    cat >&2 <<EOF
$1 not found at $2. To install the peers:
    mkdir -p /tmp/peers && cd /tmp/peers && npm install @redocly/cli @stoplight/spectral-cli
or point $3 at its executable. Skipping $1.
EOF
}
[ -x "$redocly" ] || { install_hint Redocly "$redocly" REDOCLY; redocly=; }
[ -x "$spectral" ] || { install_hint Spectral "$spectral" SPECTRAL; spectral=; }

echo "+ cargo build --release" >&2
cargo build --release --quiet
specver=$repo/target/release/specver

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The peers run in an empty directory, so that no redocly.yaml or .spectral.yaml of the
# working tree is picked up.
mkdir "$tmp/cwd"
printf 'extends: [[spectral:oas, all]]\n' > "$tmp/spectral-all.yaml"

tools=(specver)
version_of=("specver $("$specver" --version 2> /dev/null | awk '{print $NF}') ($(git rev-parse --short HEAD), --rules all)")
if [ -n "$redocly" ]; then
    tools+=(redocly)
    rv=$("$redocly" --version 2> /dev/null | tail -n 1)
    version_of+=("redocly $rv (recommended)")
    # `--extends all`: only where this version has the built-in `all` config.
    if "$redocly" lint --help 2> /dev/null | grep -q -- '--extends' &&
        (cd "$tmp/cwd" && "$redocly" lint --extends all --format json --max-problems 1 \
            "$repo/fixtures/petstore.yaml" > /dev/null 2>&1 || [ $? -eq 1 ]); then
        tools+=(redocly-all)
        version_of+=("redocly-all = redocly $rv --extends all")
    else
        echo "redocly $rv has no built-in 'all' config: timing its recommended rules only" >&2
    fi
fi
if [ -n "$spectral" ]; then
    tools+=(spectral)
    version_of+=("spectral $("$spectral" --version 2> /dev/null | tail -n 1) (extends: [[spectral:oas, all]])")
fi

# command TOOL FILE: the command line of TOOL on FILE, in the array `cmd`.
command_of() {
    local tool=$1 file=$2
    case $tool in
        specver) cmd=("$specver" lint --rules all --format json "$file") ;;
        redocly) cmd=("$redocly" lint --format json --max-problems 1 "$file") ;;
        redocly-all) cmd=("$redocly" lint --extends all --format json --max-problems 1 "$file") ;;
        spectral) cmd=("$spectral" lint -q -r "$tmp/spectral-all.yaml" -f json "$file") ;;
    esac
}

# run TOOL FILE: one timed run; appends "wall_s cpu_s maxrss_kb" to $tmp/TOOL and keeps the output
# in $tmp/TOOL.out. Exit status 1 only means findings; anything above is reported.
run() {
    local tool=$1 file=$2 status
    command_of "$tool" "$file"
    (cd "$tmp/cwd" && /usr/bin/time -f "%e %U %S %M %x" -o "$tmp/one" "${cmd[@]}" > "$tmp/$tool.out" 2> "$tmp/$tool.err") || true
    status=$(tail -n 1 "$tmp/one" | cut -d' ' -f5)
    if [ "$status" -gt 1 ]; then
        echo "warning: $tool exited with $status on $file: $(grep -v '[║╔╚]' "$tmp/$tool.err" | grep . | tail -n 2 | tr '\n' ' ')" >&2
    fi
    tail -n 1 "$tmp/one" | awk '{print $1, $2 + $3, $4}' >> "$tmp/$tool"
}

# count TOOL: the number of findings in the kept output of the last run.
count() {
    local tool=$1
    if ! command -v python3 > /dev/null; then
        echo "-"
        return
    fi
    case $tool in
        specver) python3 -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))' ;;
        # Redocly stops counting at 9,999 problems.
        redocly*) python3 -c 'import json,sys; t=json.load(sys.stdin)["totals"]; n=t["errors"]+t["warnings"]; print(str(n)+("+" if n>=9999 else ""))' ;;
        spectral) python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' ;;
    esac < "$tmp/$tool.out" 2> /dev/null || echo "?"
}

# median FILE: the median of a column of numbers.
median() {
    sort -g "$1" | awk '{v[NR]=$1} END {n=NR; printf "%.3f", (n%2)?v[(n+1)/2]:(v[n/2]+v[n/2+1])/2}'
}

# stats FILE: "median_wall best_wall median_cpu median_rss_kb" over the lines
# "wall_s cpu_s maxrss_kb".
stats() {
    cut -d' ' -f1 "$1" > "$tmp/col"
    local mw bw mc mr
    mw=$(median "$tmp/col")
    bw=$(sort -g "$tmp/col" | head -n 1)
    cut -d' ' -f2 "$1" > "$tmp/col"
    mc=$(median "$tmp/col")
    cut -d' ' -f3 "$1" > "$tmp/col"
    mr=$(median "$tmp/col")
    echo "$mw $bw $mc $mr"
}

inputs=(
    "stripe 2022-04-07 (4.2 MB JSON)|stripe/2022-04-07_fc5a2b92.json"
    "digitalocean 2026-07-09 (2,860 YAML files)|digitalocean-multifile/2026-07-09_e0a34c35/specification/DigitalOcean-public.v2.yaml"
)

echo "versions: $(IFS=';'; echo "${version_of[*]}" | sed 's/;/; /g'); node $(node --version 2> /dev/null || echo '-')"
echo "machine: $(nproc) cores, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "runs per tool and input: $runs after one warm-up each, interleaved; wall = median (best) seconds;"
echo "cpu = median user+system seconds; peak = median max RSS; ratios from the medians"
declare -A wall best cpu peak
summary=()
for input in "${inputs[@]}"; do
    label=${input%%|*}
    file="$corpus/${input#*|}"
    if [ ! -f "$file" ]; then
        echo "skipping $label: $file not found"
        continue
    fi
    for tool in "${tools[@]}"; do rm -f "$tmp/$tool"; done
    # One warm-up run each (page cache, node's compile cache), then interleaved timed runs.
    for tool in "${tools[@]}"; do run "$tool" "$file"; rm -f "$tmp/$tool"; done
    for _ in $(seq "$runs"); do
        for tool in "${tools[@]}"; do run "$tool" "$file"; done
    done
    echo
    echo "$label"
    printf '  %-12s %16s %8s %10s %9s %11s %10s %12s\n' "tool" "wall s" "cpu s" "peak MiB" \
        "findings" "wall/sv" "cpu/sv" "peak sv/peer"
    for tool in "${tools[@]}"; do
        read -r w bw c r <<< "$(stats "$tmp/$tool")"
        wall[$tool]=$w; best[$tool]=$bw; cpu[$tool]=$c; peak[$tool]=$r
        if [ "$tool" = specver ]; then
            tratio="" cratio="" mratio=""
        else
            tratio=$(echo "$w ${wall[specver]}" | awk '{printf "%.1fx", ($2>0)?$1/$2:0}')
            cratio=$(echo "$c ${cpu[specver]}" | awk '{printf "%.1fx", ($2>0)?$1/$2:0}')
            mratio=$(echo "${peak[specver]} $r" | awk '{printf "%.2f", ($2>0)?$1/$2:0}')
        fi
        printf '  %-12s %7.3f (%6.3f) %8.2f %10.1f %9s %11s %10s %12s\n' "$tool" "$w" "$bw" "$c" \
            "$(echo "$r" | awk '{print $1/1024}')" "$(count "$tool")" "$tratio" "$cratio" "$mratio"
    done
    for tool in redocly redocly-all; do
        [ -n "${wall[$tool]:-}" ] || continue
        # The target is judged on the median wall times; the ratios of the best wall times
        # and of the CPU times are printed beside it, as a check on a busy machine.
        summary+=("$(echo "${wall[$tool]} ${wall[specver]} ${peak[specver]} ${peak[$tool]}" \
            "${best[$tool]} ${best[specver]} ${cpu[$tool]} ${cpu[specver]}" | awk \
            -v label="$label" -v tool="$tool" '{
                t = ($2 > 0) ? $1 / $2 : 0; m = ($4 > 0) ? $3 / $4 : 0
                bt = ($6 > 0) ? $5 / $6 : 0; ct = ($8 > 0) ? $7 / $8 : 0
                printf "%-44s vs %-12s time %5.1fx (best %.1fx, cpu %.1fx; target >= 10x: %s)   peak memory %.2f (target < 0.5: %s)",
                    label, tool, t, bt, ct, (t >= 10) ? "holds" : "MISSED", m, (m < 0.5) ? "holds" : "MISSED"
            }')")
    done
    wall=() best=() cpu=() peak=()
done
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${#summary[@]}" -gt 0 ]; then
    printf '%s\n' "${summary[@]}"
fi
