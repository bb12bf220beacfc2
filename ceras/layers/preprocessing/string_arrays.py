"""Strings at the layer boundary: torch has no string tensors, so string
features travel as NumPy object arrays of ``str`` and are processed in Python."""
import numpy as np

from ceras import backend


def is_string_array(array):
    return array.dtype.kind in "USO"


def to_array(inputs):
    """``inputs`` as a NumPy array; strings become an object array of ``str``
    (bytes are decoded as UTF-8), numbers keep their dtype."""
    if backend.is_tensor(inputs) or isinstance(inputs, backend.KerasVariable):
        return backend.convert_to_numpy(inputs)
    array = np.asarray(inputs)
    if array.dtype.kind in "SUO":
        return decode(array)
    return array


def decode(array, encoding="utf-8"):
    out = np.empty(array.shape, dtype=object)
    flat = out.reshape(-1)
    for i, value in enumerate(array.reshape(-1)):
        if isinstance(value, bytes):
            value = value.decode(encoding)
        elif isinstance(value, np.str_):
            value = str(value)
        flat[i] = value
    return out


def map_unique(array, fn):
    """Apply ``fn`` to each distinct element of ``array`` once; a NumPy array of
    the results in ``array``'s shape."""
    flat = array.reshape(-1)
    if flat.size == 0:
        return np.zeros(array.shape, dtype=np.int64)
    try:
        uniques, inverse = np.unique(flat, return_inverse=True)
    except TypeError:  # mixed object types: no ordering
        return np.array([fn(v) for v in flat]).reshape(array.shape)
    results = np.array([fn(v) for v in uniques])
    return results[inverse.reshape(-1)].reshape(array.shape)
