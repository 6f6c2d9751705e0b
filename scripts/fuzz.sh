#!/usr/bin/env bash
# `make fuzz`: the seeded parser fuzz tests with many cases (MLP_FUZZ_CASES, default 1 000 000) and schemathesis
# with a large budget (MLP_ST_MAX_EXAMPLES, default 200) against a private stack under run/fuzz, then the full
# sqlmap run (scripts/security/sqlmap.sh FULL=1).
# Settings: MLP_FUZZ_HTTP_PORT (18090), MLP_ST_SEED.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

build_with_tests

status=0
cases=${MLP_FUZZ_CASES:-1000000}
say "== seeded fuzz tests, $cases cases each"
mkdir -p run
started=$(date +%s)
MLP_FUZZ_CASES=$cases swift test --skip-build --filter Fuzz >run/fuzz-swift.log 2>&1 || status=1
grep -E "✘|recorded an issue|Test run with" run/fuzz-swift.log || true
grep -qE "Test run with [0-9]+ tests? .*passed" run/fuzz-swift.log || status=1
say "fuzz tests took $(($(date +%s) - started))s (log: run/fuzz-swift.log)"

test_stack_env fuzz mlp_test_fuzz "${MLP_FUZZ_HTTP_PORT:-18090}"
test_stack_start
say "== schemathesis"
bash "$ROOT_DIR/scripts/schemathesis-run.sh" "${MLP_ST_MAX_EXAMPLES:-200}" "${MLP_ST_SEED:-20261127}" || status=1

say "== sqlmap, full run (level 3, risk 2)"
MLP_SQLMAP_PORT=$((${MLP_FUZZ_HTTP_PORT:-18090} + 9)) bash "$ROOT_DIR/scripts/security/sqlmap.sh" FULL=1 || status=1

[ $status -eq 0 ] || die "FUZZING FOUND FAILURES (logs under run/)"
say "fuzzing found nothing"
