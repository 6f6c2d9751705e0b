"""Reference image preprocessing by a model manifest (used by the checks only).

Rule (from manifest.json ``input``):
  1. grayscale images are repeated to 3 channels (RGB); alpha is dropped;
  2. resize so the shorter side is ``resize.shorter_side`` pixels, the longer
     side ``round(long * shorter_side / short)``, with Pillow's bilinear filter
     (a triangle filter widened by the scale factor when shrinking, i.e.
     antialiased), output rounded to uint8;
  3. centre crop ``height`` x ``width``, top-left at ((H - h) // 2, (W - w) // 2);
  4. x = (pixel - mean) / std per channel, float32, NCHW with batch 1.
"""

from __future__ import annotations

import numpy as np
from PIL import Image


def to_rgb(image: np.ndarray) -> np.ndarray:
    if image.dtype != np.uint8:
        raise ValueError(f"expected uint8 pixels, got {image.dtype}")
    if image.ndim == 2:
        return np.repeat(image[:, :, None], 3, axis=2)
    if image.ndim == 3 and image.shape[2] == 4:
        return image[:, :, :3]
    if image.ndim == 3 and image.shape[2] == 3:
        return image
    raise ValueError(f"unsupported image shape {image.shape}")


def preprocess(image: np.ndarray, spec: dict) -> np.ndarray:
    """Return a float32 [1, 3, H, W] tensor for ``image`` (HxW or HxWxC uint8)."""
    rgb = to_rgb(image)
    h, w = rgb.shape[:2]
    target = spec["resize"]["shorter_side"]
    if h <= w:
        new_h, new_w = target, int(round(w * target / h))
    else:
        new_h, new_w = int(round(h * target / w)), target
    resized = np.asarray(Image.fromarray(rgb).resize((new_w, new_h), Image.Resampling.BILINEAR))
    ch, cw = spec["height"], spec["width"]
    top, left = (new_h - ch) // 2, (new_w - cw) // 2
    crop = resized[top:top + ch, left:left + cw, :].astype(np.float32)
    mean = np.asarray(spec["mean"], np.float32)
    std = np.asarray(spec["std"], np.float32)
    x = (crop - mean) / std
    return np.ascontiguousarray(x.transpose(2, 0, 1)[None])
