#!/usr/bin/env bash
# Regenerates fixtures/lint/spectral-custom/spectral.expected: what Spectral reports for
# openapi.yaml with the custom ruleset .spectral.yaml beside it, one finding a line:
#
#   LINE:COLUMN RULE #POINTER SEVERITY MESSAGE
#
# 1-based line and column of the start of Spectral's range, the JSON pointer of its `path`
# (after `#`), the severity by name, and the message. tests/lint_spectral_custom.rs checks
# specver against this file, so Spectral is never needed to run the tests.
#
# Usage: scripts/spectral-expected.sh
# Spectral: $SPECTRAL, default /tmp/peers/node_modules/.bin/spectral (6.16.3). To install:
#   mkdir -p /tmp/peers && cd /tmp/peers && npm install @stoplight/spectral-cli@6.16.3
set -euo pipefail
cd "$(dirname "$0")/../fixtures/lint/spectral-custom"

spectral="${SPECTRAL:-/tmp/peers/node_modules/.bin/spectral}"
if [ ! -x "$spectral" ]; then
    echo "error: Spectral not found at $spectral (set SPECTRAL)" >&2
    exit 2
fi

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
# Spectral exits 1 when it finds errors; a broken ruleset or document exits 2.
status=0
"$spectral" lint --quiet --format json --ruleset .spectral.yaml openapi.yaml >"$out" || status=$?
if [ "$status" -gt 1 ]; then
    cat "$out" >&2
    exit "$status"
fi

{
    echo "# Spectral $("$spectral" --version) on openapi.yaml with .spectral.yaml (scripts/spectral-expected.sh)"
    echo "# LINE:COLUMN RULE #POINTER SEVERITY MESSAGE"
    python3 - "$out" <<'EOF'
import json, sys

severities = ["error", "warn", "info", "hint"]

def pointer(path):
    return "#" + "".join("/" + str(s).replace("~", "~0").replace("/", "~1") for s in path)

rows = []
for r in json.load(open(sys.argv[1])):
    start = r["range"]["start"]
    rows.append((start["line"] + 1, start["character"] + 1, r["code"], pointer(r["path"]),
                 severities[r["severity"]], r["message"].replace("\n", "\\n")))
for line, col, code, ptr, sev, msg in sorted(rows):
    print(f"{line}:{col} {code} {ptr} {sev} {msg}")
EOF
} >spectral.expected
echo "wrote fixtures/lint/spectral-custom/spectral.expected ($(grep -vc '^#' spectral.expected) findings)"
