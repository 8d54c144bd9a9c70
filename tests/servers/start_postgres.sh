#!/bin/bash
# Starts a hermetic PostgreSQL server (Debian's postgresql, version 15 or newer) for tests, in the
# scratch directory $1: initdb and pg_ctl run as an unprivileged user (the `postgres` account the
# package creates, when this runs as root; PostgreSQL refuses to run as root), the cluster listens
# on a free loopback port and on a Unix socket in $1, and role `crosswalk` (superuser) logs in
# over TCP with a password only (scram-sha-256; its password is in $1/password, mode 0600) and
# through the socket without one. fsync is off: these tests kill crosswalkd, never PostgreSQL.
# Prints, one per line: url= (postgresql://crosswalk@127.0.0.1:PORT/postgres), password_file=,
# socket_dir=, port=. stop_postgres.sh $1 stops it. Exit 3: PostgreSQL is not installed (tools/setup
# installs it).
set -euo pipefail
D=${1:?usage: start_postgres.sh SCRATCH_DIR}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ]; then
  echo "start_postgres.sh: PostgreSQL is not installed (package postgresql; run tools/setup)" >&2
  exit 3
fi
PORT=$("$here/free_port.sh")
mkdir -p "$D"
( umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$D/password" )
as_owner=()
if [ "$(id -u)" = 0 ]; then
  if ! id postgres > /dev/null 2>&1; then
    echo "start_postgres.sh: no unprivileged 'postgres' account to run the server as (package postgresql)" >&2
    exit 3
  fi
  chown postgres "$D" "$D/password"
  as_owner=(runuser -u postgres --)
fi
echo "$bin" > "$D/bin"
echo "$PORT" > "$D/port"
"${as_owner[@]}" "$bin/initdb" -D "$D/data" -U crosswalk --pwfile="$D/password" --auth-host=scram-sha-256 \
  --auth-local=trust -E UTF8 --locale=C.UTF-8 --no-sync > "$D/initdb.log" 2>&1 ||
  { echo "start_postgres.sh: initdb failed (see $D/initdb.log):" >&2; tail -5 "$D/initdb.log" >&2; exit 1; }
"${as_owner[@]}" "$bin/pg_ctl" -D "$D/data" -l "$D/server.log" -w -t 60 \
  -o "-p $PORT -k $D -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200" \
  start > "$D/pg_ctl.log" 2>&1 ||
  { echo "start_postgres.sh: the server did not start (see $D/server.log):" >&2; tail -5 "$D/server.log" >&2; exit 1; }
. "$here/announce_server.sh"
stop_when_owner_exits "$D" "$here/stop_postgres.sh"
echo "url=postgresql://crosswalk@127.0.0.1:$PORT/postgres"
echo "password_file=$D/password"
echo "socket_dir=$D"
echo "port=$PORT"
