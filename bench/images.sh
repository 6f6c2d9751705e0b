#!/usr/bin/env bash
# Images benchmark, everything in one run on the same machine:
#   1. pure inference images/s of the default model (`mlp bench inference`, 1 and 2 threads, batch 1), before
#      and after the HTTP runs, the better of the two kept;
#   2. uploads/s of a 640x480 JPEG as base64 JSON through nginx (wrk + bench/images-upload.lua): decode,
#      classify, thumbnail, one transaction; target >= 0.75 x pure inference images/s;
#   3. GET /api/v1/images/:id (metadata, predictions, image_base64) with 64 connections vs the C libfcgi
#      hello responder behind the same nginx setup; target >= 0.5 x and p99 <= 25 ms. Also the same C
#      responder answering the very bytes of that GET (its ~90 KB JSON): what any libfcgi app behind this
#      nginx can reach with that answer, i.e. the ceiling of the target. Also GET /api/v1/users/me (the floor of
#      any authenticated request) and GET /api/v1/images/:id/thumbnail (a gallery tile), against the same hello.
# Settings: BENCH_SECONDS (10), BENCH_CONNECTIONS (64, GET runs), BENCH_UPLOAD_CONNECTIONS (4),
# MLP_WORKERS (16), MLP_INFERENCE_CONCURRENCY (cores), BENCH_PORT (18090; uses the 3rd, 4th and 6th port from there).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
UPLOAD_CONNECTIONS=${BENCH_UPLOAD_CONNECTIONS:-4}
PICTURE=$ROOT_DIR/bench/fixtures/coffee-640x480.jpg
MLP=$ROOT_DIR/.build/release/mlp

bash "$ROOT_DIR/scripts/prepare-model.sh"
bench_build mlp-server mlp
bench_database mlp_test_bench

# pure_inference: one `mlp bench inference` round (1 and 2 threads); sets one and two (images/s).
pure_inference() {
    say "== pure inference (mlp bench inference)"
    local out
    out=$(cd "$ROOT_DIR" && "$MLP" bench inference --models "$MLP_MODELS_DIR" --threads 1,2 --runs 50 --rounds 1 --image "$PICTURE")
    echo "$out" | grep -E "summary|threads=|decode" >&2
    one=$(echo "$out" | awk '/^  threads=1 / {for (i = 1; i <= NF; i++) if ($i ~ /^images\/s=/) {sub("images/s=", "", $i); print $i}}')
    two=$(echo "$out" | awk '/^  threads=2 / {for (i = 1; i <= NF; i++) if ($i ~ /^images\/s=/) {sub("images/s=", "", $i); print $i}}')
}
# The reference is measured before and after the uploads and the better of the two kept for each thread
# count: a moment when another process held a core must not make the reference, and so the ratio, easier.
pure_inference
one_before=$one two_before=$two

bench_start_mlp images $((BENCH_PORT + 2))
bench_start_hello hello $((BENCH_PORT + 3))
BASE=http://127.0.0.1:$((BENCH_PORT + 2))
token=$(bench_token "$BASE" bench@example.org)
printf '{"image_base64":"%s"}' "$(base64 -w0 "$PICTURE")" >"$BENCH_DIR/upload.json"
id=$(curl -s -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary @"$BENCH_DIR/upload.json" \
    "$BASE/api/v1/images" | sed -E 's/.*"id":([0-9]+).*/\1/')
[ -n "$id" ] || die "first upload failed"

say "== uploads through nginx ($UPLOAD_CONNECTIONS connections)"
uploads=$(CONNECTIONS=$UPLOAD_CONNECTIONS bench_wrk images-upload "$BASE/api/v1/images" -s "$ROOT_DIR/bench/images-upload.lua" \
    -- "$BENCH_DIR/upload.json" "$token")
stored=$(mariadb --no-defaults --socket="$MLP_DB_SOCKET" --user=mlp --password=mlp --batch --skip-column-names "$MLP_DB_NAME" \
    -e "SELECT COUNT(*) FROM images")

AUTH="Authorization: Bearer $token"
curl -s -H "$AUTH" "$BASE/api/v1/images/$id" >"$BENCH_DIR/get-answer.json"
size=$(wc -c <"$BENCH_DIR/get-answer.json")
bench_start_hello same-answer $((BENCH_PORT + 5)) "$BENCH_DIR/get-answer.json"
SAME=http://127.0.0.1:$((BENCH_PORT + 5))/api/v1/images/$id
cmp -s <(curl -s "$SAME") "$BENCH_DIR/get-answer.json" || die "the C responder does not answer the same bytes"

say "== GET /api/v1/images/$id vs C hello and C with the same $size-byte answer ($CONNECTIONS connections)"
g1=$(bench_wrk images-get-1 "$BASE/api/v1/images/$id" -H "$AUTH"); h1=$(bench_wrk hello-1 "http://127.0.0.1:$((BENCH_PORT + 3))/healthz")
s1=$(bench_wrk same-answer-1 "$SAME"); s2=$(bench_wrk same-answer-2 "$SAME")
h2=$(bench_wrk hello-2 "http://127.0.0.1:$((BENCH_PORT + 3))/healthz"); g2=$(bench_wrk images-get-2 "$BASE/api/v1/images/$id" -H "$AUTH")
me=$(bench_wrk users-me "$BASE/api/v1/users/me" -H "$AUTH")
thumb=$(bench_wrk images-thumbnail "$BASE/api/v1/images/$id/thumbnail" -H "$AUTH")
get=$(bench_mean "$g1" "$g2")
hello=$(bench_mean "$h1" "$h2")
same=$(bench_mean "$s1" "$s2")

pure_inference
one=$(echo "$one $one_before" | awk '{print ($1 > $2) ? $1 : $2}')
two=$(echo "$two $two_before" | awk '{print ($1 > $2) ? $1 : $2}')
best=$(echo "$one $two" | awk '{print ($1 > $2) ? $1 : $2}')
cores=$(nproc)
capacity=$(echo "$one $cores" | awk '{printf "%.1f", $1 * $2}')

printf '\nImages, %s cores, %s workers, inference concurrency %s\n' "$cores" "$WORKERS" "${MLP_INFERENCE_CONCURRENCY:-$cores}"
printf '  pure inference          %8s images/s (1 thread), %s (2 threads), the better of before and after; %s cores x 1 thread = %s\n' "$one" "$two" "$cores" "$capacity"
printf '  uploads 640x480 JPEG    %8s uploads/s  (p99 %s, %s connections, %s images stored)\n' "$uploads" "$(bench_p99 images-upload)" "$UPLOAD_CONNECTIONS" "$stored"
printf '  ratio uploads / best single-stream inference  %s   (target >= 0.75)\n' "$(bench_ratio "$uploads" "$best")"
printf '  ratio uploads / %s x 1-thread inference        %s\n' "$cores" "$(bench_ratio "$uploads" "$capacity")"
printf '  GET /api/v1/images/:id  %8s req/s  (p99 %s, %s-byte answers)\n' "$get" "$(bench_p99 images-get-2)" "$size"
printf '  GET /api/v1/users/me    %8s req/s  (p99 %s; the floor of any authenticated request)\n' "$me" "$(bench_p99 users-me)"
printf '  GET .../:id/thumbnail   %8s req/s  (p99 %s; a gallery tile)\n' "$thumb" "$(bench_p99 images-thumbnail)"
printf '  C libfcgi hello         %8s req/s  (p99 %s)\n' "$hello" "$(bench_p99 hello-2)"
printf '  C libfcgi, same answer  %8s req/s  (p99 %s; the %s bytes of the GET above)\n' "$same" "$(bench_p99 same-answer-2)" "$size"
printf '  ratio GET / C hello     %8s   (target >= 0.5, p99 <= 25 ms)\n' "$(bench_ratio "$get" "$hello")"
printf '  ratio C same answer / C hello  %s   (the most any app can reach with this answer)\n' "$(bench_ratio "$same" "$hello")"
printf '  ratio GET / C same answer      %s   (what the app itself costs)\n' "$(bench_ratio "$get" "$same")"
bench_record inference_1_ips "$one"
bench_record inference_2_ips "$two"
bench_record inference_best_ips "$best"
bench_record upload_rps "$uploads"
bench_record upload_connections "$UPLOAD_CONNECTIONS"
bench_record upload_p50 "$(bench_ms "$(bench_percentile images-upload 50)")"
bench_record upload_p99 "$(bench_ms "$(bench_p99 images-upload)")"
bench_record upload_non2xx "$(bench_non2xx images-upload)"
bench_record get_image_rps "$get"
bench_record get_image_p50 "$(bench_ms "$(bench_percentile images-get-2 50)")"
bench_record get_image_p99 "$(bench_ms "$(bench_p99 images-get-2)")"
bench_record get_image_bytes "$size"
bench_record get_image_non2xx "$(( $(bench_non2xx images-get-1) + $(bench_non2xx images-get-2) ))"
bench_record users_me_rps "$me"
bench_record users_me_p99 "$(bench_ms "$(bench_p99 users-me)")"
bench_record thumbnail_rps "$thumb"
bench_record thumbnail_p99 "$(bench_ms "$(bench_p99 images-thumbnail)")"
bench_record images_hello_rps "$hello"
bench_record images_hello_p50 "$(bench_ms "$(bench_percentile hello-2 50)")"
bench_record images_hello_p99 "$(bench_ms "$(bench_p99 hello-2)")"
bench_record same_answer_rps "$same"
bench_record same_answer_p99 "$(bench_ms "$(bench_p99 same-answer-2)")"
