#!/usr/bin/env bash
# Share links through nginx and `mlp shares`: a shared picture's page and bytes answer without an account, the
# link carries the port nginx listens on, `mlp shares list` shows it, `mlp shares stop` ends it as a report would
# quote it (the whole URL with a query), after which the page is 404; stopping it again exits 1.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib/faults.sh"
MLP=${MLP_BUILD_DIR:-$ROOT_DIR/.build/debug}/mlp

token=$(new_user shares)
user=$(curl -fsS --max-time 10 -H "Authorization: Bearer $token" "$BASE/api/v1/users/me" | json_field username)
id=$(curl -fsS --max-time 60 -H "Authorization: Bearer $token" -F "file=@${FIXTURES[0]}" -F "title=shared by the admin test" \
    "$BASE/api/v1/images" | json_field id)
url=$(curl -fsS --max-time 10 -X PUT -H "Authorization: Bearer $token" "$BASE/api/v1/images/$id/share" | json_field url)
case "$url" in "$BASE"/s/*) ;; *) die "the link is $url, expected it under $BASE/s/" ;; esac
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ] || die "the shared page does not answer 200"
cmp -s <(curl -fsS "$url/content") "${FIXTURES[0]}" || die "the shared bytes differ from the upload"

listed=$("$MLP" shares list --user "$user")
grep -q "^image $id	.*	/s/${url##*/s/}	shared by the admin test$" <<<"$listed" || die "mlp shares list: $listed"
"$MLP" shares stop "$url?from=abuse-report" | grep -q "^stopped the link of image $id " || die "mlp shares stop did not stop it"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 404 ] || die "the stopped link still answers"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/content")" = 404 ] || die "the stopped link's picture still answers"
if "$MLP" shares stop "$url" 2>/dev/null; then die "stopping a stopped link succeeded"; fi
[ "$(curl -fsS -H "Authorization: Bearer $token" "$BASE/api/v1/users/me/shares" | json_field total)" = 0 ] ||
    die "the owner still sees the link"
say "shares-admin: a link with the port ($url), listed, stopped from its reported URL, then 404: OK"
