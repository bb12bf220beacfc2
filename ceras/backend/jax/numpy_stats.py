"""jax backend: running totals, sorting and searching, order statistics (median,
quantile) and counting (histogram, bincount, unique)."""
import builtins

import jax.numpy as jnp

from ceras.backend.common.config import floatx
from ceras.backend.common.dtypes import result_type
from ceras.backend.jax.core import Tracer, dtype_name, to_backend_dtype
from ceras.backend.jax.numpy_dtypes import _BOOL, is_float, is_inexact, narrowed_float, tensor

# -- running totals -------------------------------------------------------------------


def _cumulative_dtype(x, dtype):
    if dtype is not None:
        return to_backend_dtype(dtype)
    if x.dtype == _BOOL:
        return jnp.dtype("int32")
    return to_backend_dtype(result_type(dtype_name(x.dtype)))


def _cumulative(fn, x, axis, dtype):
    x = tensor(x)
    dtype = _cumulative_dtype(x, dtype)
    if axis is None:
        x, axis = x.reshape(-1), 0
    if dtype in (jnp.float16, jnp.bfloat16):  # accumulate half precision in float32
        return fn(x.astype("float32"), axis=axis, dtype="float32").astype(dtype)
    return fn(x.astype(dtype), axis=axis, dtype=dtype)


def cumsum(x, axis=None, dtype=None):
    return _cumulative(jnp.cumsum, x, axis, dtype)


def cumprod(x, axis=None, dtype=None):
    return _cumulative(jnp.cumprod, x, axis, dtype)


def _zero_nans(x, value):
    x = tensor(x)
    if not is_float(x):
        return x
    return jnp.where(jnp.isnan(x), jnp.asarray(value, dtype=x.dtype), x)


def nancumsum(x, axis=None, dtype=None):
    return cumsum(_zero_nans(x, 0), axis, dtype)


def nancumprod(x, axis=None, dtype=None):
    return cumprod(_zero_nans(x, 1), axis, dtype)


def diff(a, n=1, axis=-1):
    return jnp.diff(tensor(a), n=n, axis=axis)


# -- sorting and searching --------------------------------------------------------------


def sort(x, axis=-1):
    return jnp.sort(tensor(x), axis=axis, stable=True)


def argsort(x, axis=-1):
    x = tensor(x)
    if axis is None:
        x, axis = x.reshape(-1), 0
    if x.dtype == _BOOL:
        x = x.astype("uint8")
    return jnp.argsort(x, axis=axis, stable=True).astype("int32")


def argpartition(x, kth, axis=-1):
    # A full stable argsort is a valid partition for every kth.
    return argsort(x, axis)


def searchsorted(sorted_sequence, values, side="left"):
    if side not in ("left", "right"):
        raise ValueError(f"searchsorted: side must be 'left' or 'right', received {side!r}")
    sorted_sequence, values = tensor(sorted_sequence), tensor(values)
    if sorted_sequence.ndim != 1:
        raise ValueError(
            "searchsorted expects a 1-D sorted_sequence, received shape "
            f"{tuple(sorted_sequence.shape)}")
    dtype = to_backend_dtype(result_type(dtype_name(sorted_sequence.dtype),
                                         dtype_name(values.dtype)))
    out = jnp.searchsorted(sorted_sequence.astype(dtype), values.astype(dtype), side=side)
    return out.astype("int32")


def digitize(x, bins):
    x, bins = tensor(x), tensor(bins)
    dtype = to_backend_dtype(result_type(dtype_name(x.dtype), dtype_name(bins.dtype)))
    return jnp.digitize(x.astype(dtype), bins.astype(dtype)).astype("int32")


# -- order statistics ---------------------------------------------------------------------

_METHODS = ("linear", "lower", "higher", "midpoint", "nearest")


def _quantile(fn, x, q, axis, method, keepdims):
    if method not in _METHODS:
        raise ValueError(f"quantile: method must be one of {_METHODS}, received {method!r}")
    x = tensor(x)
    x = x.astype(narrowed_float(x))
    compute = x if x.dtype in (jnp.float32, jnp.float64) else x.astype("float32")
    q = tensor(q, dtype=compute.dtype)
    if isinstance(axis, list):
        axis = tuple(axis)
    out = fn(compute, q, axis=axis, method=method, keepdims=keepdims)
    return out.astype(x.dtype)


def quantile(x, q, axis=None, method="linear", keepdims=False):
    return _quantile(jnp.quantile, x, q, axis, method, keepdims)


def _nanquantile(x, q, axis=None, method="linear", keepdims=False):
    """Quantiles of the non-NaN values: sort (NaNs go last), then interpolate between
    the order statistics at q * (count - 1), as torch.nanquantile."""
    ndim = x.ndim
    axes = tuple(range(ndim)) if axis is None else tuple(
        a % ndim for a in (axis if isinstance(axis, (list, tuple)) else (axis,)))
    kept = [d for d in range(ndim) if d not in axes]
    moved = jnp.transpose(x, kept + list(axes)).reshape([x.shape[d] for d in kept] + [-1])
    ordered = jnp.sort(moved, axis=-1)
    count = jnp.sum(~jnp.isnan(moved), axis=-1, keepdims=True)
    position = q.reshape(q.shape + (1,) * moved.ndim) * (count - 1).astype(x.dtype)
    low, high = jnp.floor(position), jnp.ceil(position)
    pick = {"lower": low, "higher": high, "nearest": jnp.round(position)}.get(method)

    def at(index):
        index = jnp.clip(index, 0, moved.shape[-1] - 1).astype("int32")
        return jnp.take_along_axis(jnp.broadcast_to(ordered, index.shape[:-1] + ordered.shape[
            -1:]), index, axis=-1)[..., 0]

    if pick is not None:
        out = at(pick)
    elif method == "midpoint":
        out = (at(low) + at(high)) / 2
    else:
        out = at(low) + (at(high) - at(low)) * (position - low)[..., 0]
    out = jnp.where(count[..., 0] == 0, jnp.nan, out)
    if keepdims:
        shape = list(out.shape[: q.ndim]) + [1 if d in axes else x.shape[d] for d in range(ndim)]
        out = out.reshape(shape)
    return out


def nanquantile(x, q, axis=None, method="linear", keepdims=False):
    return _quantile(_nanquantile, x, q, axis, method, keepdims)


def percentile(x, q, axis=None, method="linear", keepdims=False):
    return quantile(x, tensor(q) / 100.0, axis, method, keepdims)


def nanpercentile(x, q, axis=None, method="linear", keepdims=False):
    return nanquantile(x, tensor(q) / 100.0, axis, method, keepdims)


def median(x, axis=None, keepdims=False):
    return quantile(x, 0.5, axis=axis, keepdims=keepdims)


def nanmedian(x, axis=None, keepdims=False):
    return nanquantile(x, 0.5, axis=axis, keepdims=keepdims)


# -- counting ----------------------------------------------------------------------------


def histogram(x, bins=10, range=None):  # noqa: A002 - Keras's name
    x = tensor(x)
    if x.ndim != 1:
        raise ValueError(f"histogram expects a 1-D input, received shape {tuple(x.shape)}")
    if not isinstance(bins, int) or bins < 1:
        raise ValueError(f"histogram: bins must be a positive integer, received {bins!r}")
    values = x if is_float(x) else x.astype(to_backend_dtype(floatx()))
    lo, hi = (values.min(), values.max()) if range is None else \
        (jnp.asarray(range[0], dtype=values.dtype), jnp.asarray(range[1], dtype=values.dtype))
    edges = lo + (hi - lo) * jnp.linspace(0, 1, bins + 1, dtype=values.dtype)
    inside = ((values >= lo) & (values <= hi)).astype(values.dtype)
    # The last bin is closed on the right, as in NumPy.
    index = jnp.clip(jnp.searchsorted(edges, values, side="right") - 1, 0, bins - 1)
    counts = jnp.zeros(bins, dtype=values.dtype).at[index].add(inside)
    return counts, edges


def bincount(x, weights=None, minlength=0, sparse=False):
    if sparse:
        raise ValueError("bincount: sparse=True is not supported by the jax backend")
    x = tensor(x)
    weights = None if weights is None else tensor(weights)
    other = "int32" if weights is None else dtype_name(weights.dtype)
    dtype = to_backend_dtype(result_type(dtype_name(x.dtype), other))
    if isinstance(x, Tracer):
        length = int(minlength)  # under jit the length must be static: minlength
    else:
        length = builtins.max(int(minlength), int(x.max()) + 1 if x.size else 0)
    w = jnp.ones(x.shape, dtype) if weights is None else weights.astype(dtype)
    if x.ndim == 1:
        return jnp.zeros(length, dtype).at[x].add(w, mode="drop")
    # A batch: one count per row, all rows as long as the longest.
    rows = jnp.broadcast_to(jnp.arange(x.shape[0])[:, None], x.shape)
    return jnp.zeros((x.shape[0], length), dtype).at[rows, x].add(w, mode="drop")


def unique(x, sorted=True, return_index=False, return_inverse=False,  # noqa: A002
           return_counts=False, axis=None, size=None, fill_value=None):
    """Sorted unique values (JAX always sorts); with ``size``, padded with
    ``fill_value`` (default: the smallest value), indices and counts padded with 0."""
    kwargs = {}
    if size is not None:
        kwargs["size"] = int(size)
        if fill_value is not None:
            kwargs["fill_value"] = fill_value
    out = jnp.unique(tensor(x), return_index=return_index, return_inverse=return_inverse,
                     return_counts=return_counts, axis=axis, **kwargs)
    if not isinstance(out, tuple):
        return out
    # Indices, inverse and counts as int32 (the inverse flat, one entry per element).
    extras = [v.reshape(-1).astype("int32") for v in out[1:]]
    return (out[0],) + tuple(extras)


def corrcoef(x):
    x = tensor(x)
    # Keras gives float64 for int64 inputs here, floatx for other integers.
    if x.dtype == jnp.int64:
        x = x.astype("float64")
    elif not is_inexact(x):
        x = x.astype(to_backend_dtype(floatx()))
    compute = jnp.float32 if x.dtype in (jnp.float16, jnp.bfloat16) else x.dtype
    x2 = x.astype(compute).reshape(-1, x.shape[-1]) if x.ndim else \
        x.astype(compute).reshape(1, 1)
    centered = x2 - x2.mean(axis=1, keepdims=True)
    cov = centered @ jnp.conj(centered).T
    scale = jnp.sqrt(jnp.real(jnp.diagonal(cov)))
    out = cov / scale.reshape(-1, 1) / scale.reshape(1, -1)
    out = jnp.clip(out, -1, 1) if not jnp.iscomplexobj(out) else out
    return (out.reshape(()) if x.ndim <= 1 else out).astype(x.dtype)

