#!/usr/bin/env bash
# KILL CONNECTION of every database session of the app, six times, under load (3 upload clients that
# retry a 503 with the same Idempotency-Key, 2 read clients): only 2xx and 503 problem+json answers, 2xx
# again within 5 s of the last kill, and no upload stored twice (one row per Idempotency-Key, the id the
# client was finally given).
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib/faults.sh"
T=$RUN_DIR/db-kill-connection
rm -rf "$T" && mkdir -p "$T"
PID=$(cat "$RUN_DIR/mlp.pid")
MARK=$(access_mark)
token=$(new_user killconn)
[ -n "$token" ] || die "no token"
auth=(-H "Authorization: Bearer $token")
seed=$(curl -fsS --max-time 30 "${auth[@]}" -F "file=@${FIXTURES[0]}" "$BASE/api/v1/images" | json_field id)
[ -n "$seed" ] || die "first upload failed"

# answer NAME CODE RC: classifies one answer for the log: ok, 503, or bad.
answer() {
    if [ "$3" = 0 ] && [[ "$2" == 2?? ]]; then echo ok
    elif [ "$3" = 0 ] && is_unavailable_problem "$T/h.$1" "$T/b.$1"; then echo 503
    else echo "bad $2 $3 $(head -c 200 "$T/b.$1" 2>/dev/null | tr '\n' ' ')"; fi
}
# uploader N: logical uploads with their own Idempotency-Key, each retried on 503 (up to 20 times);
# logs "key id" for each upload that finally succeeded.
uploader() {
    local n=$1 i try key code rc verdict
    for ((i = 0; i < 500; i++)); do
        [ -e "$T/stop" ] && return 0
        key="kc-$$-$n-$i"
        for ((try = 0; try < 20; try++)); do
            rc=0
            code=$(curl -s -D "$T/h.u$n" -o "$T/b.u$n" -w '%{http_code}' --max-time 30 "${auth[@]}" -H "Idempotency-Key: $key" \
                -F "file=@${FIXTURES[$(((n + i) % ${#FIXTURES[@]}))]}" -F "title=$key" "$BASE/api/v1/images") || rc=$?
            verdict=$(answer "u$n" "$code" "$rc")
            echo "$verdict" | cut -c1-3 >>"$T/answers"
            [ "$verdict" = ok ] && { echo "$key $(json_field id <"$T/b.u$n")" >>"$T/keys.$n"; break; }
            [ "$verdict" = 503 ] || { echo "$verdict" >>"$T/bad"; break; }
            sleep 0.2
        done
    done
}
# reader N: alternates the list and one image's JSON.
reader() {
    local n=$1 i code rc path
    for ((i = 0; i < 5000; i++)); do
        [ -e "$T/stop" ] && return 0
        path=/api/v1/images; [ $((i % 2)) = 0 ] && path=/api/v1/images/$seed
        rc=0
        code=$(curl -s -D "$T/h.r$n" -o "$T/b.r$n" -w '%{http_code}' --max-time 30 "${auth[@]}" "$BASE$path") || rc=$?
        verdict=$(answer "r$n" "$code" "$rc")
        echo "$verdict" | cut -c1-3 >>"$T/answers"
        [ "$verdict" = ok ] || [ "$verdict" = 503 ] || echo "$verdict" >>"$T/bad"
    done
}
pids=()
cleanup() { touch "$T/stop"; for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
for n in 0 1 2; do uploader "$n" & pids+=($!); done
for n in 0 1; do reader "$n" & pids+=($!); done

sleep 3
killed=0
for round in 1 2 3 4 5 6; do
    ids=$(admin_sql -e "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = 'mlp' AND DB = '$DB_NAME'")
    [ -n "$ids" ] || die "round $round: the app holds no database connection"
    for id in $ids; do admin_sql -e "KILL CONNECTION $id" 2>/dev/null && killed=$((killed + 1)) || true; done
    say "round $round: killed $(echo "$ids" | wc -w) connections of the app"
    sleep 0.7
done
last_kill=$(date +%s.%N)
recovered=""
for ((i = 0; i < 100; i++)); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "${auth[@]}" "$BASE/api/v1/images")" = 200 ]; then
        recovered=$(awk -v a="$(date +%s.%N)" -v b="$last_kill" 'BEGIN {printf "%.2f", a - b}'); break
    fi
    sleep 0.05
done
[ -n "$recovered" ] || die "no 2xx within 5 s of the last kill"
sleep 2
touch "$T/stop"
wait "${pids[@]}" 2>/dev/null || true
pids=()

[ ! -s "$T/bad" ] || die "answers other than 2xx or 503 problem+json: $(sort "$T/bad" | uniq -c | head -5)"
ok=$(grep -c '^ok' "$T/answers" || true)
unavailable=$(grep -c '^503' "$T/answers" || true)
keys=$(cat "$T"/keys.* | wc -l)
[ "$keys" -gt 0 ] || die "no upload succeeded"
# One row per key, and it is the image the client was given.
rows=$(app_sql "SELECT idempotency_key, id FROM images WHERE idempotency_key LIKE 'kc-$$-%' ORDER BY idempotency_key" | tr '\t' ' ')
[ "$rows" = "$(cat "$T"/keys.* | sort)" ] || die "stored uploads differ from those acknowledged: $(diff <(echo "$rows") <(cat "$T"/keys.* | sort) | head -5)"
# A retried upload (same key, same request) answers with the stored image instead of storing it again.
read -r key id < <(cat "$T"/keys.0)
i=${key##*-}
n=$((i % ${#FIXTURES[@]}))   # uploader 0 sent fixture (0 + i) for its key kc-<pid>-0-<i>
code=$(curl -s -D "$T/replay.h" -o "$T/replay.json" -w '%{http_code}' --max-time 30 "${auth[@]}" -H "Idempotency-Key: $key" \
    -F "file=@${FIXTURES[$n]}" -F "title=$key" "$BASE/api/v1/images")
[ "$code" = 200 ] && grep -qi '^idempotent-replayed: true' "$T/replay.h" || die "the retried upload answered $code"
[ "$(json_field id <"$T/replay.json")" = "$id" ] || die "the retried upload answered another image"
[ "$(app_sql "SELECT COUNT(*) FROM images WHERE idempotency_key = '$key'")" = 1 ] || die "the retried upload was stored twice"
expect_intact_after_fault "$MARK" "$PID"
say "KILL CONNECTION x6 ($killed sessions): $ok answers 2xx, $unavailable 503 problem+json, 0 other; 2xx again ${recovered}s after the last kill; $keys uploads, one row each"
