#!/usr/bin/env bash
# sqlmap, reduced run (level 1, risk 1): login, list and image id parameters are not injectable and the app
# answers no 5xx. The full run (level 3, risk 2) is `bash scripts/security/sqlmap.sh FULL=1`.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
MLP_SQLMAP_PORT=$((${MLP_HTTP_PORT:-18080} + 9)) bash "$ROOT_DIR/scripts/security/sqlmap.sh"
