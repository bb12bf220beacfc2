"""torch backend: running totals, sorting and searching, order statistics (median,
quantile) and counting (histogram, bincount, unique)."""
import builtins

import torch

from ceras.backend.common.config import floatx
from ceras.backend.common.dtypes import result_type
from ceras.backend.torch.core import dtype_name, to_backend_dtype
from ceras.backend.torch.numpy_dtypes import narrowed_float, tensor

# -- running totals -------------------------------------------------------------------


def _cumulative_dtype(x, dtype):
    if dtype is not None:
        return to_backend_dtype(dtype)
    if x.dtype == torch.bool:
        return torch.int32
    return to_backend_dtype(result_type(dtype_name(x.dtype)))


def _cumulative(fn, x, axis, dtype):
    x = tensor(x)
    dtype = _cumulative_dtype(x, dtype)
    if axis is None:
        x, axis = x.reshape(-1), 0
    return fn(x.to(dtype), dim=axis, dtype=dtype)


def cumsum(x, axis=None, dtype=None):
    return _cumulative(torch.cumsum, x, axis, dtype)


def cumprod(x, axis=None, dtype=None):
    return _cumulative(torch.cumprod, x, axis, dtype)


def _zero_nans(x, value):
    x = tensor(x)
    if not x.is_floating_point():
        return x
    return torch.where(torch.isnan(x), torch.as_tensor(value, dtype=x.dtype), x)


def nancumsum(x, axis=None, dtype=None):
    return cumsum(_zero_nans(x, 0), axis, dtype)


def nancumprod(x, axis=None, dtype=None):
    return cumprod(_zero_nans(x, 1), axis, dtype)


def diff(a, n=1, axis=-1):
    return torch.diff(tensor(a), n=n, dim=axis)


# -- sorting and searching --------------------------------------------------------------


def sort(x, axis=-1):
    return torch.sort(tensor(x), dim=axis, stable=True).values


def argsort(x, axis=-1):
    x = tensor(x)
    if axis is None:
        x, axis = x.reshape(-1), 0
    if x.dtype == torch.bool:
        x = x.to(torch.uint8)
    return torch.argsort(x, dim=axis, stable=True).to(torch.int32)


def argpartition(x, kth, axis=-1):
    # A full stable argsort is a valid partition for every kth.
    x = tensor(x)
    if x.dtype == torch.bool:
        x = x.to(torch.uint8)
    return torch.argsort(x, dim=axis, stable=True).to(torch.int32)


def searchsorted(sorted_sequence, values, side="left"):
    if side not in ("left", "right"):
        raise ValueError(f"searchsorted: side must be 'left' or 'right', received {side!r}")
    sorted_sequence = tensor(sorted_sequence)
    values = tensor(values)
    if sorted_sequence.ndim != 1:
        raise ValueError(
            "searchsorted expects a 1-D sorted_sequence, received shape "
            f"{tuple(sorted_sequence.shape)}")
    dtype = to_backend_dtype(result_type(dtype_name(sorted_sequence.dtype),
                                         dtype_name(values.dtype)))
    out = torch.searchsorted(sorted_sequence.to(dtype), values.to(dtype), side=side)
    return out.to(torch.int32)


def digitize(x, bins):
    x, bins = tensor(x), tensor(bins)
    dtype = to_backend_dtype(result_type(dtype_name(x.dtype), dtype_name(bins.dtype)))
    # NumPy's right=False is torch's right=True: bins[i-1] <= x < bins[i] gives i.
    return torch.bucketize(x.to(dtype), bins.to(dtype), right=True).to(torch.int32)


# -- order statistics ---------------------------------------------------------------------

_METHODS = ("linear", "lower", "higher", "midpoint", "nearest")


def _quantile(fn, x, q, axis, method, keepdims):
    if method not in _METHODS:
        raise ValueError(f"quantile: method must be one of {_METHODS}, received {method!r}")
    x = tensor(x)
    x = x.to(narrowed_float(x))
    # torch.quantile computes in float32/float64 only.
    compute = x if x.dtype in (torch.float32, torch.float64) else x.to(torch.float32)
    q = tensor(q, dtype=compute.dtype)
    ndim = compute.ndim
    if axis is None:
        axes = tuple(range(ndim))
    else:
        axes = tuple(a % ndim for a in (axis if isinstance(axis, (list, tuple)) else (axis,)))
    kept = [d for d in range(ndim) if d not in axes]
    moved = compute.permute(*kept, *axes).reshape(
        [compute.shape[d] for d in kept] + [-1])
    out = fn(moved, q, dim=-1, interpolation=method)
    if keepdims:
        shape = list(out.shape[: q.ndim]) + [1 if d in axes else compute.shape[d]
                                             for d in range(ndim)]
        out = out.reshape(shape)
    return out.to(x.dtype)


def quantile(x, q, axis=None, method="linear", keepdims=False):
    return _quantile(torch.quantile, x, q, axis, method, keepdims)


def nanquantile(x, q, axis=None, method="linear", keepdims=False):
    return _quantile(torch.nanquantile, x, q, axis, method, keepdims)


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
    values = x.to(x.dtype if x.is_floating_point() else to_backend_dtype(floatx()))
    lo, hi = (values.min(), values.max()) if range is None else \
        (torch.as_tensor(range[0], dtype=values.dtype), torch.as_tensor(range[1],
                                                                        dtype=values.dtype))
    edges = torch.linspace(0, 1, bins + 1, dtype=values.dtype, device=values.device)
    edges = lo + (hi - lo) * edges
    inside = ((values >= lo) & (values <= hi)).to(values.dtype)
    # The last bin is closed on the right, as in NumPy.
    index = torch.clamp(torch.bucketize(values, edges, right=True) - 1, 0, bins - 1)
    counts = torch.zeros(bins, dtype=values.dtype, device=values.device)
    counts.index_add_(0, index, inside)
    return counts, edges


def bincount(x, weights=None, minlength=0, sparse=False):
    if sparse:
        raise ValueError("bincount: sparse=True is not supported by the torch backend")
    x = tensor(x)
    weights = None if weights is None else tensor(weights)
    other = "int32" if weights is None else dtype_name(weights.dtype)
    dtype = to_backend_dtype(result_type(dtype_name(x.dtype), other))
    if x.ndim == 1:
        out = torch.bincount(x, weights=weights, minlength=minlength)
        return out.to(dtype)
    # A batch: one count per row, all rows as long as the longest.
    length = builtins.max(int(minlength), int(x.max()) + 1 if x.numel() else 0)
    rows = []
    for i in builtins.range(x.shape[0]):
        w = None if weights is None else weights[i]
        rows.append(torch.bincount(x[i], weights=w, minlength=length))
    return torch.stack(rows).to(dtype)


def unique(x, sorted=True, return_index=False, return_inverse=False,  # noqa: A002
           return_counts=False, axis=None, size=None, fill_value=None):
    x = tensor(x)
    flat = x.reshape(-1) if axis is None else x
    values, inverse, counts = torch.unique(flat, sorted=True, return_inverse=True,
                                           return_counts=True, dim=axis)
    extras = []
    if return_index:
        n = inverse.shape[0]
        first = torch.full((counts.shape[0],), n, dtype=torch.int64, device=x.device)
        first = first.scatter_reduce(0, inverse, torch.arange(n, device=x.device),
                                     reduce="amin")
        extras.append(("index", first.to(torch.int32)))
    if return_inverse:
        extras.append(("inverse", inverse.to(torch.int32)))
    if return_counts:
        extras.append(("counts", counts.to(torch.int32)))
    if size is not None:
        # A fixed size: the unique values padded with fill_value (default: the first one),
        # indices and counts padded with 0; the inverse keeps the input's length.
        values = _fit(values, size, fill_value, axis)
        extras = [(k, v if k == "inverse" else _fit(v, size, 0, None)) for k, v in extras]
    if not extras:
        return values
    return (values,) + tuple(v for _, v in extras)


def _fit(t, size, fill, axis):
    axis = 0 if axis is None else axis
    n = t.shape[axis]
    if n >= size:
        return t.narrow(axis, 0, size)
    pad_shape = list(t.shape)
    pad_shape[axis] = size - n
    value = fill
    if value is None:
        value = t.narrow(axis, 0, 1).expand(pad_shape) if n else 0
        if isinstance(value, torch.Tensor):
            return torch.cat([t, value], dim=axis)
    return torch.cat([t, torch.full(pad_shape, value, dtype=t.dtype, device=t.device)], dim=axis)



def corrcoef(x):
    x = tensor(x)
    # Keras gives float64 for int64 inputs here, floatx for other integers.
    if x.dtype == torch.int64:
        x = x.to(torch.float64)
    elif not (x.is_floating_point() or x.is_complex()):
        x = x.to(to_backend_dtype(floatx()))
    compute = torch.float32 if x.dtype in (torch.float16, torch.bfloat16) else x.dtype
    # Written out (not torch.corrcoef) so that symbolic tensors can be traced.
    x2 = x.to(compute).reshape(-1, x.shape[-1]) if x.ndim else x.to(compute).reshape(1, 1)
    centered = x2 - x2.mean(dim=1, keepdim=True)
    cov = centered @ centered.mT.conj()
    scale = torch.sqrt(torch.diagonal(cov).real)
    out = cov / scale.reshape(-1, 1) / scale.reshape(1, -1)
    out = torch.clamp(out, -1, 1) if not out.is_complex() else out
    return (out.reshape(()) if x.ndim <= 1 else out).to(x.dtype)
