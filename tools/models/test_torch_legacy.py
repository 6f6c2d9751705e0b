"""Tests for torch_legacy on small checkpoints written here in the legacy format.

Run: .venv/bin/python -m unittest discover -s tools/models -p 'test_*.py'
"""

from __future__ import annotations

import io
import os
import pickle
import struct
import sys
import types
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_legacy  # noqa: E402


class _FakeTorch:
    """Installs stand-in ``torch`` modules so pickle can name torch globals."""

    def __enter__(self):
        self.saved = {k: sys.modules.get(k) for k in ("torch", "torch._utils")}
        torch = types.ModuleType("torch")
        utils = types.ModuleType("torch._utils")

        def _rebuild_tensor_v2(*args):  # never called: only its name is pickled
            raise AssertionError

        _rebuild_tensor_v2.__module__ = "torch._utils"
        _rebuild_tensor_v2.__qualname__ = "_rebuild_tensor_v2"
        utils._rebuild_tensor_v2 = _rebuild_tensor_v2
        torch.FloatStorage = type("FloatStorage", (), {"__module__": "torch"})
        torch.LongStorage = type("LongStorage", (), {"__module__": "torch"})
        torch._utils = utils
        sys.modules["torch"], sys.modules["torch._utils"] = torch, utils
        return torch

    def __exit__(self, *exc):
        for k, v in self.saved.items():
            if v is None:
                sys.modules.pop(k, None)
            else:
                sys.modules[k] = v


class _Storage:
    def __init__(self, key, cls, data, view=None):
        self.key, self.cls, self.data, self.view = key, cls, data, view


class _Tensor:
    def __init__(self, storage, offset, size, stride):
        self.args = (storage, offset, tuple(size), tuple(stride), False, {})

    def __reduce__(self):
        return (sys.modules["torch._utils"]._rebuild_tensor_v2, self.args)


def write_legacy(obj, storages) -> bytes:
    f = io.BytesIO()
    for header in (torch_legacy.MAGIC_NUMBER, torch_legacy.PROTOCOL_VERSION,
                   {"protocol_version": 1001, "little_endian": True,
                    "type_sizes": {"short": 2, "int": 4, "long": 4}}):
        pickle.dump(header, f, protocol=2)

    class P(pickle.Pickler):
        def persistent_id(self, o):
            if isinstance(o, _Storage):
                return ("storage", o.cls, o.key, "cpu", o.data.size, o.view)
            return None

    P(f, protocol=2).dump(obj)
    roots = sorted({s.key: s for s in storages}.values(), key=lambda s: s.key)
    pickle.dump([s.key for s in roots], f, protocol=2)
    for s in roots:
        f.write(struct.pack("<q", s.data.size))
        f.write(s.data.tobytes())
    f.seek(0)
    return f.getvalue()


class LegacyLoadTests(unittest.TestCase):
    def test_strided_offset_and_view_tensors(self):
        base = np.arange(40, dtype=np.float32)
        with _FakeTorch() as torch:
            root = _Storage("0", torch.FloatStorage, base)
            # A 4x3 view taken column-major (strides 1, 4) starting at element 5.
            transposed = _Tensor(root, 5, (4, 3), (1, 4))
            contiguous = _Tensor(root, 0, (2, 5), (5, 1))
            view = _Storage("0", torch.FloatStorage, base, view=("0v", 30, 10))
            from_view = _Tensor(view, 2, (2, 2), (4, 1))
            counts = _Storage("1", torch.LongStorage, np.array([7], np.int64))
            scalar = _Tensor(counts, 0, (), ())
            raw = write_legacy({"t": transposed, "c": contiguous, "v": from_view, "n": scalar},
                               [root, counts])
        sd = torch_legacy.load(io.BytesIO(raw))
        expected_t = np.lib.stride_tricks.as_strided(base[5:], (4, 3), (4, 16))
        np.testing.assert_array_equal(sd["t"], expected_t)
        self.assertTrue(sd["t"].flags["C_CONTIGUOUS"])
        np.testing.assert_array_equal(sd["c"], base[:10].reshape(2, 5))
        np.testing.assert_array_equal(sd["v"], np.array([[32, 33], [36, 37]], np.float32))
        self.assertEqual(sd["n"].dtype, np.int64)
        self.assertEqual(int(sd["n"]), 7)

    def test_out_of_bounds_view_is_rejected(self):
        with _FakeTorch() as torch:
            root = _Storage("0", torch.FloatStorage, np.zeros(6, np.float32))
            raw = write_legacy({"t": _Tensor(root, 2, (3, 2), (2, 1))}, [root])
        with self.assertRaisesRegex(ValueError, "out of bounds"):
            torch_legacy.load(io.BytesIO(raw))

    def test_unknown_globals_are_refused(self):
        raw = write_legacy({"x": print}, [])
        with self.assertRaisesRegex(pickle.UnpicklingError, "refusing to load global"):
            torch_legacy.load(io.BytesIO(raw))

    def test_truncated_storage_is_rejected(self):
        with _FakeTorch() as torch:
            root = _Storage("0", torch.FloatStorage, np.zeros(6, np.float32))
            raw = write_legacy({"t": _Tensor(root, 0, (6,), (1,))}, [root])
        with self.assertRaisesRegex(ValueError, "truncated"):
            torch_legacy.load(io.BytesIO(raw[:-4]))


if __name__ == "__main__":
    unittest.main()
