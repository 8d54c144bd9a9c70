#!/bin/bash
# Stops a server start_rt.sh or start_redmine.sh started in the scratch directory $1: SIGTERM to
# its process group (RT's Starlet master and workers, Redmine's WEBrick), SIGKILL to what is left
# after 10 s, then removes a Redmine instance folder named in $1/instance. Idempotent.
set -uo pipefail
D=${1:?usage: stop_server.sh SCRATCH_DIR}
if [ -s "$D/server.pid" ]; then
  pid=$(cat "$D/server.pid")
  # start_*.sh ran the server under setsid: its process group id is its pid.
  kill -TERM -- "-$pid" 2>/dev/null
  for _ in $(seq 1 100); do
    kill -0 -- "-$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL -- "-$pid" 2>/dev/null
  rm -f "$D/server.pid"
fi
if [ -s "$D/instance" ]; then
  inst=$(cat "$D/instance")
  case "$inst" in
    crosswalk-test-*) rm -rf "/usr/share/redmine/instances/$inst" ;;
  esac
  rm -f "$D/instance"
fi
exit 0
