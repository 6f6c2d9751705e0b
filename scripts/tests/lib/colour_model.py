#!/usr/bin/env python3
"""Test fixtures for `mlp models import`: a tiny ONNX classifier whose class is a picture's dominant colour
(the channel means as logits, labels red, green, blue) and solid-colour PNG pictures.

Usage: colour_model.py model OUT.onnx [OUTPUT_NAME]   |   colour_model.py png OUT.png R G B
Needs the onnx package (.venv); the PNG is written with the standard library only.
"""

import struct
import sys
import zlib


def model(path: str, output: str = "scores") -> None:
    from onnx import TensorProto, checker, helper

    graph = helper.make_graph(
        [helper.make_node("GlobalAveragePool", ["image"], ["pooled"]),
         helper.make_node("Flatten", ["pooled"], [output])],
        "colours",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, [1, 3, 16, 16])],
        [helper.make_tensor_value_info(output, TensorProto.FLOAT, [1, 3])],
    )
    onnx_model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    onnx_model.ir_version = 8
    checker.check_model(onnx_model)
    with open(path, "wb") as f:
        f.write(onnx_model.SerializeToString())


def png(path: str, rgb: tuple, width: int = 64, height: int = 48) -> None:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    if sys.argv[1] == "model":
        model(sys.argv[2], *sys.argv[3:4])
    elif sys.argv[1] == "png":
        png(sys.argv[2], tuple(int(v) for v in sys.argv[3:6]))
    else:
        sys.exit(__doc__)
