"""Where the Keras datasets live, and loading their files without trusting them.

Files are fetched with ``ceras.utils.get_file`` into the Keras cache
(``~/.keras/datasets``), so data Keras already downloaded is reused.
"""
import gzip
import io
import pickle
import zipfile

import numpy as np

from ceras.utils.file_utils import get_file

ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"


def fetch(fname, origin=None, cache_dir=None, **kwargs):
    return get_file(fname, origin=origin or ORIGIN + fname, cache_dir=cache_dir, **kwargs)


def load_npz(path, allow_object=False):
    """Read an .npz; object arrays (lists of word indices) need pickle, so they are read
    with a restricted unpickler that only rebuilds NumPy arrays and Python containers."""
    if not allow_object:
        with np.load(path, allow_pickle=False) as f:
            return {k: f[k] for k in f.files}
    out = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            key = name[:-4] if name.endswith(".npy") else name
            out[key] = _read_npy_restricted(archive.read(name))
    return out


class _RestrictedUnpickler(pickle.Unpickler):
    _ALLOWED = {
        ("numpy", "ndarray"), ("numpy", "dtype"), ("numpy.core.multiarray", "_reconstruct"),
        ("numpy._core.multiarray", "_reconstruct"), ("numpy.core.multiarray", "scalar"),
        ("numpy._core.multiarray", "scalar"), ("builtins", "list"), ("builtins", "dict"),
        ("builtins", "tuple"), ("builtins", "set"), ("builtins", "bytes"),
        ("_codecs", "encode"),
    }

    def find_class(self, module, name):
        if (module, name) not in self._ALLOWED:
            raise pickle.UnpicklingError(
                f"Dataset file refers to {module}.{name}, which is not a plain data type; "
                "refusing to load it"
            )
        return super().find_class(module, name)


def restricted_loads(data, encoding="ASCII"):
    return _RestrictedUnpickler(io.BytesIO(data), encoding=encoding).load()


def _read_npy_restricted(data):
    buffer = io.BytesIO(data)
    version = np.lib.format.read_magic(buffer)
    read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else \
        np.lib.format.read_array_header_2_0
    shape, fortran, dtype = read_header(buffer)
    if dtype.hasobject:
        return restricted_loads(buffer.read(), encoding="latin1")
    array = np.frombuffer(buffer.read(), dtype=dtype)
    return array.reshape(shape, order="F" if fortran else "C")


def read_idx_gz(path):
    """An MNIST-style IDX file (gzip): images (magic 2051) or labels (magic 2049)."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = int.from_bytes(data[:4], "big")
    if magic == 2049:
        return np.frombuffer(data, np.uint8, offset=8)
    if magic == 2051:
        count, rows, cols = (int.from_bytes(data[i:i + 4], "big") for i in (4, 8, 12))
        return np.frombuffer(data, np.uint8, offset=16).reshape(count, rows, cols)
    raise ValueError(f"{path} is not an IDX file (magic number {magic})")
