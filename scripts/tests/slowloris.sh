#!/usr/bin/env bash
# Slow clients (slowloris): 4 x MLP_WORKERS connections that trickle or stall their headers or bodies, in
# front of the test app through an nginx of their own with short client timeouts (4 s). While they hang,
# ordinary requests get fast answers (nginx reads headers and buffers bodies before it involves the app, so
# no app worker is taken); nginx closes stalled headers and bodies and trickling headers after its timeouts;
# none of them reaches the app.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib/faults.sh"
S=$RUN_DIR/slowloris
rm -rf "$S" && mkdir -p "$S"
PORT=$((${MLP_HTTP_PORT:-18080} + 7))
URL="http://127.0.0.1:$PORT"
WORKERS=${MLP_WORKERS:-16}
TIMEOUT=4
HOLD=14          # how long the trickling clients keep going
FAST_BOUND=2.0   # seconds an ordinary request may take while the slow clients hang
APP_LOG=$RUN_DIR/mlp.log
cleanup() { MLP_RUN_DIR=$S bash "$ROOT_DIR/scripts/nginx.sh" stop >/dev/null 2>&1 || true; }
trap cleanup EXIT
MLP_RUN_DIR=$S MLP_HTTP_PORT=$PORT MLP_UPSTREAM="unix:$RUN_DIR/mlp.sock" MLP_NGINX_CLIENT_HEADER_TIMEOUT=${TIMEOUT}s \
    MLP_NGINX_CLIENT_BODY_TIMEOUT=${TIMEOUT}s bash "$ROOT_DIR/scripts/nginx.sh" start 2>/dev/null
wait_http "$URL/healthz" 20 || die "no answer from the slowloris nginx"
token=$(new_user slowloris)
log_mark=$(wc -l <"$APP_LOG")

python3 "$ROOT_DIR/scripts/tests/lib/slow_clients.py" "$PORT" "$WORKERS" "$HOLD" >"$S/slow.json" &
SLOW=$!
sleep 2
open_now=$(ss -Htn state established "( sport = :$PORT )" | wc -l)
# Ordinary requests while 4 x $WORKERS slow connections hang.
slowest=0
for ((i = 0; i < 10; i++)); do
    for path in /healthz /api/v1/version /api/v1/users/me; do
        out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 10 -H "Authorization: Bearer $token" "$URL$path") \
            || die "GET $path failed while slow clients hang"
        [ "${out% *}" = 200 ] || die "GET $path answered ${out% *} while slow clients hang"
        slowest=$(awk -v a="$slowest" -v b="${out#* }" 'BEGIN {print (b > a) ? b : a}')
    done
    sleep 0.3
done
awk -v a="$slowest" -v b="$FAST_BOUND" 'BEGIN {exit !(a <= b)}' || die "an ordinary request took ${slowest}s (bound ${FAST_BOUND}s)"
wait "$SLOW" || die "the slow clients failed"
cat "$S/slow.json" >&2

# check KIND FIELD: a value from the summary.
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]][sys.argv[3]])' "$S/slow.json" "$1" "$2"; }
for kind in header-trickle header-stall body-trickle body-stall; do
    [ "$(field "$kind" connected)" = "$WORKERS" ] || die "$kind: only $(field "$kind" connected) of $WORKERS connected"
done
# nginx's header timeout covers the whole header, so trickling headers are cut off too; its body timeout runs
# between two reads, so a body trickling a byte a second stays open (held by nginx, never by an app worker).
for kind in header-trickle header-stall body-stall; do
    [ "$(field "$kind" closed)" = "$WORKERS" ] || die "$kind: nginx closed only $(field "$kind" closed) of $WORKERS"
    longest=$(field "$kind" longest)
    awk -v a="$longest" -v t="$TIMEOUT" 'BEGIN {exit !(a <= t + 3)}' || die "$kind: a connection lived ${longest}s (timeout ${TIMEOUT}s)"
done
# None of the slow requests reached the app (the app logs every request it serves).
reached=$(tail -n +$((log_mark + 1)) "$APP_LOG" | grep -c 'POST /api/v1/auth/login\|X-Slow' || true)
[ "$reached" = 0 ] || die "$reached slow requests reached the app"
say "slowloris: $((4 * WORKERS)) slow connections ($WORKERS workers), $open_now open at the peak; 30 ordinary requests all 200, slowest ${slowest}s; closed by nginx after: trickling headers $(field header-trickle longest)s, stalled headers $(field header-stall longest)s, stalled bodies $(field body-stall longest)s; trickling bodies held by nginx for ${HOLD}s; 0 reached the app"
