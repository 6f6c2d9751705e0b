#!/usr/bin/env bash
# SIGTERM during load: the app finishes in-flight requests and exits 0; no process is left behind. With the app
# gone, nginx answers 503 itself: problem+json with Retry-After, or a page for a browser (Accept: text/html).
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
export MLP_RUN_DIR=$RUN_DIR/sigterm
export MLP_HTTP_PORT=$((${MLP_HTTP_PORT:-18080} + 1))
RUN_DIR=$MLP_RUN_DIR
mkdir -p "$RUN_DIR"
trap 'bash "$ROOT_DIR/scripts/nginx.sh" stop >/dev/null 2>&1 || true; bash "$ROOT_DIR/scripts/app.sh" stop >/dev/null 2>&1 || true' EXIT
bash "$ROOT_DIR/scripts/app.sh" start 2>/dev/null
bash "$ROOT_DIR/scripts/nginx.sh" start 2>/dev/null
URL="http://127.0.0.1:$MLP_HTTP_PORT/healthz"
wait_http "$URL" 20 || die "stack did not come up"
PID=$(cat "$RUN_DIR/mlp.pid")

wrk -t2 -c50 -d4s "$URL" >"$RUN_DIR/wrk.txt" &
WRK=$!
sleep 1.5
kill -TERM "$PID"
code=0
for ((i = 0; i < 100; i++)); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
kill -0 "$PID" 2>/dev/null && die "app still running 10 s after SIGTERM"
wait "$WRK" || true
# The app was started by app.sh in a subshell, so read the exit status from its log.
grep -q "stopped after" "$RUN_DIR/mlp.log" || die "app did not log a clean stop"
served=$(sed -n 's/.*stopped after \([0-9]*\) requests.*/\1/p' "$RUN_DIR/mlp.log" | tail -1)
say "app stopped cleanly after $served requests under load"
[ "${served:-0}" -gt 100 ] || die "too few requests served before the stop: $served"
rm -f "$RUN_DIR/mlp.pid"
[ ! -S "$RUN_DIR/mlp.sock" ] || die "socket file left behind"

BASE="http://127.0.0.1:$MLP_HTTP_PORT"
api=$(curl -s -o "$RUN_DIR/503.json" -w '%{http_code} %{content_type}' -D "$RUN_DIR/503.h" "$BASE/api/v1/images")
[ "$api" = "503 application/problem+json" ] && grep -q '"/problems/unavailable"' "$RUN_DIR/503.json" \
    && grep -qi '^retry-after: 2' "$RUN_DIR/503.h" || die "without the app the API answered $api: $(head -c 200 "$RUN_DIR/503.json")"
page=$(curl -s -o "$RUN_DIR/503.html" -w '%{http_code} %{content_type}' -H 'Accept: text/html,application/xhtml+xml' "$BASE/images")
[ "$page" = "503 text/html; charset=utf-8" ] && grep -q "<h1>Not available right now</h1>" "$RUN_DIR/503.html" \
    || die "without the app a browser got $page: $(head -c 200 "$RUN_DIR/503.html")"
say "without the app: 503 problem+json for the API, a 503 page for a browser"
