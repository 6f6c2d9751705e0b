#!/usr/bin/env python3
"""Sanity-check a converted model directory with onnxruntime on known images.

Uses scikit-image's bundled sample images, preprocessed by the manifest rule
(see preprocess.py), prints the top-5 classes with softmax scores and exits
non-zero when the expectations below fail:
  * chelsea (a tabby cat): a cat class in the top 3;
  * coffee (a cup of espresso): espresso with probability > 0.9.
camera (grayscale photographer) is printed for information only.
Also verifies the manifest's sha256 and that labels.txt has one line per class.

Usage: python tools/models/check_model.py [MODEL_DIR]
"""

from __future__ import annotations

import hashlib
import json
import os
import sys

import numpy as np
import onnxruntime as ort
from skimage import data

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from preprocess import preprocess  # noqa: E402

CAT_CLASSES = {281, 282, 285}  # tabby, tiger cat, Egyptian Mau
ESPRESSO = 967


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return e / e.sum()


def main() -> int:
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    model_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "models", "efficientnet-lite0")
    with open(os.path.join(model_dir, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    model_path = os.path.join(model_dir, manifest["file"])
    with open(model_path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    failures = []
    if digest != manifest["sha256"]:
        failures.append(f"sha256 mismatch: file {digest}, manifest {manifest['sha256']}")
    with open(os.path.join(model_dir, manifest["labels"]), encoding="utf-8") as f:
        labels = f.read().split("\n")
    if labels and labels[-1] == "":
        labels.pop()

    session = ort.InferenceSession(model_path, providers=["CPUExecutionProvider"])
    out_shape = session.get_outputs()[0].shape
    if len(labels) != out_shape[-1]:
        failures.append(f"labels.txt has {len(labels)} lines, model has {out_shape[-1]} outputs")

    top = {}
    for name, image in (("chelsea", data.chelsea()), ("coffee", data.coffee()),
                        ("camera", data.camera())):
        x = preprocess(image, manifest["input"])
        logits = session.run([manifest["output"]["name"]], {manifest["input"]["name"]: x})[0][0]
        p = softmax(logits.astype(np.float64))
        order = np.argsort(-p)[:5]
        top[name] = (order, p)
        print(f"{name}:")
        for i in order:
            print(f"  {i:4d} {p[i]:.4f} {labels[i]}")

    order, p = top["chelsea"]
    if not CAT_CLASSES & set(order[:3].tolist()):
        failures.append("chelsea: no cat class in the top 3")
    order, p = top["coffee"]
    if order[0] != ESPRESSO or p[ESPRESSO] <= 0.9:
        failures.append(f"coffee: espresso p = {p[ESPRESSO]:.4f}, expected top-1 above 0.9")

    for f in failures:
        print(f"check: FAIL {f}", file=sys.stderr)
    if not failures:
        print("check: OK")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
