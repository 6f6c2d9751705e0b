#!/usr/bin/env bash
# The mixed API scenario: logged-in users through nginx with wrk + bench/mixed.lua, 64 connections:
# 70% GET /api/v1/images/:id (JSON), 15% list, 10% thumbnail, 5% upload of a 640x480 JPEG (base64 JSON).
# Seeds BENCH_MIXED_USERS users (32), each with a token and BENCH_MIXED_IMAGES pictures (3), warms up for
# BENCH_MIXED_WARMUP seconds (5), then measures BENCH_MIXED_SECONDS (60): req/s, p50/p99, non-2xx by status
# and problem type, and the VmRSS of mlp-server at the start and the end of the measured run.
# Settings: BENCH_MIXED_*, BENCH_CONNECTIONS (64), MLP_WORKERS (16), BENCH_PORT (18090; uses the 5th port).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
MIXED_SECONDS=${BENCH_MIXED_SECONDS:-60}
WARMUP=${BENCH_MIXED_WARMUP:-5}
USERS=${BENCH_MIXED_USERS:-32}
IMAGES=${BENCH_MIXED_IMAGES:-3}
PICTURE=$ROOT_DIR/bench/fixtures/coffee-640x480.jpg
PORT=$((BENCH_PORT + 4))
BASE=http://127.0.0.1:$PORT
MLP=$ROOT_DIR/.build/release/mlp

bash "$ROOT_DIR/scripts/prepare-model.sh"
bench_build mlp-server mlp
bench_database mlp_bench_mixed

bench_start_mlp mixed "$PORT"
APP_PID=$(cat "$BENCH_DIR/mixed/mlp.pid")
# rss: VmRSS of mlp-server in KiB.
rss() { awk '/^VmRSS:/ {print $2}' "/proc/$APP_PID/status"; }
rss_boot=$(rss)

say "== seeding $USERS users with $IMAGES images each"
printf '{"image_base64":"%s"}' "$(base64 -w0 "$PICTURE")" >"$BENCH_DIR/mixed-upload.json"
USERS_FILE=$BENCH_DIR/mixed-users.txt
# json_id: the first "id" member of a JSON answer on standard input ("user_id" does not match).
json_id() { grep -o '"id":[0-9]*' | head -1 | cut -d: -f2; }
: >"$USERS_FILE"
for ((u = 1; u <= USERS; u++)); do
    creds="{\"username\":\"mixed$u@example.org\",\"password\":\"a fine passphrase $u\"}"
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H 'Content-Type: application/json' -d "$creds" "$BASE/api/v1/users")
    [ "$code" = 201 ] || die "creating user $u answered $code"
    token=$(curl -s --max-time 10 -H 'Content-Type: application/json' -d "$creds" "$BASE/api/v1/auth/login" \
        | sed -nE 's/.*"access_token":"([^"]+)".*/\1/p')
    [ -n "$token" ] || die "login of user $u failed"
    line=$token
    for ((i = 1; i <= IMAGES; i++)); do
        id=$(curl -s --max-time 30 -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
            --data-binary @"$BENCH_DIR/mixed-upload.json" "$BASE/api/v1/images" | json_id)
        [ -n "$id" ] || die "upload $i of user $u failed"
        line="$line $id"
    done
    echo "$line" >>"$USERS_FILE"
done

wrk_mixed() {
    wrk -t2 -c"$CONNECTIONS" -d"$1s" --timeout 10s --latency -s "$ROOT_DIR/bench/mixed.lua" "$BASE" \
        -- "$USERS_FILE" "$BENCH_DIR/mixed-upload.json"
}
say "== warm-up ${WARMUP}s, then the mixed scenario for ${MIXED_SECONDS}s ($CONNECTIONS connections)"
[ "$WARMUP" -gt 0 ] && wrk_mixed "$WARMUP" >"$BENCH_DIR/mixed-warmup.txt"
rss_start=$(rss)
wrk_mixed "$MIXED_SECONDS" >"$BENCH_DIR/mixed.txt"
rss_end=$(rss)
OUT=$BENCH_DIR/mixed.txt

field() { awk -v k="$1" '$1 == "mixed" && $2 == k {print $3}' "$OUT"; }
status_count() { awk -v s="$1" '$1 == "mixed" && $2 == "status" && $3 == s {print $4}' "$OUT" | awk '{n += $1} END {print n + 0}'; }
sent() { awk -v k="$1" '$1 == "mixed" && $2 == "sent" && $3 == k {print $4}' "$OUT" | awk '{n += $1} END {print n + 0}'; }
rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$OUT")
requests=$(field requests)
non2xx=$(awk '$1 == "mixed" && $2 == "status" && ($3 < 200 || $3 > 299) {n += $4} END {print n + 0}' "$OUT")
too_many=$(status_count 429)
unavailable=$(status_count 503)
other=$((non2xx - too_many - unavailable))
socket=$(awk '$1 == "mixed" && $2 == "errors" {print $4 + $6 + $8 + $10}' "$OUT")
problems=$(awk '$1 == "mixed" && $2 == "problem" {n = $3; $1 = $2 = $3 = ""; sub(/^ +/, ""); printf "%s%s x%s", sep, $0, n; sep = "; "}' "$OUT")
growth=$(echo "$rss_start $rss_end" | awk '{printf "%.1f", ($2 - $1) * 100 / $1}')
uploads_ok=$(mariadb --no-defaults --socket="$MLP_DB_SOCKET" --user=mlp --password=mlp --batch --skip-column-names \
    "$MLP_DB_NAME" -e "SELECT COUNT(*) FROM images")

printf '\nMixed API scenario: %s connections, %s s, %s users x %s images, %s workers\n' \
    "$CONNECTIONS" "$MIXED_SECONDS" "$USERS" "$IMAGES" "$WORKERS"
printf '  requests %s (%s req/s): get %s, list %s, thumbnail %s, upload %s\n' "$requests" "$rps" \
    "$(sent get)" "$(sent list)" "$(sent thumbnail)" "$(sent upload)"
printf '  latency p50 %s ms, p99 %s ms\n' "$(field p50_ms)" "$(field p99_ms)"
printf '  non-2xx %s (429: %s, 503: %s, other: %s); socket errors %s\n' "$non2xx" "$too_many" "$unavailable" "$other" "$socket"
[ -z "$problems" ] || printf '  non-2xx by problem type: %s\n' "$problems"
printf '  mlp-server VmRSS: %s KiB after start, %s KiB at the start of the run, %s KiB at the end (%s%%)\n' \
    "$rss_boot" "$rss_start" "$rss_end" "$growth"
printf '  images stored at the end: %s\n' "$uploads_ok"

bench_record mixed_seconds "$MIXED_SECONDS"
bench_record mixed_users "$USERS"
bench_record mixed_images "$IMAGES"
bench_record mixed_requests "$requests"
bench_record mixed_rps "$rps"
bench_record mixed_p50 "$(field p50_ms)"
bench_record mixed_p99 "$(field p99_ms)"
bench_record mixed_non2xx "$non2xx"
bench_record mixed_429 "$too_many"
bench_record mixed_503 "$unavailable"
bench_record mixed_other_non2xx "$other"
bench_record mixed_socket_errors "$socket"
bench_record mixed_problems "${problems:--}"
bench_record mixed_sent "get $(sent get), list $(sent list), thumbnail $(sent thumbnail), upload $(sent upload)"
bench_record mixed_rss_boot_kib "$rss_boot"
bench_record mixed_rss_start_kib "$rss_start"
bench_record mixed_rss_end_kib "$rss_end"
bench_record mixed_rss_growth_pct "$growth"
bench_record mixed_images_stored "$uploads_ok"
