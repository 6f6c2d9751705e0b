#!/usr/bin/env bash
# Two app instances behind one nginx upstream (what `make run SCALE=2` starts): a token issued by instance 1
# is accepted by instance 2 (sessions live in MariaDB), and `kill -9` of one instance during a wrk run leaves
# nginx routing around it (retry on the other instance, then passive health) with no failed request.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
S=$RUN_DIR/scale
PORT=$((${MLP_HTTP_PORT:-18080} + 3))
rm -rf "$S" && mkdir -p "$S"
export MLP_RUN_DIR=$S
RUN_DIR=$S
unset MLP_SOCKET
# nginx_for NAME PORT UPSTREAM...: an nginx of its own (run dir $S/NAME) in front of the given sockets.
nginx_for() {
    local name=$1 port=$2
    shift 2
    MLP_RUN_DIR=$S/$name MLP_HTTP_PORT=$port MLP_UPSTREAM="$*" bash "$ROOT_DIR/scripts/nginx.sh" "${NGINX_ACTION:-start}" 2>/dev/null
}
cleanup() {
    for n in both only1 only2; do NGINX_ACTION=stop nginx_for "$n" 0 x >/dev/null 2>&1 || true; done
    for i in 1 2; do bash "$ROOT_DIR/scripts/app.sh" stop "$i" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
for i in 1 2; do bash "$ROOT_DIR/scripts/app.sh" start "$i"; done
nginx_for both "$PORT" "unix:$S/mlp-1.sock" "unix:$S/mlp-2.sock"
nginx_for only1 $((PORT + 1)) "unix:$S/mlp-1.sock"
nginx_for only2 $((PORT + 2)) "unix:$S/mlp-2.sock"
BOTH="http://127.0.0.1:$PORT" ONE="http://127.0.0.1:$((PORT + 1))" TWO="http://127.0.0.1:$((PORT + 2))"
for url in "$BOTH" "$ONE" "$TWO"; do wait_http "$url/healthz" 20 || die "no answer from $url"; done

# Sign up and log in on instance 1, use the token on instance 2.
user="scale-$$-$RANDOM@example.org"
body='{"username":"'$user'","password":"a fine passphrase"}'
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$body" "$ONE/api/v1/users")
[ "$code" = 201 ] || die "sign-up on instance 1 answered $code"
token=$(curl -fsS -H 'Content-Type: application/json' -d "$body" "$ONE/api/v1/auth/login" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])') || die "login on instance 1 failed"
me=$(curl -fsS -H "Authorization: Bearer $token" "$TWO/api/v1/users/me") || die "instance 2 refused the token from instance 1"
echo "$me" | grep -q "\"$user\"" || die "instance 2 answered another user: $me"
grep -q 'POST /api/v1/auth/login 200' "$S/mlp-1.log" || die "the login did not run on instance 1"
grep -q 'GET /api/v1/users/me 200' "$S/mlp-2.log" || die "the token check did not run on instance 2"
! grep -q 'POST /api/v1/auth/login' "$S/mlp-2.log" || die "instance 2 served a login it should not have seen"
say "token issued by instance 1 accepted by instance 2"

# Both instances take traffic through the shared upstream.
for _ in $(seq 20); do curl -fsS -o /dev/null "$BOTH/api/v1/version"; done
for i in 1 2; do
    grep -q 'GET /api/v1/version 200' "$S/mlp-$i.log" || die "instance $i got no share of the traffic"
done

# kill -9 instance 2 in the middle of a wrk run.
wrk -t2 -c50 -d6s "$BOTH/api/v1/version" >"$S/wrk.txt" &
WRK=$!
sleep 2
kill -KILL "$(cat "$S/mlp-2.pid")"
wait "$WRK" || die "wrk failed"
grep -E "requests in|Requests/sec|Non-2xx|Socket errors" "$S/wrk.txt" || true
requests=$(awk '/requests in/ {print $1}' "$S/wrk.txt")
failed=$(awk '/Non-2xx/ {print $NF}' "$S/wrk.txt")
[ "${requests:-0}" -gt 1000 ] || die "too few requests answered: $requests"
! grep -q "Socket errors" "$S/wrk.txt" || die "socket errors while an instance died"
[ "${failed:-0}" = 0 ] || die "$failed requests failed while an instance died"
for _ in $(seq 20); do curl -fsS -o /dev/null "$BOTH/api/v1/version" || die "a request failed after the kill"; done
errors=$(grep -c 'connect() to unix:.*mlp-2.sock failed\|recv() failed\|upstream prematurely closed' "$S/both/nginx/error.log" || true)
say "instance 2 killed under load: $requests requests, 0 failed; nginx logged $errors upstream errors and routed around them"
