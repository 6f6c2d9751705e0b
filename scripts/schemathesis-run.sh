#!/usr/bin/env bash
# Runs schemathesis against a running MLP stack with the API document docs/openapi.yaml, every check, a fixed
# example budget and seed: scripts/schemathesis-run.sh [MAX_EXAMPLES] [SEED]. Used by scripts/tests/schemathesis.sh
# (small budget, `make test`) and scripts/fuzz.sh (large budget, `make fuzz`).
# Needs MLP_TEST_BASE_URL (the stack's nginx). Creates a user with two pictures, tokens for the operations that end
# sessions, installs schemathesis into .venv-tools/ when missing. Exit 0 only when schemathesis reports no failure.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

MAX_EXAMPLES=${1:-${MLP_ST_MAX_EXAMPLES:-50}}
SEED=${2:-${MLP_ST_SEED:-20261127}}
BASE=${MLP_TEST_BASE_URL:?MLP_TEST_BASE_URL must name the running stack}
TOOLS=$ROOT_DIR/.venv-tools
REQUIREMENTS=$ROOT_DIR/scripts/schemathesis/requirements.txt
OUT=$RUN_DIR/schemathesis
FIXTURES=$ROOT_DIR/Tests/EndToEndTests/Fixtures

# schemathesis, pinned, in its own venv.
wanted=$(sed -n 's/^schemathesis==//p' "$REQUIREMENTS")
if [ "$("$TOOLS/bin/schemathesis" --version 2>/dev/null | awk '{print $NF}')" != "$wanted" ]; then
    say "installing schemathesis $wanted into .venv-tools ..."
    [ -x "$TOOLS/bin/pip" ] || python3 -m venv "$TOOLS"
    "$TOOLS/bin/pip" install -q --disable-pip-version-check -r "$REQUIREMENTS" || die "pip could not install schemathesis"
fi

rm -rf "$OUT"
mkdir -p "$OUT"
run_id="$(date +%s)-$$"
password="st-password-$run_id"

# post PATH JSON [TOKEN]: POST JSON, print the body; fail on a status other than 2xx.
post() {
    local auth=()
    [ -n "${3:-}" ] && auth=(-H "Authorization: Bearer $3")
    curl -fsS --max-time 60 "$BASE$1" -H 'Content-Type: application/json' "${auth[@]}" -d "$2"
}
token_of() { sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'; }
# account NAME: sign up NAME@example.test, print a token.
account() {
    local user="$1-$run_id@example.test"
    post /api/v1/users "{\"username\":\"$user\",\"password\":\"$password\"}" >/dev/null || die "sign-up of $user failed"
    post /api/v1/auth/login "{\"username\":\"$user\",\"password\":\"$password\"}" | token_of
}
login() { post /api/v1/auth/login "{\"username\":\"$1-$run_id@example.test\",\"password\":\"$password\"}" | token_of; }

say "preparing: a user with two pictures, session pools ..."
MLP_ST_TOKEN=$(account st-main)
[ -n "$MLP_ST_TOKEN" ] || die "no token for the main test user"
for picture in chelsea.png coffee.jpg; do
    curl -fsS --max-time 60 "$BASE/api/v1/images" -H "Authorization: Bearer $MLP_ST_TOKEN" \
        -F "file=@$FIXTURES/$picture" -F "title=$picture" >/dev/null || die "upload of $picture failed"
done
# Enough sessions that every logout and account deletion schemathesis sends gets a live token of its own.
pool_size=$((MAX_EXAMPLES + 10))
: >"$OUT/logout-tokens"
: >"$OUT/delete-tokens"
for ((i = 0; i < pool_size; i++)); do
    printf '%s\n' "$(login st-main)" >>"$OUT/logout-tokens"
    printf '%s\n' "$(account "st-gone-$i")" >>"$OUT/delete-tokens"
done
# Two accounts that end other sessions, each with some to end: one ends them by id (their ids go to the
# hooks), the other all at once (run first, it would leave the first one nothing to end).
MLP_ST_SESSIONS_TOKEN=$(account st-sessions)
for ((i = 0; i < 10; i++)); do login st-sessions >/dev/null; done
MLP_ST_OTHERS_TOKEN=$(account st-others)
for ((i = 0; i < 3; i++)); do login st-others >/dev/null; done
curl -fsS --max-time 60 "$BASE/api/v1/users/me/sessions" -H "Authorization: Bearer $MLP_ST_SESSIONS_TOKEN" |
    python3 -c 'import json, sys; print("\n".join(str(s["id"]) for s in json.load(sys.stdin)["items"] if not s["current"]))' \
    >"$OUT/session-ids" || die "could not list the sessions of the sessions account"
[ "$(wc -l <"$OUT/session-ids")" -eq 10 ] || die "expected 10 other sessions, got $(wc -l <"$OUT/session-ids")"
export MLP_ST_SESSION_IDS=$OUT/session-ids
export MLP_ST_TOKEN MLP_ST_SESSIONS_TOKEN MLP_ST_OTHERS_TOKEN MLP_ST_LOGOUT_TOKENS=$OUT/logout-tokens MLP_ST_DELETE_TOKENS=$OUT/delete-tokens
export MLP_ST_JPEG=$FIXTURES/coffee.jpg
MLP_ST_MODEL=$(curl -fsS "$BASE/api/v1/models" | sed -n 's/.*"is_default":true,"name":"\([^"]*\)".*/\1/p')
[ -n "$MLP_ST_MODEL" ] || die "no default model in GET /api/v1/models"
export MLP_ST_MODEL
export SCHEMATHESIS_HOOKS=hooks PYTHONPATH=$ROOT_DIR/scripts/schemathesis

say "schemathesis: every check, at most $MAX_EXAMPLES examples per operation, seed $SEED (log: $OUT/run.log)"
started=$(date +%s)
status=0
# From the output folder: schemathesis keeps its cache in ./.schemathesis. Every check is on by default; no
# `--checks all` here, because a check named on the command line overrides schemathesis.toml, which turns one off
# for one operation.
(cd "$OUT" && "$TOOLS/bin/schemathesis" --config-file "$ROOT_DIR/scripts/schemathesis/schemathesis.toml" run \
    "$ROOT_DIR/docs/openapi.yaml" --url "$BASE" --max-examples "$MAX_EXAMPLES" --seed "$SEED" \
    --generation-database none --workers 1 --request-timeout 60 --no-color \
    --report junit --report-dir "$OUT") >"$OUT/run.log" 2>&1 || status=$?
elapsed=$(($(date +%s) - started))

# The run's failed logins count against this address's login throttle; the database belongs to the test stack,
# so clear them rather than leave later tests a 429.
if [ -n "${MLP_DB_NAME:-}" ] && [ -S "${MLP_DB_SOCKET:-}" ]; then
    mariadb --no-defaults --socket="$MLP_DB_SOCKET" --user="${MLP_DB_USER:-mlp}" --password="${MLP_DB_PASSWORD:-mlp}" \
        "$MLP_DB_NAME" -e "DELETE FROM login_attempts" 2>/dev/null || say "warning: could not clear login_attempts"
fi

sed -n '/SUMMARY/,$p' "$OUT/run.log" | grep -vE '^\s*$' >&2 || tail -30 "$OUT/run.log" >&2
say "schemathesis finished in ${elapsed}s with exit status $status"
[ $status -eq 0 ] || die "schemathesis reported failures (see $OUT/run.log)"
