#!/usr/bin/env bash
# An account's export moved into another account with `mlp users import`: every picture arrives with its title,
# the owner's label, whether it is a favourite, its albums and the same bytes (SHA-256), classified again; running the import again adds nothing; one album's
# download imports as that album; an archive re-packed
# with GNU tar from the extracted folder imports the same way; an archive cut off part-way imports what came
# before the cut and says the archive is not whole (exit status not 0); an unknown account is refused; with
# MLP_STORED_METADATA=remove a picture is stored without its file's metadata.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib/faults.sh"
T=$RUN_DIR/export-import
rm -rf "$T" && mkdir -p "$T"
MLP=${MLP_BUILD_DIR:-$ROOT_DIR/.build/debug}/mlp

# username TOKEN / pictures TOKEN: the account's username; "sha256 title label favourite-or-not" of each of its
# pictures, sorted.
username() { curl -fsS --max-time 10 -H "Authorization: Bearer $1" "$BASE/api/v1/users/me" | json_field username; }
pictures() {
    local id
    for id in $(curl -fsS --max-time 10 -H "Authorization: Bearer $1" "$BASE/api/v1/images?limit=100" | python3 -c 'import json,sys
for item in json.load(sys.stdin)["items"]: print(item["id"])'); do
        curl -fsS --max-time 10 -H "Authorization: Bearer $1" "$BASE/api/v1/images/$id" | python3 -c 'import json,sys
image = json.load(sys.stdin)
print(image["sha256"], image.get("title"), image.get("user_label"), "favourite" if image["favourite"] else "-")'
    done | sort
}

source_token=$(new_user source)
titles=("Morning coffee" "Chelsea" "")
for i in 0 1 2; do
    args=(-F "file=@${FIXTURES[$i]}")
    [ -n "${titles[$i]}" ] && args+=(-F "title=${titles[$i]}")
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 -H "Authorization: Bearer $source_token" "${args[@]}" "$BASE/api/v1/images")
    [ "$code" = 201 ] || die "upload $i answered $code"
done
# The first picture gets a label of the owner's and goes into two albums, which travel with it; the second goes
# into Kitchen after it, and the owner makes the first Kitchen's cover, which travels too.
first=$(curl -fsS --max-time 10 -H "Authorization: Bearer $source_token" "$BASE/api/v1/images?limit=100" | python3 -c 'import json,sys
print(json.load(sys.stdin)["items"][-1]["id"])')
curl -fsS --max-time 10 -X PUT -H "Authorization: Bearer $source_token" -H 'Content-Type: application/json' \
    -d '{"label":"flat white"}' "$BASE/api/v1/images/$first/label" >/dev/null
for name in Kitchen Mornings; do
    album=$(curl -fsS --max-time 10 -H "Authorization: Bearer $source_token" -H 'Content-Type: application/json' \
        -d "{\"name\":\"$name\"}" "$BASE/api/v1/albums" | json_field id)
    curl -fsS --max-time 10 -H "Authorization: Bearer $source_token" -H 'Content-Type: application/json' \
        -d "{\"image_ids\":[$first]}" "$BASE/api/v1/albums/$album/images" >/dev/null
    [ "$name" = Kitchen ] && kitchen_album=$album
done
second=$(curl -fsS --max-time 10 -H "Authorization: Bearer $source_token" "$BASE/api/v1/images?limit=100" | python3 -c 'import json,sys
print(json.load(sys.stdin)["items"][-2]["id"])')
curl -fsS --max-time 10 -H "Authorization: Bearer $source_token" -H 'Content-Type: application/json' \
    -d "{\"image_ids\":[$second]}" "$BASE/api/v1/albums/$kitchen_album/images" >/dev/null
curl -fsS --max-time 10 -X PUT -H "Authorization: Bearer $source_token" -H 'Content-Type: application/json' \
    -d "{\"image_id\":$first}" "$BASE/api/v1/albums/$kitchen_album/cover" >/dev/null
# The second is one of the owner's favourites, which travels too.
curl -fsS --max-time 10 -X PUT -H "Authorization: Bearer $source_token" "$BASE/api/v1/images/$second/favourite" >/dev/null
# albums TOKEN: "name (cover: title, chosen or not): titles" of each album's pictures, sorted.
albums() {
    local id
    for id in $(curl -fsS --max-time 10 -H "Authorization: Bearer $1" "$BASE/api/v1/albums" | python3 -c 'import json,sys
for album in json.load(sys.stdin)["items"]: print(album["id"])'); do
        curl -fsS --max-time 10 -H "Authorization: Bearer $1" "$BASE/api/v1/albums/$id/images" > "$T/album-pictures.json"
        curl -fsS --max-time 10 -H "Authorization: Bearer $1" "$BASE/api/v1/albums/$id" | python3 -c 'import json,sys
album = json.load(sys.stdin)
titles = {item["id"]: item["title"] or "" for item in json.load(open(sys.argv[1]))["items"]}
cover = titles.get((album.get("cover") or {}).get("id"), "-")
chosen = "chosen" if album.get("cover_chosen") else "latest"
print(album["name"] + " (cover: " + cover + ", " + chosen + "): " + ",".join(sorted(titles.values())))' "$T/album-pictures.json"
    done | sort
}
curl -fsS --max-time 60 -H "Authorization: Bearer $source_token" -o "$T/source.tar" "$BASE/api/v1/users/me/export"
want=$(pictures "$source_token")
grep -q " Morning coffee flat white -$" <<<"$want" || die "the label is not on the source picture: $want"
grep -q " Chelsea None favourite$" <<<"$want" || die "the source's favourite: $want"

target_token=$(new_user target)
target=$(username "$target_token")
"$MLP" users import "$target" "$T/source.tar" >"$T/first.out" || die "import failed: $(cat "$T/first.out")"
grep -q "^imported 3 picture(s), 0 already there, 0 refused$" "$T/first.out" || die "first import: $(cat "$T/first.out")"
[ "$(pictures "$target_token")" = "$want" ] || die "imported pictures differ: $(pictures "$target_token") vs $want"
labels=$(curl -fsS -H "Authorization: Bearer $target_token" "$BASE/api/v1/images?limit=100" | python3 -c 'import json,sys
print(sum(1 for item in json.load(sys.stdin)["items"] if item.get("top_prediction")))')
[ "$labels" = 3 ] || die "imported pictures without a classification: $labels of 3 classified"
[ "$(albums "$target_token")" = "$(albums "$source_token")" ] || die "albums differ: $(albums "$target_token") vs $(albums "$source_token")"
grep -qx "Kitchen (cover: Morning coffee, chosen): Chelsea,Morning coffee" <<<"$(albums "$source_token")" \
    || die "the source album's cover: $(albums "$source_token")"
say "import: 3 pictures with their titles, labels, favourites, albums and chosen covers ($(albums "$target_token" | tr '\n' ';')) and bytes, each classified again"

"$MLP" users import "$target" "$T/source.tar" >"$T/again.out" || die "second import failed: $(cat "$T/again.out")"
grep -q "^imported 0 picture(s), 3 already there, 0 refused$" "$T/again.out" || die "second import: $(cat "$T/again.out")"
[ "$(pictures "$target_token")" = "$want" ] || die "the second import changed the pictures"
[ "$(albums "$target_token")" = "$(albums "$source_token")" ] || die "the second import changed the albums: $(albums "$target_token")"
say "again: nothing added"

# One album's download imports as that album: its pictures, in their albums (each picture's JSON names them), with
# the cover chosen.
kitchen=$(curl -fsS --max-time 10 -H "Authorization: Bearer $source_token" "$BASE/api/v1/albums" | python3 -c 'import json,sys
print(next(a["id"] for a in json.load(sys.stdin)["items"] if a["name"] == "Kitchen"))')
curl -fsS --max-time 60 -H "Authorization: Bearer $source_token" -o "$T/album.tar" "$BASE/api/v1/albums/$kitchen/export"
# Listed into a file first: `tar -tf | grep -q` fails under pipefail when grep stops reading before tar has
# listed the last entry (tar then dies of SIGPIPE).
tar -tf "$T/album.tar" >"$T/album.list"
grep -qx "mlp-export/album.json" "$T/album.list" || die "the album's archive has no album.json"
album_token=$(new_user album)
"$MLP" users import "$(username "$album_token")" "$T/album.tar" >"$T/album.out" || die "album import: $(cat "$T/album.out")"
grep -q "^imported 2 picture(s), 0 already there, 0 refused$" "$T/album.out" || die "album import: $(cat "$T/album.out")"
[ "$(albums "$album_token" | tr '\n' ';')" = \
    "Kitchen (cover: Morning coffee, chosen): Chelsea,Morning coffee;Mornings (cover: Morning coffee, latest): Morning coffee;" ] ||
    die "the album's archive imported the albums $(albums "$album_token")"
say "an album's download: its 2 pictures, in their albums, with the cover chosen"

mkdir -p "$T/x" && tar -xf "$T/source.tar" -C "$T/x" && tar -C "$T/x" -cf "$T/repacked.tar" mlp-export
repacked_token=$(new_user repacked)
"$MLP" users import "$(username "$repacked_token")" "$T/repacked.tar" >"$T/repacked.out" || die "repacked: $(cat "$T/repacked.out")"
[ "$(pictures "$repacked_token")" = "$want" ] || die "the re-packed archive imported other pictures"
say "an archive re-packed with GNU tar: the same 3 pictures"

# Cut inside the last picture's bytes: what came before is imported, and the command fails.
last_offset=$(python3 - "$T/source.tar" <<'PY'
import sys, tarfile
members = [m for m in tarfile.open(sys.argv[1]).getmembers() if m.name.endswith((".jpg", ".png"))]
print(members[-1].offset_data + members[-1].size // 2)
PY
)
head -c "$last_offset" "$T/source.tar" >"$T/cut.tar"
cut_token=$(new_user cut)
if "$MLP" users import "$(username "$cut_token")" "$T/cut.tar" >"$T/cut.out" 2>"$T/cut.err"; then die "a cut archive was imported without complaint"; fi
grep -q "not a whole tar archive" "$T/cut.err" || die "the cut archive's message: $(cat "$T/cut.err")"
[ "$(pictures "$cut_token" | wc -l)" = 2 ] || die "from the cut archive: $(pictures "$cut_token" | wc -l) pictures, expected the 2 before the cut"
say "cut archive: the 2 pictures before the cut, exit status $(
    "$MLP" users import "$(username "$cut_token")" "$T/cut.tar" >/dev/null 2>&1 || echo $?)"

if "$MLP" users import "nobody-$$@example.org" "$T/source.tar" >/dev/null 2>&1; then die "an unknown account was accepted"; fi

# With MLP_STORED_METADATA=remove the import stores a phone's picture without its position, as the server does an
# upload: the coffee fixture with Exif (a GPS text), a comment and a trailer comes back as the fixture itself.
python3 - "${FIXTURES[0]}" "$T/phone.jpg" <<'PY'
import sys
jpeg = open(sys.argv[1], "rb").read()
def segment(marker, payload): return bytes([0xFF, marker]) + (len(payload) + 2).to_bytes(2, "big") + payload
exif = b"Exif\0\0MM\0\x2a\0\0\0\x08" + bytes(6) + b"GPSLatitude 48.8584"
open(sys.argv[2], "wb").write(jpeg[:20] + segment(0xE1, exif) + segment(0xFE, b"taken at home") + jpeg[20:] + b"MOTION-PHOTO")
PY
phone_token=$(new_user phone)
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 -H "Authorization: Bearer $phone_token" -F "file=@$T/phone.jpg" "$BASE/api/v1/images")
[ "$code" = 201 ] || die "the phone picture's upload answered $code"
curl -fsS --max-time 60 -H "Authorization: Bearer $phone_token" -o "$T/phone.tar" "$BASE/api/v1/users/me/export"
stripped_token=$(new_user stripped)
MLP_STORED_METADATA=remove "$MLP" users import "$(username "$stripped_token")" "$T/phone.tar" >"$T/stripped.out" \
    || die "import without metadata: $(cat "$T/stripped.out")"
got=$(pictures "$stripped_token" | cut -d' ' -f1)
[ "$got" = "$(sha256sum "${FIXTURES[0]}" | cut -d' ' -f1)" ] || die "stored without metadata: sha256 $got, not the fixture's"
[ "$(pictures "$phone_token" | cut -d' ' -f1)" = "$(sha256sum "$T/phone.jpg" | cut -d' ' -f1)" ] || die "the upload was not kept as sent"
if MLP_STORED_METADATA=sometimes "$MLP" users import "$(username "$stripped_token")" "$T/phone.tar" >/dev/null 2>&1; then
    die "a bad MLP_STORED_METADATA was accepted"
fi
say "MLP_STORED_METADATA=remove: the imported phone picture is the fixture without its Exif, comment and trailer"
rm -rf "$T"
say "export-import: OK"
