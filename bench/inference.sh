#!/bin/sh
# EfficientNet-Lite0 forward-pass latency, MLP next to onnxruntime in the same run
# (batch 1, 224x224, same input, 1 and 2 threads, median of 50 runs after warm-up).
# Prepares the model and installs onnxruntime into .venv when missing.
# Extra arguments go to `mlp bench inference`, e.g. --runs 200 --profile --image photo.jpg
set -eu
cd "$(dirname "$0")/.."
bash scripts/prepare-model.sh
.venv/bin/python -c 'import onnxruntime' 2>/dev/null || .venv/bin/pip install -q -r tools/models/requirements-test.txt
swift build -c release --product mlp
exec "$(swift build -c release --show-bin-path)/mlp" bench inference --compare-onnxruntime "$@"
