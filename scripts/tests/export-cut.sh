#!/usr/bin/env bash
# An account export (GET /api/v1/users/me/export, streamed without a Content-Length) that fails part-way must
# fail for the client too. The account holds about 300 MB of pictures; mariadbd is killed (-9) while the app is
# still writing the archive. curl must see a broken transfer (exit 18), never a shorter archive that looks
# whole; after MariaDB's restart the same export is whole again (tar lists every picture), from the same app
# process. A whole export is checked first, and `mlp users export` writes the same members into a file (never
# over an existing one); the synthetic rows are removed at the end.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib/faults.sh"
T=$RUN_DIR/export-cut
rm -rf "$T" && mkdir -p "$T"
PID=$(cat "$RUN_DIR/mlp.pid")
COPIES=300
token=$(new_user export)
[ -n "$token" ] || die "no token"
me=$(curl -fsS --max-time 10 -H "Authorization: Bearer $token" "$BASE/api/v1/users/me")
user_id=$(echo "$me" | json_field id)
username=$(echo "$me" | json_field username)

cleanup() {
    bash "$ROOT_DIR/scripts/mariadb.sh" start >/dev/null 2>&1 || true
    app_sql "DELETE FROM images WHERE user_id = $user_id; UPDATE users SET stored_bytes = 0 WHERE id = $user_id" >/dev/null 2>&1 || true
}
trap cleanup EXIT

code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 -H "Authorization: Bearer $token" \
    -F "file=@${FIXTURES[0]}" -F "title=export" "$BASE/api/v1/images")
[ "$code" = 201 ] || die "upload answered $code"
# $COPIES more pictures of 1 MiB each, written straight into the database (consistent rows: size, SHA-256, current
# predictions copied from the uploaded picture).
app_sql "
    CREATE TEMPORARY TABLE digits (d INT); INSERT INTO digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9);
    INSERT INTO images (user_id, title, content_type, byte_size, width, height, sha256, data, thumbnail, thumbnail_sha256,
                        created_at, updated_at)
    SELECT i.user_id, 'copy', i.content_type, 1048576, i.width, i.height, SHA2(REPEAT('x', 1048576), 256),
           REPEAT('x', 1048576), i.thumbnail, i.thumbnail_sha256, i.created_at, i.updated_at
    FROM images i, digits a, digits b, digits c
    WHERE i.user_id = $user_id AND a.d * 100 + b.d * 10 + c.d < $COPIES;
    INSERT INTO predictions (image_id, model_id, \`rank\`, class_index, label, score, is_current, created_at)
    SELECT c.id, p.model_id, p.\`rank\`, p.class_index, p.label, p.score, TRUE, p.created_at
    FROM images c JOIN images o ON o.user_id = c.user_id AND o.title = 'export' JOIN predictions p ON p.image_id = o.id
    WHERE c.user_id = $user_id AND c.title = 'copy';"
count=$(app_sql "SELECT COUNT(*) FROM images WHERE user_id = $user_id AND is_deleted = 0")
[ "$count" = $((COPIES + 1)) ] || die "expected $((COPIES + 1)) pictures, the database has $count"

# export FILE: downloads the archive; prints "http_code curl_exit bytes".
export_to() {
    local rc=0 code
    code=$(curl -s -o "$1" -w '%{http_code}' --max-time 120 -H "Authorization: Bearer $token" "$BASE/api/v1/users/me/export") || rc=$?
    echo "$code $rc $(stat -c %s "$1" 2>/dev/null || echo 0)"
}
# members FILE: the number of members tar lists (fails on a broken archive).
members() { tar -tf "$1" | wc -l; }
expected=$((4 + 2 * (COPIES + 1)))

read -r code rc whole_bytes < <(export_to "$T/whole.tar")
[ "$code $rc" = "200 0" ] || die "the whole export: HTTP $code, curl exit $rc"
[ "$(members "$T/whole.tar")" = "$expected" ] || die "the whole export lists $(members "$T/whole.tar") members, expected $expected"
say "whole export: $whole_bytes bytes, $expected members"

# The administrator's copy: the same members, a private file, never written over an existing one.
MLP=${MLP_BUILD_DIR:-$ROOT_DIR/.build/debug}/mlp
"$MLP" users export "$username" --output "$T/cli.tar" 2>"$T/cli.err" || die "mlp users export failed: $(cat "$T/cli.err")"
cmp -s <(tar -tf "$T/whole.tar") <(tar -tf "$T/cli.tar") || die "mlp users export wrote other members than the download"
[ "$(stat -c %a "$T/cli.tar")" = 600 ] || die "the exported file is readable by others ($(stat -c %a "$T/cli.tar"))"
before=$(sha256sum <"$T/cli.tar")
if "$MLP" users export "$username" --output "$T/cli.tar" 2>/dev/null; then die "mlp users export replaced an existing file"; fi
[ "$(sha256sum <"$T/cli.tar")" = "$before" ] || die "the existing file was changed"
if "$MLP" users export "nobody-$$@example.org" --output "$T/nobody.tar" 2>/dev/null; then die "an unknown account was exported"; fi
say "mlp users export: $(cat "$T/cli.err")"

MARK=$(access_mark)
( sleep 0.4; kill -KILL "$(cat "$ROOT_DIR/run/mariadb/mariadb.pid")" ) &
killer=$!
read -r code rc cut_bytes < <(export_to "$T/cut.tar")
wait "$killer"
say "export with mariadbd killed after 0.4 s: HTTP $code, curl exit $rc, $cut_bytes of $whole_bytes bytes"
[ "$cut_bytes" -lt "$whole_bytes" ] || die "the export was complete before the kill: nothing was tested (make the account larger)"
[ "$code" = 200 ] || die "expected the cut export to have started (200), got $code"
[ "$rc" = 18 ] || die "the cut export looked complete to curl (exit $rc, expected 18: transfer closed with data outstanding)"
grep -q "streamed answer cut off" "$RUN_DIR/mlp.log" || die "the app did not log the cut-off export"

sleep 2
bash "$ROOT_DIR/scripts/mariadb.sh" start >/dev/null
# Whole again once the database is back (the app reconnects by itself); retried while it comes up.
for attempt in 1 2 3 4 5 6 7 8 9 10; do
    read -r code rc again_bytes < <(export_to "$T/again.tar")
    [ "$code $rc" = "200 0" ] && break
    sleep 1
done
[ "$code $rc" = "200 0" ] || die "after the restart the export answered HTTP $code, curl exit $rc"
[ "$(members "$T/again.tar")" = "$expected" ] || die "after the restart the export lists $(members "$T/again.tar") members"
[ "$(cat "$RUN_DIR/mlp.pid")" = "$PID" ] && kill -0 "$PID" || die "the app was restarted or died"
say "after the restart: whole again ($again_bytes bytes), same app process"
rm -f "$T"/*.tar
say "export-cut: OK"
