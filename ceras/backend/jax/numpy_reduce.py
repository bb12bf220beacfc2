"""jax backend: reductions (sum, mean, max, argmax, all ...) and their NaN-skipping
variants, with Keras's output dtypes (sum of small ints is int32, mean of ints floatx)."""
import jax.numpy as jnp

from ceras.backend.common.dtypes import result_type
from ceras.backend.jax.core import dtype_name, to_backend_dtype
from ceras.backend.jax.numpy_dtypes import (
    _BOOL, is_float, jax_dtype, narrowed_float, reduce_axes, tensor, to_float,
)

_SMALL_INTS = tuple(jnp.dtype(d) for d in ("bool", "uint8", "int8", "int16", "uint16"))


def _sum_dtype(x):
    # Keras sums bool and sub-32-bit ints in int32; 64-bit inputs keep their width.
    return jnp.dtype("int32") if x.dtype in _SMALL_INTS else x.dtype


def _prod_dtype(x):
    # prod narrows like result_type: every int to int32, float64 to float32.
    if x.dtype in _SMALL_INTS:
        return jnp.dtype("int32")
    return to_backend_dtype(result_type(dtype_name(x.dtype)))


def sum(x, axis=None, keepdims=False):  # noqa: A001 - Keras's name
    x = tensor(x)
    return jnp.sum(x, axis=reduce_axes(axis), keepdims=keepdims, dtype=_sum_dtype(x))


def prod(x, axis=None, keepdims=False, dtype=None):
    x = tensor(x)
    out_dtype = jax_dtype(dtype) or _prod_dtype(x)
    return jnp.prod(x.astype(out_dtype), axis=reduce_axes(axis), keepdims=keepdims,
                    dtype=out_dtype)


def mean(x, axis=None, keepdims=False):
    x = to_float(x)
    if x.dtype in (jnp.float16, jnp.bfloat16):
        # Accumulate half precision in float32 (as Keras and torch do).
        return jnp.mean(x, axis=reduce_axes(axis), keepdims=keepdims,
                        dtype=jnp.float32).astype(x.dtype)
    return jnp.mean(x, axis=reduce_axes(axis), keepdims=keepdims)


def var(x, axis=None, keepdims=False):
    x = tensor(x)
    x = x.astype(narrowed_float(x))
    return jnp.var(x, axis=reduce_axes(axis), keepdims=keepdims)


def std(x, axis=None, keepdims=False):
    x = to_float(x)
    return jnp.std(x, axis=reduce_axes(axis), keepdims=keepdims)


def _extreme(fn, x, axis, keepdims, initial, name):
    x = tensor(x)
    if x.size == 0 and initial is None:
        raise ValueError(
            f"{name} of an empty tensor has no value; pass `initial`, received shape "
            f"{tuple(x.shape)}")
    out = fn(x, axis=reduce_axes(axis), keepdims=keepdims)
    if initial is not None:
        bound = jnp.asarray(initial, dtype=out.dtype)
        out = jnp.maximum(out, bound) if fn is jnp.max else jnp.minimum(out, bound)
    return out


def max(x, axis=None, keepdims=False, initial=None):  # noqa: A001 - Keras's name
    return _extreme(jnp.max, x, axis, keepdims, initial, "max")


def min(x, axis=None, keepdims=False, initial=None):  # noqa: A001 - Keras's name
    return _extreme(jnp.min, x, axis, keepdims, initial, "min")


def amax(x, axis=None, keepdims=False):
    return _extreme(jnp.max, x, axis, keepdims, None, "amax")


def amin(x, axis=None, keepdims=False):
    return _extreme(jnp.min, x, axis, keepdims, None, "amin")


def ptp(x, axis=None, keepdims=False):
    return amax(x, axis, keepdims) - amin(x, axis, keepdims)


def _arg(fn, x, axis, keepdims):
    x = tensor(x)
    if x.dtype == _BOOL:
        x = x.astype("uint8")
    if axis is None:
        out = fn(x.reshape(-1))
        if keepdims:
            out = out.reshape((1,) * x.ndim)
    else:
        out = fn(x, axis=int(axis), keepdims=keepdims)
    return out.astype("int32")


def argmax(x, axis=None, keepdims=False):
    return _arg(jnp.argmax, x, axis, keepdims)


def argmin(x, axis=None, keepdims=False):
    return _arg(jnp.argmin, x, axis, keepdims)


def all(x, axis=None, keepdims=False):  # noqa: A001 - Keras's name
    return jnp.all(tensor(x), axis=reduce_axes(axis), keepdims=keepdims)


def any(x, axis=None, keepdims=False):  # noqa: A001 - Keras's name
    return jnp.any(tensor(x), axis=reduce_axes(axis), keepdims=keepdims)


def count_nonzero(x, axis=None):
    return jnp.count_nonzero(tensor(x), axis=reduce_axes(axis)).astype("int32")


def average(x, axis=None, weights=None):
    x = tensor(x)
    if weights is None:
        x = x.astype(narrowed_float(x))
        return jnp.mean(x, axis=reduce_axes(axis))
    weights = tensor(weights)
    dtype = to_backend_dtype(result_type(dtype_name(x.dtype), dtype_name(weights.dtype), float))
    x, weights = x.astype(dtype), weights.astype(dtype)
    if axis is None:
        return jnp.sum(x * weights) / jnp.sum(weights)
    if weights.ndim == 1 and x.ndim > 1:
        shape = [1] * x.ndim
        shape[axis] = -1
        weights = weights.reshape(shape)
    return jnp.sum(x * weights, axis=axis) / jnp.sum(weights * jnp.ones_like(x), axis=axis)


# -- NaN-skipping reductions ----------------------------------------------------------


def _nan_filled(x, value):
    return jnp.where(jnp.isnan(x), jnp.asarray(value, dtype=x.dtype), x) if is_float(x) else x


def nansum(x, axis=None, keepdims=False):
    return sum(_nan_filled(tensor(x), 0), axis, keepdims)


def nanprod(x, axis=None, keepdims=False):
    return prod(_nan_filled(tensor(x), 1), axis, keepdims)


def nanmean(x, axis=None, keepdims=False):
    x = tensor(x)
    x = x.astype(narrowed_float(x))
    return jnp.nanmean(x, axis=reduce_axes(axis), keepdims=keepdims)


def nanvar(x, axis=None, keepdims=False):
    x = tensor(x)
    x = x.astype(narrowed_float(x))
    return jnp.nanvar(x, axis=reduce_axes(axis), keepdims=keepdims)


def nanstd(x, axis=None, keepdims=False):
    return jnp.sqrt(nanvar(x, axis, keepdims))


def nanmax(x, axis=None, keepdims=False):
    x = tensor(x)
    if not is_float(x):
        return amax(x, axis, keepdims)
    return jnp.nanmax(x, axis=reduce_axes(axis), keepdims=keepdims)


def nanmin(x, axis=None, keepdims=False):
    x = tensor(x)
    if not is_float(x):
        return amin(x, axis, keepdims)
    return jnp.nanmin(x, axis=reduce_axes(axis), keepdims=keepdims)


def nanargmax(x, axis=None, keepdims=False):
    return argmax(_nan_filled(tensor(x), float("-inf")), axis, keepdims)


def nanargmin(x, axis=None, keepdims=False):
    return argmin(_nan_filled(tensor(x), float("inf")), axis, keepdims)
