#!/bin/bash
# Stops a server start_postgres.sh started in the scratch directory $1 (fast shutdown: sessions
# are ended). Idempotent.
set -uo pipefail
D=${1:?usage: stop_postgres.sh SCRATCH_DIR}
[ -s "$D/bin" ] && [ -f "$D/data/postmaster.pid" ] || exit 0
bin=$(cat "$D/bin")
as_owner=()
[ "$(id -u)" = 0 ] && as_owner=(runuser -u postgres --)
"${as_owner[@]}" "$bin/pg_ctl" -D "$D/data" -m fast -w -t 30 stop > /dev/null 2>&1 ||
  "${as_owner[@]}" "$bin/pg_ctl" -D "$D/data" -m immediate -w stop > /dev/null 2>&1
exit 0
