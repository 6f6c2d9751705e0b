# Shared helpers for the project's scripts (sourced, not run).
ROOT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUN_DIR=${MLP_RUN_DIR:-$ROOT_DIR/run}
case "$RUN_DIR" in /*) ;; *) RUN_DIR=$ROOT_DIR/$RUN_DIR ;; esac

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# pid_alive FILE: the pid in FILE belongs to a running process.
pid_alive() {
    [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

# stop_pid FILE NAME [SECONDS]: SIGTERM the process in FILE, wait, then SIGKILL; remove FILE.
stop_pid() {
    local file=$1 name=$2 wait_s=${3:-20} pid i
    if ! pid_alive "$file"; then rm -f "$file"; return 0; fi
    pid=$(cat "$file")
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < wait_s * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$file"; say "stopped $name"; return 0; }
        sleep 0.1
    done
    say "$name did not stop in ${wait_s}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$file"
}

# wait_http URL SECONDS: wait until URL answers 200.
wait_http() {
    local url=$1 limit=${2:-30} i
    for ((i = 0; i < limit * 10; i++)); do
        if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    return 1
}

# nginx_test_site UPSTREAM_FILE: `nginx -t` of the production site (nginx/mlp.conf) with the given upstream
# file, inside a minimal main configuration in a temporary folder.
nginx_test_site() {
    local dir status=0
    dir=$(mktemp -d)
    cat >"$dir/nginx.conf" <<CONF
pid $dir/nginx.pid;
error_log $dir/error.log;
events {}
http {
    include /etc/nginx/mime.types;
    client_body_temp_path $dir; proxy_temp_path $dir; fastcgi_temp_path $dir; uwsgi_temp_path $dir; scgi_temp_path $dir;
    access_log off;
    include $1;
    include $ROOT_DIR/nginx/mlp.conf;
}
CONF
    nginx -e "$dir/error.log" -t -q -c "$dir/nginx.conf" -p "$dir" || status=1
    rm -rf "$dir"
    return $status
}

# build_with_tests: installs what is missing, prepares the model, builds the debug products and the tests from
# the project folder (errors, warnings and the result shown) and dies when the server was not built.
build_with_tests() {
    bash "$ROOT_DIR/scripts/setup.sh"
    bash "$ROOT_DIR/scripts/prepare-model.sh"
    cd "$ROOT_DIR"
    say "building (debug, with tests) ..."
    # A failed build stops here: tests run with --skip-build, and must never run an earlier build's binaries.
    local log status=0
    log=$(mktemp)
    swift build --build-tests >"$log" 2>&1 || status=$?
    grep -E "error|warning: |Build complete" "$log" || true
    rm -f "$log"
    [ "$status" -eq 0 ] && [ -x .build/debug/mlp-server ] || die "build failed"
}

# test_stack_env FOLDER DATABASE PORT: settings of a private stack on the debug build (files under run/FOLDER,
# database DATABASE, nginx on PORT), exported for the stack and for the tests that talk to it (MLP_TEST_BASE_URL ...).
test_stack_env() {
    export MLP_RUN_DIR=$ROOT_DIR/run/$1
    export MLP_HTTP_PORT=$3
    export MLP_BUILD_DIR=$ROOT_DIR/.build/debug
    export MLP_TEST_BASE_URL="http://127.0.0.1:$MLP_HTTP_PORT"
    export MLP_DB_SOCKET=$ROOT_DIR/run/mariadb/mariadb.sock
    export MLP_DB_NAME=$2
    export MLP_MODELS_DIR=$ROOT_DIR/models
    RUN_DIR=$MLP_RUN_DIR
}

# test_stack_start: MariaDB (when not running), a fresh database, migrations, the app and nginx, per
# test_stack_env; installs an EXIT trap that stops what it started and drops the database.
test_stack_start() {
    TEST_STACK_STARTED_DB=0
    bash "$ROOT_DIR/scripts/mariadb.sh" status >/dev/null 2>&1 || TEST_STACK_STARTED_DB=1
    trap test_stack_stop EXIT
    bash "$ROOT_DIR/scripts/nginx.sh" stop >/dev/null 2>&1 || true
    bash "$ROOT_DIR/scripts/app.sh" stop >/dev/null 2>&1 || true
    rm -rf "$RUN_DIR"
    bash "$ROOT_DIR/scripts/mariadb.sh" start
    bash "$ROOT_DIR/scripts/mariadb.sh" drop-db "$MLP_DB_NAME"
    bash "$ROOT_DIR/scripts/mariadb.sh" create-db "$MLP_DB_NAME"
    "$MLP_BUILD_DIR/mlp" migrate
    bash "$ROOT_DIR/scripts/app.sh" start
    bash "$ROOT_DIR/scripts/nginx.sh" start
    wait_http "$MLP_TEST_BASE_URL/healthz" 30 || die "test stack did not come up (see $RUN_DIR)"
}

# test_stack_stop: stops what test_stack_start started (the EXIT trap calls it).
test_stack_stop() {
    bash "$ROOT_DIR/scripts/nginx.sh" stop || true
    bash "$ROOT_DIR/scripts/app.sh" stop || true
    bash "$ROOT_DIR/scripts/mariadb.sh" drop-db "$MLP_DB_NAME" >/dev/null 2>&1 || true
    [ "${TEST_STACK_STARTED_DB:-0}" = 1 ] && bash "$ROOT_DIR/scripts/mariadb.sh" stop || true
}
