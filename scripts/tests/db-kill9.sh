#!/usr/bin/env bash
# kill -9 of MariaDB in the middle of an upload loop (4 concurrent clients), then a restart: while the
# database is down the app answers 503 problem+json (nothing else: no 500, no connection error); afterwards
# every upload that got 201 is there with the same bytes (sha256), no upload is half stored, and the app
# recovered by itself (same process).
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib/faults.sh"
T=$RUN_DIR/db-kill9
rm -rf "$T" && mkdir -p "$T"
PID=$(cat "$RUN_DIR/mlp.pid")
CLIENTS=4
MARK=$(access_mark)
token=$(new_user kill9)
[ -n "$token" ] || die "no token"

# client N: uploads fixtures until $T/stop exists (at most 2000 requests); logs "201 id sha256", "503",
# or "bad <code> <curl exit>" per request.
client() {
    local n=$1 i file code rc sha
    for ((i = 0; i < 2000; i++)); do
        [ -e "$T/stop" ] && return 0
        file=${FIXTURES[$(((n + i) % ${#FIXTURES[@]}))]}
        rc=0
        code=$(curl -s -D "$T/h.$n" -o "$T/b.$n" -w '%{http_code}' --max-time 30 -H "Authorization: Bearer $token" \
            -F "file=@$file" -F "title=kill9 $n.$i" "$BASE/api/v1/images") || rc=$?
        if [ "$rc" = 0 ] && [ "$code" = 201 ]; then
            sha=$(sha256sum <"$file" | cut -c1-64)
            echo "201 $(json_field id <"$T/b.$n") $sha" >>"$T/log.$n"
        elif [ "$rc" = 0 ] && is_unavailable_problem "$T/h.$n" "$T/b.$n"; then
            echo 503 >>"$T/log.$n"
            sleep 0.2
        else
            echo "bad $code $rc $(head -c 200 "$T/b.$n" 2>/dev/null | tr '\n' ' ')" >>"$T/log.$n"
            sleep 0.2
        fi
    done
}
created() { cat "$T"/log.* 2>/dev/null | grep -c '^201' || true; }
# wait_created N SECONDS: wait until at least N uploads got 201 in all.
wait_created() { local i; for ((i = 0; i < $2 * 10; i++)); do [ "$(created)" -ge "$1" ] && return 0; sleep 0.1; done; return 1; }

pids=()
cleanup() {
    touch "$T/stop"
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    bash "$ROOT_DIR/scripts/mariadb.sh" start >/dev/null 2>&1 || true
}
trap cleanup EXIT
for ((n = 0; n < CLIENTS; n++)); do client "$n" & pids+=($!); done

wait_created 8 60 || die "uploads did not get going: $(cat "$T"/log.* 2>/dev/null | sort | uniq -c)"
db_pid=$(cat "$ROOT_DIR/run/mariadb/mariadb.pid")
kill -KILL "$db_pid"
killed_at=$(created)
say "kill -9 of mariadbd (pid $db_pid) after $killed_at uploads"
sleep 3
start_s=$SECONDS
bash "$ROOT_DIR/scripts/mariadb.sh" start >/dev/null
say "MariaDB restarted (crash recovery) in $((SECONDS - start_s)) s"
restarted_at=$(created)
wait_created $((restarted_at + 8)) 60 || die "uploads did not resume after the restart"
touch "$T/stop"
wait "${pids[@]}" 2>/dev/null || true
pids=()

total=$(cat "$T"/log.* | wc -l)
ok=$(created)
unavailable=$(cat "$T"/log.* | grep -c '^503' || true)
bad=$(cat "$T"/log.* | grep '^bad' || true)
[ -z "$bad" ] || die "answers other than 201 or 503 problem+json: $(echo "$bad" | sort | uniq -c | head -5)"
[ "$unavailable" -gt 0 ] || say "note: no request hit the outage window with a 503"

# Every 201 is stored with the bytes that were sent.
missing=0
while read -r _ id sha; do
    got=$(curl -s --max-time 10 -H "Authorization: Bearer $token" "$BASE/api/v1/images/$id/content" | sha256sum | cut -c1-64)
    [ "$got" = "$sha" ] || { say "image $id: sha256 $got, sent $sha"; missing=$((missing + 1)); }
done < <(cat "$T"/log.* | grep '^201')
[ "$missing" = 0 ] || die "$missing of $ok acknowledged uploads are missing or differ"
expect_intact_after_fault "$MARK" "$PID"
say "kill -9: $total uploads, $ok got 201 (all present, sha256 equal), $unavailable got 503 problem+json, 0 other; no partial rows; same app pid $PID"
