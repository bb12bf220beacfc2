"""jax backend: statistics and normalization (moments, batch/layer/rms normalization,
normalize, psnr) and dot_product_attention."""
import math

import jax
import jax.numpy as jnp

from ceras.backend.common.config import epsilon as default_epsilon
from ceras.backend.common.config import floatx
from ceras.backend.common.dtypes import result_type
from ceras.backend.jax.core import convert_to_tensor, dtype_name, to_backend_dtype

_HALF = (jnp.dtype("float16"), jnp.dtype("bfloat16"))


def _float(x):
    x = convert_to_tensor(x)
    return x if jnp.issubdtype(x.dtype, jnp.floating) else x.astype(to_backend_dtype(floatx()))


def _axes(axis, ndim):
    if isinstance(axis, int):
        return (axis % ndim,)
    return tuple(sorted(a % ndim for a in axis))


def moments(x, axes, keepdims=False, synchronized=False):
    x = _float(x)
    dtype = x.dtype
    # Keras computes half-precision statistics in float32 (they overflow otherwise).
    if dtype in _HALF:
        x = x.astype("float32")
    dims = _axes(axes, x.ndim)
    mean = jnp.mean(x, axis=dims, keepdims=True)
    variance = jnp.mean(jnp.square(x - mean), axis=dims, keepdims=keepdims)
    if not keepdims:
        mean = jnp.squeeze(mean, dims)
    return mean.astype(dtype), variance.astype(dtype)


def _broadcast_param(param, x, axis):
    """A (C,) parameter reshaped to broadcast against ``x`` along ``axis``."""
    if param.ndim != 1 or axis in (-1, x.ndim - 1):
        return param
    shape = [1] * x.ndim
    shape[axis] = param.shape[0]
    return param.reshape(shape)


def batch_normalization(x, mean, variance, axis, offset=None, scale=None, epsilon=1e-3):
    x = convert_to_tensor(x)
    mean = _broadcast_param(convert_to_tensor(mean), x, axis)
    inv = jax.lax.rsqrt(_broadcast_param(convert_to_tensor(variance), x, axis) + epsilon)
    if scale is not None:
        inv = inv * _broadcast_param(convert_to_tensor(scale), x, axis)
    shift = -mean * inv
    if offset is not None:
        shift = shift + _broadcast_param(convert_to_tensor(offset), x, axis)
    return (x * inv + shift).astype(x.dtype)


def _param_for_axes(param, x, dims):
    """gamma/beta given over ``dims`` (or already broadcastable) shaped against ``x``."""
    if param is None:
        return None
    param = convert_to_tensor(param)
    if param.ndim == len(dims) and param.ndim < x.ndim:
        shape = [1] * x.ndim
        for d, size in zip(dims, param.shape):
            shape[d] = size
        param = param.reshape(shape)
    return param


def layer_normalization(x, gamma=None, beta=None, axis=-1, epsilon=None, **kwargs):
    rms_scaling = kwargs.pop("rms_scaling", False)
    if kwargs:
        raise TypeError(f"`layer_normalization` got unexpected arguments {sorted(kwargs)}")
    x = _float(x)
    eps = default_epsilon() if epsilon is None else epsilon
    dims = _axes(axis, x.ndim)
    dtype = x.dtype
    xf = x.astype("float32") if dtype in _HALF else x
    mean = jnp.mean(xf, axis=dims, keepdims=True)
    variance = jnp.mean(jnp.square(xf - mean), axis=dims, keepdims=True)
    inv = jax.lax.rsqrt(variance + eps)
    # Keras's rms_scaling divides by the standard deviation without centring.
    out = xf * inv if rms_scaling else (xf - mean) * inv
    g, b = _param_for_axes(gamma, x, dims), _param_for_axes(beta, x, dims)
    if g is not None:
        out = out * g
    if b is not None and not rms_scaling:
        out = out + b
    return out.astype(dtype)


def rms_normalization(x, scale=None, axis=-1, epsilon=None):
    x = _float(x)
    eps = default_epsilon() if epsilon is None else epsilon
    dims = _axes(axis, x.ndim)
    scale = _param_for_axes(scale, x, dims)
    out = x * jax.lax.rsqrt(jnp.mean(jnp.square(x), axis=dims, keepdims=True) + eps)
    return out if scale is None else (out * scale).astype(x.dtype)


def normalize(x, axis=-1, order=2, epsilon=None):
    x = _float(x)
    eps = default_epsilon() if epsilon is None else epsilon
    axis = tuple(axis) if isinstance(axis, (list, tuple)) else axis
    # A vector norm over all the given axes (jnp.linalg.norm of two axes is a matrix norm).
    magnitude = jnp.abs(x)
    if order in (float("inf"), "inf"):
        norm = jnp.max(magnitude, axis=axis, keepdims=True)
    elif order == 2:
        norm = jnp.sqrt(jnp.sum(jnp.square(x), axis=axis, keepdims=True))
    else:
        norm = jnp.sum(magnitude ** order, axis=axis, keepdims=True) ** (1.0 / order)
    return x / jnp.maximum(norm, eps)


def psnr(x1, x2, max_val):
    x1, x2 = _float(x1), _float(x2)
    if x1.shape != x2.shape:
        raise ValueError(
            f"`psnr` expects x1 and x2 of the same shape, received x1.shape={tuple(x1.shape)}"
            f", x2.shape={tuple(x2.shape)}")
    mse = jnp.mean(jnp.square(x1 - x2))
    if isinstance(max_val, (int, float)):
        return (20.0 * math.log10(max_val) - 10.0 * jnp.log10(mse)).astype(mse.dtype)
    return 20.0 * jnp.log10(convert_to_tensor(max_val, dtype_name(mse.dtype))) - \
        10.0 * jnp.log10(mse)


def dot_product_attention(query, key, value, bias=None, mask=None, scale=None, is_causal=False,
                          flash_attention=None, attn_logits_soft_cap=None):
    """Attention over (batch, seq, heads, head_dim) inputs; key/value may have fewer
    heads than query (grouped-query attention). ``mask`` is boolean (True = attend),
    ``bias`` is added to the logits; both broadcast to (batch, heads, q_seq, kv_seq)."""
    query, key, value = (convert_to_tensor(t) for t in (query, key, value))
    unbatched = query.ndim == 3
    if unbatched:
        query, key, value = query[None], key[None], value[None]
    if query.ndim != 4 or key.ndim != 4 or value.ndim != 4:
        raise ValueError(
            "`dot_product_attention` expects query, key and value of rank 4 (batch, seq, "
            f"heads, head_dim), received shapes {tuple(query.shape)}, {tuple(key.shape)}, "
            f"{tuple(value.shape)}")
    heads, kv_heads = query.shape[2], key.shape[2]
    if heads % kv_heads:
        raise ValueError(
            f"`dot_product_attention`: query heads ({heads}) must be a multiple of key heads "
            f"({kv_heads})")
    dtype = to_backend_dtype(result_type(*(dtype_name(t.dtype) for t in (query, key, value))))
    if not jnp.issubdtype(dtype, jnp.floating):
        dtype = to_backend_dtype(floatx())
    q, k, v = (t.astype(dtype) for t in (query, key, value))
    if heads != kv_heads:
        k, v = jnp.repeat(k, heads // kv_heads, axis=2), jnp.repeat(v, heads // kv_heads, axis=2)
    scale = 1.0 / math.sqrt(q.shape[-1]) if scale is None else float(scale)
    logits = jnp.einsum("bqhd,bkhd->bhqk", q, k) * jnp.asarray(scale, dtype)
    if bias is not None:
        logits = logits + convert_to_tensor(bias).astype(dtype)
    if attn_logits_soft_cap is not None:
        cap = float(attn_logits_soft_cap)
        logits = cap * jnp.tanh(logits / cap)
    # Masked logits get the dtype's lowest value, not -inf, so that a fully masked row
    # averages the values instead of giving NaN.
    lowest = jnp.finfo(dtype).min
    if mask is not None:
        logits = jnp.where(convert_to_tensor(mask).astype(bool), logits, lowest)
    if is_causal:
        causal = jnp.tril(jnp.ones((q.shape[1], k.shape[1]), bool))
        logits = jnp.where(causal, logits, lowest)
    weights = jax.nn.softmax(logits.astype("float32") if dtype in _HALF else logits, axis=-1)
    out = jnp.einsum("bhqk,bkhd->bqhd", weights.astype(dtype), v)
    return out[0] if unbatched else out
