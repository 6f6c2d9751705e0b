#!/usr/bin/env bash
# 500 logins with wrong passwords on one account, 32 at a time: at most MLP_LOGIN_MAX_FAILURES (10) of them
# are checked (401), every other one is 429 with Retry-After, none is 5xx; the right password is refused
# with 429 too while the account is locked; another account still logs in; the app's RSS stays flat while the
# locked account is hammered (the 400 attempts after the first 100 add less than 8 MiB). The first 10 attempts
# hash passwords (Argon2id, 19 MiB each); the server maps such buffers and returns them when freed, so the
# first 100 attempts may add at most 32 MiB, less than two hashes' worth.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib/faults.sh"
T=$RUN_DIR/login-flood
rm -rf "$T" && mkdir -p "$T"
PID=$(cat "$RUN_DIR/mlp.pid")
ATTEMPTS=500
PARALLEL=32
LIMIT=10               # MLP_LOGIN_MAX_FAILURES, the default of the test stack
RSS_BOUND_KIB=8192     # allowed RSS growth over the 400 throttled attempts
WARM_BOUND_KIB=32768   # allowed RSS growth over the first 100 (hash buffers go back to the system)
MARK=$(access_mark)

user="flood-$$-$RANDOM@example.org"
other="flood-other-$$-$RANDOM@example.org"
for u in "$user" "$other"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H 'Content-Type: application/json' \
        -d '{"username":"'$u'","password":"a fine passphrase"}' "$BASE/api/v1/users")
    [ "$code" = 201 ] || die "sign-up answered $code"
done
# Warm up (first hash, statement caches) before the RSS baseline.
curl -s -o /dev/null --max-time 10 -H 'Content-Type: application/json' \
    -d '{"username":"'$other'","password":"a fine passphrase"}' "$BASE/api/v1/auth/login"
rss_before=$(rss_kib "$PID")

# One attempt: prints "status retry-after".
export BASE user T
attempt() {
    curl -s -D "$T/h.$1" -o /dev/null --max-time 30 -H 'Content-Type: application/json' \
        -d '{"username":"'$user'","password":"wrong password '$1'"}' "$BASE/api/v1/auth/login" >/dev/null || true
    awk 'NR == 1 {s = $2} tolower($1) == "retry-after:" {r = $2} END {printf "%s %s\n", s ? s : "none", r ? r + 0 : "-"}' "$T/h.$1" | tr -d '\r'
    rm -f "$T/h.$1"
}
export -f attempt
start=$(date +%s.%N)
seq 100 | xargs -P "$PARALLEL" -I{} bash -c 'attempt {}' >"$T/answers"
rss_mid=$(rss_kib "$PID")
seq 101 "$ATTEMPTS" | xargs -P "$PARALLEL" -I{} bash -c 'attempt {}' >>"$T/answers"
elapsed=$(awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN {printf "%.1f", a - b}')
rss_after=$(rss_kib "$PID")

[ "$(wc -l <"$T/answers")" = "$ATTEMPTS" ] || die "only $(wc -l <"$T/answers") answers"
unauthorized=$(grep -c '^401 ' "$T/answers" || true)
limited=$(grep -c '^429 ' "$T/answers" || true)
others=$(grep -vE '^(401|429) ' "$T/answers" || true)
[ -z "$others" ] || die "answers other than 401/429: $(echo "$others" | sort | uniq -c)"
[ "$unauthorized" -le "$LIMIT" ] || die "$unauthorized passwords were checked; the limit is $LIMIT per window"
[ "$unauthorized" -ge 1 ] || die "no attempt was checked at all"
no_retry=$(grep '^429 ' "$T/answers" | grep -vcE '^429 [0-9]+$' || true)
[ "$no_retry" = 0 ] || die "$no_retry answers 429 without Retry-After"
max_retry=$(awk '$1 == 429 {if ($2 > m) m = $2} END {print m + 0}' "$T/answers")
[ "$max_retry" -le 900 ] || die "Retry-After $max_retry is beyond the 15-minute window"
failures=$(app_sql "SELECT COUNT(*) FROM login_attempts WHERE throttle_key = 'account:$user'")
[ "$failures" = "$unauthorized" ] || die "$failures failures recorded for $unauthorized checked attempts"

# Locked: the right password is refused without being checked.
code=$(curl -s -D "$T/right.h" -o "$T/right.json" -w '%{http_code}' --max-time 10 -H 'Content-Type: application/json' \
    -d '{"username":"'$user'","password":"a fine passphrase"}' "$BASE/api/v1/auth/login")
[ "$code" = 429 ] || die "the right password answered $code while the account is locked"
grep -qi '^retry-after: [0-9]' "$T/right.h" || die "429 without Retry-After"
grep -q '"/problems/rate-limited"' "$T/right.json" || die "429 is not the rate-limited problem: $(cat "$T/right.json")"
# Another account is not locked by the flood.
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H 'Content-Type: application/json' \
    -d '{"username":"'$other'","password":"a fine passphrase"}' "$BASE/api/v1/auth/login")
[ "$code" = 200 ] || die "another account answered $code after the flood"

warm=$((rss_mid - rss_before))
growth=$((rss_after - rss_mid))
[ "$warm" -le "$WARM_BOUND_KIB" ] || die "RSS grew by $warm KiB over the first 100 attempts (bound $WARM_BOUND_KIB KiB)"
[ "$growth" -le "$RSS_BOUND_KIB" ] || die "RSS grew by $growth KiB over the 400 throttled attempts (bound $RSS_BOUND_KIB KiB)"
bad5xx=$(access_5xx_since "$MARK")
[ -z "$bad5xx" ] || die "5xx logged: $(echo "$bad5xx" | head -3)"
say "login flood: $ATTEMPTS attempts ($PARALLEL parallel) in ${elapsed}s: $unauthorized x 401, $limited x 429 (Retry-After <= ${max_retry}s), 0 x 5xx; right password 429 while locked; RSS ${rss_before} -> ${rss_mid} KiB after 100 (+${warm}, bound ${WARM_BOUND_KIB}) -> ${rss_after} KiB after 500 (+${growth}, bound ${RSS_BOUND_KIB})"
