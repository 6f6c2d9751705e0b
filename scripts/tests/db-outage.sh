#!/usr/bin/env bash
# MariaDB stopped: /readyz answers 503 problem+json and the app keeps running; MariaDB back: /readyz 200
# again without restarting the app.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
BASE=${MLP_TEST_BASE_URL:?}
PID=$(cat "$RUN_DIR/mlp.pid")
code() { curl -s -o "$RUN_DIR/readyz.json" -w '%{http_code}' "$BASE/readyz"; }

[ "$(code)" = 200 ] || die "/readyz not 200 before the outage"
bash "$ROOT_DIR/scripts/mariadb.sh" stop >/dev/null
trap 'bash "$ROOT_DIR/scripts/mariadb.sh" start >/dev/null' EXIT
c=$(code)
[ "$c" = 503 ] || die "/readyz answered $c with MariaDB down"
grep -q '"/problems/unavailable"' "$RUN_DIR/readyz.json" || die "/readyz body is not the unavailable problem"
kill -0 "$PID" || die "app died when MariaDB went away"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/healthz")" = 200 ] || die "/healthz failed during the outage"
api=$(curl -s -o "$RUN_DIR/api.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    -d '{"username":"outage@example.org","password":"a fine passphrase"}' "$BASE/api/v1/users")
[ "$api" = 503 ] || die "POST /api/v1/users answered $api with MariaDB down"
grep -q '"/problems/unavailable"' "$RUN_DIR/api.json" || die "API error during the outage is not problem+json"
bash "$ROOT_DIR/scripts/mariadb.sh" start >/dev/null
trap - EXIT
for ((i = 0; i < 50; i++)); do [ "$(code)" = 200 ] && break; sleep 0.2; done
[ "$(code)" = 200 ] || die "/readyz did not recover after MariaDB came back"
api=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d '{"username":"outage-'$$'@example.org","password":"a fine passphrase"}' "$BASE/api/v1/users")
[ "$api" = 201 ] || die "POST /api/v1/users answered $api after MariaDB came back"
say "outage: 503 while down, 200 after restart, same app process"
