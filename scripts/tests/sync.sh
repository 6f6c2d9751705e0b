#!/usr/bin/env bash
# tools/mlp-sync against the stack, with API keys: a dry run with a read-only key sends nothing; a run with a full
# key uploads each picture once (a copy under another name is found by its SHA-256 and not sent), reports a file
# that is no picture and goes on, keeps titles literal (a name starting with @ reads no file; ; and spaces in a
# name); a second run uploads nothing; --album puts every picture of the folder into an album, made once and found
# again by name; a read-only key cannot upload and a revoked one stops the run.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib/faults.sh"
T=$RUN_DIR/sync
rm -rf "$T" && mkdir -p "$T/photos/sub dir"
SYNC=$ROOT_DIR/tools/sync/mlp-sync

token=$(new_user sync)
# make_key JSON: a new API key of the account; prints "id token".
make_key() {
    curl -fsS --max-time 10 -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$1" \
        "$BASE/api/v1/users/me/keys" | python3 -c 'import json,sys
key = json.load(sys.stdin); print(key["id"], key["token"])'
}
read -r full_id full_key <<<"$(make_key '{"name":"sync test","expires_in_days":1}')"
read -r _ reader_key <<<"$(make_key '{"name":"sync test, read only","read_only":true}')"

# The folder: two pictures, a copy of one under another name, a third picture (the coffee with bytes after its
# end, which decoders ignore) named with a leading @, and a text file named .jpg.
cp "${FIXTURES[0]}" "$T/photos/copy of coffee.JPG"
cp "${FIXTURES[0]}" "$T/photos/sub dir/coffee.jpg"
cp "${FIXTURES[1]}" "$T/photos/sub dir/Chelsea; the cat.png"
{ cat "${FIXTURES[0]}"; printf 'trailing bytes'; } >"$T/photos/@etc.jpg"
echo "not a picture" >"$T/photos/notes.jpg"
titles() {
    curl -fsS --max-time 10 -H "Authorization: Bearer $token" "$BASE/api/v1/images?limit=100" | python3 -c 'import json,sys
print("|".join(sorted(item["title"] or "" for item in json.load(sys.stdin)["items"])))'
}

out=$(MLP_URL=$BASE MLP_API_KEY=$reader_key bash "$SYNC" --dry-run "$T/photos")
echo "$out" | tail -1
[ "$(echo "$out" | tail -1)" = "5 to upload, 0 already there (nothing sent)" ] || die "dry run: $out"
[ "$(titles)" = "" ] || die "the dry run stored something: $(titles)"

status=0
out=$(MLP_URL=$BASE MLP_API_KEY=$full_key bash "$SYNC" "$T/photos") || status=$?
echo "$out"
[ $status = 1 ] || die "a refused file must make the exit status 1, not $status"
[ "$(echo "$out" | tail -1)" = "3 uploaded, 1 already there, 1 refused" ] || die "first run: $out"
grep -q "^already there: sub dir/coffee.jpg$" <<<"$out" || die "the copy was not recognised"
grep -q "^refused (415): notes.jpg: " <<<"$out" || die "the text file was not reported"
[ "$(titles)" = "@etc|Chelsea; the cat|copy of coffee" ] || die "titles: $(titles)"

status=0
out=$(MLP_URL=$BASE MLP_API_KEY=$full_key bash "$SYNC" "$T/photos") || status=$?
[ "$(echo "$out" | tail -1)" = "0 uploaded, 4 already there, 1 refused" ] || die "second run: $out"
echo "again: $(echo "$out" | tail -1)"

# --album: every picture of the folder (the copy is the same picture) goes into an album, made on the first run and
# found again by its name in another case on the next.
album_count() {
    curl -fsS --max-time 10 -H "Authorization: Bearer $token" "$BASE/api/v1/albums" | python3 -c 'import json,sys
print(" ".join(a["name"] + "=" + str(a["picture_count"]) for a in json.load(sys.stdin)["items"]))'
}
for name in " Trip \"2026\" " 'trip "2026"'; do
    status=0
    out=$(MLP_URL=$BASE MLP_API_KEY=$full_key bash "$SYNC" --album "$name" "$T/photos") || status=$?
    [ $status = 1 ] || die "--album: exit status $status: $out"
    [ "$(echo "$out" | tail -2 | head -1)" = "0 uploaded, 4 already there, 1 refused" ] || die "--album run: $out"
    [ "$(echo "$out" | tail -1)" = '3 picture(s) in the album "'"$(echo "$name" | sed 's/^ *//; s/ *$//')"'"' ] || die "--album: $out"
    [ "$(album_count)" = 'Trip "2026"=3' ] || die "albums after --album \"$name\": $(album_count)"
done
echo "--album: $(album_count)"

# A new picture: the read-only key may look but not upload, and the run stops; so does a revoked key.
cp "${FIXTURES[2]}" "$T/photos/new.jpg"
rm "$T/photos/notes.jpg"
status=0
out=$(MLP_URL=$BASE MLP_API_KEY=$reader_key bash "$SYNC" "$T/photos" 2>&1) || status=$?
[ $status = 2 ] && grep -q "refused the key (403)" <<<"$out" || die "read-only upload: $status $out"
curl -fsS --max-time 10 -X DELETE -H "Authorization: Bearer $token" "$BASE/api/v1/users/me/keys/$full_id" >/dev/null
status=0
out=$(MLP_URL=$BASE MLP_API_KEY=$full_key bash "$SYNC" "$T/photos" 2>&1) || status=$?
[ $status = 2 ] && grep -q "refused the key (401)" <<<"$out" || die "revoked key: $status $out"
[ "$(titles)" = "@etc|Chelsea; the cat|copy of coffee" ] || die "something was stored after the refusals: $(titles)"
echo "sync: a dry run sends nothing, each picture once, copies found by digest, refusals reported, keys respected: OK"
