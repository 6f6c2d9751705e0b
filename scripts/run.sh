#!/usr/bin/env bash
# `make run`: install what is missing, prepare the model, build in release, start MariaDB, apply migrations,
# start the app and nginx, print the URL.
# `make run SCALE=2` (or MLP_SCALE=2) starts two app instances (run/mlp-1.sock, run/mlp-2.sock) behind nginx.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

bash "$ROOT_DIR/scripts/setup.sh"
bash "$ROOT_DIR/scripts/prepare-model.sh"
say "building (release) ..."
(cd "$ROOT_DIR" && swift build -c release 2>&1 | tail -1)
export MLP_BUILD_DIR=$ROOT_DIR/.build/release
bash "$ROOT_DIR/scripts/mariadb.sh" start
(cd "$ROOT_DIR" && "$MLP_BUILD_DIR/mlp" migrate)
SCALE=${MLP_SCALE:-${SCALE:-1}}
[[ "$SCALE" =~ ^[1-9][0-9]?$ ]] || die "SCALE must be a number of app instances (1-99), got '$SCALE'"
if [ "$SCALE" = 1 ]; then
    bash "$ROOT_DIR/scripts/app.sh" start
else
    upstream=""
    for ((i = 1; i <= SCALE; i++)); do
        MLP_SOCKET="" bash "$ROOT_DIR/scripts/app.sh" start "$i"
        upstream="$upstream unix:$RUN_DIR/mlp-$i.sock"
    done
    export MLP_UPSTREAM=${upstream# }
fi
bash "$ROOT_DIR/scripts/nginx.sh" start
URL="http://${MLP_HTTP_HOST:-127.0.0.1}:${MLP_HTTP_PORT:-8080}"
wait_http "$URL/healthz" 30 || die "no answer from $URL/healthz (see $RUN_DIR/*.log)"
say ""
say "MLP is running at $URL/   (stop it with: make stop)"
