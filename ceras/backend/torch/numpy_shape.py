"""torch backend: ops that move, join, split or reorder elements without arithmetic."""
import builtins

import numpy as np
import torch

from ceras.backend.common import global_state
from ceras.backend.common.dtypes import result_type
from ceras.backend.torch.core import dtype_name, to_backend_dtype
from ceras.backend.torch.numpy_dtypes import tensor


def _shape_tuple(shape):
    if isinstance(shape, int):
        return (shape,)
    return tuple(-1 if d is None else int(d) for d in shape)


def reshape(x, newshape):
    return torch.reshape(tensor(x), _shape_tuple(newshape))


def ravel(x):
    return torch.reshape(tensor(x), (-1,))


def transpose(x, axes=None):
    x = tensor(x)
    if axes is None:
        axes = tuple(range(x.ndim - 1, -1, -1))
    return x.permute(*axes)


def expand_dims(x, axis):
    x = tensor(x)
    axes = axis if isinstance(axis, (list, tuple)) else (axis,)
    out_ndim = x.ndim + len(axes)
    for a in sorted(a % out_ndim for a in axes):
        x = x.unsqueeze(a)
    return x


def squeeze(x, axis=None):
    x = tensor(x)
    if axis is None:
        return torch.squeeze(x)
    axes = tuple(a % x.ndim for a in (axis if isinstance(axis, (list, tuple)) else (axis,)))
    for a in axes:
        if x.shape[a] != 1:
            raise ValueError(
                f"squeeze: cannot select axis {a} of shape {tuple(x.shape)}: its size is "
                f"{x.shape[a]}, expected 1")
    return torch.squeeze(x, dim=axes)


def _common(xs):
    # Keras joins with torch's promotion: int64 and float64 stay 64-bit here.
    xs = [tensor(x) for x in xs]
    dtype = xs[0].dtype
    mixed = False
    for x in xs[1:]:
        if x.dtype != dtype:
            dtype, mixed = torch.promote_types(dtype, x.dtype), True
    return [x.to(dtype) for x in xs] if mixed else xs


def concatenate(xs, axis=0):
    xs = _common(xs)
    if axis is None:
        return torch.cat([x.reshape(-1) for x in xs])
    return torch.cat(xs, dim=axis)


def stack(x, axis=0):
    return torch.stack(_common(x), dim=axis)


def append(x1, x2, axis=None):
    return concatenate([x1, x2], axis=axis)


def hstack(xs):
    xs = _common(xs)
    return torch.cat(xs, dim=0 if xs[0].ndim == 1 else 1)


def vstack(xs):
    return torch.cat([torch.atleast_2d(x) for x in _common(xs)], dim=0)


def dstack(xs):
    return torch.cat([torch.atleast_3d(x) for x in _common(xs)], dim=2)


def _split_arg(indices_or_sections):
    if isinstance(indices_or_sections, int):
        return indices_or_sections
    if isinstance(indices_or_sections, torch.Tensor):
        indices_or_sections = indices_or_sections.tolist()
    return [int(i) for i in indices_or_sections]


def split(x, indices_or_sections, axis=0):
    x = tensor(x)
    arg = _split_arg(indices_or_sections)
    # While tracing shapes, an unknown dim has an arbitrary stand-in size: skip the check.
    if isinstance(arg, int) and x.shape[axis] % arg and not global_state.in_symbolic_scope():
        raise ValueError(
            f"split: axis {axis} of size {x.shape[axis]} cannot be divided into "
            f"{arg} equal sections; use array_split for unequal ones")
    return list(torch.tensor_split(x, arg, dim=axis))


def array_split(x, indices_or_sections, axis=0):
    return list(torch.tensor_split(tensor(x), _split_arg(indices_or_sections), dim=axis))


def hsplit(x, indices_or_sections):
    x = tensor(x)
    return split(x, indices_or_sections, axis=1 if x.ndim > 1 else 0)


def vsplit(x, indices_or_sections):
    return split(x, indices_or_sections, axis=0)


def dsplit(x, indices_or_sections):
    return split(x, indices_or_sections, axis=2)


def broadcast_to(x, shape):
    return torch.broadcast_to(tensor(x), _shape_tuple(shape))


def moveaxis(x, source, destination):
    return torch.movedim(tensor(x), source, destination)


def swapaxes(x, axis1, axis2):
    return torch.swapaxes(tensor(x), axis1, axis2)


def flip(x, axis=None):
    x = tensor(x)
    if axis is None:
        axis = tuple(range(x.ndim))
    elif isinstance(axis, int):
        axis = (axis,)
    return torch.flip(x, dims=tuple(axis))


def fliplr(x):
    return flip(x, 1)


def flipud(x):
    return flip(x, 0)


def rot90(array, k=1, axes=(0, 1)):
    return torch.rot90(tensor(array), k=k, dims=tuple(axes))


def roll(x, shift, axis=None):
    x = tensor(x)
    if axis is None:
        return torch.roll(x.reshape(-1), shift).reshape(x.shape)
    return torch.roll(x, shift, dims=axis)


def tile(x, repeats):
    reps = (repeats,) if isinstance(repeats, int) else tuple(int(r) for r in repeats)
    return torch.tile(tensor(x), reps)


def repeat(x, repeats, axis=None):
    x = tensor(x)
    if not isinstance(repeats, int):
        repeats = tensor(repeats)
        if repeats.ndim == 0:
            repeats = int(repeats)
    if axis is None:
        x = x.reshape(-1)
        axis = 0
    return torch.repeat_interleave(x, repeats, dim=axis)


def _pad_pairs(pad_width, ndim):
    widths = np.asarray(pad_width, dtype=np.int64)
    if widths.ndim == 0:
        widths = np.full((ndim, 2), int(widths))
    elif widths.ndim == 1:
        widths = np.broadcast_to(widths.reshape(1, -1) if widths.size == 2
                                 else widths.reshape(-1, 1), (ndim, 2))
    return np.broadcast_to(widths, (ndim, 2)).tolist()


_INDEX_MODES = ("reflect", "symmetric", "edge", "wrap")


def pad(x, pad_width, mode="constant", constant_values=None):
    x = tensor(x)
    pairs = _pad_pairs(pad_width, x.ndim)
    if mode == "constant":
        flat = [w for pair in reversed(pairs) for w in pair]
        value = 0 if constant_values is None else constant_values
        return torch.nn.functional.pad(x, flat, mode="constant", value=value)
    if constant_values is not None:
        raise ValueError(
            f"pad: constant_values is only used with mode='constant', received mode={mode!r}")
    if mode not in _INDEX_MODES:
        raise ValueError(
            f"pad: mode must be one of {('constant',) + _INDEX_MODES}, received {mode!r}")
    # Each of these modes only gathers existing elements: NumPy computes the gather
    # index along every axis, torch applies it.
    for axis, (before, after) in enumerate(pairs):
        if before or after:
            index = np.pad(np.arange(x.shape[axis]), (before, after), mode=mode)
            x = x.index_select(axis, torch.as_tensor(index, device=x.device))
    return x


def _index_tensor(indices):
    indices = tensor(indices)
    if indices.dtype not in (torch.int64, torch.int32):
        # Small ints would index as masks (uint8) or not at all; floats truncate.
        indices = indices.long()
    return indices


def _wrap_indices(indices, size):
    # Negative indices count from the end, as in NumPy (one remainder kernel is
    # cheaper than torch.where on small index tensors).
    return torch.remainder(_index_tensor(indices), size)


def take(x, indices, axis=None):
    x = tensor(x)
    if axis is None:
        x, axis = x.reshape(-1), 0
    axis %= x.ndim
    idx = _wrap_indices(indices, x.shape[axis])
    # index_select is several times faster than advanced indexing (x[:, idx]).
    out = x.index_select(axis, idx.reshape(-1))
    return out.reshape(x.shape[:axis] + idx.shape + x.shape[axis + 1:])


def take_along_axis(x, indices, axis=None):
    x = tensor(x)
    indices = tensor(indices)
    if axis is None:
        x = x.reshape(-1)
        axis = 0
    idx = _wrap_indices(indices, x.shape[axis]).long()
    return torch.take_along_dim(x, idx, dim=axis)


def _index_part(k):
    if isinstance(k, builtins.slice):
        return builtins.slice(*(int(v) if isinstance(v, (torch.Tensor, np.generic)) else v
                                for v in (k.start, k.stop, k.step)))
    if isinstance(k, (np.ndarray, list)):
        return tensor(k)
    if isinstance(k, torch.Tensor) and k.dtype not in (torch.bool, torch.int64) \
            and not k.dtype.is_floating_point and k.ndim:
        return k.long()
    return k


def get_item(x, key):
    x = tensor(x)
    if isinstance(key, tuple):
        key = tuple(_index_part(k) for k in key)
    else:
        key = _index_part(key)
    return x[key]


def diagonal(x, offset=0, axis1=0, axis2=1):
    return torch.diagonal(tensor(x), offset=offset, dim1=axis1, dim2=axis2)


def diag(x, k=0):
    x = tensor(x)
    if x.ndim not in (1, 2):
        raise ValueError(f"diag expects a 1-D or 2-D input, received shape {tuple(x.shape)}")
    return torch.diag(x, diagonal=k)


def diagflat(x, k=0):
    return torch.diagflat(tensor(x), offset=k)


def tril(x, k=0):
    return torch.tril(tensor(x), diagonal=k)


def triu(x, k=0):
    return torch.triu(tensor(x), diagonal=k)


def ndim(x):
    return tensor(x).ndim


def size(x):
    x = tensor(x)
    return torch.tensor(x.numel(), device=x.device)


def nonzero(x):
    return tuple(i.to(torch.int32) for i in torch.nonzero(tensor(x), as_tuple=True))


def unravel_index(indices, shape):
    indices = tensor(indices)
    # Integer indices keep their (Keras-narrowed) dtype; others give int32.
    dtype = torch.int32 if indices.is_floating_point() or indices.dtype == torch.bool \
        else to_backend_dtype(result_type(dtype_name(indices.dtype)))
    coords = []
    for dim in reversed(tuple(shape)):
        coords.append(torch.remainder(indices, dim).to(dtype))
        indices = torch.div(indices, dim, rounding_mode="floor")
    return tuple(reversed(coords))


def view(x, dtype=None):
    x = tensor(x)
    if dtype is None:
        return x.view(x.shape)
    return x.view(to_backend_dtype(dtype))


