#!/usr/bin/env bash
# The corpus sweep of issue 14: every document of ../shared/corpus through `inspect`, `lint`
# (text and JSON), and every consecutive pair of each API, in both directions, through
# `diff`. Each run is timed with GNU time; the script flags a panic (exit 101 or "panicked"
# on stderr), a run over 60 s, and a heap over 10x the input size.
#
# Two memory figures per run:
# - heap: the most bytes the program had allocated at once, counted by the binary itself
#   (built with `--features heap-peak`, which prints it at exit). This is the memory that
#   grows with the input, and the one the 10x rule applies to.
# - peak: GNU time's maximum resident set. It adds the program's own pages, its code and
#   tables mapped from the binary and libc: 4 to 9 MB before any input is read (`lint`
#   touches more code than `inspect`), the floor that each command's run on a minimal spec
#   shows. The summary gives the largest peak/input ratio of the inputs of 1 MB or more.
#
#   scripts/sweep.sh [OUT.tsv]     (default: target/sweep.tsv)
#
# Builds its binary into target/heap-peak (a release build with the feature). Needs
# /usr/bin/time. Not run by CI: the whole sweep takes minutes; tests/diff_corpus.rs and
# tests/corpus_load.rs keep the quick invariants in the suite.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=../shared/corpus
# SPECVER_BIN: a binary built with the heap-peak feature (by default the one this script
# builds), copied so that a rebuild during the sweep cannot mix two builds.
bin=${SPECVER_BIN:-}
out=${1:-target/sweep.tsv}
limit_s=60
mem_factor=10

if [ ! -d "$corpus" ]; then
    echo "skipping: $corpus not found" >&2
    exit 0
fi
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package time)" >&2; exit 2; }
if [ -z "$bin" ]; then
    cargo build --release --features heap-peak --target-dir target/heap-peak
    bin=target/heap-peak/release/specver
fi
copy=$(mktemp)
cp "$bin" "$copy"
chmod +x "$copy"
bin=$copy

# The root document of a corpus entry: a file, or the root file of a multi-file version.
root_of() {
    local entry=$1
    if [ -f "$entry" ]; then
        echo "$entry"
    elif [ -f "$entry/specification/DigitalOcean-public.v2.yaml" ]; then
        echo "$entry/specification/DigitalOcean-public.v2.yaml"
    elif [ -f "$entry/webhooks/openapi.yml" ]; then
        echo "$entry/webhooks/openapi.yml"
    fi
}

# Bytes of input a run reads: the file, or the whole multi-file version.
size_of() {
    local entry=$1
    if [ -f "$entry" ]; then stat -c %s "$entry"; else du -sb "$entry" | cut -f1; fi
}

printf 'command\tinput\tbytes\texit\tseconds\tpeak_kb\tfloor_kb\theap_kb\tverdict\n' >"$out"
problems=0
runs=0

# The floor of each command form and input format: its peak on a minimal spec (the largest
# of three runs). YAML has its own, since its reader is code that JSON does not touch.
minimal_dir=$(mktemp -d)
trap 'rm -rf "$minimal_dir" "$copy"' EXIT
printf '{"openapi": "3.0.3", "info": {"title": "floor", "version": "1"}, "paths": {}}' >"$minimal_dir/min.json"
printf 'openapi: 3.0.3\ninfo: {title: floor, version: "1"}\npaths: {}\n' >"$minimal_dir/min.yaml"
floor_of() {
    local worst=0 kb
    for _ in 1 2 3; do
        /usr/bin/time -f '%M' -o "$minimal_dir/time" "$bin" "$@" >/dev/null 2>&1 || true
        kb=$(tail -n 1 "$minimal_dir/time")
        [ "$kb" -gt "$worst" ] && worst=$kb
    done
    echo "$worst"
}
declare -A floor
for fmt in json yaml; do
    m=$minimal_dir/min.$fmt
    floor[inspect.$fmt]=$(floor_of inspect "$m")
    floor[lint.$fmt]=$(floor_of lint "$m")
    floor[lint-json.$fmt]=$(floor_of lint "$m" --format json)
    floor[diff.$fmt]=$(floor_of diff "$m" "$m")
    echo "floors of $fmt (KB): inspect ${floor[inspect.$fmt]}, lint ${floor[lint.$fmt]}, lint json ${floor[lint-json.$fmt]}, diff ${floor[diff.$fmt]}"
done
# The format whose floor applies: YAML when any of the documents is YAML.
format_of() {
    case "$*" in *.yaml* | *.yml*) echo yaml ;; *) echo json ;; esac
}

# run LABEL INPUT_BYTES FLOOR_KB ARGS...
run() {
    local label=$1 bytes=$2 floor=$3
    shift 3
    local err
    err=$(mktemp)
    set +e
    /usr/bin/time -f '%e %M' -o "$err.time" "$bin" "$@" >/dev/null 2>"$err"
    local code=$?
    set -e
    local secs kb heap
    # GNU time puts "Command exited with non-zero status N" first when the exit is not 0.
    read -r secs kb < <(tail -n 1 "$err.time")
    heap=$(sed -n 's/^heap peak: \([0-9]*\) bytes$/\1/p' "$err" | tail -n 1)
    local verdict=ok
    if [ "$code" -eq 101 ] || grep -q panicked "$err"; then
        verdict=PANIC
    elif awk -v s="$secs" -v l="$limit_s" 'BEGIN { exit !(s > l) }'; then
        verdict=SLOW
    elif [ -z "$heap" ]; then
        verdict=NO-HEAP-FIGURE
    elif [ "$heap" -gt $((bytes * mem_factor)) ]; then
        verdict=MEMORY
    fi
    [ "$verdict" = ok ] || problems=$((problems + 1))
    runs=$((runs + 1))
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "${1}" "$label" "$bytes" "$code" "$secs" "$kb" "$floor" "$((${heap:-0} / 1024))" "$verdict" >>"$out"
    rm -f "$err" "$err.time"
}

for api in "$corpus"/*/; do
    api=${api%/}
    entries=()
    for entry in "$api"/*; do
        [ -n "$(root_of "$entry")" ] && entries+=("$entry")
    done
    previous=
    for entry in "${entries[@]}"; do
        doc=$(root_of "$entry")
        bytes=$(size_of "$entry")
        name=${entry#"$corpus"/}
        fmt=$(format_of "$doc")
        run "$name" "$bytes" "${floor[inspect.$fmt]}" inspect "$doc"
        run "$name" "$bytes" "${floor[lint.$fmt]}" lint "$doc"
        run "$name" "$bytes" "${floor[lint-json.$fmt]}" lint "$doc" --format json
        if [ -n "$previous" ]; then
            pdoc=$(root_of "$previous")
            pbytes=$(( $(size_of "$previous") + bytes ))
            pname="${previous#"$corpus"/} -> ${name##*/}"
            fmt=$(format_of "$pdoc" "$doc")
            run "$pname" "$pbytes" "${floor[diff.$fmt]}" diff "$pdoc" "$doc"
            run "$pname (swapped)" "$pbytes" "${floor[diff.$fmt]}" diff "$doc" "$pdoc"
        fi
        previous=$entry
    done
done

echo "$runs runs, $problems flagged; table: $out"
awk -F'\t' 'NR > 1 {
        if ($5 > max_s) { max_s = $5; slowest = $1 " " $2 }
        h = $8 * 1024 / $3; if (h > max_h) { max_h = h; hungriest_heap = $1 " " $2 " (" $8 " KB)" }
        r = $6 * 1024 / $3
        n = ($6 - $7) * 1024 / $3; if (n > max_n) { max_n = n; hungriest_net = $1 " " $2 " (" $6 " KB)" }
        if ($3 >= 1000000) { big++; if (r >= 10) big_over++; if (r > max_big) { max_big = r; hungriest_big = $1 " " $2 " (" $6 " KB)" } }
        total += $5
    }
    END {
        printf "slowest: %.2f s (%s)\n", max_s, slowest
        printf "largest heap/input: %.1fx (%s)\n", max_h, hungriest_heap
        printf "largest (peak - floor)/input: %.1fx (%s)\n", max_n, hungriest_net
        printf "inputs of 1 MB or more: %d runs, %d at 10x or more raw, largest %.1fx (%s)\n", big, big_over, max_big, hungriest_big
        printf "total: %.1f s\n", total
    }' "$out"
grep -v $'\tok$' "$out" | tail -n +2 || true
[ "$problems" -eq 0 ]
