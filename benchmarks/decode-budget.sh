#!/usr/bin/env bash
# Peak RSS of the API while four worst-case 40 MP pictures are uploaded at once, before the decode memory budget
# (main at 42f7770, built in a temporary worktree outside the repo, removed afterwards) and after it, and uploads/s of
# ordinary camera photos with and without the budget in the same run. Prints Markdown; docs/benchmarks.md holds the
# latest report.
# Usage: benchmarks/decode-budget.sh [--runs N] [--before-commit SHA]
set -euo pipefail
cd "$(dirname "$0")/.."
before_commit=42f7770
args=()
while [ $# -gt 0 ]; do
  case $1 in --before-commit) before_commit=$2; shift 2 ;; *) args+=("$1"); shift ;; esac
done
before=$(mktemp -d /tmp/before-inputs-XXXXXX)
cleanup() { git worktree remove --force "$before" >/dev/null 2>&1 || rm -rf "$before"; git worktree prune; }
trap cleanup EXIT
git worktree add --detach "$before" "$before_commit" >/dev/null 2>&1
dotnet build -c Release "$before/src/WebApi" -p:SkipWebApp=true -v q -nologo >/dev/null  # the API only
dotnet build -c Release src/WebApi -v q -nologo >/dev/null
dotnet build -c Release benchmarks/DecodeBudgetBenchmarks -v q -nologo >/dev/null
dotnet benchmarks/DecodeBudgetBenchmarks/bin/Release/net10.0/CleanProfiles.DecodeBudgetBenchmarks.dll \
  --before "$before/src/WebApi/bin/Release/net10.0/CleanProfiles.WebApi.dll" \
  --after src/WebApi/bin/Release/net10.0/CleanProfiles.WebApi.dll "${args[@]}"
