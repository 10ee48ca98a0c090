#!/usr/bin/env bash
# The picture lifecycle under faults, before and after: the fault-injection tests of this tree (LifecycleFaultTests,
# DatabaseFaultTests) run against this tree and against a baseline commit, each case recording the status and
# time-to-answer the client got and the lifecycle invariant before and after a sweep. Then the upload latency of both
# builds, side by side in one run (the cost of recording the intent before the bytes).
# Usage: benchmarks/lifecycle.sh [BASELINE_COMMIT] [UPLOADS]   (default 42f7770, the commit before the lifecycle work; 40)
# Prints Markdown; docs/benchmarks.md holds the latest report. Needs what ./test.sh needs (PostgreSQL, Swift).
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)
baseline=${1:-42f7770}
uploads=${2:-40}
work=$(mktemp -d)
before="$work/before"
state=$(mktemp -d) # directly under /tmp: the postgres user must be able to reach it
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  tests/servers/stop.sh "$state" >/dev/null 2>&1 || true
  git worktree remove --force "$before" >/dev/null 2>&1 || true
  rm -rf "$work"
  rmdir "$state" 2>/dev/null || true
}
trap cleanup EXIT

if [ -z "${CLEANPROFILES_TEST_POSTGRES:-}" ] || [ -z "${CLEANPROFILES_TEST_S3_SERVICE_URL:-}" ]; then
  tests/servers/start.sh "$state" postgres s3 >&2
  # shellcheck disable=SC1091
  source "$state/env"
fi

# The baseline, with this tree's fault harness and fault tests copied in (they use only what the baseline has too).
git worktree add --detach "$before" "$baseline" >/dev/null 2>&1
for f in LifecycleFaultTests.cs DatabaseFaultTests.cs Support/FaultProxy.cs Support/StepFaults.cs Support/LifecycleInvariant.cs \
         Support/LifecycleFigures.cs Support/ApiFactory.cs Support/TestClientAddress.cs; do
  cp "tests/WebApi.FunctionalTests/$f" "$before/tests/WebApi.FunctionalTests/$f"
done

cases='FullyQualifiedName~LifecycleFaultTests&Name!~WhenAnyStepFails&Name!~Crash_During&Name!~Attach_WhenTheStoreIsRefused|FullyQualifiedName~DatabaseFaultTests&Name!~Upload_WhenTheDatabaseHangs'
for tree in before after; do
  dir=$here; [ "$tree" = before ] && dir=$before
  (cd "$dir" && dotnet build tests/WebApi.FunctionalTests -v q -nologo >/dev/null)
  # The baseline fails these tests (that is the point): only the recorded figures matter here.
  (cd "$dir" && CLEANPROFILES_LIFECYCLE_FIGURES="$work/$tree.tsv" \
    dotnet test tests/WebApi.FunctionalTests --no-build --filter "$cases" >"$work/$tree.log" 2>&1) || true
  touch "$work/$tree.tsv"
done

echo "## The lifecycle under faults: $baseline (before) and this tree (after)"
echo
echo "Request deadline in the tests: 2 s (production default 10 s); a crawling store answers 10 s late; the client waits at most 75 s."
echo
echo "| case | stack | before: status, time | after: status, time | before: invariant as left / after a sweep | after: invariant as left / after a sweep |"
echo "|---|---|---|---|---|---|"
cut -f1,2 "$work/after.tsv" "$work/before.tsv" | sort -u | while IFS=$'\t' read -r case stack; do
  b=$(awk -F'\t' -v c="$case" -v s="$stack" '$1==c && $2==s' "$work/before.tsv" | head -1)
  a=$(awk -F'\t' -v c="$case" -v s="$stack" '$1==c && $2==s' "$work/after.tsv" | head -1)
  fmt() { if [ -z "$1" ]; then echo "—"; else echo "$1" | awk -F'\t' '{ s = ($3 == 0 ? "no answer" : $3); t = ($4 == "0.00" ? "" : ", " $4 " s"); print s t }'; fi; }
  inv() { if [ -z "$1" ]; then echo "—"; else echo "$1" | awk -F'\t' '{ print $5 " / " $6 }'; fi; }
  echo "| $case | $stack | $(fmt "$b") | $(fmt "$a") | $(inv "$b") | $(inv "$a") |"
done
echo

# Upload latency: both builds in Release on Kestrel, the same database engine, uploads alternating A B A B.
(cd "$before" && dotnet build -c Release src/WebApi -v q -nologo >/dev/null)
dotnet build -c Release src/WebApi -v q -nologo >/dev/null
png=$(mktemp --suffix=.png -p "$work")
python3 - "$png" <<'PY'
import struct, sys, zlib
w, h = 64, 48
raw = b"".join(b"\x00" + bytes((200, 40 + x % 50, 40)) * 1 + bytes((200, 40, 40)) * (w - 1) for x in range(h))
chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pg_url() { # CONNECTION_STRING DATABASE -> the same with another database
  echo "$1" | sed -E "s/Database=[^;]*/Database=$2/I"
}
psql_run() { # SQL against the admin database
  local cs=$CLEANPROFILES_TEST_POSTGRES h p u w
  h=$(echo "$cs" | sed -nE 's/.*Host=([^;]*).*/\1/Ip'); p=$(echo "$cs" | sed -nE 's/.*Port=([^;]*).*/\1/Ip')
  u=$(echo "$cs" | sed -nE 's/.*Username=([^;]*).*/\1/Ip'); w=$(echo "$cs" | sed -nE 's/.*Password=([^;]*).*/\1/Ip')
  PGPASSWORD=$w psql -h "$h" -p "${p:-5432}" -U "$u" -d postgres -qAtc "$1" >/dev/null
}
start_api() { # DLL PORT DATA_DIR ENGINE -> pid
  local engine=$4 db
  if [ "$engine" = Postgres ]; then
    db="bench_$(basename "$3" | tr -c 'a-z0-9\n' '_')"
    psql_run "CREATE DATABASE $db"
    set -- "$1" "$2" "$3" "$engine" "$(pg_url "$CLEANPROFILES_TEST_POSTGRES" "$db")"
  else
    set -- "$1" "$2" "$3" "$engine" "Data Source=$3/profiles.db"
  fi
  ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    Jwt__SigningKey=benchmark-jwt-signing-key-0123456789abcdef \
    Storage__LocalDisk__SigningKey=benchmark-media-signing-key-0123456789abcdef \
    Storage__LocalDisk__RootPath="$3/media" Database__Provider="$4" Database__MigrateOnStartup=true \
    ConnectionStrings__Profiles="$5" RateLimits__UploadsPerMinute=100000 Pictures__OrphanSweepInterval=00:00:00 \
    dotnet "$1" --urls "http://127.0.0.1:$2" >"$3.log" 2>&1 &
  echo $!
}
token_for() { # PORT
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$1/health/live" >/dev/null && break; sleep 0.2; done
  curl -fs -H 'Content-Type: application/json' \
    -d "{\"email\":\"bench-$1@example.com\",\"password\":\"benchmark password\",\"name\":\"Bench\"}" \
    "http://127.0.0.1:$1/api/auth/register" | sed -E 's/.*"access_token":"([^"]*)".*/\1/'
}
upload_ms() { # PORT TOKEN
  curl -fs -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $2" -F "file=@$png;type=image/png" \
    "http://127.0.0.1:$1/api/profile/upload-picture" | awk '{ printf "%.2f\n", $1 * 1000 }'
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
p90() { sort -n | awk '{ a[NR] = $1 } END { i = int(NR * 0.9 + 0.5); if (i < 1) i = 1; print a[i] }'; }

echo "## Upload latency: the intent record's cost ($uploads sequential uploads of a 64x48 PNG per build, alternating, Release, Kestrel, local-disk store)"
echo
echo "| database | before median | after median | after / before | before p90 | after p90 |"
echo "|---|---|---|---|---|---|"
for engine in Sqlite Postgres; do
  pa=$(free_port); pb=$(free_port)
  mkdir -p "$work/$engine-a" "$work/$engine-b"
  ida=$(start_api "$here/src/WebApi/bin/Release/net10.0/CleanProfiles.WebApi.dll" "$pa" "$work/$engine-a" "$engine"); pids+=("$ida")
  idb=$(start_api "$before/src/WebApi/bin/Release/net10.0/CleanProfiles.WebApi.dll" "$pb" "$work/$engine-b" "$engine"); pids+=("$idb")
  ta=$(token_for "$pa"); tb=$(token_for "$pb")
  for _ in 1 2 3 4 5; do upload_ms "$pa" "$ta" >/dev/null; upload_ms "$pb" "$tb" >/dev/null; done # warm-up
  : > "$work/a.ms"; : > "$work/b.ms"
  for _ in $(seq "$uploads"); do upload_ms "$pa" "$ta" >> "$work/a.ms"; upload_ms "$pb" "$tb" >> "$work/b.ms"; done
  kill "$ida" "$idb"; wait "$ida" "$idb" 2>/dev/null || true
  ma=$(median < "$work/a.ms"); mb=$(median < "$work/b.ms")
  echo "| $engine | $mb ms | $ma ms | $(awk -v a="$ma" -v b="$mb" 'BEGIN { printf "%.2f", a / b }') | $(p90 < "$work/b.ms") ms | $(p90 < "$work/a.ms") ms |"
done
