#!/usr/bin/env bash
# `make stop`: stops nginx, every app instance and MariaDB started by `make run`, by their pid files.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bash "$ROOT_DIR/scripts/nginx.sh" stop
for pidfile in "$RUN_DIR"/mlp*.pid; do
    [ -e "$pidfile" ] || continue
    name=$(basename "$pidfile" .pid)
    if [ "$name" = mlp ]; then
        bash "$ROOT_DIR/scripts/app.sh" stop
    else
        bash "$ROOT_DIR/scripts/app.sh" stop "${name#mlp-}"
    fi
done
bash "$ROOT_DIR/scripts/mariadb.sh" stop
