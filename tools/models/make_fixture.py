#!/usr/bin/env python3
"""Write the reference outputs that the Swift inference engine is tested against.

For each input recipe below (a closed formula over the flat NCHW index n of the
1x3x224x224 input, evaluated in float64 and then rounded to float32, so Swift
can regenerate it exactly without numpy) the model is run in onnxruntime and
its 1000 logits (6 significant digits) and top-5 class indices are stored in
Tests/InferenceTests/Fixtures/efficientnet-lite0-reference.json, together
with the sha256 of the model they belong to.

Usage: python tools/models/make_fixture.py [MODEL_DIR] [OUT_JSON]
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys

import numpy as np
import onnxruntime as ort

SHAPE = (1, 3, 224, 224)

# name -> (formula as stated in the JSON, numpy implementation in float64)
RECIPES = {
    "sin": ("x[n] = Float32(sin(Double(n) * 0.001) * 2.0)",
            lambda n: np.sin(n * 0.001) * 2.0),
    "cos": ("x[n] = Float32(cos(Double(n) * 0.0007) * 1.5)",
            lambda n: np.cos(n * 0.0007) * 1.5),
}


def make_input(recipe) -> np.ndarray:
    n = np.arange(int(np.prod(SHAPE)), dtype=np.float64)
    return recipe(n).astype(np.float32).reshape(SHAPE)


def run(session, x: np.ndarray) -> np.ndarray:
    return session.run(["logits"], {"input": x})[0][0]


def main() -> int:
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    model_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "models", "efficientnet-lite0")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        root, "Tests", "InferenceTests", "Fixtures", "efficientnet-lite0-reference.json")
    with open(os.path.join(model_dir, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    model_path = os.path.join(model_dir, manifest["file"])
    with open(model_path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if digest != manifest["sha256"]:
        print("make_fixture: error: model.onnx does not match its manifest", file=sys.stderr)
        return 1

    optimised = ort.InferenceSession(model_path, providers=["CPUExecutionProvider"])
    plain_options = ort.SessionOptions()
    plain_options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    plain = ort.InferenceSession(model_path, plain_options, providers=["CPUExecutionProvider"])

    cases = []
    for name, (formula, recipe) in RECIPES.items():
        x = make_input(recipe)
        logits = run(optimised, x)
        # Spread between two onnxruntime execution plans: a floor for any tolerance.
        spread = float(np.max(np.abs(logits - run(plain, x))))
        top5 = [int(i) for i in np.argsort(-logits, kind="stable")[:5]]
        print(f"make_fixture: {name}: top-5 {top5}, logits range "
              f"[{logits.min():.3f}, {logits.max():.3f}], ort plan spread {spread:.2e}")
        cases.append({
            "name": name,
            "formula": formula,
            "top5": top5,
            "logits": [float(f"{v:.6g}") for v in logits.tolist()],
        })

    doc = {
        "model": manifest["name"],
        "model_sha256": digest,
        "reference": f"onnxruntime {ort.__version__} CPU",
        "input": {
            "name": manifest["input"]["name"],
            "shape": list(SHAPE),
            "layout": "NCHW",
            "index": "n = (c * 224 + h) * 224 + w for channel c, row h, column w (batch 0)",
            "note": "each formula is evaluated in float64 and rounded to float32",
        },
        "output": {"name": manifest["output"]["name"], "shape": [1, 1000]},
        "logits_digits": 6,
        "cases": cases,
    }
    # Compact layout: arrays of numbers on one line keep the file small.
    text = re.sub(r"\[[-+0-9.eE,\s]*\]", lambda m: json.dumps(json.loads(m.group(0))),
                  json.dumps(doc, indent=2))
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write(text + "\n")
    print(f"make_fixture: wrote {out} ({os.path.getsize(out)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
