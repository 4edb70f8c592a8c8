#!/usr/bin/env bash
# sdk-surface.sh: what a generated Python client sees change between spec versions, and whether
# `specver diff --profile sdk` reports it at error level (issue 11, "Done when", second bullet).
# Not run by CI.
#
# Usage:
#   scripts/sdk-surface.sh [--bin PATH] [--out DIR] SPEC1 SPEC2 [SPEC3 ...]
# Each consecutive pair (SPEC1->SPEC2, SPEC2->SPEC3, ...) is measured. Example, the baseline below:
#   v=../shared/corpus/vapi
#   scripts/sdk-surface.sh $v/2025-08-04_427b2153.json $v/2025-08-07_4f16438e.json \
#       $v/2025-11-03_b9218b4d.json $v/2026-02-12_4ea7caaf.json $v/2026-04-22_7dc5137b.json \
#       $v/2026-07-30_6814779f.json $v/2026-08-17_c8fa2154.json $v/2026-08-18_0494c2f3.json
#   --bin  specver binary (default target/release/specver; build it with `cargo build --release`)
#   --out  results folder (default target/sdk-surface; not committed)
#
# Generator: OpenAPI Generator 7.26.0 from PyPI (`openapi-generator-cli==7.26.0`), installed into
# the venv target/sdk-surface/venv. The PyPI wheel ships the generator jar inside the package
# (openapi_generator_cli/openapi-generator.jar), so nothing is fetched from any other host; it
# runs on the machine's Java 17. Generation: `-g python --skip-validate-spec` (the Vapi specs
# have known defects), fixed package name `vapi_client`, no tests or docs, no timestamp, so two
# runs over one spec give the same code. Generated clients are cached per spec under
# OUT/gen/<spec file name>/ (delete the folder to regenerate).
#
# What it measures (rules in scripts/sdk_surface.py's module doc):
#   1. extract: the public surface of each client, read with Python's ast: API classes, methods,
#      parameters (order, required, wire name, type), return types; model classes, fields (JSON
#      name, type, required), enum values from the models' @field_validator sets, oneOf/anyOf
#      variants (one_of_schemas), and which models are request / response / neither.
#   2. diff: surface items; `breaking` ones fail code written against the old client or the
#      old client's deserialiser.
#   3. specver diff OLD NEW --profile sdk --format json (without --profile, with a note, when the
#      binary rejects it), and match: recall = breaking items matched by a specver error;
#      precision = specver errors matched by a breaking item. Every miss is in
#      OUT/<pair>/misses.tsv with a reason category; OUT/summary.tsv has one line per pair.
#
# Baseline (specver main @ de25854, which rejects --profile sdk, so these are the wire levels;
# OpenAPI Generator 7.26.0; items = breaking surface items, of which enum = response enum values added):
#   pair                      items  enum  matched  recall  errors  matched  precision
#   2025-08-04 -> 2025-08-07     13    11        0    0.0%       0        0        n/a
#   2025-08-07 -> 2025-11-03    256   149       37   14.4%       8        8     100.0%
#   2025-11-03 -> 2026-02-12    262   186       18    6.9%      23       23     100.0%
#   2026-02-12 -> 2026-04-22    131   114        7    5.3%       9        7      77.8%
#   2026-04-22 -> 2026-07-30    238   125       50   21.0%      25       25     100.0%
#   2026-07-30 -> 2026-08-17    128   125        3    2.3%       7        7     100.0%
#   2026-08-17 -> 2026-08-18     33     2        0    0.0%       0        0        n/a
#   all 7 pairs                1061   712      115   10.8%      72       70      97.2%
# With --profile sdk (specver main, 2026-12-02, after issue 11 and the audit fixes), same pairs:
#   pair                      items  matched  recall  errors  matched  precision
#   2025-08-04 -> 2025-08-07     13       12   92.3%       6        6     100.0%
#   2025-08-07 -> 2025-11-03    256      220   85.9%     101      101     100.0%
#   2025-11-03 -> 2026-02-12    262      243   92.8%     133      133     100.0%
#   2026-02-12 -> 2026-04-22    131      130   99.2%      62       58      93.5%
#   2026-04-22 -> 2026-07-30    238      211   88.7%     105      104      99.1%
#   2026-07-30 -> 2026-08-17    128      128  100.0%      23       23     100.0%
#   2026-08-17 -> 2026-08-18     33       33  100.0%       7        7     100.0%
#   all 7 pairs                1061      977   92.1%     437      432      98.9%
# Again on 2026-12-03 (after component-replaced, a type change told once, request-path-parameter-
# undeclared an sdk error, and messages that list ten enum values at most: the matcher reads the
# change's `values`): recall the same on every pair (977 of 1061, 92.1%); errors 444, matched 439
# (98.9%): 2025-08-07 -> 2025-11-03 102 of 102 (the `id` of `DELETE /call/{id}`, matched before
# through another change's message, now by its own error), 2025-11-03 -> 2026-02-12 136 of 136, 2026-04-22 ->
# 2026-07-30 103 of 104 (the one miss as before), 2026-07-30 -> 2026-08-17 27 of 27.
# Recall misses left (84): 49 are the generator's own renames of inline classes (it names a
# shared inline schema after the first place it meets; no spec change), 21 are fields or
# inline models of schemas no operation reaches (specver reports what operations reach),
# 8 have a lower level under sdk (a deprecated method removed, format-only type changes),
# 6 other. Precision misses (5): a oneOf branch added or removed whose generated type is the
# same `str` (4), and one `api-schema-removed` of a schema the generator names differently.
# The wire baseline that follows is from before `--profile sdk` existed.
# Recall misses (946): 708 response enum values added (specver: response-property-enum-value-added
# at warning/info), 65 oneOf variants added in response wrappers (response-property-one-of-added /
# response-body-one-of-added at warning), 36 fields removed (response-optional-property-removed /
# request-property-removed at warning), 31 parameters removed (request-parameter-removed at
# warning), 29 model classes removed or renamed (api-schema-removed at info, or nothing for inline
# classes), 50 generator-inline-naming (a shared inline schema named after another occurrence:
# no spec change), 20 field types changed where specver is silent or below error, 8 others
# (2 methods and 1 API class removed with deprecation: api-path-removed-with-deprecation at info; 1
# parameter and 1 field renamed; 1 field became optional; 1 oneOf variant removed).
# Precision misses (2): RimeAIVoice/FallbackRimeAIVoice.voiceId `request-property-one-of-removed`
# (both branches generate `str`: the client does not see it).
set -euo pipefail
cd "$(dirname "$0")/.."

GEN_VERSION=7.26.0
bin=target/release/specver
out=target/sdk-surface
specs=()
while [ $# -gt 0 ]; do
    case "$1" in
        --bin) bin="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        -h|--help) sed -n '2,32p' "$0"; exit 0 ;;
        *) specs+=("$1"); shift ;;
    esac
done
if [ "${#specs[@]}" -lt 2 ]; then
    echo "usage: scripts/sdk-surface.sh [--bin PATH] [--out DIR] SPEC1 SPEC2 [SPEC3 ...]" >&2
    exit 2
fi
if [ ! -x "$bin" ]; then
    echo "specver binary $bin not found: run cargo build --release, or pass --bin" >&2
    exit 2
fi
helper="$(pwd)/scripts/sdk_surface.py"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

venv="$out/venv"
if [ ! -x "$venv/bin/openapi-generator-cli" ] || ! "$venv/bin/openapi-generator-cli" version 2>/dev/null | grep -qx "$GEN_VERSION"; then
    echo "+ installing openapi-generator-cli==$GEN_VERSION into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "openapi-generator-cli==$GEN_VERSION"
fi
gen="$venv/bin/openapi-generator-cli"

generate() { # spec -> prints the surface json path
    local spec="$1" name dir
    name="$(basename "$spec")"
    name="${name%.*}"
    dir="$out/gen/$name"
    if [ ! -f "$dir/client/.generated" ]; then
        rm -rf "$dir"
        mkdir -p "$dir"
        echo "+ generating the Python client for $name" >&2
        if ! "$gen" generate -i "$spec" -g python -o "$dir/client" --skip-validate-spec \
            --package-name vapi_client \
            --global-property apiTests=false,modelTests=false,apiDocs=false,modelDocs=false \
            --additional-properties hideGenerationTimestamp=true > "$dir/generate.log" 2>&1; then
            echo "generation failed for $spec: see $dir/generate.log" >&2
            return 1
        fi
        touch "$dir/client/.generated"
    fi
    if [ ! -f "$dir/surface.json" ] || [ "$dir/surface.json" -ot "$helper" ]; then
        python3 "$helper" extract "$dir/client/vapi_client" "$dir/surface.json" >&2
    fi
    echo "$dir/surface.json"
}

summary="$out/summary.tsv"
printf 'pair\tprofile\tbreaking_items\tmatched\trecall\tspecver_errors\tmatched_errors\tprecision\n' > "$summary"
for ((i = 0; i + 1 < ${#specs[@]}; i++)); do
    old="${specs[$i]}"
    new="${specs[$((i + 1))]}"
    a="$(basename "$old")"; a="${a%%_*}"
    b="$(basename "$new")"; b="${b%%_*}"
    pair="${a}__${b}"
    pdir="$out/$pair"
    mkdir -p "$pdir"
    cp "$(generate "$old")" "$pdir/old-surface.json"
    cp "$(generate "$new")" "$pdir/new-surface.json"
    python3 "$helper" diff "$pdir/old-surface.json" "$pdir/new-surface.json" "$pdir/items.json" > "$pdir/items-summary.txt"
    profile=sdk
    set +e
    "$bin" diff "$old" "$new" --profile sdk --format json > "$pdir/specver.json" 2> "$pdir/specver.stderr"
    rc=$?
    set -e
    if [ "$rc" -ne 0 ] && ! python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$pdir/specver.json" 2>/dev/null; then
        echo "note: $bin rejected --profile sdk (exit $rc: $(head -c 200 "$pdir/specver.stderr" | tr '\n' ' ')); measuring without it" >&2
        profile=none
        set +e
        "$bin" diff "$old" "$new" --format json > "$pdir/specver.json" 2> "$pdir/specver.stderr"
        set -e
    fi
    python3 "$helper" match "$pdir/items.json" "$pdir/specver.json" "$old" "$new" "$pdir" --label "$pair (profile: $profile)"
    python3 - "$pdir/summary.json" "$pair" "$profile" >> "$summary" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))
f = lambda x: "n/a" if x is None else "%.1f%%" % (100 * x)
print("\t".join(map(str, [sys.argv[2], sys.argv[3], s["breaking_items"], s["breaking_items_matched"], f(s["recall"]),
                          s["specver_errors"], s["specver_errors_matched"], f(s["precision"])])))
EOF
done
echo
column -t -s $'\t' "$summary" 2>/dev/null || cat "$summary"
echo "misses: $out/<pair>/misses.tsv"
