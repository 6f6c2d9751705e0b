#!/usr/bin/env bash
# /metrics and /status through nginx: traffic leaves non-zero counters that prometheus_client parses;
# /status answers JSON and text; nginx refuses both to a client address other than 127.0.0.1 and ::1.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
BASE=${MLP_TEST_BASE_URL:?}
VENV=$ROOT_DIR/.venv
OUT=$RUN_DIR/metrics
mkdir -p "$OUT"

if ! "$VENV/bin/python" -c 'import prometheus_client' 2>/dev/null; then
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$ROOT_DIR/tools/ops/requirements.txt" \
        || die "cannot install tools/ops/requirements.txt"
fi

for _ in $(seq 20); do curl -fsS -o /dev/null "$BASE/healthz"; done
[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/no-such-page")" = 404 ] || die "unknown path did not answer 404"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d '{"username":"nobody-'$$'@example.org","password":"not the password"}' "$BASE/api/v1/auth/login")
[ "$code" = 401 ] || die "failed login answered $code, expected 401"

# One stored upload: the upload counters must count it and its bytes.
creds='{"username":"metrics-'$$'@example.org","password":"a fine passphrase"}'
curl -fsS -o /dev/null -H 'Content-Type: application/json' -d "$creds" "$BASE/api/v1/users" || die "sign-up failed"
token=$(curl -fsS -H 'Content-Type: application/json' -d "$creds" "$BASE/api/v1/auth/login" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
picture=$ROOT_DIR/bench/fixtures/coffee-640x480.jpg
uploads_before=$(curl -fsS "$BASE/metrics" | awk '$1 == "mlp_uploads_total" {print $2}')
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" -F "file=@$picture" "$BASE/api/v1/images")
[ "$code" = 201 ] || die "upload answered $code, expected 201"
curl -fsS -D "$OUT/metrics.headers" -o "$OUT/metrics.txt" "$BASE/metrics" || die "/metrics did not answer 200 from 127.0.0.1"
grep -qi '^content-type: text/plain; version=0.0.4' "$OUT/metrics.headers" || die "/metrics content type is not Prometheus text"
curl -fsS -o "$OUT/status.json" "$BASE/status" || die "/status did not answer 200 from 127.0.0.1"
"$VENV/bin/python" "$ROOT_DIR/tools/ops/check_metrics.py" "$OUT/metrics.txt" "$OUT/status.json"
uploads_after=$(awk '$1 == "mlp_uploads_total" {print $2}' "$OUT/metrics.txt")
upload_bytes=$(awk '$1 == "mlp_upload_bytes_total" {print $2}' "$OUT/metrics.txt")
awk -v a="${uploads_before:-0}" -v b="$uploads_after" 'BEGIN {exit !(b == a + 1)}' \
    || die "mlp_uploads_total went from ${uploads_before:-0} to $uploads_after after one upload"
awk -v bytes="$upload_bytes" -v size="$(stat -c %s "$picture")" 'BEGIN {exit !(bytes >= size)}' \
    || die "mlp_upload_bytes_total is $upload_bytes, less than the $(stat -c %s "$picture") bytes just stored"
say "uploads counted: mlp_uploads_total ${uploads_before:-0} -> $uploads_after, mlp_upload_bytes_total $upload_bytes"

"$VENV/bin/python" - "$OUT/status.json" <<'PY' || die "/status JSON has the wrong shape"
import json, sys
status = json.load(open(sys.argv[1]))
want = {"version", "pid", "start_time", "uptime_seconds", "requests_served", "workers", "slow_request_threshold_ms",
        "slowest_recent_requests", "models", "reloads"}
assert set(status) == want, sorted(set(status) ^ want)
assert status["requests_served"] >= 22, status["requests_served"]
assert set(status["workers"]) == {"total", "busy", "idle"}
slow = status["slowest_recent_requests"]
assert slow and all({"route", "method", "status", "milliseconds", "request_id", "finished_at"} <= set(e) for e in slow)
assert [e["milliseconds"] for e in slow] == sorted((e["milliseconds"] for e in slow), reverse=True)
print(f"status: {status['requests_served']} served, workers {status['workers']}, slowest {slow[0]['route']} {slow[0]['milliseconds']:.1f} ms")
PY
text=$(curl -fsS "$BASE/status?format=text")
echo "$text" | grep -q '^requests served: ' || die "/status?format=text is not the text page"
curl -fsS -H 'Accept: text/plain' "$BASE/status" | grep -q '^workers idle: ' || die "Accept: text/plain did not give text"

# Another loopback address is still not 127.0.0.1: nginx's allow/deny must refuse it.
for path in /metrics /status; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --interface 127.0.0.2 "$BASE$path")
    [ "$code" = 403 ] || die "$path from 127.0.0.2 answered $code, expected 403 from nginx"
done
code=$(curl -s -o /dev/null -w '%{http_code}' --interface 127.0.0.2 "$BASE/healthz")
[ "$code" = 200 ] || die "/healthz from 127.0.0.2 answered $code"
say "metrics parsed, status JSON and text fine, /metrics and /status refused to 127.0.0.2 by nginx"
