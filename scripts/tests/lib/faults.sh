# Helpers shared by the fault tests (sourced after scripts/lib.sh; not a test itself).
# Needs MLP_TEST_BASE_URL and MLP_DB_NAME as exported by scripts/test.sh.
BASE=${MLP_TEST_BASE_URL:?run through scripts/test.sh (MLP_TEST_BASE_URL)}
DB_NAME=${MLP_DB_NAME:?}
DB_SOCKET=$ROOT_DIR/run/mariadb/mariadb.sock
FIXTURES=("$ROOT_DIR/Tests/EndToEndTests/Fixtures/coffee.jpg" "$ROOT_DIR/Tests/EndToEndTests/Fixtures/chelsea.png"
    "$ROOT_DIR/bench/fixtures/coffee-640x480.jpg")

# admin_sql SQL...: runs SQL as the server's administrator (unix-socket login of this OS user).
admin_sql() { mariadb --no-defaults --socket="$DB_SOCKET" --user="$(id -un)" --batch --skip-column-names "$@"; }

# app_sql SQL: runs SQL in the test database as the administrator, printing bare values.
app_sql() { admin_sql "$DB_NAME" -e "$1"; }

# json_field FIELD: prints FIELD of the JSON object on standard input (empty when absent).
json_field() { python3 -c 'import json,sys
try: print(json.load(sys.stdin).get(sys.argv[1], ""))
except Exception: print("")' "$1"; }

# new_user PREFIX: signs a new user up and logs in; prints the bearer token.
new_user() {
    local user="$1-$$-$RANDOM@example.org" body code
    body='{"username":"'$user'","password":"a fine passphrase"}'
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H 'Content-Type: application/json' -d "$body" "$BASE/api/v1/users")
    [ "$code" = 201 ] || die "sign-up of $user answered $code"
    curl -fsS --max-time 10 -H 'Content-Type: application/json' -d "$body" "$BASE/api/v1/auth/login" | json_field access_token
}

# is_unavailable_problem HEADERS BODY: the saved answer is 503 application/problem+json with Retry-After
# and the unavailable problem type.
is_unavailable_problem() {
    grep -qiE '^HTTP/[0-9.]+ 503' "$1" && grep -qi '^content-type: application/problem+json' "$1" \
        && grep -qi '^retry-after: [0-9]' "$1" && grep -q '"/problems/unavailable"' "$2"
}

# rss_kib PID: resident set size of a process in KiB.
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# access_mark: the current length (lines) of nginx's access log, for access_statuses_since.
access_mark() { wc -l <"$RUN_DIR/nginx/access.log"; }

# access_statuses_since MARK: "count status" lines for the requests logged after MARK.
access_statuses_since() { tail -n +$(($1 + 1)) "$RUN_DIR/nginx/access.log" | awk '{print $9}' | sort | uniq -c; }

# access_5xx_since MARK [ALLOWED]: prints the requests after MARK that got a 5xx other than ALLOWED (e.g. 503).
access_5xx_since() { tail -n +$(($1 + 1)) "$RUN_DIR/nginx/access.log" | awk -v ok="${2:-none}" '$9 ~ /^5/ && $9 != ok'; }

# partial_rows: counts of rows a half-done upload would leave, as "no_predictions orphan_predictions bad_bytes";
# "0 0 0" when every live image has its current predictions, bytes and thumbnail, and every prediction its image.
partial_rows() {
    app_sql "SELECT
        (SELECT COUNT(*) FROM images i WHERE i.is_deleted = 0
            AND NOT EXISTS (SELECT 1 FROM predictions p WHERE p.image_id = i.id AND p.is_current)),
        (SELECT COUNT(*) FROM predictions p LEFT JOIN images i ON i.id = p.image_id WHERE i.id IS NULL),
        (SELECT COUNT(*) FROM images WHERE is_deleted = 0 AND (data IS NULL OR thumbnail IS NULL
            OR LENGTH(data) <> byte_size OR CONVERT(SHA2(data, 256) USING ascii) <> sha256))" | tr '\t' ' '
}

# expect_intact_after_fault MARK PID: dies unless the database holds no half-done upload (partial_rows), the app
# is still process PID (it recovered by itself), and nginx logged no 5xx but 503 since MARK.
expect_intact_after_fault() {
    local partial bad5xx
    partial=$(partial_rows)
    [ "$partial" = "0 0 0" ] || die "partial rows (no predictions, orphan predictions, bad bytes): $partial"
    [ "$(cat "$RUN_DIR/mlp.pid")" = "$2" ] && kill -0 "$2" || die "the app was restarted or died"
    bad5xx=$(access_5xx_since "$1" 503)
    [ -z "$bad5xx" ] || die "nginx logged 5xx other than 503: $(echo "$bad5xx" | head -3)"
}
