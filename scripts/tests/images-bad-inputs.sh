#!/usr/bin/env bash
# Every bad image request through nginx gets its 4xx problem+json, and nothing is stored: the images and
# predictions row counts in the database are the same before and after.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
BASE=${MLP_TEST_BASE_URL:?}
WORK=$RUN_DIR/images-bad-inputs
mkdir -p "$WORK"
FIXTURES=$ROOT_DIR/Tests/EndToEndTests/Fixtures
sql() { mariadb --no-defaults --socket="${MLP_DB_SOCKET:?}" --user="${MLP_DB_USER:-mlp}" --password="${MLP_DB_PASSWORD:-mlp}" \
    --batch --skip-column-names "${MLP_DB_NAME:?}" -e "$1"; }
counts() { sql "SELECT (SELECT COUNT(*) FROM images), (SELECT COUNT(*) FROM predictions)"; }

user="bad-$$-$RANDOM@example.org"
creds="{\"username\":\"$user\",\"password\":\"a fine passphrase\"}"
curl -s -o /dev/null -H 'Content-Type: application/json' -d "$creds" "$BASE/api/v1/users"
token=$(curl -s -H 'Content-Type: application/json' -d "$creds" "$BASE/api/v1/auth/login" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
[ -n "$token" ] || die "login failed"
AUTH="Authorization: Bearer $token"

# Inputs: text named .jpg, truncated JPEG, a JPEG header claiming 30000×30000 pixels, a 21 MiB "JPEG"
# (over MLP_MAX_IMAGE_BYTES, under the body cap) and a 30 MiB body (over nginx's and the app's body cap).
printf 'just some text, not a picture\n' >"$WORK/text.jpg"
head -c 4000 "$FIXTURES/coffee.jpg" >"$WORK/truncated.jpg"
printf '\xff\xd8\xff\xc0\x00\x11\x08\x75\x30\x75\x30\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00' >"$WORK/bomb.jpg"
{ printf '\xff\xd8\xff'; head -c $((21 * 1024 * 1024)) /dev/zero; } >"$WORK/big.jpg"
{ printf '{"image_base64":"'; head -c $((30 * 1024 * 1024)) /dev/zero | tr '\0' 'A'; printf '"}'; } >"$WORK/huge.json"
json_of() { printf '{"image_base64":"%s"}' "$(base64 -w0 "$1")" >"$2"; }
json_of "$WORK/text.jpg" "$WORK/text.json"
json_of "$WORK/truncated.jpg" "$WORK/truncated.json"
json_of "$WORK/bomb.jpg" "$WORK/bomb.json"

failures=0
# expect NAME STATUS curl-args...: the answer has STATUS and is problem+json (nginx's own 413 included).
expect() {
    local name=$1 want=$2; shift 2
    local got type
    got=$(curl -s -o "$WORK/body" -w '%{http_code} %{content_type}' -H "$AUTH" "$@")
    type=${got#* }; got=${got%% *}
    if [ "$got" != "$want" ] || [ "$type" != "application/problem+json" ]; then
        say "FAIL $name: got $got ($type), want $want problem+json: $(head -c 300 "$WORK/body")"
        failures=$((failures + 1))
    else
        say "ok   $name → $got"
    fi
}

before=$(counts)
J='Content-Type: application/json'
expect "invalid base64" 422 -H "$J" -d '{"image_base64":"@@@ not base64 @@@"}' "$BASE/api/v1/images"
expect "empty body" 400 -H "$J" --data-binary '' "$BASE/api/v1/images"
expect "unknown JSON field" 422 -H "$J" -d '{"image_base64":"/9j/","user_id":1}' "$BASE/api/v1/images"
expect "text file as JSON" 415 -H "$J" --data-binary @"$WORK/text.json" "$BASE/api/v1/images"
expect "truncated JPEG" 422 -H "$J" --data-binary @"$WORK/truncated.json" "$BASE/api/v1/images"
expect "pixel bomb" 422 -H "$J" --data-binary @"$WORK/bomb.json" "$BASE/api/v1/images"
expect "top_k=0" 422 -H "$J" -d "{\"image_base64\":\"$(base64 -w0 "$FIXTURES/coffee.jpg")\"}" "$BASE/api/v1/images?top_k=0"
expect "unknown model" 422 -H "$J" -d "{\"image_base64\":\"$(base64 -w0 "$FIXTURES/coffee.jpg")\"}" "$BASE/api/v1/images?model=nope"
expect "multipart without boundary" 400 -H 'Content-Type: multipart/form-data' --data-binary $'--x\r\n' "$BASE/api/v1/images"
expect "multipart wrong boundary" 400 -H 'Content-Type: multipart/form-data; boundary=other' \
    --data-binary $'--xyz\r\nContent-Disposition: form-data; name="title"\r\n\r\nhi\r\n--xyz--\r\n' "$BASE/api/v1/images"
expect "multipart without file part" 422 -F title=hello "$BASE/api/v1/images"
expect "text file named .jpg" 415 -F "file=@$WORK/text.jpg;type=image/jpeg" "$BASE/api/v1/images"
expect "truncated JPEG (multipart)" 422 -F "file=@$WORK/truncated.jpg" "$BASE/api/v1/images"
expect "pixel bomb (multipart)" 422 -F "file=@$WORK/bomb.jpg" "$BASE/api/v1/images"
expect "image over MLP_MAX_IMAGE_BYTES" 413 -F "file=@$WORK/big.jpg" "$BASE/api/v1/images"
expect "body over the cap" 413 -H "$J" --data-binary @"$WORK/huge.json" "$BASE/api/v1/images"
# The same refusal for a browser's form post is a page: nginx answers before the app sees the body.
page=$(curl -s -o "$WORK/body" -w '%{http_code} %{content_type}' -H 'Accept: text/html,application/xhtml+xml' \
    -F "file=@$WORK/huge.json;filename=big.jpg" "$BASE/images")
if [ "$page" = "413 text/html; charset=utf-8" ] && grep -q "<h1>Too large to send</h1>" "$WORK/body"; then
    say "ok   form post over the cap from a browser → 413 page"
else
    say "FAIL form post over the cap from a browser: got $page: $(head -c 200 "$WORK/body")"
    failures=$((failures + 1))
fi
expect "plain text body" 415 -H 'Content-Type: text/plain' -d 'hello' "$BASE/api/v1/images"
expect "limit=0" 422 "$BASE/api/v1/images?limit=0"
expect "limit=100000" 422 "$BASE/api/v1/images?limit=100000"
expect "garbage cursor" 422 "$BASE/api/v1/images?cursor=%00garbage"
for id in 0 -1 abc 99999999999999999999; do
    expect "GET id $id" 404 "$BASE/api/v1/images/$id"
    expect "DELETE id $id" 404 -X DELETE "$BASE/api/v1/images/$id"
    expect "PUT id $id" 404 -X PUT -H "$J" -d "{\"image_base64\":\"$(base64 -w0 "$FIXTURES/coffee.jpg")\"}" "$BASE/api/v1/images/$id"
done
after=$(counts)
[ "$before" = "$after" ] || { say "FAIL rows changed: before $before, after $after (images, predictions)"; failures=$((failures + 1)); }
say "rows (images, predictions) before: $before  after: $after"
[ $failures -eq 0 ] || die "$failures bad-input checks failed"
