#!/usr/bin/env bash
# `make stop`: stops nginx, the app and MariaDB started by `make run`, by their pid files.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bash "$ROOT_DIR/scripts/nginx.sh" stop
for pidfile in "$RUN_DIR"/mlp*.pid; do
    [ -e "$pidfile" ] || continue
    name=$(basename "$pidfile" .pid)
    bash "$ROOT_DIR/scripts/app.sh" stop "${name#mlp-}" 2>/dev/null || true
    [ "$name" = mlp ] && bash "$ROOT_DIR/scripts/app.sh" stop
done
bash "$ROOT_DIR/scripts/mariadb.sh" stop
