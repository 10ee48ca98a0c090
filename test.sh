#!/usr/bin/env bash
# Runs every test of the solution and ends with a line "N passed, M failed".
#
# Integration and functional tests need PostgreSQL and an S3-compatible server. Unless the environment already
# names servers of your own (CLEANPROFILES_TEST_POSTGRES, CLEANPROFILES_TEST_S3_SERVICE_URL with
# CLEANPROFILES_TEST_S3_ACCESS_KEY / _SECRET_KEY / _REGION), throwaway ones are started on free 127.0.0.1 ports
# (tests/servers/start.sh, installing the Debian packages it needs when run as root) and stopped at the end,
# also when tests fail or the run is interrupted.
#
# Extra arguments go to `dotnet test` (for example: ./test.sh --filter Name~Upload).
set -euo pipefail
cd "$(dirname "$0")"

log=$(mktemp)
state=$(mktemp -d)
cleanup() {
  tests/servers/stop.sh "$state" >/dev/null 2>&1 || true
  rm -f "$log"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

servers=()
[ -n "${CLEANPROFILES_TEST_POSTGRES:-}" ] || servers+=(postgres)
[ -n "${CLEANPROFILES_TEST_S3_SERVICE_URL:-}" ] || servers+=(s3)
if [ ${#servers[@]} -gt 0 ]; then
  echo "Starting throwaway ${servers[*]} on 127.0.0.1 ..."
  if tests/servers/start.sh "$state" "${servers[@]}"; then
    # shellcheck disable=SC1091
    source "$state/env"
  else
    # Run the tests anyway: those that need the missing server fail and say what to install.
    echo "Could not start ${servers[*]} (see above); the tests that need them will fail." >&2
  fi
fi

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
