#!/usr/bin/env bash
# Runs every test of the solution and ends with a line "N passed, M failed".
# Extra arguments go to `dotnet test` (for example: ./test.sh --filter Name~Upload).
set -euo pipefail
cd "$(dirname "$0")"

log=$(mktemp)
trap 'rm -f "$log"' EXIT

status=0
dotnet test CleanProfiles.sln "$@" 2>&1 | tee "$log" || status=$?

# Each test assembly prints "Passed!  - Failed: F, Passed: P, Skipped: S, Total: T" (or "Failed!  - ...").
passed=$(grep -oE 'Passed:[[:space:]]+[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -oE 'Failed:[[:space:]]+[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
skipped=$(grep -oE 'Skipped:[[:space:]]+[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the build or a test host failed before any test could report
fi
if [ "$skipped" -ne 0 ]; then
  echo "$skipped tests were skipped; a skipped test counts as failed here." >&2
  failed=$((failed + skipped))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
