#!/usr/bin/env bash
# The corpus sweep of issue 14: every document of ../shared/corpus through `inspect`, `lint`
# (text and JSON), and every consecutive pair of each API, in both directions, through
# `diff`. Each run is timed with GNU time; the script flags a panic (exit 101 or "panicked"
# on stderr), a run over 60 s, and a peak memory over 10x the input size.
#
#   scripts/sweep.sh [OUT.tsv]     (default: target/sweep.tsv)
#
# Needs a release build (`cargo build --release`) and /usr/bin/time. Not run by CI: the
# whole sweep takes minutes; tests/diff_corpus.rs and tests/corpus_load.rs keep the quick
# invariants in the suite.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=../shared/corpus
# SPECVER_BIN: a copy of the binary, so that a rebuild during the sweep cannot mix two builds.
bin=${SPECVER_BIN:-target/release/specver}
out=${1:-target/sweep.tsv}
limit_s=60
mem_factor=10

if [ ! -d "$corpus" ]; then
    echo "skipping: $corpus not found" >&2
    exit 0
fi
[ -x "$bin" ] || cargo build --release
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package time)" >&2; exit 2; }

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

printf 'command\tinput\tbytes\texit\tseconds\tpeak_kb\tverdict\n' >"$out"
problems=0
runs=0

# run LABEL INPUT_BYTES ARGS...
run() {
    local label=$1 bytes=$2
    shift 2
    local err
    err=$(mktemp)
    set +e
    /usr/bin/time -f '%e %M' -o "$err.time" "$bin" "$@" >/dev/null 2>"$err"
    local code=$?
    set -e
    local secs kb
    # GNU time puts "Command exited with non-zero status N" first when the exit is not 0.
    read -r secs kb < <(tail -n 1 "$err.time")
    local verdict=ok
    if [ "$code" -eq 101 ] || grep -q panicked "$err"; then
        verdict=PANIC
    elif awk -v s="$secs" -v l="$limit_s" 'BEGIN { exit !(s > l) }'; then
        verdict=SLOW
    elif [ $((kb * 1024)) -gt $((bytes * mem_factor)) ] && [ "$kb" -gt 65536 ]; then
        # Under 64 MiB counts as fine whatever the input: the binary and its tables alone
        # take a few MiB.
        verdict=MEMORY
    fi
    [ "$verdict" = ok ] || problems=$((problems + 1))
    runs=$((runs + 1))
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "${1}" "$label" "$bytes" "$code" "$secs" "$kb" "$verdict" >>"$out"
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
        run "$name" "$bytes" inspect "$doc"
        run "$name" "$bytes" lint "$doc"
        run "$name" "$bytes" lint "$doc" --format json
        if [ -n "$previous" ]; then
            pdoc=$(root_of "$previous")
            pbytes=$(( $(size_of "$previous") + bytes ))
            pname="${previous#"$corpus"/} -> ${name##*/}"
            run "$pname" "$pbytes" diff "$pdoc" "$doc"
            run "$pname (swapped)" "$pbytes" diff "$doc" "$pdoc"
        fi
        previous=$entry
    done
done

echo "$runs runs, $problems flagged; table: $out"
awk -F'\t' 'NR > 1 {
        if ($5 > max_s) { max_s = $5; slowest = $1 " " $2 }
        r = $6 * 1024 / $3; if (r > max_r) { max_r = r; hungriest = $1 " " $2 " (" $6 " KB)" }
        total += $5
    }
    END {
        printf "slowest: %.2f s (%s)\nlargest memory/input: %.1fx (%s)\ntotal: %.1f s\n", max_s, slowest, max_r, hungriest, total
    }' "$out"
grep -v $'\tok$' "$out" | tail -n +2 || true
[ "$problems" -eq 0 ]
