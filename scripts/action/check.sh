#!/usr/bin/env bash
# Step "check" of action.yml, a script of its own so that tests run it with a fake event:
# runs `specver check`, writes annotations to the log, the Markdown report to a file and to
# the job summary, and records the exit code for the last step (which fails the job after
# the comment is posted).
#
# Environment: SPECS (space-separated paths or globs), BASE (optional revision), ARGS
# (more options), SPECVER (the binary; default `specver`), RUNNER_TEMP, GITHUB_OUTPUT,
# GITHUB_STEP_SUMMARY.
set -uo pipefail

bin=${SPECVER:-specver}
dir=${RUNNER_TEMP:-$(mktemp -d)}
markdown="$dir/specver-check.md"
rm -f "$markdown"

args=(check)
read -r -a specs <<< "${SPECS:?SPECS: the specs to check}"
args+=("${specs[@]}")
if [ -n "${BASE:-}" ]; then
    args+=(--base "$BASE")
fi
if [ -n "${ARGS:-}" ]; then
    read -r -a more <<< "$ARGS"
    args+=("${more[@]}")
fi
args+=(--format github-actions --summary-file "$markdown")

"$bin" "${args[@]}"
code=$?

if [ -f "$markdown" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    cat "$markdown" >> "$GITHUB_STEP_SUMMARY"
fi
{
    echo "exit-code=$code"
    echo "markdown=$markdown"
} >> "${GITHUB_OUTPUT:-/dev/null}"
# 2 is bad input or usage: nothing to comment, fail now.
if [ "$code" -eq 2 ]; then
    exit 2
fi
exit 0
