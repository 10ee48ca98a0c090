#!/usr/bin/env bash
# Start throwaway test servers on free 127.0.0.1 ports, with all data, config and logs in STATE_DIR:
#   postgres  a fresh PostgreSQL cluster (password auth, scram, over TCP only)
#   s3        OpenStack Swift (proxy + account/container/object servers) behind its s3api middleware
#   redis     a redis-server without persistence (no RDB, no AOF) for the shared rate limits
#   chromium  no server: installs Debian's Chromium (/usr/bin/chromium) for the browser tests if it is missing
# Then write STATE_DIR/env ("export NAME=value" lines to source). Stop with: stop.sh STATE_DIR
#
# Usage: tests/servers/start.sh STATE_DIR [postgres] [s3] [redis] [chromium]      (postgres and s3 when none is named)
# Missing Debian packages are installed with apt-get when run as root.
set -euo pipefail

PY=/usr/bin/python3   # Debian's Python: python3-swift is installed for it, not for a pyenv python3
TIMEOUT=${CLEANPROFILES_TEST_SERVERS_TIMEOUT:-60}   # seconds each server may take to become ready
MARKER=.cleanprofiles-test-servers                  # stop.sh deletes only folders carrying it
SWIFT_PKGS=(swift swift-proxy swift-object swift-container swift-account python3-swift)
SWIFT_HINT="Swift comes from the Debian packages ${SWIFT_PKGS[*]} (start.sh installs them when run as root)."
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export PYTHONDONTWRITEBYTECODE=1   # the proxy imports swift_server.py: no __pycache__ in the repo

usage() { echo "usage: $0 STATE_DIR [postgres] [s3] [redis] [chromium]" >&2; exit 2; }
if [ $# -lt 1 ] || [ -z "$1" ]; then usage; fi
STATE=$1; shift
[ $# -gt 0 ] || set -- postgres s3
want_pg=0 want_s3=0 want_redis=0 want_chromium=0
for a in "$@"; do
  case $a in postgres) want_pg=1 ;; s3) want_s3=1 ;; redis) want_redis=1 ;; chromium) want_chromium=1 ;; *) usage ;; esac
done
CHROMIUM=${CLEANPROFILES_TEST_CHROMIUM_PATH:-/usr/bin/chromium}   # tests of this script may point it elsewhere
REDIS=/usr/bin/redis-server

# Never fill (and so let stop.sh delete) a folder that holds something else.
if [ -d "$STATE" ] && [ ! -e "$STATE/$MARKER" ] && [ -n "$(ls -A "$STATE")" ]; then
  echo "start.sh: $STATE is not empty and was not made by start.sh; give a new or empty folder, e.g. \$(mktemp -d)." >&2
  exit 2
fi
mkdir -p "$STATE"
STATE=$(cd "$STATE" && pwd)
cd "$STATE"   # a cwd that user postgres may enter (all paths below are absolute)
touch "$STATE/$MARKER" "$STATE/pids" "$STATE/env"

reported=
# fail WHAT [LOG] [HINT]: one clear paragraph on stderr, then the log's tail; exit non-zero.
fail() {
  reported=1
  {
    echo "start.sh: FAILED: $1 (Clean up with: $HERE/stop.sh $STATE)${3:+ $3}"
    if [ -n "${2:-}" ] && [ -s "$2" ]; then echo "--- last lines of $2:"; tail -n 25 "$2"; echo "---"; fi
  } >&2
  exit 1
}
blocker=   # set while our temporary /usr/sbin/policy-rc.d exists
on_exit() {
  local rc=$?
  if [ -n "$blocker" ]; then rm -f /usr/sbin/policy-rc.d; fi
  [ "$rc" -eq 0 ] || [ -n "$reported" ] \
    || echo "start.sh: FAILED unexpectedly (exit $rc); see the logs in $STATE. (Clean up with: $HERE/stop.sh $STATE)" >&2
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

is_root() { [ "$(id -u)" -eq 0 ]; }
# Is PID alive and one of ours? (a dead child stays a zombie with an empty cmdline until reaped)
ours() { local c; c=$(tr '\0' ' ' 2>/dev/null < "/proc/$1/cmdline") && [[ $c == *"$STATE/"* ]]; }
record_pid() { echo "$1 $2" >> "$STATE/pids"; }

# set_env NAME VALUE: add or replace one line of STATE_DIR/env (values never contain a quote).
set_env() {
  { grep -v "^export $1=" "$STATE/env" || true; printf "export %s='%s'\n" "$1" "$2"; } > "$STATE/env.tmp"
  mv "$STATE/env.tmp" "$STATE/env"
}

# free_ports N: N distinct free TCP ports on 127.0.0.1 (all held at once so they differ).
free_ports() {
  "$PY" -c 'import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))' "$1"
}

find_pgbin() {
  local b d
  if b=$(command -v initdb 2>/dev/null); then
    b=$(dirname "$(readlink -f "$b")")
    if [ -x "$b/pg_ctl" ] && [ -x "$b/postgres" ]; then echo "$b"; return 0; fi
  fi
  b=
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && b=$d; done   # glob sorts; last wins
  [ -n "$b" ] && echo "$b"
}

# ---------------------------------------------------------------- packages
install_pkgs() {
  local cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $*"
  is_root || fail "these Debian packages are missing: $*." "" "Install them as root with: $cmd"
  echo "start.sh: installing $* with apt-get (takes about a minute; log in $STATE/apt.log) ..." >&2
  # Keep postinst scripts from starting the packaged services on default ports (Debian's
  # policy-rc.d mechanism, honoured by invoke-rc.d and deb-systemd-invoke); removed below.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    blocker=1
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
  fi
  local rc=0
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"; } \
    > "$STATE/apt.log" 2>&1 || rc=$?
  if [ -n "$blocker" ]; then rm -f /usr/sbin/policy-rc.d; blocker=; fi
  [ "$rc" -eq 0 ] || fail "apt-get could not install $*." "$STATE/apt.log" "Try by hand: $cmd"
  # If a systemd host started the just-installed Swift services anyway, stop them: we never use them.
  if [[ " $* " == *" python3-swift "* ]] && [ -d /run/systemd/system ] && command -v systemctl > /dev/null; then
    local units
    units=$(systemctl list-units --plain --no-legend --state=active 'swift*' 2>/dev/null | awk '{print $1}')
    if [ -n "$units" ]; then
      echo "start.sh: stopping and disabling packaged Swift services: $(echo "$units" | tr '\n' ' ')" >&2
      # shellcheck disable=SC2086  # one unit name per word
      systemctl disable --now $units > /dev/null 2>&1 || true
    fi
  fi
}

need=()
[ -x "$PY" ] || need+=(python3)
if [ "$want_s3" = 1 ]; then
  if [ ! -x "$PY" ] || ! "$PY" -c 'import swift' 2> /dev/null; then need+=("${SWIFT_PKGS[@]}"); fi
  command -v curl > /dev/null || need+=(curl)
fi
pgbin=
if [ "$want_pg" = 1 ]; then pgbin=$(find_pgbin) || need+=(postgresql); fi
if [ "$want_chromium" = 1 ] && [ ! -x "$CHROMIUM" ]; then need+=(chromium); fi
if [ "$want_redis" = 1 ] && [ ! -x "$REDIS" ]; then need+=(redis-server); fi
if [ ${#need[@]} -gt 0 ]; then
  install_pkgs "${need[@]}"
  if [ "$want_s3" = 1 ] && ! "$PY" -c 'import swift' 2> /dev/null; then
    fail "'$PY -c \"import swift\"' still fails after installing." "$STATE/apt.log" "Install: ${SWIFT_PKGS[*]}"
  fi
  if [ "$want_chromium" = 1 ] && [ ! -x "$CHROMIUM" ]; then
    fail "$CHROMIUM is still missing after installing chromium." "$STATE/apt.log" "Install the Debian package chromium."
  fi
  if [ "$want_redis" = 1 ] && [ ! -x "$REDIS" ]; then
    fail "$REDIS is still missing after installing redis-server." "$STATE/apt.log" "Install the Debian package redis-server."
  fi
  if [ "$want_pg" = 1 ] && [ -z "$pgbin" ]; then
    pgbin=$(find_pgbin) || fail "no initdb/pg_ctl/postgres found after installing postgresql." "$STATE/apt.log" ""
  fi
fi

# ---------------------------------------------------------------- PostgreSQL
start_postgres() {
  local d=$STATE/pg port pw as=() deadline rc=0
  [ ! -e "$d" ] || fail "PostgreSQL was already started in $d." "" "Run stop.sh on it first."
  mkdir -p "$d"
  echo "$pgbin" > "$d/pgbin"   # for stop.sh
  pw=$("$PY" -c 'import secrets; print(secrets.token_hex(16))')
  (umask 077 && printf '%s' "$pw" > "$d/pw")
  if is_root; then
    as=(runuser -u postgres --)   # postgres refuses to run as root
    chown -R postgres: "$d"
    chmod go+x "$STATE"   # mktemp -d makes it 0700
    "${as[@]}" test -w "$d" || fail "user postgres cannot write to $d: a folder above it is closed to other users." "" \
      "Use a state folder under /tmp, e.g. \$(mktemp -d)."
  fi
  "${as[@]}" "$pgbin/initdb" -D "$d/data" -U postgres --pwfile="$d/pw" --auth-local=trust \
    --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 > "$d/initdb.log" 2>&1 \
    || fail "initdb of the test PostgreSQL cluster failed." "$d/initdb.log" "Needs the postgresql package (initdb on PATH or in /usr/lib/postgresql/*/bin)."
  rm -f "$d/pw"
  read -r port <<< "$(free_ports 1)"
  # TCP only (no Unix socket: nothing to clash with, no path-length limit); durability off for speed.
  "${as[@]}" "$pgbin/pg_ctl" -D "$d/data" -l "$d/postgres.log" -w -t "$TIMEOUT" start -o \
    "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    > "$d/pg_ctl.log" 2>&1 || rc=$?
  if [ -s "$d/data/postmaster.pid" ]; then record_pid "$(head -n 1 "$d/data/postmaster.pid")" postgres; fi
  [ "$rc" -eq 0 ] || fail "pg_ctl could not start PostgreSQL on 127.0.0.1:$port." "$d/postgres.log" "See also $d/pg_ctl.log."
  deadline=$((SECONDS + TIMEOUT))
  until PGPASSWORD=$pw PGCONNECT_TIMEOUT=2 "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres \
      -X -Atqc 'select 1' > /dev/null 2>> "$d/pg_ctl.log"; do
    [ "$SECONDS" -lt "$deadline" ] || fail "PostgreSQL did not accept a password login on 127.0.0.1:$port within ${TIMEOUT}s." \
      "$d/postgres.log" "See also $d/pg_ctl.log."
    sleep 0.2
  done
  set_env CLEANPROFILES_TEST_POSTGRES "Host=127.0.0.1;Port=$port;Username=postgres;Password=$pw;Database=postgres"
  echo "start.sh: PostgreSQL ready on 127.0.0.1:$port" >&2
}

# ---------------------------------------------------------------- Swift + s3api
storage_conf() { # TYPE PORT: an account/container/object server config
  cat << EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $2
bind_timeout = 5
workers = 0
user = $swift_user
swift_dir = $sd/etc
devices = $sd/node
mount_check = false
disable_fallocate = true
recon_cache_path = $sd/cache
log_name = $1-server
# Logs go to stderr (our log file); /dev/null is no socket, so none go to the host's /dev/log.
log_address = /dev/null

[pipeline:main]
pipeline = healthcheck $1-server

[app:$1-server]
use = egg:swift#$1

[filter:healthcheck]
use = egg:swift#healthcheck
EOF
}

proxy_conf() { # PORT
  cat << EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $1
# A taken port stays taken: fail in 5 s, not Swift's default 30.
bind_timeout = 5
workers = 0
user = $swift_user
swift_dir = $sd/etc
log_name = proxy-server
log_address = /dev/null

[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats deny_unsigned s3api tempauth copy slo dlo proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true

# Requests without S3 credentials get 403 AccessDenied as on AWS (stock Swift: 400/412).
[filter:deny_unsigned]
paste.filter_factory = swift_server:filter_factory

[filter:s3api]
use = egg:swift#s3api
location = us-east-1
# AWS allows 10000 parts per multipart upload (Swift's default 1000); slo must follow.
max_upload_part_num = 10000
# s3_acl stays off: one .admin user, so S3 ACLs would change nothing a test can see, and
# upstream still calls it experimental. Unsigned requests never reach s3api either way.

[filter:tempauth]
use = egg:swift#tempauth
user_test_tester = testing .admin

[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:proxy-logging]
use = egg:swift#proxy_logging
[filter:cache]
use = egg:swift#memcache
# tempauth needs this filter but no memcached runs: hide its connection errors in the log.
log_level = CRITICAL
[filter:listing_formats]
use = egg:swift#listing_formats
[filter:copy]
use = egg:swift#copy
[filter:slo]
use = egg:swift#slo
max_manifest_segments = 10000
[filter:dlo]
use = egg:swift#dlo
EOF
}

launch_swift() { # TYPE
  "$PY" "$HERE/swift_server.py" "$sd/etc" "$1" "$sd/etc/$1-server.conf" < /dev/null > "$sd/log/$1.log" 2>&1 &
  pids[$1]=$!
  record_pid "$!" "swift-$1"
}

start_swift() {
  local t p ok deadline code
  local -A port pids   # also seen by launch_swift (bash scoping is dynamic)
  sd=$STATE/swift
  [ ! -e "$sd" ] || fail "Swift was already started in $sd." "" "Run stop.sh on it first."
  mkdir -p "$sd/etc" "$sd/node/d1" "$sd/log" "$sd/cache"
  swift_user=$(id -un)   # Swift switches to this user (default "swift") after binding
  read -r 'port[proxy]' 'port[account]' 'port[container]' 'port[object]' <<< "$(free_ports 4)"

  cat > "$sd/etc/swift.conf" << EOF
[swift-hash]
swift_hash_path_prefix = cleanprofiles-test
swift_hash_path_suffix = cleanprofiles-test

[storage-policy:0]
name = Policy-0
default = yes

[swift-constraints]
# AWS allows 5 GiB in one PUT; so does Swift's default, spelled out here.
max_file_size = 5368709122
EOF
  for t in account container object; do storage_conf "$t" "${port[$t]}" > "$sd/etc/$t-server.conf"; done
  proxy_conf "${port[proxy]}" > "$sd/etc/proxy-server.conf"

  # Storage servers need no rings, so they boot while the rings are built; the proxy needs them.
  for t in account container object; do launch_swift "$t"; done
  "$PY" "$HERE/swift_server.py" "$sd/etc" rings "${port[account]}" "${port[container]}" "${port[object]}" \
    > "$sd/log/rings.log" 2>&1 || fail "building the Swift rings failed." "$sd/log/rings.log" \
    "$SWIFT_HINT"
  launch_swift proxy

  printf 'machine 127.0.0.1 login test:tester password testing\n' > "$sd/netrc"   # for curl --aws-sigv4
  deadline=$((SECONDS + TIMEOUT))
  while :; do
    ok=1
    for t in account container object proxy; do
      ours "${pids[$t]}" || fail "the Swift $t server exited during startup." "$sd/log/$t.log" \
        "Its config is $sd/etc/$t-server.conf. $SWIFT_HINT"
    done
    for t in account container object proxy; do
      [ "$(curl -s -m 2 "http://127.0.0.1:${port[$t]}/healthcheck" 2> /dev/null)" = OK ] || { ok=0; p=$t; break; }
    done
    if [ "$ok" = 1 ]; then
      # A signed S3 ListBuckets must pass through s3api, tempauth and the account server.
      code=$(curl -s -m 5 -o "$sd/log/s3-check.out" -w '%{http_code}' --netrc-file "$sd/netrc" \
        --aws-sigv4 aws:amz:us-east-1:s3 -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' \
        "http://127.0.0.1:${port[proxy]}/" 2> /dev/null) || true
      [ "$code" = 200 ] && break
      p=proxy
    fi
    [ "$SECONDS" -lt "$deadline" ] || fail "Swift ($p server) was not ready within ${TIMEOUT}s (healthcheck OK and a signed S3 ListBuckets answering 200; last S3 status: ${code:-none})." \
      "$sd/log/$p.log" "$SWIFT_HINT"
    sleep 0.2
  done
  set_env CLEANPROFILES_TEST_S3_SERVICE_URL "http://127.0.0.1:${port[proxy]}"
  set_env CLEANPROFILES_TEST_S3_ACCESS_KEY "test:tester"
  set_env CLEANPROFILES_TEST_S3_SECRET_KEY "testing"
  set_env CLEANPROFILES_TEST_S3_REGION "us-east-1"
  echo "start.sh: S3 (Swift s3api) ready on http://127.0.0.1:${port[proxy]}" >&2
}

# ---------------------------------------------------------------- Redis
redis_ping() { # PORT: prints Redis's answer to PING
  "$PY" -c 'import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2)
s.sendall(b"PING\r\n")
print(s.recv(16).decode().strip())' "$1" 2> /dev/null
}

start_redis() {
  local d=$STATE/redis port pid deadline
  [ ! -e "$d" ] || fail "Redis was already started in $d." "" "Run stop.sh on it first."
  mkdir -p "$d"
  read -r port <<< "$(free_ports 1)"
  # Loopback only, nothing persisted; the config's path names STATE_DIR, so stop.sh recognises the process.
  cat > "$d/redis.conf" << EOF
bind 127.0.0.1
port $port
protected-mode yes
# Keep the command line (it names STATE_DIR: stop.sh signals only processes whose command line does)
set-proc-title no
daemonize no
save ""
appendonly no
dir $d
logfile $d/redis.log
EOF
  "$REDIS" "$d/redis.conf" < /dev/null > /dev/null 2>&1 &
  pid=$!
  record_pid "$pid" redis
  deadline=$((SECONDS + TIMEOUT))
  until [ "$(redis_ping "$port")" = +PONG ]; do
    ours "$pid" || fail "redis-server exited during startup." "$d/redis.log" "Its config is $d/redis.conf."
    [ "$SECONDS" -lt "$deadline" ] || fail "Redis did not answer PING on 127.0.0.1:$port within ${TIMEOUT}s." "$d/redis.log" ""
    sleep 0.1
  done
  set_env CLEANPROFILES_TEST_REDIS "127.0.0.1:$port"
  echo "start.sh: Redis ready on 127.0.0.1:$port" >&2
}

[ "$want_pg" = 0 ] || start_postgres
[ "$want_s3" = 0 ] || start_swift
[ "$want_redis" = 0 ] || start_redis
