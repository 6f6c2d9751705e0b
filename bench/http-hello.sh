#!/usr/bin/env bash
# HTTP benchmark: wrk through nginx against mlp-server's /healthz and, in the same run and behind the same
# nginx configuration, a C libfcgi hello responder with the same thread count, and nginx serving a small
# static file (public/favicon.svg under /assets/) from the mlp stack. Prints all three and the ratios.
# Settings: BENCH_SECONDS (10), BENCH_CONNECTIONS (64), MLP_WORKERS (16), BENCH_PORT (18090; uses 2 ports).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

bench_build mlp-server
trap bench_stop EXIT
MLP_PORT=$BENCH_PORT
HELLO_PORT=$((BENCH_PORT + 1))
bench_start_mlp mlp "$MLP_PORT"
bench_start_hello hello "$HELLO_PORT"
STATIC=http://127.0.0.1:$MLP_PORT/assets/favicon.svg
curl -fsS -o /dev/null "$STATIC" || die "nginx does not serve $STATIC"

# Alternate the three, twice, to spread the machine's noise over all.
m1=$(bench_wrk mlp-healthz-1 "http://127.0.0.1:$MLP_PORT/healthz"); h1=$(bench_wrk hello-1 "http://127.0.0.1:$HELLO_PORT/healthz")
s1=$(bench_wrk static-1 "$STATIC")
s2=$(bench_wrk static-2 "$STATIC")
h2=$(bench_wrk hello-2 "http://127.0.0.1:$HELLO_PORT/healthz"); m2=$(bench_wrk mlp-healthz-2 "http://127.0.0.1:$MLP_PORT/healthz")
mlp=$(bench_mean "$m1" "$m2")
hello=$(bench_mean "$h1" "$h2")
static=$(bench_mean "$s1" "$s2")
printf '\nHTTP through nginx, %s connections, %s s x 2 each, %s workers\n' "$CONNECTIONS" "$SECONDS_PER_RUN" "$WORKERS"
printf '  nginx static file   %8s req/s  (p99 %s, %s bytes)\n' "$static" "$(bench_p99 static-2)" "$(wc -c <"$ROOT_DIR/public/favicon.svg")"
printf '  C libfcgi hello     %8s req/s  (p99 %s)\n' "$hello" "$(bench_p99 hello-2)"
printf '  mlp-server /healthz %8s req/s  (p99 %s)\n' "$mlp" "$(bench_p99 mlp-healthz-2)"
printf '  ratio C hello / static %8s\n' "$(bench_ratio "$hello" "$static")"
printf '  ratio mlp / C hello    %8s\n' "$(bench_ratio "$mlp" "$hello")"
bench_record static_rps "$static"
bench_record static_p50 "$(bench_ms "$(bench_percentile static-2 50)")"
bench_record static_p99 "$(bench_ms "$(bench_p99 static-2)")"
bench_record hello_rps "$hello"
bench_record hello_p50 "$(bench_ms "$(bench_percentile hello-2 50)")"
bench_record hello_p99 "$(bench_ms "$(bench_p99 hello-2)")"
bench_record healthz_rps "$mlp"
bench_record healthz_p50 "$(bench_ms "$(bench_percentile mlp-healthz-2 50)")"
bench_record healthz_p99 "$(bench_ms "$(bench_p99 mlp-healthz-2)")"
bench_record healthz_non2xx "$(( $(bench_non2xx mlp-healthz-1) + $(bench_non2xx mlp-healthz-2) ))"
