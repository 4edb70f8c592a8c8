#!/usr/bin/env bash
# Step "comment" of action.yml: posts the check's Markdown as one pull-request comment, or
# updates the comment an earlier run posted (found by a marker), so that a pull request
# carries one current report. Without permission (a fork's token is read-only) it says so
# and leaves the report in the job summary, where check.sh put it.
#
# Environment: MARKDOWN (the report), GITHUB_EVENT_PATH, GITHUB_REPOSITORY, GH_TOKEN; `gh`
# and `jq` on PATH (both are on GitHub's runners).
set -uo pipefail

marker='<!-- specver-check -->'
pr=$(jq -r '.pull_request.number // empty' "${GITHUB_EVENT_PATH:?}")
if [ -z "$pr" ]; then
    echo "not a pull request: the report is in the job summary"
    exit 0
fi
if [ ! -s "${MARKDOWN:-}" ]; then
    echo "no report to post"
    exit 0
fi
body="$marker
$(cat "$MARKDOWN")"

repo=${GITHUB_REPOSITORY:?}
existing=$(gh api "repos/$repo/issues/$pr/comments" --paginate \
    --jq ".[] | select(.body | startswith(\"$marker\")) | .id" 2>/dev/null | head -n 1)
if [ -n "$existing" ]; then
    gh api -X PATCH "repos/$repo/issues/comments/$existing" -f body="$body" > /dev/null
else
    gh api -X POST "repos/$repo/issues/$pr/comments" -f body="$body" > /dev/null
fi
if [ $? -ne 0 ]; then
    echo "::notice title=specver::cannot comment on pull request #$pr (a fork's token is read-only; the workflow needs pull-requests: write); the report is in the job summary"
fi
exit 0
