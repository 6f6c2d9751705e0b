#!/usr/bin/env bash
# nginx for development and tests: scripts/nginx.sh start|stop|status
# Settings: MLP_HTTP_PORT (8080), MLP_HTTP_HOST (127.0.0.1), MLP_UPSTREAM (unix:$RUN_DIR/mlp.sock,
# or a list separated by spaces for several app instances), MLP_RUN_DIR (run), MLP_NGINX_CLIENT_HEADER_TIMEOUT (15s)
# and MLP_NGINX_CLIENT_BODY_TIMEOUT (30s): how long a client may take to send its headers / between body reads.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

NGINX_DIR=$RUN_DIR/nginx
PORT=${MLP_HTTP_PORT:-8080}
HOST=${MLP_HTTP_HOST:-127.0.0.1}
UPSTREAM=${MLP_UPSTREAM:-unix:$RUN_DIR/mlp.sock}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

render() {
    mkdir -p "$NGINX_DIR"/tmp/{body,proxy,fastcgi,uwsgi,scgi}
    local user_line="" servers=""
    # A root master would hand workers to 'nobody', who may not reach the project folder.
    if [ "$(id -u)" = 0 ]; then user_line="user root;"; fi
    for s in $UPSTREAM; do servers="${servers}server $s max_fails=3 fail_timeout=5s;\n        "; done
    sed -e "s#@RUN_DIR@#$NGINX_DIR#g" -e "s#@ROOT_DIR@#$ROOT_DIR#g" -e "s#@LISTEN@#$HOST:$PORT#g" \
        -e "s#server @UPSTREAM@;#${servers}#" -e "s#@USER_LINE@#$user_line#" \
        "$ROOT_DIR/nginx/nginx.conf" > "$NGINX_DIR/nginx.conf"
    sed -e "s#@ROOT_DIR@#$ROOT_DIR#g" -e "s#@CLIENT_BODY_TIMEOUT@#${MLP_NGINX_CLIENT_BODY_TIMEOUT:-30s}#" \
        -e "s#@CLIENT_HEADER_TIMEOUT@#${MLP_NGINX_CLIENT_HEADER_TIMEOUT:-15s}#" \
        "$ROOT_DIR/nginx/mlp-locations.conf" > "$NGINX_DIR/mlp-locations.conf"
}

case "${1:-}" in
start)
    render
    "$NGINX" -e "$NGINX_DIR/error.log" -t -q -c "$NGINX_DIR/nginx.conf" -p "$NGINX_DIR" 2>"$NGINX_DIR/test.log" \
        || { cat "$NGINX_DIR/test.log" >&2; die "nginx configuration is invalid"; }
    if pid_alive "$NGINX_DIR/nginx.pid"; then
        "$NGINX" -e "$NGINX_DIR/error.log" -c "$NGINX_DIR/nginx.conf" -p "$NGINX_DIR" -s reload
        say "nginx reloaded on http://$HOST:$PORT"
    else
        "$NGINX" -e "$NGINX_DIR/error.log" -c "$NGINX_DIR/nginx.conf" -p "$NGINX_DIR" 2>>"$NGINX_DIR/error.log" \
            || { tail -5 "$NGINX_DIR/error.log" >&2; die "nginx did not start (is port $PORT free?)"; }
        say "nginx listening on http://$HOST:$PORT"
    fi
    ;;
stop) stop_pid "$NGINX_DIR/nginx.pid" nginx ;;
status) pid_alive "$NGINX_DIR/nginx.pid" && echo "nginx running (pid $(cat "$NGINX_DIR/nginx.pid"))" || echo "nginx stopped" ;;
*) die "usage: $0 start|stop|status" ;;
esac
