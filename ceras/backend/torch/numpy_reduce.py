"""torch backend: reductions (sum, mean, max, argmax, all ...) and their NaN-skipping
variants, with Keras's output dtypes (sum of small ints is int32, mean of ints floatx)."""
import torch

from ceras.backend.common.dtypes import result_type
from ceras.backend.torch.core import dtype_name, to_backend_dtype
from ceras.backend.torch.numpy_dtypes import (
    narrowed_float, reduce_dims, tensor, to_float, torch_dtype,
)

_SMALL_INTS = (torch.bool, torch.uint8, torch.int8, torch.int16, torch.uint16)


def _sum_dtype(x):
    # Keras sums bool and sub-32-bit ints in int32; 64-bit inputs keep their width.
    return torch.int32 if x.dtype in _SMALL_INTS else x.dtype


def _prod_dtype(x):
    # prod narrows like result_type: every int to int32, float64 to float32.
    if x.dtype in _SMALL_INTS:
        return torch.int32
    return to_backend_dtype(result_type(dtype_name(x.dtype)))


def _empty_axis(axis):
    return isinstance(axis, (tuple, list)) and len(axis) == 0


def sum(x, axis=None, keepdims=False):  # noqa: A001 - Keras's name
    x = tensor(x)
    dtype = _sum_dtype(x)
    if _empty_axis(axis):
        return x.to(dtype)
    return torch.sum(x, dim=reduce_dims(axis), keepdim=keepdims, dtype=dtype)


def prod(x, axis=None, keepdims=False, dtype=None):
    x = tensor(x)
    out_dtype = torch_dtype(dtype) or _prod_dtype(x)
    x = x.to(out_dtype)
    if axis is None:
        out = torch.prod(x, dtype=out_dtype)
        return out.reshape((1,) * x.ndim) if keepdims else out
    # torch.prod takes one dim at a time; reduce the highest first.
    axes = axis if isinstance(axis, (list, tuple)) else (axis,)
    for a in sorted({int(a) % x.ndim for a in axes}, reverse=True):
        x = torch.prod(x, dim=a, keepdim=keepdims, dtype=out_dtype)
    return x


def mean(x, axis=None, keepdims=False):
    x = to_float(x)
    if _empty_axis(axis):
        return x
    return torch.mean(x, dim=reduce_dims(axis), keepdim=keepdims)


def var(x, axis=None, keepdims=False):
    x = tensor(x)
    x = x.to(narrowed_float(x))
    return torch.var(x, dim=reduce_dims(axis), keepdim=keepdims, correction=0)


def std(x, axis=None, keepdims=False):
    x = to_float(x)
    return torch.std(x, dim=reduce_dims(axis), keepdim=keepdims, correction=0)


def _extreme(fn, x, axis, keepdims, initial, name):
    x = tensor(x)
    if x.numel() == 0 and initial is None:
        raise ValueError(
            f"{name} of an empty tensor has no value; pass `initial`, received shape "
            f"{tuple(x.shape)}")
    dims = reduce_dims(axis)
    out = fn(x, dim=dims, keepdim=keepdims) if dims is not None else fn(x)
    if keepdims and dims is None:
        out = out.reshape((1,) * x.ndim)
    if initial is not None:
        out = (torch.maximum if fn is torch.amax else torch.minimum)(
            out, torch.as_tensor(initial, dtype=out.dtype, device=out.device))
    return out


def max(x, axis=None, keepdims=False, initial=None):  # noqa: A001 - Keras's name
    return _extreme(torch.amax, x, axis, keepdims, initial, "max")


def min(x, axis=None, keepdims=False, initial=None):  # noqa: A001 - Keras's name
    return _extreme(torch.amin, x, axis, keepdims, initial, "min")


def amax(x, axis=None, keepdims=False):
    return _extreme(torch.amax, x, axis, keepdims, None, "amax")


def amin(x, axis=None, keepdims=False):
    return _extreme(torch.amin, x, axis, keepdims, None, "amin")


def ptp(x, axis=None, keepdims=False):
    return amax(x, axis, keepdims) - amin(x, axis, keepdims)


def _arg(fn, x, axis, keepdims):
    x = tensor(x)
    if x.dtype == torch.bool:
        x = x.to(torch.uint8)
    if axis is None:
        out = fn(x.reshape(-1))
        if keepdims:
            out = out.reshape((1,) * x.ndim)
    else:
        out = fn(x, dim=axis, keepdim=keepdims)
    return out.to(torch.int32)


def argmax(x, axis=None, keepdims=False):
    return _arg(torch.argmax, x, axis, keepdims)


def argmin(x, axis=None, keepdims=False):
    return _arg(torch.argmin, x, axis, keepdims)


def _bool_reduce(fn, x, axis, keepdims):
    x = tensor(x)
    if x.dtype != torch.bool:
        x = x != 0  # torch.all/any on uint8 return uint8
    if axis is None:
        out = fn(x)
        return out.reshape((1,) * x.ndim) if keepdims else out
    return fn(x, dim=reduce_dims(axis), keepdim=keepdims)


def all(x, axis=None, keepdims=False):  # noqa: A001 - Keras's name
    return _bool_reduce(torch.all, x, axis, keepdims)


def any(x, axis=None, keepdims=False):  # noqa: A001 - Keras's name
    return _bool_reduce(torch.any, x, axis, keepdims)


def count_nonzero(x, axis=None):
    x = tensor(x)
    return torch.count_nonzero(x, dim=reduce_dims(axis)).to(torch.int32)


def average(x, axis=None, weights=None):
    x = tensor(x)
    if weights is None:
        x = x.to(narrowed_float(x))
        return torch.mean(x, dim=reduce_dims(axis))
    weights = tensor(weights)
    dtype = to_backend_dtype(result_type(dtype_name(x.dtype), dtype_name(weights.dtype), float))
    x, weights = x.to(dtype), weights.to(dtype)
    if axis is None:
        return torch.sum(x * weights) / torch.sum(weights)
    if weights.ndim == 1 and x.ndim > 1:
        shape = [1] * x.ndim
        shape[axis] = -1
        weights = weights.reshape(shape)
    return torch.sum(x * weights, dim=axis) / torch.sum(weights * torch.ones_like(x), dim=axis)


# -- NaN-skipping reductions ----------------------------------------------------------


def _nan_filled(x, value):
    return torch.where(torch.isnan(x), torch.as_tensor(value, dtype=x.dtype), x) \
        if x.is_floating_point() else x


def nansum(x, axis=None, keepdims=False):
    return sum(_nan_filled(tensor(x), 0), axis, keepdims)


def nanprod(x, axis=None, keepdims=False):
    return prod(_nan_filled(tensor(x), 1), axis, keepdims)


def nanmean(x, axis=None, keepdims=False):
    x = tensor(x)
    x = x.to(narrowed_float(x))
    return torch.nanmean(x, dim=reduce_dims(axis), keepdim=keepdims)


def nanvar(x, axis=None, keepdims=False):
    x = tensor(x)
    x = x.to(narrowed_float(x))
    m = torch.nanmean(x, dim=reduce_dims(axis), keepdim=True)
    return torch.nanmean(torch.square(x - m), dim=reduce_dims(axis), keepdim=keepdims)


def nanstd(x, axis=None, keepdims=False):
    return torch.sqrt(nanvar(x, axis, keepdims))


def nanmax(x, axis=None, keepdims=False):
    x = tensor(x)
    if not x.is_floating_point():
        return amax(x, axis, keepdims)
    out = amax(_nan_filled(x, float("-inf")), axis, keepdims)
    all_nan = _bool_reduce(torch.all, torch.isnan(x), axis, keepdims)
    return torch.where(all_nan, torch.as_tensor(float("nan"), dtype=x.dtype), out)


def nanmin(x, axis=None, keepdims=False):
    x = tensor(x)
    if not x.is_floating_point():
        return amin(x, axis, keepdims)
    out = amin(_nan_filled(x, float("inf")), axis, keepdims)
    all_nan = _bool_reduce(torch.all, torch.isnan(x), axis, keepdims)
    return torch.where(all_nan, torch.as_tensor(float("nan"), dtype=x.dtype), out)


def nanargmax(x, axis=None, keepdims=False):
    x = tensor(x)
    return argmax(_nan_filled(x, float("-inf")), axis, keepdims)


def nanargmin(x, axis=None, keepdims=False):
    x = tensor(x)
    return argmin(_nan_filled(x, float("inf")), axis, keepdims)
