"""torch backend: pooling (keras.ops.nn max_pool, average_pool, adaptive_*_pool)."""
import functools

import torch
import torch.nn.functional as F

from ceras.backend.torch.nn_conv import (
    TO_LAST, as_tuple, prepare_inputs, same_padding, standardize_padding,
)

_MAX = {1: F.max_pool1d, 2: F.max_pool2d, 3: F.max_pool3d}
_AVG = {1: F.avg_pool1d, 2: F.avg_pool2d, 3: F.avg_pool3d}
_ADAPTIVE_MAX = {1: F.adaptive_max_pool1d, 2: F.adaptive_max_pool2d, 3: F.adaptive_max_pool3d}
_ADAPTIVE_AVG = {1: F.adaptive_avg_pool1d, 2: F.adaptive_avg_pool2d, 3: F.adaptive_avg_pool3d}


@functools.lru_cache(maxsize=256)
def _pool_plan(spatial, pool, strides, padding):
    """(torch padding, ceil_mode, F.pad pairs or None) for Keras's 'valid'/'same'.

    'same' windows never count the padding (max ignores it, the average divides by the
    valid elements only). Torch's own padding is symmetric; with ceil_mode it also
    lets the last window run past the end, which covers Keras's extra pixel at the end
    in most cases. The rest (e.g. stride 1, even pool) pads explicitly.
    """
    if padding == "valid":
        return 0, False, None
    pads = [same_padding(n, k, s) for n, k, s in zip(spatial, pool, strides)]
    before = tuple(lo for lo, _ in pads)
    if all(lo == hi for lo, hi in pads):
        return before, False, None
    if all(_ceil_output(n, k, s, lo) == -(-n // s)
           for n, k, s, lo in zip(spatial, pool, strides, before)):
        return before, True, None
    return 0, False, tuple(v for lo, hi in reversed(pads) for v in (lo, hi))


def _ceil_output(size, kernel, stride, pad):
    # torch's pooling output size with ceil_mode=True
    out = -(-(size + 2 * pad - kernel) // stride) + 1
    if (out - 1) * stride >= size + pad:
        out -= 1
    return out


def _plan(inputs, pool_size, strides, padding):
    nd = inputs.ndim - 2
    pool = as_tuple(pool_size, nd, "pool_size")
    strides = pool if strides is None else as_tuple(strides, nd, "strides")
    return pool, strides, _pool_plan(tuple(inputs.shape[2:]), pool, strides,
                                     standardize_padding(padding))


def max_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    inputs, channels_last = prepare_inputs(inputs, data_format, "max_pool")
    pool, strides, (pad, ceil_mode, explicit) = _plan(inputs, pool_size, strides, padding)
    if explicit is not None:
        inputs = F.pad(inputs, explicit, value=float("-inf"))
    out = _MAX[inputs.ndim - 2](inputs, pool, strides, pad, ceil_mode=ceil_mode)
    return out.permute(TO_LAST[out.ndim]) if channels_last else out


def average_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    inputs, channels_last = prepare_inputs(inputs, data_format, "average_pool")
    pool, strides, (pad, ceil_mode, explicit) = _plan(inputs, pool_size, strides, padding)
    nd = inputs.ndim - 2
    if explicit is None:
        out = _AVG[nd](inputs, pool, strides, pad, ceil_mode=ceil_mode,
                       count_include_pad=False)
    else:
        # Mean over the zero-padded windows, rescaled by the share of real elements in
        # each window (the same pooling over a ones tensor of the spatial shape only).
        means = _AVG[nd](F.pad(inputs, explicit), pool, strides)
        ones = torch.ones((1, 1) + tuple(inputs.shape[2:]), dtype=inputs.dtype,
                          device=inputs.device)
        out = means / _AVG[nd](F.pad(ones, explicit), pool, strides)
    return out.permute(TO_LAST[out.ndim]) if channels_last else out


def _adaptive(table, inputs, output_size, data_format, name):
    inputs, channels_last = prepare_inputs(inputs, data_format, name)
    nd = inputs.ndim - 2
    out = table[nd](inputs, as_tuple(output_size, nd, "output_size"))
    if isinstance(out, tuple):
        out = out[0]
    return out.permute(TO_LAST[out.ndim]) if channels_last else out


def adaptive_average_pool(inputs, output_size, data_format=None):
    return _adaptive(_ADAPTIVE_AVG, inputs, output_size, data_format, "adaptive_average_pool")


def adaptive_max_pool(inputs, output_size, data_format=None):
    return _adaptive(_ADAPTIVE_MAX, inputs, output_size, data_format, "adaptive_max_pool")
