"""Read a legacy (pre-zip) PyTorch checkpoint with numpy only.

The legacy format written by ``torch.save(..., _use_new_zipfile_serialization=False)``
is a sequence of pickles in one file:

1. a magic number (int),
2. the protocol version (int, 1001),
3. system info (dict: byte order, type sizes),
4. the object itself (here a state dict). Tensors are pickled as calls to
   ``torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)``
   and each storage is a persistent id tuple
   ``("storage", StorageType, key, location, numel[, view_metadata])``,
5. the sorted list of storage keys,
6. for each key, in that order: an int64 element count followed by the raw
   little-endian element bytes.

We unpickle (4) with a custom Unpickler that records storages by key instead
of creating them, read (5) and (6), and only then materialise tensors as numpy
arrays using offset, size and stride (which may be non-contiguous) through
``numpy.lib.stride_tricks.as_strided`` followed by a copy.
"""

from __future__ import annotations

import collections
import os
import pickle
import struct
from typing import Any, BinaryIO

import numpy as np

MAGIC_NUMBER = 0x1950A86A20F9469CFC6C
PROTOCOL_VERSION = 1001

# torch storage class name -> numpy dtype (little endian)
STORAGE_DTYPES = {
    "FloatStorage": np.dtype("<f4"),
    "DoubleStorage": np.dtype("<f8"),
    "HalfStorage": np.dtype("<f2"),
    "LongStorage": np.dtype("<i8"),
    "IntStorage": np.dtype("<i4"),
    "ShortStorage": np.dtype("<i2"),
    "CharStorage": np.dtype("i1"),
    "ByteStorage": np.dtype("u1"),
    "BoolStorage": np.dtype("?"),
}


class _StorageType:
    """Stand-in for a torch ``*Storage`` class: only carries the dtype."""

    def __init__(self, name: str):
        if name not in STORAGE_DTYPES:
            raise ValueError(f"unsupported torch storage type {name}")
        self.name = name
        self.dtype = STORAGE_DTYPES[name]


class _Storage:
    """A storage whose bytes are read after the main pickle."""

    def __init__(self, key: str, dtype: np.dtype, numel: int):
        self.key = key
        self.dtype = dtype
        self.numel = numel
        self.data: np.ndarray | None = None


class _StorageView:
    """A legacy storage view: a slice of a root storage."""

    def __init__(self, root: _Storage, offset: int, numel: int):
        self.root = root
        self.offset = offset
        self.numel = numel


class _PendingTensor:
    """A tensor whose storage bytes are not read yet."""

    def __init__(self, storage, offset: int, size: tuple, stride: tuple):
        self.storage = storage
        self.offset = offset
        self.size = tuple(size)
        self.stride = tuple(stride)

    def materialise(self) -> np.ndarray:
        storage, offset = self.storage, self.offset
        if isinstance(storage, _StorageView):
            offset += storage.offset
            storage = storage.root
        data = storage.data
        if data is None:
            raise ValueError(f"storage {storage.key} has no data")
        if not self.size:
            return data[offset:offset + 1].reshape(()).copy()
        # Bounds check: the furthest element the view touches.
        last = offset + sum((n - 1) * s for n, s in zip(self.size, self.stride) if n > 0)
        if any(n == 0 for n in self.size):
            return np.zeros(self.size, dtype=data.dtype)
        if offset < 0 or last >= data.size:
            raise ValueError(
                f"tensor view out of bounds: offset {offset}, size {self.size}, "
                f"stride {self.stride}, storage {data.size} elements")
        item = data.itemsize
        view = np.lib.stride_tricks.as_strided(
            data[offset:], shape=self.size,
            strides=tuple(s * item for s in self.stride), writeable=False)
        return np.ascontiguousarray(view).copy()


def _rebuild_tensor_v2(storage, offset, size, stride, requires_grad=False,
                       backward_hooks=None, metadata=None):
    return _PendingTensor(storage, offset, size, stride)


def _rebuild_tensor(storage, offset, size, stride):
    return _PendingTensor(storage, offset, size, stride)


def _rebuild_parameter(data, requires_grad=False, backward_hooks=None):
    return data


class _Unpickler(pickle.Unpickler):
    def __init__(self, f: BinaryIO):
        super().__init__(f, encoding="utf-8")
        self.storages: dict[str, _Storage] = {}

    def find_class(self, module: str, name: str) -> Any:
        if module == "collections" and name == "OrderedDict":
            return collections.OrderedDict
        if module == "torch._utils" and name == "_rebuild_tensor_v2":
            return _rebuild_tensor_v2
        if module == "torch._utils" and name == "_rebuild_tensor":
            return _rebuild_tensor
        if module == "torch._utils" and name == "_rebuild_parameter":
            return _rebuild_parameter
        if module == "torch" and name.endswith("Storage"):
            return _StorageType(name)
        raise pickle.UnpicklingError(f"refusing to load global {module}.{name}")

    def persistent_load(self, pid):
        if not isinstance(pid, tuple) or not pid or pid[0] != "storage":
            raise pickle.UnpicklingError(f"unexpected persistent id {pid!r}")
        storage_type, key, _location, numel = pid[1], pid[2], pid[3], pid[4]
        view_metadata = pid[5] if len(pid) > 5 else None
        if not isinstance(storage_type, _StorageType):
            raise pickle.UnpicklingError(f"unexpected storage type {storage_type!r}")
        root = self.storages.get(key)
        if root is None:
            root = _Storage(key, storage_type.dtype, numel)
            self.storages[key] = root
        if view_metadata is not None:
            _view_key, view_offset, view_numel = view_metadata
            return _StorageView(root, view_offset, view_numel)
        return root


def _safe_load(f: BinaryIO) -> Any:
    """Unpickle a plain header value (ints, dicts, lists, strings only)."""
    class Plain(pickle.Unpickler):
        def find_class(self, module, name):
            raise pickle.UnpicklingError(f"unexpected global {module}.{name} in header")
    return Plain(f).load()


def _materialise(obj: Any) -> Any:
    if isinstance(obj, _PendingTensor):
        return obj.materialise()
    if isinstance(obj, collections.OrderedDict):
        return collections.OrderedDict((k, _materialise(v)) for k, v in obj.items())
    if isinstance(obj, dict):
        return {k: _materialise(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_materialise(v) for v in obj]
    if isinstance(obj, tuple):
        return tuple(_materialise(v) for v in obj)
    return obj


def load(source: str | BinaryIO) -> Any:
    """Load a legacy torch checkpoint (path or seekable binary file).

    Tensors become contiguous numpy arrays.
    """
    if isinstance(source, (str, bytes, os.PathLike)):
        with open(source, "rb") as f:
            return _load(f, str(source))
    return _load(source, getattr(source, "name", "<checkpoint>"))


def _load(f: BinaryIO, path: str) -> Any:
    if f.read(2) == b"PK":
        raise ValueError(f"{path} is a zip-format checkpoint, not the legacy format")
    f.seek(0)
    magic = _safe_load(f)
    if magic != MAGIC_NUMBER:
        raise ValueError(f"{path}: bad magic number {magic!r}")
    version = _safe_load(f)
    if version != PROTOCOL_VERSION:
        raise ValueError(f"{path}: unsupported protocol version {version!r}")
    sys_info = _safe_load(f)
    if not sys_info.get("little_endian", False):
        raise ValueError(f"{path}: big-endian checkpoints are not supported")
    unpickler = _Unpickler(f)
    obj = unpickler.load()
    keys = _safe_load(f)
    for key in keys:
        storage = unpickler.storages.get(key)
        (numel,) = struct.unpack("<q", f.read(8))
        if storage is None:
            raise ValueError(f"{path}: storage {key} not referenced by the pickle")
        if numel != storage.numel:
            raise ValueError(f"{path}: storage {key} has {numel} elements, "
                             f"expected {storage.numel}")
        nbytes = numel * storage.dtype.itemsize
        raw = f.read(nbytes)
        if len(raw) != nbytes:
            raise ValueError(f"{path}: truncated storage {key}")
        storage.data = np.frombuffer(raw, dtype=storage.dtype)
    missing = [k for k, s in unpickler.storages.items() if s.data is None]
    if missing:
        raise ValueError(f"{path}: storages without data: {missing[:5]}")
    trailing = f.read(1)
    if trailing:
        raise ValueError(f"{path}: unexpected bytes after the last storage")
    return _materialise(obj)
