#!/usr/bin/env python3
"""Generates small CNN test networks with seeded random weights and their onnxruntime outputs.

Each case folder holds model.onnx and test_data_set_0/{input_0,output_0}.pb, the layout of the ONNX
backend test data, and is read by NetworkFixtureTests. Needs numpy, onnx and onnxruntime.
Usage (from the project root): .venv/bin/python Tests/InferenceTests/Fixtures/networks/generate.py
"""

import os

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.RandomState(7)


class Net:
    def __init__(self):
        self.nodes, self.inits, self.count = [], [], 0

    def weight(self, shape, scale=None):
        self.count += 1
        name = f"w{self.count}"
        fan_in = int(np.prod(shape[1:])) if len(shape) > 1 else 1
        values = rng.randn(*shape) * (scale if scale is not None else (2.0 / fan_in) ** 0.5)
        self.inits.append(numpy_helper.from_array(values.astype(np.float32), name))
        return name

    def const(self, array, dtype=np.float32):
        self.count += 1
        name = f"c{self.count}"
        self.inits.append(numpy_helper.from_array(np.asarray(array, dtype=dtype), name))
        return name

    def op(self, op_type, inputs, **attrs):
        self.count += 1
        out = f"{op_type.lower()}{self.count}"
        self.nodes.append(helper.make_node(op_type, inputs, [out], name=out, **attrs))
        return out

    def conv(self, x, cin, cout, k, group=1, bias=True, **attrs):
        inputs = [x, self.weight([cout, cin // group, k, k])]
        if bias:
            inputs.append(self.weight([cout], 0.1))
        return self.op("Conv", inputs, kernel_shape=[k, k], group=group, **attrs)

    def bn(self, x, c):
        return self.op("BatchNormalization", [
            x, self.const(rng.uniform(0.5, 1.5, c)), self.const(rng.randn(c) * 0.1),
            self.const(rng.randn(c) * 0.1), self.const(rng.uniform(0.5, 2.0, c)),
        ], epsilon=1e-3)

    def save(self, name, opset, input_shape, output):
        graph = helper.make_graph(
            self.nodes, name, [helper.make_tensor_value_info("input", TensorProto.FLOAT, input_shape)],
            [helper.make_tensor_value_info(output, TensorProto.FLOAT, None)], self.inits)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
        model.ir_version = 7
        model = onnx.shape_inference.infer_shapes(model, strict_mode=True)
        folder = os.path.join(HERE, name)
        data = os.path.join(folder, "test_data_set_0")
        os.makedirs(data, exist_ok=True)
        onnx.save(model, os.path.join(folder, "model.onnx"))
        x = rng.uniform(-1, 1, input_shape).astype(np.float32)
        session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
        y = session.run(None, {"input": x})[0]
        for file, array in (("input_0.pb", x), ("output_0.pb", y)):
            with open(os.path.join(data, file), "wb") as handle:
                handle.write(numpy_helper.from_array(array).SerializeToString())


def squeeze_fire():
    n = Net()
    x = n.op("Relu", [n.conv("input", 3, 16, 3, strides=[2, 2])])
    x = n.op("MaxPool", [x], kernel_shape=[3, 3], strides=[2, 2], ceil_mode=1)
    s = n.op("Relu", [n.conv(x, 16, 8, 1)])
    a = n.op("Relu", [n.conv(s, 8, 16, 1)])
    b = n.op("Relu", [n.conv(s, 8, 16, 3, pads=[1, 1, 1, 1])])
    x = n.op("Concat", [a, b], axis=1)
    x = n.op("Dropout", [x])
    x = n.op("Relu", [n.conv(x, 32, 10, 1)])
    x = n.op("GlobalAveragePool", [x])
    x = n.op("Flatten", [x])
    n.save("squeeze-fire", 12, [1, 3, 33, 33], n.op("Softmax", [x], axis=1))


def alex_grouped():
    n = Net()
    x = n.op("Relu", [n.conv("input", 3, 12, 5, pads=[2, 2, 2, 2])])
    x = n.op("LRN", [x], size=5, alpha=1e-3, beta=0.75, bias=2.0)
    x = n.op("MaxPool", [x], kernel_shape=[3, 3], strides=[2, 2])
    x = n.conv(x, 12, 24, 3, group=2, pads=[1, 1, 1, 1])
    x = n.op("Clip", [x], min=0.0, max=6.0)
    y = n.op("AveragePool", [x], kernel_shape=[3, 3], strides=[1, 1], pads=[1, 1, 1, 1], count_include_pad=1)
    x = n.op("Concat", [x, y], axis=1)
    x = n.bn(x, 48)
    x = n.op("LeakyRelu", [x], alpha=0.2)
    x = n.op("Reshape", [x, n.const([1, -1], np.int64)])
    x = n.op("Relu", [n.op("Gemm", [x, n.weight([16, 48 * 5 * 5]), n.weight([16], 0.1)], transB=1)])
    x = n.op("Gemm", [x, n.weight([16, 5]), n.weight([1, 5], 0.1)], alpha=0.5, beta=2.0)
    n.save("alex-grouped", 9, [1, 3, 11, 11], n.op("Sigmoid", [x]))


def mobile_residual():
    n = Net()
    low, high = n.const(0.0), n.const(6.0)
    x = n.op("Clip", [n.bn(n.conv("input", 3, 16, 3, bias=False, strides=[2, 2], auto_pad="SAME_UPPER"), 16), low, high])
    e = n.op("Clip", [n.bn(n.conv(x, 16, 48, 1, bias=False), 48), low, high])
    d = n.op("Clip", [n.bn(n.conv(e, 48, 48, 3, group=48, bias=False, auto_pad="SAME_UPPER"), 48), low, high])
    p = n.bn(n.conv(d, 48, 16, 1, bias=False), 16)
    x = n.op("Add", [p, x])
    e = n.op("Clip", [n.conv(x, 16, 32, 1), low, high])
    d = n.op("Clip", [n.conv(e, 32, 32, 5, group=32, strides=[2, 2], auto_pad="SAME_UPPER"), low, high])
    x = n.op("Mul", [d, n.const(rng.uniform(0.5, 1.5, (1, 32, 1, 1)))])
    x = n.op("Sum", [x, d, n.op("Sigmoid", [d])])
    x = n.op("Transpose", [x], perm=[0, 2, 3, 1])
    x = n.op("Reshape", [x, n.const([1, 16, 32], np.int64)])
    x = n.op("MatMul", [x, n.weight([32, 8])])
    x = n.op("Add", [x, n.weight([8], 0.1)])
    x = n.op("Unsqueeze", [x, n.const([1], np.int64)])
    x = n.op("Squeeze", [x, n.const([1], np.int64)])
    n.save("mobile-residual", 13, [1, 3, 16, 16], n.op("Softmax", [x], axis=-1))


if __name__ == "__main__":
    squeeze_fire()
    alex_grouped()
    mobile_residual()
    print("generated", ", ".join(sorted(d for d in os.listdir(HERE) if os.path.isdir(os.path.join(HERE, d)))))
