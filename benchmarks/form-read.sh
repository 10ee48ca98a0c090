#!/usr/bin/env bash
# Form read, side by side: this API's upload action against the original design's `await request.formData()` (Node),
# each timing from the request to the file's bytes in hand, for the same 3.9 MB multipart body. Prints a Markdown
# report; docs/benchmarks.md holds the latest one.
# Usage: benchmarks/form-read.sh [--runs N]   (default 60 requests to each server)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=60
if [ "${1:-}" = "--runs" ]; then runs=$2; fi

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

dotnet build -c Release benchmarks/FormReadBenchmarks -v q -nologo >/dev/null
bin=benchmarks/FormReadBenchmarks/bin/Release/net10.0
api_port=$(free_port)
node_port=$(free_port)
work=$(mktemp -d)
api_pid=
node_pid=
cleanup() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null || true
  [ -n "$node_pid" ] && kill "$node_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The content root is the working directory: start where appsettings.json lies.
(cd "$bin" && exec dotnet CleanProfiles.FormReadBenchmarks.dll serve "$api_port") >"$work/api.log" 2>&1 &
api_pid=$!
node benchmarks/form-read/formdata-server.mjs "$node_port" >"$work/node.log" 2>&1 &
node_pid=$!

for _ in $(seq 1 120); do
  if grep -q "^listening" "$work/api.log" && grep -q "^listening" "$work/node.log"; then break; fi
  sleep 0.5
done
grep -q "^listening" "$work/api.log" || { echo "The API did not start:" >&2; cat "$work/api.log" >&2; exit 1; }
grep -q "^listening" "$work/node.log" || { echo "The Node server did not start:" >&2; cat "$work/node.log" >&2; exit 1; }

FORMREAD_TOKEN=$(sed -n 's/^TOKEN //p' "$work/api.log") FORMREAD_NODE_VERSION=$(node --version) \
  dotnet "$bin/CleanProfiles.FormReadBenchmarks.dll" measure "http://127.0.0.1:$api_port" "http://127.0.0.1:$node_port" "$runs"
