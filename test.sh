#!/usr/bin/env bash
# Runs every test of the solution and ends with a line "N passed, M failed".
#
# Integration and functional tests need PostgreSQL, an S3-compatible server and Redis. Unless the environment already
# names servers of your own (CLEANPROFILES_TEST_POSTGRES, CLEANPROFILES_TEST_S3_SERVICE_URL with
# CLEANPROFILES_TEST_S3_ACCESS_KEY / _SECRET_KEY / _REGION, CLEANPROFILES_TEST_REDIS as host:port), throwaway ones
# are started on free 127.0.0.1 ports
# (tests/servers/start.sh, installing the Debian packages it needs when run as root) and stopped at the end,
# also when tests fail or the run is interrupted. The browser tests need Debian's chromium: installed the same way.
# The web app's own checks (npm run typecheck, npm run lint, Vitest) run after the .NET tests and count in the line.
#
# Extra arguments go to `dotnet test` (for example: ./test.sh --filter Name~Upload); the web app's checks then
# do not run.
set -euo pipefail
cd "$(dirname "$0")"

log=$(mktemp)
vitest_json=$(mktemp)
state=$(mktemp -d)
cleanup() {
  tests/servers/stop.sh "$state" >/dev/null 2>&1 || true
  rm -f "$log" "$vitest_json"
  rmdir "$state" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

servers=()
[ -n "${CLEANPROFILES_TEST_POSTGRES:-}" ] || servers+=(postgres)
[ -n "${CLEANPROFILES_TEST_S3_SERVICE_URL:-}" ] || servers+=(s3)
[ -n "${CLEANPROFILES_TEST_REDIS:-}" ] || servers+=(redis)
[ -x /usr/bin/chromium ] || servers+=(chromium)
if [ ${#servers[@]} -gt 0 ]; then
  echo "Starting throwaway ${servers[*]} on 127.0.0.1 ..."
  if tests/servers/start.sh "$state" "${servers[@]}"; then
    # shellcheck disable=SC1091
    source "$state/env"
  else
    # Run the tests anyway: those that need the missing server or browser fail and say what to install.
    echo "Could not start or install ${servers[*]} (see above); the tests that need them will fail." >&2
  fi
fi

status=0
dotnet test CleanProfiles.sln "$@" 2>&1 | tee "$log" || status=$?

# The web app's checks: each of typecheck and lint counts as one test, Vitest reports its own.
webapp_passed=0 webapp_failed=0
webapp_check() { # NAME COMMAND...
  if (cd src/WebApp && "${@:2}"); then
    echo "web app: $1 passed"; webapp_passed=$((webapp_passed + 1))
  else
    echo "web app: $1 FAILED" >&2; webapp_failed=$((webapp_failed + 1))
  fi
}
if [ $# -eq 0 ]; then
  if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
    echo "web app: Node.js 20+ and npm are needed for its checks (install them, e.g. apt-get install nodejs npm)." >&2
    webapp_failed=1
  elif (cd src/WebApp && node scripts/build.mjs --deps); then
    webapp_check typecheck npm run -s typecheck
    webapp_check lint npm run -s lint
    (cd src/WebApp && npx vitest run --reporter=default --reporter=json --outputFile="$vitest_json") || true
    if [ -s "$vitest_json" ]; then
      # A failed suite (an import error, say) fails no single test: count it as one failure.
      counts=$(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        console.log(r.numPassedTests, r.numFailedTests + (!r.success && r.numFailedTests === 0 ? 1 : 0))' "$vitest_json") || counts="0 1"
      read -r vp vf <<< "$counts"
      echo "web app: Vitest $vp passed, $vf failed"
      webapp_passed=$((webapp_passed + vp)); webapp_failed=$((webapp_failed + vf))
    else
      echo "web app: Vitest did not report (see above)" >&2; webapp_failed=$((webapp_failed + 1))
    fi
  else
    echo "web app: npm ci failed (see above)" >&2; webapp_failed=1
  fi
fi

# Each test assembly prints "Passed!  - Failed: F, Passed: P, Skipped: S, Total: T" (or "Failed!  - ...").
passed=$(grep -oE 'Passed:[[:space:]]+[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -oE 'Failed:[[:space:]]+[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
skipped=$(grep -oE 'Skipped:[[:space:]]+[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the build or a test host failed before any test could report
fi
passed=$((passed + webapp_passed))
failed=$((failed + webapp_failed))
if [ "$skipped" -ne 0 ]; then
  echo "$skipped tests were skipped; a skipped test counts as failed here." >&2
  failed=$((failed + skipped))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
