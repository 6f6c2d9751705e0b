#!/bin/sh
# EfficientNet-Lite0 forward-pass latency, MLP next to onnxruntime in the same run
# (batch 1, 224x224, same input, 1 and 2 threads, median of 50 runs after warm-up).
# Needs the model in models/ (scripts/prepare-model.sh) and onnxruntime in .venv.
# Extra arguments go to `mlp bench inference`, e.g. --runs 200 --profile --image photo.jpg
set -eu
cd "$(dirname "$0")/.."
swift build -c release --product mlp
exec "$(swift build -c release --show-bin-path)/mlp" bench inference --compare-onnxruntime "$@"
