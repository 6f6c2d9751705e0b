#!/usr/bin/env bash
# MariaDB switched to read_only (maintenance, a replica promoted late, a full disk handled by the operator):
# every write — upload, sign-up, login, PATCH, DELETE — answers 503 problem+json with Retry-After and stores
# nothing; reads (list, image JSON, content bytes) keep answering 200; read_only off again: writes work.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib/faults.sh"
T=$RUN_DIR/db-readonly
rm -rf "$T" && mkdir -p "$T"
PID=$(cat "$RUN_DIR/mlp.pid")
MARK=$(access_mark)

# The app's account must not be able to write through read_only (no SUPER, no READ_ONLY ADMIN).
grants=$(admin_sql -e "SHOW GRANTS FOR 'mlp'@'localhost'")
if echo "$grants" | grep -qiE 'SUPER|READ_ONLY ADMIN|ALL PRIVILEGES ON \*\.\*'; then
    die "the app's database user may write while read_only is on: $grants"
fi

token=$(new_user readonly)
auth=(-H "Authorization: Bearer $token")
[ -n "$token" ] || die "no token"
fixture=${FIXTURES[0]}
id=$(curl -fsS --max-time 30 "${auth[@]}" -F "file=@$fixture" "$BASE/api/v1/images" | json_field id)
[ -n "$id" ] || die "upload before read_only failed"
counts() { app_sql "SELECT (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM images), (SELECT COUNT(*) FROM predictions),
    (SELECT COUNT(*) FROM sessions), (SELECT COUNT(*) FROM images WHERE is_deleted = 0), (SELECT title FROM images WHERE id = $id)"; }
before=$(counts)

admin_sql -e "SET GLOBAL read_only = ON"
trap 'admin_sql -e "SET GLOBAL read_only = OFF" || true' EXIT
[ "$(admin_sql -e 'SELECT @@global.read_only')" = 1 ] || die "read_only did not switch on"

# expect_503 NAME CURL-ARGS...: the request answers the unavailable problem with Retry-After.
expect_503() {
    local name=$1; shift
    curl -s -D "$T/$name.h" -o "$T/$name.json" --max-time 30 "$@" || die "$name: no answer"
    is_unavailable_problem "$T/$name.h" "$T/$name.json" \
        || die "$name while read-only: $(head -1 "$T/$name.h") $(cat "$T/$name.json")"
    say "read-only: $name -> 503 problem+json, Retry-After $(awk -F': ' 'tolower($1)=="retry-after" {print $2}' "$T/$name.h" | tr -d '\r')"
}
json=(-H 'Content-Type: application/json')
expect_503 upload "${auth[@]}" -F "file=@${FIXTURES[1]}" "$BASE/api/v1/images"
expect_503 upload-json "${auth[@]}" "${json[@]}" -d "{\"image_base64\":\"$(base64 -w0 "$fixture")\"}" "$BASE/api/v1/images"
expect_503 signup "${json[@]}" -d '{"username":"ro-'$$'@example.org","password":"a fine passphrase"}' "$BASE/api/v1/users"
expect_503 patch -X PATCH "${auth[@]}" "${json[@]}" -d '{"title":"renamed while read-only"}' "$BASE/api/v1/images/$id"
expect_503 delete -X DELETE "${auth[@]}" "$BASE/api/v1/images/$id"
# Login writes a session (right password) or a failure record (wrong one): both refused, neither a 500.
user=$(curl -fsS --max-time 10 "${auth[@]}" "$BASE/api/v1/users/me" | json_field username)
expect_503 login "${json[@]}" -d '{"username":"'$user'","password":"a fine passphrase"}' "$BASE/api/v1/auth/login"
expect_503 login-wrong "${json[@]}" -d '{"username":"'$user'","password":"not the passphrase"}' "$BASE/api/v1/auth/login"

# Reads keep working with the token issued before.
for path in "/api/v1/images" "/api/v1/images/$id" "/api/v1/users/me"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "${auth[@]}" "$BASE$path")
    [ "$code" = 200 ] || die "GET $path answered $code while read-only"
done
curl -fsS --max-time 10 "${auth[@]}" -o "$T/content" "$BASE/api/v1/images/$id/content" || die "GET content failed while read-only"
[ "$(sha256sum <"$T/content")" = "$(sha256sum <"$fixture")" ] || die "content differs while read-only"
[ "$(counts)" = "$before" ] || die "rows changed while read-only: before [$before] after [$(counts)]"
kill -0 "$PID" || die "the app died"

admin_sql -e "SET GLOBAL read_only = OFF"
trap - EXIT
code=$(curl -s -o "$T/after.json" -w '%{http_code}' --max-time 30 "${auth[@]}" -F "file=@${FIXTURES[1]}" "$BASE/api/v1/images")
[ "$code" = 201 ] || die "upload after read_only off answered $code"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X PATCH "${auth[@]}" "${json[@]}" -d '{"title":"renamed"}' "$BASE/api/v1/images/$id")
[ "$code" = 200 ] || die "PATCH after read_only off answered $code"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X DELETE "${auth[@]}" "$BASE/api/v1/images/$id")
[ "$code" = 204 ] || die "DELETE after read_only off answered $code"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "${json[@]}" -d '{"username":"'$user'","password":"a fine passphrase"}' "$BASE/api/v1/auth/login")
[ "$code" = 200 ] || die "login after read_only off answered $code"
[ "$(cat "$RUN_DIR/mlp.pid")" = "$PID" ] && kill -0 "$PID" || die "the app was restarted"
bad=$(access_5xx_since "$MARK" 503)
[ -z "$bad" ] || die "5xx other than 503 logged: $bad"
say "read-only: 7 writes refused with 503 problem+json, 4 reads 200 with equal bytes, no row changed; writes work again after read_only=OFF"
