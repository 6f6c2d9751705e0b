#!/usr/bin/env bash
# HTTP benchmark: wrk through nginx against mlp-server's /healthz and, in the same run and behind the same
# nginx configuration, a C libfcgi hello responder with the same thread count. Prints both and the ratio.
# Settings: BENCH_SECONDS (10), BENCH_CONNECTIONS (64), MLP_WORKERS (16).
set -euo pipefail
. "$(dirname "$0")/../scripts/lib.sh"
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
WORKERS=${MLP_WORKERS:-16}
BENCH_DIR=$RUN_DIR/bench
mkdir -p "$BENCH_DIR"

bash "$ROOT_DIR/scripts/setup.sh"
(cd "$ROOT_DIR" && swift build -c release --product mlp-server 2>&1 | tail -1)
gcc -O2 -o "$BENCH_DIR/fcgi-hello" "$ROOT_DIR/bench/fcgi-hello.c" -lfcgi -lpthread

cleanup() {
    MLP_RUN_DIR=$BENCH_DIR/mlp bash "$ROOT_DIR/scripts/nginx.sh" stop >/dev/null 2>&1 || true
    MLP_RUN_DIR=$BENCH_DIR/hello bash "$ROOT_DIR/scripts/nginx.sh" stop >/dev/null 2>&1 || true
    MLP_RUN_DIR=$BENCH_DIR/mlp bash "$ROOT_DIR/scripts/app.sh" stop >/dev/null 2>&1 || true
    [ -n "${HELLO_PID:-}" ] && kill "$HELLO_PID" 2>/dev/null || true
}
trap cleanup EXIT

mkdir -p "$BENCH_DIR/mlp" "$BENCH_DIR/hello"
MLP_RUN_DIR=$BENCH_DIR/mlp MLP_WORKERS=$WORKERS MLP_LOG_LEVEL=${MLP_LOG_LEVEL:-info} \
    MLP_BUILD_DIR=$ROOT_DIR/.build/release bash "$ROOT_DIR/scripts/app.sh" start
"$BENCH_DIR/fcgi-hello" "$BENCH_DIR/hello/hello.sock" "$WORKERS" &
HELLO_PID=$!
MLP_RUN_DIR=$BENCH_DIR/mlp MLP_HTTP_PORT=18090 bash "$ROOT_DIR/scripts/nginx.sh" start
MLP_RUN_DIR=$BENCH_DIR/hello MLP_HTTP_PORT=18091 MLP_UPSTREAM="unix:$BENCH_DIR/hello/hello.sock" \
    bash "$ROOT_DIR/scripts/nginx.sh" start
wait_http http://127.0.0.1:18090/healthz 20 && wait_http http://127.0.0.1:18091/healthz 20 || die "bench stack down"

run() { # URL → req/s
    wrk -t2 -c"$CONNECTIONS" -d2s "$1" >/dev/null
    local out; out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$1")
    echo "$out" >"$BENCH_DIR/$(echo "$1" | tr -c 'a-z0-9' _).txt"
    if echo "$out" | grep -qE "Non-2xx|Socket errors"; then say "errors during run against $1:"; echo "$out" | grep -E "Non-2xx|Socket errors" >&2; fi
    echo "$out" | awk '/Requests\/sec/ {print $2}'
}
p99() { awk '/ 99%/ {print $2}' "$BENCH_DIR/$(echo "$1" | tr -c 'a-z0-9' _).txt"; }

# Alternate the two, twice, to spread the machine's noise over both.
m1=$(run http://127.0.0.1:18090/healthz); h1=$(run http://127.0.0.1:18091/healthz)
h2=$(run http://127.0.0.1:18091/healthz); m2=$(run http://127.0.0.1:18090/healthz)
mlp=$(echo "$m1 $m2" | awk '{printf "%.0f", ($1 + $2) / 2}')
hello=$(echo "$h1 $h2" | awk '{printf "%.0f", ($1 + $2) / 2}')
ratio=$(echo "$mlp $hello" | awk '{printf "%.2f", $1 / $2}')
printf '\nHTTP /healthz through nginx, %s connections, %s s x 2 each, %s workers\n' "$CONNECTIONS" "$SECONDS_PER_RUN" "$WORKERS"
printf '  mlp-server      %8s req/s  (p99 %s)\n' "$mlp" "$(p99 http://127.0.0.1:18090/healthz)"
printf '  C libfcgi hello %8s req/s  (p99 %s)\n' "$hello" "$(p99 http://127.0.0.1:18091/healthz)"
printf '  ratio mlp / C   %8s\n' "$ratio"
