#!/usr/bin/env bash
# The MLP FastCGI app: scripts/app.sh start|stop|reload|status [INSTANCE]
# INSTANCE (a number) names a second, third ... instance: socket run/mlp-N.sock, log run/mlp-N.log.
# reload sends SIGHUP: the app re-reads MLP_ENV_FILE (log level, slow-request threshold) and its reload hooks.
# Settings: MLP_BUILD_DIR (.build/release), MLP_RUN_DIR (run); every other MLP_* variable reaches the app.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

INSTANCE=${2:-}
SUFFIX=${INSTANCE:+-$INSTANCE}
PID=$RUN_DIR/mlp$SUFFIX.pid
LOG=$RUN_DIR/mlp$SUFFIX.log
SOCKET=${MLP_SOCKET:-$RUN_DIR/mlp$SUFFIX.sock}
BUILD_DIR=${MLP_BUILD_DIR:-$ROOT_DIR/.build/release}
case "$BUILD_DIR" in /*) ;; *) BUILD_DIR=$ROOT_DIR/$BUILD_DIR ;; esac

case "${1:-}" in
start)
    mkdir -p "$RUN_DIR"
    [ -x "$BUILD_DIR/mlp-server" ] || die "$BUILD_DIR/mlp-server is missing; build first (make build)"
    if pid_alive "$PID"; then say "app$SUFFIX already running (pid $(cat "$PID"))"; exit 0; fi
    rm -f "$SOCKET"
    (cd "$ROOT_DIR" && MLP_SOCKET=$SOCKET exec "$BUILD_DIR/mlp-server" >>"$LOG" 2>&1) &
    echo $! >"$PID"
    for ((i = 0; i < 300; i++)); do
        [ -S "$SOCKET" ] && { say "app$SUFFIX listening on $SOCKET (log: $LOG)"; exit 0; }
        pid_alive "$PID" || { tail -20 "$LOG" >&2; die "app$SUFFIX exited during start"; }
        sleep 0.1
    done
    die "app$SUFFIX did not open $SOCKET in 30 s"
    ;;
stop) stop_pid "$PID" "app$SUFFIX" 30 ;;
reload)
    pid_alive "$PID" || die "app$SUFFIX is not running"
    kill -HUP "$(cat "$PID")"
    say "app$SUFFIX reloading (pid $(cat "$PID"))"
    ;;
status) pid_alive "$PID" && echo "app$SUFFIX running (pid $(cat "$PID"))" || echo "app$SUFFIX stopped" ;;
*) die "usage: $0 start|stop|reload|status [INSTANCE]" ;;
esac
