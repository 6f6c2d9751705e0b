#!/usr/bin/env bash
# `make test`: install what is missing, build with tests, start MariaDB (if not running) and a private
# stack (app + nginx) under run/test on port 18080 with its own database, run every Swift test and the
# shell tests against it, stop what it started.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

build_with_tests

test_stack_env test mlp_test_e2e "${MLP_TEST_HTTP_PORT:-18080}"
# Op conformance cases ship in the onnx package; prepare-model.sh installs it into .venv, but a cached model
# with a missing venv skips that step, so make sure here.
"$ROOT_DIR/.venv/bin/python" -c 'import onnx' 2>/dev/null \
    || { python3 -m venv "$ROOT_DIR/.venv" && "$ROOT_DIR/.venv/bin/pip" install -q -r "$ROOT_DIR/tools/models/requirements.txt"; }
MLP_ONNX_BACKEND_DATA=$("$ROOT_DIR/.venv/bin/python" -c 'import onnx, os; print(os.path.join(os.path.dirname(onnx.__file__), "backend", "test", "data"))')
export MLP_ONNX_BACKEND_DATA

test_stack_start

status=0
say "== swift test"
swift test --skip-build >"$RUN_DIR/swift-test.log" 2>&1 || status=1
grep -E "✘|recorded an issue|Test run with" "$RUN_DIR/swift-test.log" || true
grep -qE "Test run with [0-9]+ tests? .*passed" "$RUN_DIR/swift-test.log" || status=1
grep -qE "✘|failed after" "$RUN_DIR/swift-test.log" && status=1

for t in scripts/tests/*.sh; do
    say "== $t"
    if bash "$t"; then say "ok: $t"; else say "FAILED: $t"; status=1; fi
done

if [ $status -ne 0 ]; then
    say "TESTS FAILED (logs under $RUN_DIR)"
    exit 1
fi
say "all tests passed"
