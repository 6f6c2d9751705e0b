#!/usr/bin/env bash
# 8 clients upload 25 pictures each at once through nginx. Every answer is 201 or 503 (busy model, with
# Retry-After, retried by the client with the same Idempotency-Key); in the end the database holds exactly
# 200 images for the user, each with one current set of 5 predictions, and no duplicates.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
BASE=${MLP_TEST_BASE_URL:?}
WORK=$RUN_DIR/images-concurrency
rm -rf "$WORK"; mkdir -p "$WORK"
CLIENTS=${IMAGES_CLIENTS:-8}
PER_CLIENT=${IMAGES_PER_CLIENT:-25}
sql() { mariadb --no-defaults --socket="${MLP_DB_SOCKET:?}" --user="${MLP_DB_USER:-mlp}" --password="${MLP_DB_PASSWORD:-mlp}" \
    --batch --skip-column-names "${MLP_DB_NAME:?}" -e "$1"; }

user="many-$$-$RANDOM@example.org"
creds="{\"username\":\"$user\",\"password\":\"a fine passphrase\"}"
curl -s -o /dev/null -H 'Content-Type: application/json' -d "$creds" "$BASE/api/v1/users"
token=$(curl -s -H 'Content-Type: application/json' -d "$creds" "$BASE/api/v1/auth/login" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
[ -n "$token" ] || die "login failed"
picture=$(base64 -w0 "$ROOT_DIR/Tests/EndToEndTests/Fixtures/coffee.jpg")

client() {
    local c=$1 i attempt code
    for ((i = 0; i < PER_CLIENT; i++)); do
        printf '{"image_base64":"%s","title":"c%s-%s"}' "$picture" "$c" "$i" >"$WORK/body-$c"
        for ((attempt = 0; attempt < 20; attempt++)); do
            code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
                -H "Idempotency-Key: c$c-$i" --data-binary @"$WORK/body-$c" "$BASE/api/v1/images")
            echo "$code" >>"$WORK/codes-$c"
            [ "$code" = 503 ] || break
            sleep 1
        done
    done
}
start=$(date +%s.%N)
for ((c = 0; c < CLIENTS; c++)); do client "$c" & done
wait
elapsed=$(echo "$start $(date +%s.%N)" | awk '{printf "%.1f", $2 - $1}')

total=$((CLIENTS * PER_CLIENT))
created=$(cat "$WORK"/codes-* | grep -c '^201$' || true)
busy=$(cat "$WORK"/codes-* | grep -c '^503$' || true)
other=$(cat "$WORK"/codes-* | grep -vcE '^(201|503)$' || true)
uid=$(sql "SELECT id FROM users WHERE username = '$user'")
images=$(sql "SELECT COUNT(*) FROM images WHERE user_id = $uid AND is_deleted = FALSE")
titles=$(sql "SELECT COUNT(DISTINCT title) FROM images WHERE user_id = $uid")
sets=$(sql "SELECT COUNT(DISTINCT p.image_id) FROM predictions p JOIN images i ON i.id = p.image_id WHERE i.user_id = $uid AND p.is_current")
rows=$(sql "SELECT COUNT(*) FROM predictions p JOIN images i ON i.id = p.image_id WHERE i.user_id = $uid")
say "$total uploads by $CLIENTS clients in ${elapsed}s: 201 x $created, 503 x $busy (retried), other x $other"
say "database: $images images, $titles distinct titles, $sets current prediction sets, $rows prediction rows"
[ "$other" = 0 ] || die "answers other than 201 and 503: $(cat "$WORK"/codes-* | grep -vE '^(201|503)$' | sort | uniq -c | tr '\n' ' ')"
[ "$created" = "$total" ] || die "$created uploads created, want $total"
[ "$images" = "$total" ] || die "$images images stored, want $total (503s must store nothing)"
[ "$titles" = "$total" ] || die "$titles distinct titles: duplicates stored"
[ "$sets" = "$total" ] || die "$sets prediction sets, want $total"
[ "$rows" = $((total * 5)) ] || die "$rows prediction rows, want $((total * 5))"

# `mlp reclassify` on one of these pictures: a new current set, the old one kept as history.
one=$(sql "SELECT MIN(id) FROM images WHERE user_id = $uid")
out=$("${MLP_BUILD_DIR:-$ROOT_DIR/.build/debug}/mlp" reclassify --model efficientnet-lite0 --image "$one" \
    --models "$ROOT_DIR/models" 2>/dev/null) || die "mlp reclassify failed: $out"
echo "$out" | grep -q "re-classified 1 of 1 image(s) with efficientnet-lite0" || die "unexpected reclassify output: $out"
current=$(sql "SELECT COUNT(*) FROM predictions WHERE image_id = $one AND is_current")
history=$(sql "SELECT COUNT(*) FROM predictions WHERE image_id = $one AND NOT is_current")
[ "$current" = 5 ] && [ "$history" = 5 ] || die "after reclassify: $current current, $history history rows (want 5 and 5)"
say "mlp reclassify: image $one has a new current set and its old set as history"
