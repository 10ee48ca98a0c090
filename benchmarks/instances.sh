#!/usr/bin/env bash
# Several instances on one PostgreSQL + S3 (Swift) + Redis: community throughput of this build against a baseline commit
# (both Release, side by side in one run, rounds alternating), URL identity across two instances of this build, and the
# cost of the Redis-backed abuse limits per upload and per login against the in-process ones.
# Prints Markdown; docs/benchmarks.md holds the latest figures. Servers: the CLEANPROFILES_TEST_* variables, or
# throwaway ones from tests/servers/start.sh. The baseline is built in a temporary git worktree, removed afterwards.
# Usage: benchmarks/instances.sh [BASELINE_COMMIT] [--rounds N] [--seconds S] [--concurrency C]   (baseline: 42f7770)
set -euo pipefail
cd "$(dirname "$0")/.."
baseline=${1:-42f7770}
[ $# -eq 0 ] || shift
state=$(mktemp -d)
before=$(mktemp -d)/before
cleanup() {
  tests/servers/stop.sh "$state" > /dev/null 2>&1 || true
  git worktree remove --force "$before" > /dev/null 2>&1 || true
  rmdir "$(dirname "$before")" 2> /dev/null || true
}
trap cleanup EXIT
if [ -z "${CLEANPROFILES_TEST_POSTGRES:-}" ] || [ -z "${CLEANPROFILES_TEST_S3_SERVICE_URL:-}" ] || [ -z "${CLEANPROFILES_TEST_REDIS:-}" ]; then
  tests/servers/start.sh "$state" postgres s3 redis
  # shellcheck disable=SC1091
  source "$state/env"
fi
git worktree add --detach "$before" "$baseline" > /dev/null
dotnet build -c Release "$before/src/WebApi" -p:SkipWebApp=true -v q -nologo > /dev/null
dotnet build -c Release src/WebApi -p:SkipWebApp=true -v q -nologo > /dev/null
dotnet build -c Release benchmarks/InstanceBenchmarks -p:SkipWebApp=true -v q -nologo > /dev/null
bench=benchmarks/InstanceBenchmarks/bin/Release/net10.0/CleanProfiles.InstanceBenchmarks.dll
api=src/WebApi/bin/Release/net10.0/CleanProfiles.WebApi.dll
echo "baseline: $(git log -1 --format='%h %s' "$baseline" | cut -c1-80); this build: $(git log -1 --format=%h)$(git diff --quiet || echo ' + uncommitted changes')"
echo
dotnet "$bench" community --before "$before/$api" --after "$api" "$@"
echo
dotnet "$bench" identity --api "$api"
echo
dotnet "$bench" limiter
