#!/usr/bin/env bash
# `mlp check` passes on the test installation and fails, naming the cause, on a bad setting, an unknown
# database and an empty models directory.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
MLP=${MLP_BUILD_DIR:-$ROOT_DIR/.build/debug}/mlp
out=$("$MLP" check) || die "mlp check failed on the test installation: $out"
echo "$out"
echo "$out" | grep -q '^ok    models: .*efficientnet-lite0' || die "mlp check did not load the default model"
empty=$(mktemp -d)
trap 'rm -rf "$empty"' EXIT
set +e
bad=$(MLP_WORKERS=0 MLP_STORED_METADATA=sometimes MLP_DB_NAME=mlp_no_such_db "$MLP" check --models "$empty")
code=$?
set -e
[ "$code" = 1 ] || die "mlp check exited $code on a broken installation, expected 1"
echo "$bad" | grep -q '^FAIL  configuration: MLP_WORKERS' || die "bad MLP_WORKERS not reported: $bad"
echo "$bad" | grep -q 'MLP_STORED_METADATA must be keep or remove, got sometimes' || die "bad MLP_STORED_METADATA not reported: $bad"
echo "$bad" | grep -q '^FAIL  database: ' || die "unknown database not reported: $bad"
echo "$bad" | grep -q '^FAIL  models: ' || die "empty models directory not reported: $bad"
"$MLP" check --help | grep -q 'skip-database' || die "mlp check --help lacks its options"
say "mlp check: passes here, fails with exit 1 and names each broken part"
