#!/usr/bin/env python3
"""Reference inference timings for the default model in onnxruntime (CPU).

Runs models/efficientnet-lite0/model.onnx with intra-op threads 1 and then 2
(inter-op 1, sequential execution, all graph optimisations) on a fixed input
(the "sin" recipe of the engine's reference fixture), 10 warm-up runs, then
timed runs, and prints one JSON line per thread count:
  {"threads":N,"median_ms":...,"p90_ms":...,"images_per_s":...}
images_per_s is 1000 / median_ms (batch 1, one request at a time).

Usage: .venv/bin/python bench/inference-reference.py [--model PATH] [--runs N] [--threads 1,2]
Needs the packages of tools/models/requirements-test.txt.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

import numpy as np
import onnxruntime as ort

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fixed_input() -> np.ndarray:
    n = np.arange(3 * 224 * 224, dtype=np.float64)
    return (np.sin(n * 0.001) * 2.0).astype(np.float32).reshape(1, 3, 224, 224)


def bench(model: str, threads: int, warmup: int, runs: int) -> dict:
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    feed = {session.get_inputs()[0].name: fixed_input()}
    output = [session.get_outputs()[0].name]
    for _ in range(warmup):
        session.run(output, feed)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        session.run(output, feed)
        times.append((time.perf_counter() - start) * 1000.0)
    median = float(np.median(times))
    return {
        "threads": threads,
        "median_ms": round(median, 3),
        "p90_ms": round(float(np.percentile(times, 90)), 3),
        "images_per_s": round(1000.0 / median, 1),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description="onnxruntime reference timings")
    ap.add_argument("--model", default=os.path.join(ROOT, "models", "efficientnet-lite0", "model.onnx"))
    ap.add_argument("--runs", type=int, default=100, help="timed runs per thread count (>= 50)")
    ap.add_argument("--warmup", type=int, default=10)
    ap.add_argument("--threads", default="1,2", help="comma-separated intra-op thread counts")
    args = ap.parse_args()
    if args.runs < 50:
        ap.error("--runs must be at least 50")
    if not os.path.exists(args.model):
        print(f"inference-reference: error: {args.model} not found; run scripts/prepare-model.sh",
              file=sys.stderr)
        return 1
    for threads in (int(t) for t in args.threads.split(",")):
        print(json.dumps(bench(args.model, threads, args.warmup, args.runs),
                         separators=(",", ":")), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
