#!/usr/bin/env bash
# sqlmap (Debian package `sqlmap`) against the login (JSON and form bodies), the image list (`label`, `q`, `cursor`,
# `limit` with a bearer token) and the image id path segment, on a private stack: its own database
# (MLP_SQLMAP_DB, default mlp_test_sqlmap, created, migrated and dropped), an app instance and nginx on
# MLP_SQLMAP_PORT (default 18089) under run/sqlmap. Passes when sqlmap finds no injectable parameter and the
# app answered no 5xx.
#
#   scripts/security/sqlmap.sh          reduced run for `make test`: every technique, level 1, risk 1
#   scripts/security/sqlmap.sh FULL=1   every technique, level 3 (also cookies, User-Agent, Referer), risk 2
# Needs MariaDB running (scripts/mariadb.sh start) and a build (MLP_BUILD_DIR, default .build/debug).
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
FULL=${FULL:-0}
for arg in "$@"; do case $arg in FULL=*) FULL=${arg#FULL=} ;; *) die "usage: $0 [FULL=1]" ;; esac; done
command -v sqlmap >/dev/null || die "sqlmap is not installed (scripts/setup.sh)"
S=$RUN_DIR/sqlmap
PORT=${MLP_SQLMAP_PORT:-18089}
URL="http://127.0.0.1:$PORT"
export MLP_DB_NAME=${MLP_SQLMAP_DB:-mlp_test_sqlmap}
export MLP_BUILD_DIR=${MLP_BUILD_DIR:-$ROOT_DIR/.build/debug}
export MLP_RUN_DIR=$S
# sqlmap sends hundreds of failing logins: lift the throttle so every payload reaches the SQL it aims at.
export MLP_LOGIN_MAX_FAILURES=1000000 MLP_LOGIN_MAX_FAILURES_PER_ADDRESS=1000000
unset MLP_SOCKET
rm -rf "$S" && mkdir -p "$S"
cleanup() {
    bash "$ROOT_DIR/scripts/nginx.sh" stop >/dev/null 2>&1 || true
    bash "$ROOT_DIR/scripts/app.sh" stop >/dev/null 2>&1 || true
    bash "$ROOT_DIR/scripts/mariadb.sh" drop-db "$MLP_DB_NAME" >/dev/null 2>&1 || true
}
trap cleanup EXIT
bash "$ROOT_DIR/scripts/mariadb.sh" status >/dev/null || die "MariaDB is not running (scripts/mariadb.sh start)"
bash "$ROOT_DIR/scripts/mariadb.sh" drop-db "$MLP_DB_NAME"
bash "$ROOT_DIR/scripts/mariadb.sh" create-db "$MLP_DB_NAME"
"$MLP_BUILD_DIR/mlp" migrate >"$S/migrate.log" 2>&1 || { cat "$S/migrate.log" >&2; die "migration failed"; }
bash "$ROOT_DIR/scripts/app.sh" start 2>/dev/null
MLP_HTTP_PORT=$PORT bash "$ROOT_DIR/scripts/nginx.sh" start 2>/dev/null
wait_http "$URL/healthz" 60 || die "the sqlmap stack did not come up"

user="sqlmap-$$@example.org"
password="a fine passphrase"
body='{"username":"'$user'","password":"'$password'"}'
curl -fsS -o /dev/null -H 'Content-Type: application/json' -d "$body" "$URL/api/v1/users" || die "sign-up failed"
token=$(curl -fsS -H 'Content-Type: application/json' -d "$body" "$URL/api/v1/auth/login" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])') || die "login failed"
# Two images, so the list has a next page and a cursor to test.
for fixture in chelsea.png coffee.jpg; do
    image=$(curl -fsS -H "Authorization: Bearer $token" -F "file=@$ROOT_DIR/Tests/EndToEndTests/Fixtures/$fixture" \
        "$URL/api/v1/images" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])') || die "upload failed"
done
cursor=$(curl -fsS -H "Authorization: Bearer $token" "$URL/api/v1/images?limit=1" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin).get("next_cursor") or "")')

if [ "$FULL" = 1 ]; then
    options=(--level 3 --risk 2 --technique BEUSTQ)
else
    options=(--level 1 --risk 1)
fi
# 401/404/422 are the app's normal answers to wrong input; sqlmap compares pages instead of giving up.
common=(--batch --flush-session --disable-coloring --timeout 10 --retries 1 --threads 4 --ignore-code 401,404,422
    --output-dir "$S/out" --dbms MySQL "${options[@]}")
failed=0
# run NAME SQLMAP-ARGS...: one sqlmap run; fails when it reports an injection point or cannot finish.
run() {
    local name=$1 start=$SECONDS; shift
    sqlmap "${common[@]}" "$@" >"$S/$name.log" 2>&1 || true
    # "appears to be ... injectable" is only a candidate: sqlmap then checks it for a false positive (time-based
    # payloads on a busy machine) and reports an injection point only if it holds.
    if grep -qE "sqlmap identified the following injection point|is vulnerable" "$S/$name.log"; then
        say "sqlmap $name: INJECTABLE (see $S/$name.log)"; failed=1
    elif grep -q "all tested parameters do not appear to be injectable" "$S/$name.log"; then
        say "sqlmap $name: not injectable ($(grep -c 'does not seem to be injectable' "$S/$name.log") parameters, $(grep -c 'false positive or unexploitable' "$S/$name.log") candidates rejected as false positives, $((SECONDS - start)) s)"
    else
        say "sqlmap $name: no verdict (see $S/$name.log)"; tail -5 "$S/$name.log" >&2; failed=1
    fi
}
run login-json -u "$URL/api/v1/auth/login" --method POST -H 'Content-Type: application/json' \
    --data '{"username":"'$user'","password":"wrong"}'
run login-form -u "$URL/api/v1/auth/login" --method POST --data "username=$user&password=wrong&grant_type=password"
list_url="$URL/api/v1/images?label=espresso&q=espresso&limit=5"
[ -n "$cursor" ] || die "the list gave no cursor"
list_url="$list_url&cursor=$cursor"
run list -u "$list_url" -H "Authorization: Bearer $token" -p "label,q,cursor,limit"
run image-id -u "$URL/api/v1/images/${image}*" -H "Authorization: Bearer $token"

errors=$(awk '$9 ~ /^5/' "$S/nginx/access.log" | wc -l)
requests=$(wc -l <"$S/nginx/access.log")
[ "$errors" = 0 ] || { awk '$9 ~ /^5/' "$S/nginx/access.log" | head -3 >&2; say "the app answered $errors requests with 5xx"; failed=1; }
[ "$failed" = 0 ] || die "sqlmap found a problem"
say "sqlmap: no injectable parameter in login (JSON, form), list (label, q, cursor, limit), image id; $requests requests, 0 x 5xx"
