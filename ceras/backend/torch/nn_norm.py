"""torch backend: statistics and normalization (moments, batch/layer/rms normalization,
normalize, psnr) and dot_product_attention."""
import math

import torch
import torch.nn.functional as F

from ceras.backend.common.config import epsilon as default_epsilon
from ceras.backend.common.config import floatx
from ceras.backend.common.dtypes import result_type
from ceras.backend.torch.core import convert_to_tensor, dtype_name, to_backend_dtype


def _float(x):
    x = convert_to_tensor(x)
    return x if x.is_floating_point() else x.to(to_backend_dtype(floatx()))


def _axes(axis, ndim):
    if isinstance(axis, int):
        return (axis % ndim,)
    return tuple(sorted(a % ndim for a in axis))


def moments(x, axes, keepdims=False, synchronized=False):
    x = _float(x)
    dtype = x.dtype
    # Keras computes half-precision statistics in float32 (they overflow otherwise).
    if dtype in (torch.float16, torch.bfloat16):
        x = x.float()
    dims = _axes(axes, x.ndim)
    variance, mean = torch.var_mean(x, dim=dims, correction=0, keepdim=keepdims)
    return mean.to(dtype), variance.to(dtype)


def _broadcast_param(param, x, axis):
    """A (C,) parameter reshaped to broadcast against ``x`` along ``axis``."""
    if param.ndim != 1 or axis in (-1, x.ndim - 1):
        return param
    shape = [1] * x.ndim
    shape[axis] = param.shape[0]
    return param.reshape(shape)


def batch_normalization(x, mean, variance, axis, offset=None, scale=None, epsilon=1e-3):
    x = convert_to_tensor(x)
    mean, variance = convert_to_tensor(mean), convert_to_tensor(variance)
    offset = None if offset is None else convert_to_tensor(offset)
    scale = None if scale is None else convert_to_tensor(scale)
    params = [t for t in (mean, variance, offset, scale) if t is not None]
    if x.ndim > 1 and all(t.ndim == 1 and t.dtype == x.dtype for t in params):
        # One fused kernel; torch wants the channels on dim 1 (a view, no copy).
        channels_first = axis in (1, 1 - x.ndim)
        out = F.batch_norm(x if channels_first else x.movedim(axis, 1), mean, variance,
                           scale, offset, False, 0.0, epsilon)
        return out if channels_first else out.movedim(1, axis)
    mean = _broadcast_param(mean, x, axis)
    inv = torch.rsqrt(_broadcast_param(variance, x, axis) + epsilon)
    if scale is not None:
        inv = inv * _broadcast_param(scale, x, axis)
    shift = -mean * inv
    if offset is not None:
        shift = shift + _broadcast_param(offset, x, axis)
    return torch.addcmul(shift, x, inv).to(x.dtype)


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


def _exact_param(param, shape, dtype):
    if param is None:
        return None
    param = convert_to_tensor(param)
    if param.dtype != dtype:
        param = param.to(dtype)
    return param if tuple(param.shape) == shape else param.reshape(shape)


def layer_normalization(x, gamma=None, beta=None, axis=-1, epsilon=None, **kwargs):
    rms_scaling = kwargs.pop("rms_scaling", False)
    if kwargs:
        raise TypeError(f"`layer_normalization` got unexpected arguments {sorted(kwargs)}")
    x = _float(x)
    eps = default_epsilon() if epsilon is None else epsilon
    dims = _axes(axis, x.ndim)
    trailing = dims == tuple(range(x.ndim - len(dims), x.ndim))
    if not rms_scaling and trailing:
        shape = tuple(x.shape[x.ndim - len(dims):])
        return F.layer_norm(x, shape, _exact_param(gamma, shape, x.dtype),
                            _exact_param(beta, shape, x.dtype), eps)
    dtype = x.dtype
    xf = x.float() if dtype in (torch.float16, torch.bfloat16) else x
    variance, mean = torch.var_mean(xf, dim=dims, correction=0, keepdim=True)
    inv = torch.rsqrt(variance + eps)
    # Keras's rms_scaling divides by the standard deviation without centring.
    out = xf * inv if rms_scaling else (xf - mean) * inv
    g, b = _param_for_axes(gamma, x, dims), _param_for_axes(beta, x, dims)
    if g is not None:
        out = out * g
    if b is not None and not rms_scaling:
        out = out + b
    return out.to(dtype)


def rms_normalization(x, scale=None, axis=-1, epsilon=None):
    x = _float(x)
    eps = default_epsilon() if epsilon is None else epsilon
    dims = _axes(axis, x.ndim)
    scale = _param_for_axes(scale, x, dims)
    if dims == (x.ndim - 1,) and (scale is None or scale.ndim == 1):
        weight = None if scale is None else scale.to(x.dtype)
        return F.rms_norm(x, (x.shape[-1],), weight, eps)
    out = x * torch.rsqrt(x.square().mean(dim=dims, keepdim=True) + eps)
    return out if scale is None else out * scale


def normalize(x, axis=-1, order=2, epsilon=None):
    x = _float(x)
    eps = default_epsilon() if epsilon is None else epsilon
    norm = torch.linalg.vector_norm(x, ord=order, dim=axis, keepdim=True)
    return x / norm.clamp_min(eps)


def psnr(x1, x2, max_val):
    x1, x2 = _float(x1), _float(x2)
    if x1.shape != x2.shape:
        raise ValueError(
            f"`psnr` expects x1 and x2 of the same shape, received x1.shape={tuple(x1.shape)}"
            f", x2.shape={tuple(x2.shape)}")
    mse = torch.mean((x1 - x2).square())
    if isinstance(max_val, (int, float)):
        return 20.0 * math.log10(max_val) - 10.0 * torch.log10(mse)
    return 20.0 * torch.log10(convert_to_tensor(max_val, dtype_name(mse.dtype))) - \
        10.0 * torch.log10(mse)


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
    if not dtype.is_floating_point:
        dtype = to_backend_dtype(floatx())
    q, k, v = (t.to(dtype).transpose(1, 2) for t in (query, key, value))
    scale = 1.0 / math.sqrt(q.shape[-1]) if scale is None else float(scale)
    if attn_logits_soft_cap is not None:
        out = _attention_with_soft_cap(q, k, v, bias, mask, scale, is_causal,
                                       float(attn_logits_soft_cap))
    else:
        attn_mask = _additive_mask(bias, mask, is_causal, q, k)
        out = F.scaled_dot_product_attention(
            q, k, v, attn_mask=attn_mask, is_causal=is_causal and attn_mask is None,
            scale=scale, enable_gqa=heads != kv_heads)
    out = out.transpose(1, 2)
    return out[0] if unbatched else out


def _additive_mask(bias, mask, is_causal, q, k):
    """bias, mask and causality folded into one additive float mask (or None).
    Masked logits get the dtype's lowest value, not -inf, so that a fully masked row
    averages the values instead of giving NaN (as Keras's other backends do)."""
    if bias is None and mask is None:
        return None
    lowest = torch.finfo(q.dtype).min
    if mask is not None:
        mask = convert_to_tensor(mask).to(torch.bool)
    if is_causal:
        causal = torch.ones(q.shape[-2], k.shape[-2], dtype=torch.bool, device=q.device).tril()
        mask = causal if mask is None else mask & causal
    out = None if bias is None else convert_to_tensor(bias).to(q.dtype)
    if mask is not None:
        out = torch.where(mask, 0.0 if out is None else out, lowest).to(q.dtype)
    return out


def _attention_with_soft_cap(q, k, v, bias, mask, scale, is_causal, cap):
    if k.shape[1] != q.shape[1]:
        repeats = q.shape[1] // k.shape[1]
        k, v = k.repeat_interleave(repeats, 1), v.repeat_interleave(repeats, 1)
    logits = torch.matmul(q, k.transpose(-1, -2)) * scale
    if bias is not None:
        logits = logits + convert_to_tensor(bias).to(logits.dtype)
    logits = cap * torch.tanh(logits / cap)
    if mask is not None:
        logits = logits.masked_fill(~convert_to_tensor(mask).to(torch.bool),
                                    torch.finfo(logits.dtype).min)
    if is_causal:
        causal = torch.ones(q.shape[-2], k.shape[-2], dtype=torch.bool, device=q.device).tril()
        logits = logits.masked_fill(~causal, torch.finfo(logits.dtype).min)
    return torch.matmul(torch.softmax(logits, -1), v)
