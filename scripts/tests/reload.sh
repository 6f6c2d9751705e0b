#!/usr/bin/env bash
# SIGHUP under load: five reloads during a wrk run through nginx give 0 errors and no restart; the settings
# in MLP_ENV_FILE take effect live (slow-request threshold on /status, log level in the log).
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
export MLP_RUN_DIR=$RUN_DIR/reload
export MLP_HTTP_PORT=$((${MLP_HTTP_PORT:-18080} + 2))
RUN_DIR=$MLP_RUN_DIR
rm -rf "$RUN_DIR" && mkdir -p "$RUN_DIR"
export MLP_ENV_FILE=$RUN_DIR/mlp.env
printf 'MLP_LOG_LEVEL=info\nMLP_SLOW_REQUEST_MS=1000\n' >"$MLP_ENV_FILE"
trap 'bash "$ROOT_DIR/scripts/nginx.sh" stop >/dev/null 2>&1 || true; bash "$ROOT_DIR/scripts/app.sh" stop >/dev/null 2>&1 || true' EXIT
bash "$ROOT_DIR/scripts/app.sh" start 2>/dev/null
bash "$ROOT_DIR/scripts/nginx.sh" start 2>/dev/null
BASE="http://127.0.0.1:$MLP_HTTP_PORT"
wait_http "$BASE/healthz" 20 || die "stack did not come up"
PID=$(cat "$RUN_DIR/mlp.pid")
status_field() { curl -fsS "$BASE/status" | python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
[ "$(status_field slow_request_threshold_ms)" = 1000 ] || die "threshold not read from MLP_ENV_FILE at start"

wrk -t2 -c50 -d12s "$BASE/healthz" >"$RUN_DIR/wrk.txt" &
WRK=$!
sleep 1
# A reload also loads the models beside the running ones (about a second in a debug build); wait for each
# to complete before the next signal, since signals sent while one is pending merge into one.
wait_reloads() {
    local i
    for ((i = 0; i < 100; i++)); do [ "$(status_field reloads)" -ge "$1" ] && return 0; sleep 0.1; done
    die "reload $1 did not complete in 10 s"
}
n=0
for ms in 900 800 700 600 250; do
    printf 'MLP_LOG_LEVEL=info\nMLP_SLOW_REQUEST_MS=%s\n' "$ms" >"$MLP_ENV_FILE"
    bash "$ROOT_DIR/scripts/app.sh" reload 2>/dev/null
    n=$((n + 1))
    wait_reloads $n
done
wait "$WRK" || die "wrk failed"
cat "$RUN_DIR/wrk.txt" | grep -E "requests in|Requests/sec|Non-2xx|Socket errors" || true
requests=$(awk '/requests in/ {print $1}' "$RUN_DIR/wrk.txt")
[ "${requests:-0}" -gt 1000 ] || die "too few requests answered across the reloads: $requests"
! grep -q "Non-2xx" "$RUN_DIR/wrk.txt" || die "non-2xx answers across the reloads"
! grep -q "Socket errors" "$RUN_DIR/wrk.txt" || die "socket errors across the reloads"
[ "$(cat "$RUN_DIR/mlp.pid")" = "$PID" ] && kill -0 "$PID" || die "the app process changed or died"
[ "$(status_field reloads)" = 5 ] || die "status does not count 5 reloads"
[ "$(status_field slow_request_threshold_ms)" = 250 ] || die "the new slow-request threshold did not take effect"
[ "$(grep -c 'settings reloaded' "$RUN_DIR/mlp.log")" = 5 ] || die "the log does not show 5 settings reloads"
# The models were loaded again (start + 5 reloads) and /api/v1/models still answers.
[ "$(grep -c '] models: ' "$RUN_DIR/mlp.log")" -ge 6 ] || die "the models were not reloaded"
curl -fsS "$BASE/api/v1/models" | grep -q '"efficientnet-lite0"' || die "no model listed after the reloads"

# Log level: after a reload to warning, requests no longer write info access lines.
printf 'MLP_LOG_LEVEL=warning\nMLP_SLOW_REQUEST_MS=250\n' >"$MLP_ENV_FILE"
bash "$ROOT_DIR/scripts/app.sh" reload 2>/dev/null
wait_reloads 6
before=$(grep -c 'GET /healthz 200' "$RUN_DIR/mlp.log")
for _ in 1 2 3; do curl -fsS -o /dev/null "$BASE/healthz"; done
after=$(grep -c 'GET /healthz 200' "$RUN_DIR/mlp.log")
[ "$before" = "$after" ] || die "info lines still written after switching to warning ($before -> $after)"
# A broken file is refused and the running settings stay.
printf 'MLP_SLOW_REQUEST_MS=soon\n' >"$MLP_ENV_FILE"
bash "$ROOT_DIR/scripts/app.sh" reload 2>/dev/null
wait_reloads 7
grep -q 'reload: settings failed' "$RUN_DIR/mlp.log" || die "a bad MLP_ENV_FILE was not reported"
[ "$(status_field slow_request_threshold_ms)" = 250 ] || die "a bad MLP_ENV_FILE changed the threshold"
say "5 reloads under load: $requests requests, 0 errors; threshold and log level changed live"
