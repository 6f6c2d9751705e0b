#!/usr/bin/env bash
# HTTP benchmark: wrk through nginx against mlp-server's /healthz and, in the same run and behind the same
# nginx configuration, a C libfcgi hello responder with the same thread count. Prints both and the ratio.
# Settings: BENCH_SECONDS (10), BENCH_CONNECTIONS (64), MLP_WORKERS (16).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

bench_build mlp-server
trap bench_stop EXIT
bench_start_mlp mlp 18090
bench_start_hello hello 18091

# Alternate the two, twice, to spread the machine's noise over both.
m1=$(bench_wrk mlp-healthz-1 http://127.0.0.1:18090/healthz); h1=$(bench_wrk hello-1 http://127.0.0.1:18091/healthz)
h2=$(bench_wrk hello-2 http://127.0.0.1:18091/healthz); m2=$(bench_wrk mlp-healthz-2 http://127.0.0.1:18090/healthz)
mlp=$(bench_mean "$m1" "$m2")
hello=$(bench_mean "$h1" "$h2")
printf '\nHTTP /healthz through nginx, %s connections, %s s x 2 each, %s workers\n' "$CONNECTIONS" "$SECONDS_PER_RUN" "$WORKERS"
printf '  mlp-server      %8s req/s  (p99 %s)\n' "$mlp" "$(bench_p99 mlp-healthz-2)"
printf '  C libfcgi hello %8s req/s  (p99 %s)\n' "$hello" "$(bench_p99 hello-2)"
printf '  ratio mlp / C   %8s\n' "$(bench_ratio "$mlp" "$hello")"
