#!/usr/bin/env bash
# schemathesis against the test stack with docs/openapi.yaml: every check, a small fixed budget and seed;
# must end with no failure (no 5xx, responses and status codes as documented). `make fuzz` runs a large budget.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
bash "$ROOT_DIR/scripts/schemathesis-run.sh" "${MLP_ST_MAX_EXAMPLES:-50}" "${MLP_ST_SEED:-20261127}"
