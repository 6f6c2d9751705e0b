#!/bin/sh
# Regenerates Sources/Inference/ONNX/Generated/ from tools/proto/onnx.proto.
# Needs protoc (Debian package protobuf-compiler); builds protoc-gen-swift from the
# swift-protobuf package dependency into .build-protoc (the first build takes minutes).
set -eu
cd "$(dirname "$0")/../.."
command -v protoc >/dev/null || { echo "protoc not found: apt-get install protobuf-compiler" >&2; exit 1; }
swift build -c release --product protoc-gen-swift --scratch-path .build-protoc
plugin="$(swift build -c release --scratch-path .build-protoc --show-bin-path)/protoc-gen-swift"
out=Sources/Inference/ONNX/Generated
mkdir -p "$out"
protoc --plugin=protoc-gen-swift="$plugin" \
  --swift_opt=Visibility=Internal \
  --swift_out="$out" \
  -I tools/proto tools/proto/onnx.proto
echo "generated $out/onnx.pb.swift"
