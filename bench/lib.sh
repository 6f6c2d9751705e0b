# Shared pieces of the HTTP benchmarks (sourced): release build, the C libfcgi hello reference, private
# app + nginx stacks under run/bench/<name>, and wrk runs. Settings: BENCH_SECONDS (10),
# BENCH_CONNECTIONS (64), MLP_WORKERS (16), BENCH_PORT (18090: each script uses a few ports from there),
# BENCH_RESULTS (a file that bench_record appends KEY=VALUE lines to; bench/run.sh reads it).
. "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
WORKERS=${MLP_WORKERS:-16}
BENCH_PORT=${BENCH_PORT:-18090}
BENCH_DIR=$RUN_DIR/bench
BENCH_STACKS=()
mkdir -p "$BENCH_DIR"

# bench_build PRODUCT...: setup, release build of the products, and the C hello responder. With
# BENCH_BUILT=1 (set by bench/run.sh after its own build) only the C responder is built.
bench_build() {
    local product
    if [ "${BENCH_BUILT:-}" != 1 ]; then
        bash "$ROOT_DIR/scripts/setup.sh"
        for product in "$@"; do (cd "$ROOT_DIR" && swift build -c release --product "$product" 2>&1 | tail -1); done
    fi
    gcc -O2 -o "$BENCH_DIR/fcgi-hello" "$ROOT_DIR/bench/fcgi-hello.c" -lfcgi -lpthread
}

# bench_start_mlp NAME PORT: mlp-server (release, MLP_WORKERS workers) behind its own nginx on PORT;
# other MLP_* variables of the caller reach the app.
bench_start_mlp() {
    mkdir -p "$BENCH_DIR/$1"
    MLP_RUN_DIR=$BENCH_DIR/$1 MLP_WORKERS=$WORKERS MLP_LOG_LEVEL=${MLP_LOG_LEVEL:-info} \
        MLP_BUILD_DIR=$ROOT_DIR/.build/release bash "$ROOT_DIR/scripts/app.sh" start
    MLP_RUN_DIR=$BENCH_DIR/$1 MLP_HTTP_PORT=$2 bash "$ROOT_DIR/scripts/nginx.sh" start
    BENCH_STACKS+=("$1")
    wait_http "http://127.0.0.1:$2/healthz" 60 || die "bench stack $1 is not answering"
}

# bench_start_hello NAME PORT [BODY_FILE]: the C libfcgi hello responder (MLP_WORKERS threads) behind the same
# nginx setup; with BODY_FILE it answers that file's bytes as its JSON body instead of the 15-byte hello.
bench_start_hello() {
    mkdir -p "$BENCH_DIR/$1"
    "$BENCH_DIR/fcgi-hello" "$BENCH_DIR/$1/hello.sock" "$WORKERS" ${3:+"$3"} &
    echo $! >"$BENCH_DIR/$1/hello.pid"
    MLP_RUN_DIR=$BENCH_DIR/$1 MLP_HTTP_PORT=$2 MLP_UPSTREAM="unix:$BENCH_DIR/$1/hello.sock" \
        bash "$ROOT_DIR/scripts/nginx.sh" start
    BENCH_STACKS+=("$1")
    wait_http "http://127.0.0.1:$2/healthz" 20 || die "bench stack $1 is not answering"
}

# bench_stop: stops every stack started above (run it from an EXIT trap).
bench_stop() {
    local name
    for name in "${BENCH_STACKS[@]}"; do
        MLP_RUN_DIR=$BENCH_DIR/$name bash "$ROOT_DIR/scripts/nginx.sh" stop >/dev/null 2>&1 || true
        MLP_RUN_DIR=$BENCH_DIR/$name bash "$ROOT_DIR/scripts/app.sh" stop >/dev/null 2>&1 || true
        stop_pid "$BENCH_DIR/$name/hello.pid" hello >/dev/null 2>&1 || true
    done
}

# bench_database NAME: MariaDB running (started if it was not), a fresh migrated database NAME for the stacks
# (MLP_DB_NAME, MLP_DB_SOCKET, MLP_MODELS_DIR exported), and an EXIT trap that stops the stacks, drops the
# database and stops MariaDB again if it was started here. Needs the release `mlp` (bench_build ... mlp).
bench_database() {
    export MLP_DB_SOCKET=${MLP_DB_SOCKET:-$ROOT_DIR/run/mariadb/mariadb.sock}
    export MLP_DB_NAME=$1
    export MLP_MODELS_DIR=${MLP_MODELS_DIR:-$ROOT_DIR/models}
    BENCH_STARTED_DB=0
    bash "$ROOT_DIR/scripts/mariadb.sh" status >/dev/null 2>&1 || BENCH_STARTED_DB=1
    trap bench_cleanup EXIT
    bash "$ROOT_DIR/scripts/mariadb.sh" start >/dev/null
    bash "$ROOT_DIR/scripts/mariadb.sh" drop-db "$MLP_DB_NAME" >/dev/null 2>&1 || true
    bash "$ROOT_DIR/scripts/mariadb.sh" create-db "$MLP_DB_NAME" >/dev/null
    (cd "$ROOT_DIR" && "$ROOT_DIR/.build/release/mlp" migrate >/dev/null)
}

# bench_cleanup: the EXIT trap of bench_database.
bench_cleanup() {
    bench_stop
    bash "$ROOT_DIR/scripts/mariadb.sh" drop-db "$MLP_DB_NAME" >/dev/null 2>&1 || true
    [ "${BENCH_STARTED_DB:-0}" = 1 ] && bash "$ROOT_DIR/scripts/mariadb.sh" stop >/dev/null 2>&1 || true
}

# bench_wrk NAME URL [wrk options...]: 2 s warm-up, then a measured run; prints req/s, keeps the output
# in run/bench/NAME.txt and reports non-2xx answers or socket errors on standard error.
bench_wrk() {
    local name=$1 url=$2; shift 2
    # The URL before the options: a script's own arguments follow `--` at the end.
    wrk -t2 -c"$CONNECTIONS" -d2s "$url" "$@" >/dev/null
    local out; out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$url" "$@")
    echo "$out" >"$BENCH_DIR/$name.txt"
    if echo "$out" | grep -qE "Non-2xx|Socket errors"; then
        say "errors during $name:"; echo "$out" | grep -E "Non-2xx|Socket errors" >&2
    fi
    echo "$out" | awk '/Requests\/sec/ {print $2}'
}

# bench_p99 NAME: the 99th percentile latency of the last bench_wrk run called NAME.
bench_p99() { awk '/ 99%/ {print $2}' "$BENCH_DIR/$1.txt"; }

# bench_mean A B: the mean of two numbers, rounded.
bench_mean() { echo "$1 $2" | awk '{printf "%.0f", ($1 + $2) / 2}'; }

# bench_token BASE USERNAME: signs USERNAME up on the stack at BASE (with the benches' password) and logs in;
# prints the bearer token.
bench_token() {
    local creds="{\"username\":\"$2\",\"password\":\"a fine passphrase\"}"
    curl -s -o /dev/null -H 'Content-Type: application/json' -d "$creds" "$1/api/v1/users"
    curl -s -H 'Content-Type: application/json' -d "$creds" "$1/api/v1/auth/login" | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}

# bench_median_ms COUNT HEADER URL: the median time of COUNT sequential GETs of URL with HEADER (such as
# "Authorization: Bearer …"), in ms; each must answer 200.
bench_median_ms() {
    local status_time
    for _ in $(seq "$1"); do
        status_time=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "$2" "$3")
        [ "${status_time%% *}" = 200 ] || die "$3 answered ${status_time%% *}"
        echo "${status_time#* }"
    done | sort -n | sed -n "$((($1 + 1) / 2))p" | awk '{printf "%.1f", $1 * 1000}'
}

# bench_ratio A B: A / B with two decimals.
bench_ratio() { echo "$1 $2" | awk '{printf "%.2f", $1 / $2}'; }

# bench_record KEY VALUE: appends KEY=VALUE to $BENCH_RESULTS when set (the figures bench/run.sh tabulates).
bench_record() { if [ -n "${BENCH_RESULTS:-}" ]; then printf '%s=%s\n' "$1" "$2" >>"$BENCH_RESULTS"; fi; }

# bench_percentile NAME P: a latency percentile (50, 75, 90, 99) of the last bench_wrk run called NAME.
bench_percentile() { awk -v p="$2%" '$1 == p {print $2}' "$BENCH_DIR/$1.txt"; }

# bench_ms DURATION: a wrk duration (850.00us, 1.23ms, 1.20s, 2.00m) in milliseconds with two decimals.
bench_ms() {
    echo "$1" | awk '{v = $1 + 0; u = $1; sub(/^[0-9.]+/, "", u)
        f = (u == "us") ? 0.001 : (u == "s") ? 1000 : (u == "m") ? 60000 : 1; printf "%.2f", v * f}'
}

# bench_non2xx NAME: non-2xx answers plus socket errors of the last bench_wrk run called NAME.
bench_non2xx() {
    awk '/Non-2xx/ {n += $NF} /Socket errors/ {for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) n += $i} END {print n + 0}' \
        "$BENCH_DIR/$1.txt"
}
