#!/usr/bin/env bash
# Lints the same documents with Spectral (ruleset `extends: [[spectral:oas, all]]`) and with
# `specver lint` (the same ruleset file, so every spectral:oas rule runs and nothing else),
# and prints per document the findings only one of the two gives, keyed by
# (rule, file, JSON pointer, line). docs/lint-vs-spectral.md explains each difference.
#
# Documents: every fixtures/lint/*.yaml (not the `_` files other fixtures refer to), and, when
# ../shared exists, the oldest Vapi document (Spectral takes 80 s and 1.5 GB on it, and over
# 25 minutes and 4 GB on the newest, which it did not finish) and a Stripe document from
# ../shared/corpus.
#
# Usage: scripts/compare-spectral.sh [--keep DIR] [DOC...]
#   --keep DIR   also write each tool's findings as JSON into DIR
# Spectral: $SPECTRAL, default /tmp/peers/node_modules/.bin/spectral (6.16.3). To install:
#   mkdir -p /tmp/peers && cd /tmp/peers && npm install @stoplight/spectral-cli@6.16.3
set -euo pipefail
cd "$(dirname "$0")/.."

spectral="${SPECTRAL:-/tmp/peers/node_modules/.bin/spectral}"
keep=
if [ "${1:-}" = "--keep" ]; then
    keep="$2"
    shift 2
    mkdir -p "$keep"
fi
if [ ! -x "$spectral" ]; then
    echo "error: Spectral not found at $spectral (set SPECTRAL)" >&2
    exit 2
fi

echo "+ cargo build --release" >&2
cargo build --release --quiet
specver="$PWD/target/release/specver"

docs=("$@")
if [ ${#docs[@]} -eq 0 ]; then
    for f in fixtures/lint/*.yaml; do
        case "$(basename "$f")" in _*) continue ;; esac
        docs+=("$f")
    done
    corpus=../shared/corpus
    if [ -d "$corpus" ]; then
        docs+=("$corpus/vapi/2024-10-10_ec6b7574.json")
        docs+=("$corpus/stripe/2023-09-12_63a67463.yaml")
    else
        echo "note: $corpus not found; the corpus documents are left out" >&2
    fi
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ruleset="$work/spectral-all.yaml"
printf 'extends: [[spectral:oas, all]]\n' >"$ruleset"

for doc in "${docs[@]}"; do
    name="$(basename "$doc")"
    # Spectral exits 1 when it finds errors; only its output matters here.
    "$spectral" lint --quiet --format json --ruleset "$ruleset" "$doc" >"$work/spectral.json" 2>"$work/spectral.err" || true
    if [ ! -s "$work/spectral.json" ]; then
        echo "== $doc: Spectral failed:" >&2
        cat "$work/spectral.err" >&2
        continue
    fi
    "$specver" lint --format json --ruleset "$ruleset" "$doc" >"$work/specver.json" 2>"$work/specver.err" || true
    if [ -n "$keep" ]; then
        cp "$work/spectral.json" "$keep/$name.spectral.json"
        cp "$work/specver.json" "$keep/$name.specver.json"
    fi
    python3 - "$doc" "$work/spectral.json" "$work/specver.json" <<'EOF'
import json, os, sys
from collections import Counter

doc, spectral_path, specver_path = sys.argv[1:4]

def pointer(path):
    return "".join("/" + str(s).replace("~", "~0").replace("/", "~1") for s in path)

def spectral(path):
    out = Counter()
    for r in json.load(open(path)):
        if r["code"] in ("parser", "invalid-ref", "unrecognized-format"):
            continue
        f = os.path.basename(r.get("source") or doc)
        out[(r["code"], f, pointer(r["path"]), r["range"]["start"]["line"] + 1)] += 1
    return out

def specver(path):
    out = Counter()
    for f in json.load(open(path))["findings"]:
        out[(f["rule"], os.path.basename(f["file"]), f["pointer"], f["line"])] += 1
    return out

a, b = spectral(spectral_path), specver(specver_path)
# Each tool reports one place once per rule; counts only matter as sets.
a, b = set(a), set(b)
only_a, only_b = sorted(a - b), sorted(b - a)
print(f"== {doc}: {len(a)} Spectral, {len(b)} specver, {len(a & b)} both, "
      f"{len(only_a)} only Spectral, {len(only_b)} only specver")
for who, items in (("spectral", only_a), ("specver ", only_b)):
    for rule, f, ptr, line in items:
        where = "" if f == os.path.basename(doc) else f + ":"
        print(f"  only {who} {rule:<36} {where}{line:<6} {ptr}")
EOF
done
