#!/usr/bin/env bash
# Stop what tests/servers/start.sh started in STATE_DIR, then delete STATE_DIR.
# Only PIDs recorded in STATE_DIR/pids whose command line still names STATE_DIR are signalled
# (a recycled PID is left alone). Idempotent: a missing STATE_DIR or dead servers are success.
#
# Usage: tests/servers/stop.sh STATE_DIR
set -euo pipefail

MARKER=.cleanprofiles-test-servers
if [ $# -ne 1 ] || [ -z "$1" ]; then echo "usage: $0 STATE_DIR" >&2; exit 2; fi
[ -d "$1" ] || exit 0
STATE=$(cd "$1" && pwd)
cd /   # a cwd that user postgres may enter
if [ ! -e "$STATE/$MARKER" ]; then
  echo "stop.sh: $STATE was not made by start.sh; leaving it alone." >&2
  exit 0
fi

ours() { local c; c=$(tr '\0' ' ' 2>/dev/null < "/proc/$1/cmdline") && [[ $c == *"$STATE/"* ]]; }

# PostgreSQL the clean way first: a fast shutdown ends client sessions at once.
pg=$STATE/pg
if [ -s "$pg/data/postmaster.pid" ] && [ -s "$pg/pgbin" ]; then
  as=()
  if [ "$(id -u)" -eq 0 ]; then as=(runuser -u postgres --); fi
  "${as[@]}" "$(cat "$pg/pgbin")/pg_ctl" -D "$pg/data" -m fast -w -t 10 stop > /dev/null 2>&1 || true
fi

# Everything else recorded (and postgres, if pg_ctl could not stop it): TERM, up to 10 s, KILL.
alive() {
  live=()
  local pid
  [ -s "$STATE/pids" ] || return 0
  while read -r pid _; do
    if [[ $pid =~ ^[0-9]+$ ]] && ours "$pid"; then live+=("$pid"); fi
  done < "$STATE/pids"
}
alive
if [ ${#live[@]} -gt 0 ]; then
  kill -TERM "${live[@]}" 2> /dev/null || true
  for _ in $(seq 50); do
    sleep 0.2
    alive
    [ ${#live[@]} -gt 0 ] || break
  done
  if [ ${#live[@]} -gt 0 ]; then
    echo "stop.sh: still running after 10 s, killing: ${live[*]}" >&2
    kill -KILL "${live[@]}" 2> /dev/null || true
  fi
fi

rm -rf "$STATE"
