#!/usr/bin/env bash
# Share links through nginx and `mlp shares`: a shared picture's page and bytes answer without an account, the
# link carries the port nginx listens on, `mlp shares list` shows it, `mlp shares stop` ends it as a report would
# quote it (the whole URL with a query), after which the page is 404; stopping it again exits 1. The same for an
# album's link.
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

# An album's link: its page, a picture's page and bytes under it, listed, stopped as a picture's page in it would
# be quoted (the administrator is handed whatever URL the report has).
album=$(curl -fsS --max-time 10 -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"name":"Reported album"}' "$BASE/api/v1/albums" | json_field id)
curl -fsS --max-time 10 -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"image_ids\":[$id]}" "$BASE/api/v1/albums/$album/images" > /dev/null
album_url=$(curl -fsS --max-time 10 -X PUT -H "Authorization: Bearer $token" "$BASE/api/v1/albums/$album/share" | json_field url)
case "$album_url" in "$BASE"/a/*) ;; *) die "the album link is $album_url, expected it under $BASE/a/" ;; esac
curl -fsS "$album_url" | grep -q "<h1>Reported album</h1>" || die "the shared album's page does not name it"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$album_url/$id")" = 200 ] || die "the album's picture page does not answer 200"
cmp -s <(curl -fsS "$album_url/$id/content") "${FIXTURES[0]}" || die "the album's shared bytes differ from the upload"
listed=$("$MLP" shares list --user "$user")
grep -q "^album $album	.*	/a/${album_url##*/a/}	Reported album$" <<<"$listed" || die "mlp shares list: $listed"
grep -q "^1 album link(s)$" <<<"$listed" || die "mlp shares list does not count the album link: $listed"
"$MLP" shares stop "$album_url/$id/content" | grep -q "^stopped the link of album $album " || die "mlp shares stop did not stop the album link"
for path in "" "/$id" "/$id/thumbnail"; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$album_url$path")" = 404 ] || die "the stopped album link still answers at '$path'"
done
if "$MLP" shares stop "${album_url##*/a/}" 2>/dev/null; then die "stopping a stopped album link by its token succeeded"; fi
say "shares-admin: a link with the port ($url), listed, stopped from its reported URL, then 404; an album's link ($album_url) likewise: OK"
