# A test that crashes runs no destructor: when CROSSWALK_SERVER_OWNER_PID (the test's pid) is
# gone, a watcher runs STOP_SCRIPT DIR (which stops the server and removes what it made).
# Usage: stop_when_owner_exits DIR STOP_SCRIPT
stop_when_owner_exits() {
  if [ -n "${CROSSWALK_SERVER_OWNER_PID:-}" ]; then
    setsid bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; exec "$2" "$3"' _ \
      "$CROSSWALK_SERVER_OWNER_PID" "$2" "$1" > /dev/null 2>&1 < /dev/null &
  fi
}

# Sourced by start_rt.sh and start_redmine.sh once the server process is started and its pid is
# in $D/server.pid: arranges its stop if the test dies, and prints what RealServer reads.
# Usage: announce_server DIR PORT TOKEN_FILE READY_PATH   (needs $here: this folder)
announce_server() {
  local dir=$1 port=$2 token_file=$3 ready_path=$4
  stop_when_owner_exits "$dir" "$here/stop_server.sh"
  echo "url=http://127.0.0.1:$port"
  echo "token_file=$token_file"
  echo "ready_path=$ready_path"
  echo "pid_file=$dir/server.pid"
}
