"""jax backend: ops that move, join, split or reorder elements without arithmetic."""
import builtins

import jax
import jax.numpy as jnp
import numpy as np

from ceras.backend.common import global_state
from ceras.backend.common.dtypes import result_type
from ceras.backend.jax.core import Tracer, dtype_name, to_backend_dtype
from ceras.backend.jax.numpy_dtypes import _BOOL, is_inexact, tensor


def _shape_tuple(shape):
    if isinstance(shape, int):
        return (shape,)
    return tuple(-1 if d is None else int(d) for d in shape)


def reshape(x, newshape):
    return jnp.reshape(tensor(x), _shape_tuple(newshape))


def ravel(x):
    return jnp.reshape(tensor(x), (-1,))


def transpose(x, axes=None):
    return jnp.transpose(tensor(x), None if axes is None else tuple(axes))


def expand_dims(x, axis):
    x = tensor(x)
    axes = tuple(axis) if isinstance(axis, (list, tuple)) else axis
    return jnp.expand_dims(x, axes)


def squeeze(x, axis=None):
    x = tensor(x)
    if axis is None:
        return jnp.squeeze(x)
    axes = tuple(a % x.ndim for a in (axis if isinstance(axis, (list, tuple)) else (axis,)))
    for a in axes:
        if x.shape[a] != 1:
            raise ValueError(
                f"squeeze: cannot select axis {a} of shape {tuple(x.shape)}: its size is "
                f"{x.shape[a]}, expected 1")
    return jnp.squeeze(x, axis=axes)


def _common(xs):
    # Joins promote like the torch backend: int64 and float64 stay 64-bit here.
    xs = [tensor(x) for x in xs]
    dtype = xs[0].dtype
    mixed = False
    for x in xs[1:]:
        if x.dtype != dtype:
            dtype, mixed = jnp.promote_types(dtype, x.dtype), True
    return [x.astype(dtype) for x in xs] if mixed else xs


def concatenate(xs, axis=0):
    xs = _common(xs)
    if axis is None:
        return jnp.concatenate([x.reshape(-1) for x in xs])
    return jnp.concatenate(xs, axis=axis)


def stack(x, axis=0):
    return jnp.stack(_common(x), axis=axis)


def append(x1, x2, axis=None):
    return concatenate([x1, x2], axis=axis)


def hstack(xs):
    return jnp.hstack(_common(xs))


def vstack(xs):
    return jnp.vstack(_common(xs))


def dstack(xs):
    return jnp.dstack(_common(xs))


def _split_arg(indices_or_sections):
    if isinstance(indices_or_sections, int):
        return indices_or_sections
    if isinstance(indices_or_sections, (jax.Array, np.ndarray)):
        indices_or_sections = np.asarray(indices_or_sections).tolist()
    return [int(i) for i in indices_or_sections]


def split(x, indices_or_sections, axis=0):
    x = tensor(x)
    arg = _split_arg(indices_or_sections)
    # While tracing shapes, an unknown dim has an arbitrary stand-in size: skip the check.
    if isinstance(arg, int) and x.shape[axis] % arg:
        if global_state.in_symbolic_scope():
            return jnp.array_split(x, arg, axis=axis)
        raise ValueError(
            f"split: axis {axis} of size {x.shape[axis]} cannot be divided into "
            f"{arg} equal sections; use array_split for unequal ones")
    return jnp.split(x, arg, axis=axis)


def array_split(x, indices_or_sections, axis=0):
    return jnp.array_split(tensor(x), _split_arg(indices_or_sections), axis=axis)


def hsplit(x, indices_or_sections):
    x = tensor(x)
    return split(x, indices_or_sections, axis=1 if x.ndim > 1 else 0)


def vsplit(x, indices_or_sections):
    return split(x, indices_or_sections, axis=0)


def dsplit(x, indices_or_sections):
    return split(x, indices_or_sections, axis=2)


def broadcast_to(x, shape):
    return jnp.broadcast_to(tensor(x), _shape_tuple(shape))


def moveaxis(x, source, destination):
    return jnp.moveaxis(tensor(x), source, destination)


def swapaxes(x, axis1, axis2):
    return jnp.swapaxes(tensor(x), axis1, axis2)


def flip(x, axis=None):
    x = tensor(x)
    return jnp.flip(x, axis=tuple(axis) if isinstance(axis, list) else axis)


def fliplr(x):
    return flip(x, 1)


def flipud(x):
    return flip(x, 0)


def rot90(array, k=1, axes=(0, 1)):
    return jnp.rot90(tensor(array), k=k, axes=tuple(axes))


def roll(x, shift, axis=None):
    return jnp.roll(tensor(x), shift, axis=axis)


def tile(x, repeats):
    reps = (repeats,) if isinstance(repeats, int) else tuple(int(r) for r in repeats)
    return jnp.tile(tensor(x), reps)


def repeat(x, repeats, axis=None):
    x = tensor(x)
    if not isinstance(repeats, int):
        repeats = tensor(repeats)
        if repeats.ndim == 0 and not isinstance(repeats, Tracer):
            repeats = int(repeats)
    return jnp.repeat(x, repeats, axis=axis)


def _pad_pairs(pad_width, ndim):
    widths = np.asarray(pad_width, dtype=np.int64)
    if widths.ndim == 0:
        widths = np.full((ndim, 2), int(widths))
    elif widths.ndim == 1:
        widths = np.broadcast_to(widths.reshape(1, -1) if widths.size == 2
                                 else widths.reshape(-1, 1), (ndim, 2))
    return [tuple(p) for p in np.broadcast_to(widths, (ndim, 2)).tolist()]


_INDEX_MODES = ("reflect", "symmetric", "edge", "wrap")


def pad(x, pad_width, mode="constant", constant_values=None):
    x = tensor(x)
    pairs = _pad_pairs(pad_width, x.ndim)
    if mode == "constant":
        value = 0 if constant_values is None else constant_values
        return jnp.pad(x, pairs, mode="constant", constant_values=jnp.asarray(value, x.dtype))
    if constant_values is not None:
        raise ValueError(
            f"pad: constant_values is only used with mode='constant', received mode={mode!r}")
    if mode not in _INDEX_MODES:
        raise ValueError(
            f"pad: mode must be one of {('constant',) + _INDEX_MODES}, received {mode!r}")
    return jnp.pad(x, pairs, mode=mode)


def _index_array(indices):
    indices = tensor(indices)
    if is_inexact(indices) or indices.dtype == _BOOL:
        indices = indices.astype("int32")  # floats truncate, as on torch
    return indices


def _wrap_indices(indices, size):
    # Negative indices count from the end, as in NumPy.
    return jnp.remainder(_index_array(indices), size)


def take(x, indices, axis=None):
    x = tensor(x)
    if axis is None:
        x, axis = x.reshape(-1), 0
    axis %= x.ndim
    idx = _wrap_indices(indices, x.shape[axis])
    return jnp.take(x, idx, axis=axis)


def take_along_axis(x, indices, axis=None):
    x = tensor(x)
    if axis is None:
        x, axis = x.reshape(-1), 0
    idx = _wrap_indices(indices, x.shape[axis])
    if idx.ndim == x.ndim:
        # NumPy broadcasts the non-axis dims of the index and the array against each other.
        shape = [builtins.max(a, b) for a, b in zip(x.shape, idx.shape)]
        shape_x, shape_i = list(shape), list(shape)
        shape_x[axis], shape_i[axis] = x.shape[axis], idx.shape[axis]
        x, idx = jnp.broadcast_to(x, shape_x), jnp.broadcast_to(idx, shape_i)
    return jnp.take_along_axis(x, idx, axis=axis)


def _index_part(k):
    if isinstance(k, builtins.slice):
        return builtins.slice(*(int(v) if isinstance(v, (jax.Array, np.generic)) and
                                not isinstance(v, Tracer) else v
                                for v in (k.start, k.stop, k.step)))
    if isinstance(k, list):
        return tensor(k)
    if hasattr(k, "__dlpack__") and not isinstance(k, (jax.Array, np.ndarray)):
        return tensor(k)  # another framework's tensor
    if type(k).__name__ == "Variable" or hasattr(k, "_value"):
        return tensor(k)
    return k


def get_item(x, key):
    x = tensor(x)
    if isinstance(key, tuple):
        key = tuple(_index_part(k) for k in key)
    else:
        key = _index_part(key)
    return x[key]


def diagonal(x, offset=0, axis1=0, axis2=1):
    return jnp.diagonal(tensor(x), offset=offset, axis1=axis1, axis2=axis2)


def diag(x, k=0):
    x = tensor(x)
    if x.ndim not in (1, 2):
        raise ValueError(f"diag expects a 1-D or 2-D input, received shape {tuple(x.shape)}")
    return jnp.diag(x, k=k)


def diagflat(x, k=0):
    return jnp.diagflat(tensor(x), k=k)


def tril(x, k=0):
    return jnp.tril(tensor(x), k=k)


def triu(x, k=0):
    return jnp.triu(tensor(x), k=k)


def ndim(x):
    return tensor(x).ndim


def size(x):
    return jnp.asarray(tensor(x).size, dtype="int64")


def nonzero(x):
    return tuple(i.astype("int32") for i in jnp.nonzero(tensor(x)))


def unravel_index(indices, shape):
    indices = tensor(indices)
    # Integer indices keep their (Keras-narrowed) dtype; others give int32.
    dtype = jnp.dtype("int32") if is_inexact(indices) or indices.dtype == _BOOL \
        else to_backend_dtype(result_type(dtype_name(indices.dtype)))
    coords = []
    for dim in reversed(tuple(shape)):
        coords.append(jnp.remainder(indices, dim).astype(dtype))
        indices = jnp.floor_divide(indices, dim)
    return tuple(reversed(coords))


def view(x, dtype=None):
    x = tensor(x)
    if dtype is None:
        return x
    return x.view(to_backend_dtype(dtype))
