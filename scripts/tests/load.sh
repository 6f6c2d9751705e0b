#!/usr/bin/env bash
# 200 concurrent connections for 5 s through nginx: every answer 2xx, no socket errors, app memory flat.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
URL=${MLP_TEST_BASE_URL:?}/healthz
PID=$(cat "$RUN_DIR/mlp.pid")
rss() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

wrk -t2 -c200 -d2s "$URL" >/dev/null   # warm-up: workers, allocator
before=$(rss "$PID")
out=$(wrk -t2 -c200 -d5s "$URL")
after=$(rss "$PID")
echo "$out" | grep -E "Requests/sec|Non-2xx|Socket errors" || true
requests=$(echo "$out" | awk '/requests in/ {print $1}')
[ "${requests:-0}" -gt 1000 ] || die "too few requests answered: $requests"
if echo "$out" | grep -q "Non-2xx"; then die "non-2xx answers under load"; fi
if echo "$out" | grep -q "Socket errors"; then die "socket errors under load"; fi
say "RSS before ${before} KiB, after ${after} KiB"
[ "$after" -le $((before + before / 5 + 8192)) ] || die "app memory grew from ${before} to ${after} KiB"
