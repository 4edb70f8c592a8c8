#!/usr/bin/env bash
# Scale curve of issue 15: CPU seconds per MB for `inspect`, `breaking` and `lint --rules all`
# on the replicated Vapi shape at growing sizes, `breaking` against load time on the fan-out
# shape (N operations reaching one 20-level schema graph), and the many-files shape.
# Generators: scripts/scale.py. Needs a release build and /usr/bin/time; ../shared/corpus for
# the replicated shape. Not run by CI (the 200 MB step alone takes minutes).
#
#   scripts/scale.sh [SIZES_MB] [OPERATIONS] [FILES]
#   defaults: "1 10 50 200" "200 2000 20000" "100 1000 3000"
# Then the hostile shapes of issue 15 (100,000 enum values, 100,000 properties, 20,000 paths,
# 40,000 cross-referencing schemas): CPU of `diff` and `lint --rules all`, and peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=target/release/specver
sizes=${1:-"1 10 50 200"}
fanouts=${2:-"200 2000 20000"}
file_counts=${3:-"100 1000 3000"}
work=target/scale
[ -x "$bin" ] || cargo build --release
mkdir -p "$work"

# cpu CMD...: user+system seconds and peak KiB of one run, as "cpu kb".
cpu() {
    /usr/bin/time -f '%U %S %M' -o "$work/time" "$bin" "$@" >/dev/null 2>&1 || true
    # GNU time puts "Command exited with non-zero status" first when the exit is not 0.
    tail -n 1 "$work/time" | awk '{ printf "%.2f %d\n", $1 + $2, $3 }'
}

printf '%-22s %8s %8s %8s %10s %10s %10s %8s\n' shape MB inspect breaking 'lint all' 's/MB brk' 'brk/load' 'peak/in'
for mb in $sizes; do
    dir=$work/replicated-$mb
    [ -f "$dir/base.json" ] || python3 scripts/scale.py replicated "$mb" "$dir"
    bytes=$(stat -c %s "$dir/base.json")
    read -r load _ < <(cpu inspect "$dir/base.json")
    read -r brk kb < <(cpu breaking "$dir/base.json" "$dir/revision.json")
    read -r lint _ < <(cpu lint "$dir/base.json" --rules all --format json)
    awk -v n="replicated" -v b="$bytes" -v l="$load" -v k="$brk" -v t="$lint" -v m="$kb" 'BEGIN {
        mb = b / 1e6
        printf "%-22s %8.1f %8.2f %8.2f %10.2f %10.3f %10.2f %8.1f\n", n, mb, l, k, t, k / mb, k / (2 * l > 0 ? 2 * l : 1), m * 1024 / (2 * b)
    }'
done
for n in $fanouts; do
    dir=$work/fanout-$n
    [ -f "$dir/base.json" ] || python3 scripts/scale.py fanout "$n" "$dir"
    bytes=$(stat -c %s "$dir/base.json")
    read -r load _ < <(cpu inspect "$dir/base.json")
    read -r brk kb < <(cpu breaking "$dir/base.json" "$dir/revision.json")
    awk -v n="fanout $n ops" -v b="$bytes" -v l="$load" -v k="$brk" -v m="$kb" 'BEGIN {
        mb = b / 1e6
        printf "%-22s %8.1f %8.2f %8.2f %10s %10.3f %10.2f %8.1f\n", n, mb, l, k, "-", k / mb, k / (2 * l > 0.01 ? 2 * l : 0.01), m * 1024 / (2 * b)
    }'
done
for n in $file_counts; do
    dir=$work/files-$n
    [ -d "$dir/base" ] || python3 scripts/scale.py files "$n" "$dir"
    bytes=$(du -sb "$dir/base" | cut -f1)
    read -r load _ < <(cpu inspect "$dir/base/openapi.json")
    read -r brk kb < <(cpu breaking "$dir/base/openapi.json" "$dir/revision/openapi.json")
    awk -v n="files $n" -v b="$bytes" -v l="$load" -v k="$brk" -v m="$kb" 'BEGIN {
        mb = b / 1e6
        printf "%-22s %8.1f %8.2f %8.2f %10s %10.3f %10.2f %8.1f\n", n, mb, l, k, "-", k / mb, k / (2 * l > 0.01 ? 2 * l : 0.01), m * 1024 / (2 * b)
    }'
done

printf '\n%-22s %8s %8s %8s %10s %10s\n' hostile MB load diff 'lint all' 'diff peak/in'
for spec in "enum 100000" "properties 100000" "paths 20000" "crossrefs 40000"; do
    read -r shape n <<<"$spec"
    dir=$work/$shape-$n
    [ -f "$dir/base.json" ] || python3 scripts/scale.py "$shape" "$n" "$dir"
    bytes=$(stat -c %s "$dir/base.json")
    read -r load _ < <(cpu inspect "$dir/base.json")
    read -r dif kb < <(cpu diff "$dir/base.json" "$dir/revision.json")
    read -r lint _ < <(cpu lint "$dir/base.json" --rules all --format json)
    awk -v n="$shape $n" -v b="$bytes" -v l="$load" -v d="$dif" -v t="$lint" -v m="$kb" 'BEGIN {
        printf "%-22s %8.1f %8.2f %8.2f %10.2f %10.1f\n", n, b / 1e6, l, d, t, m * 1024 / (2 * b)
    }'
done
