"""torch backend: convolutions (keras.ops.nn conv, conv_transpose, depthwise_conv,
separable_conv).

Keras layouts: inputs channels_last unless ``data_format`` says otherwise; kernels
(*spatial, in // groups, out), transpose kernels (*spatial, out, in), depthwise kernels
(*spatial, in, multiplier). Channels-last inputs are permuted to NC... views (a permuted
contiguous NHWC tensor *is* a channels_last-strided NCHW tensor, which torch's kernels
take without a copy) and the result is permuted back.
"""
import functools

import torch.nn.functional as F

from ceras.backend.common.config import standardize_data_format
from ceras.backend.common.dtypes import result_type
from ceras.backend.torch.core import convert_to_tensor, dtype_name, to_backend_dtype

_CONV = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}
_CONV_T = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}
# channels_last <-> channels_first, by tensor rank.
TO_FIRST = {3: (0, 2, 1), 4: (0, 3, 1, 2), 5: (0, 4, 1, 2, 3)}
TO_LAST = {3: (0, 2, 1), 4: (0, 2, 3, 1), 5: (0, 2, 3, 4, 1)}
# Keras kernel (*spatial, a, b) -> torch weight (b, a, *spatial), by kernel rank.
_KERNEL_PERM = {3: (2, 1, 0), 4: (3, 2, 0, 1), 5: (4, 3, 0, 1, 2)}


def as_tuple(value, n, name):
    """An int or a sequence of n ints as a tuple of n ints."""
    if isinstance(value, int):
        return (value,) * n
    value = tuple(int(v) for v in value)
    if len(value) == 1:
        return value * n
    if len(value) != n:
        raise ValueError(f"Argument `{name}` must be an int or {n} ints, received {value}")
    return value


def standardize_padding(padding):
    value = str(padding).lower()
    if value not in ("valid", "same"):
        raise ValueError(f"Argument `padding` must be 'valid' or 'same', received {padding!r}")
    return value


def same_padding(size, kernel, stride, dilation=1):
    """TF/Keras 'same' padding of one dim: (before, after), the extra pixel after."""
    out = -(-size // stride)
    total = max((out - 1) * stride + (kernel - 1) * dilation + 1 - size, 0)
    return total // 2, total - total // 2


def prepare_inputs(inputs, data_format, op_name):
    """(inputs as N, C, *spatial, channels_last flag)."""
    inputs = convert_to_tensor(inputs)
    if inputs.ndim not in TO_FIRST:
        raise ValueError(
            f"`{op_name}` expects inputs of rank 3, 4 or 5 (batch, *spatial, channels), "
            f"received shape {tuple(inputs.shape)}")
    channels_last = standardize_data_format(data_format) == "channels_last"
    if channels_last:
        inputs = inputs.permute(TO_FIRST[inputs.ndim])
    return inputs, channels_last


def _match_dtypes(inputs, kernel):
    if inputs.dtype == kernel.dtype:
        return inputs, kernel
    dtype = to_backend_dtype(result_type(dtype_name(inputs.dtype), dtype_name(kernel.dtype)))
    return inputs.to(dtype), kernel.to(dtype)


@functools.lru_cache(maxsize=256)
def _conv_padding_plan(spatial, kernel, strides, dilation, padding):
    """(torch padding argument, F.pad pairs or None) for a conv."""
    if padding == "valid":
        return 0, None
    pads = [same_padding(n, k, s, d) for n, k, s, d in zip(spatial, kernel, strides, dilation)]
    if all(lo == hi for lo, hi in pads):
        return tuple(lo for lo, _ in pads), None
    return 0, tuple(v for lo, hi in reversed(pads) for v in (lo, hi))


def _conv_nc(inputs, weight, strides, padding, dilation_rate, groups):
    """Convolution of N, C, *spatial inputs with a torch-layout weight."""
    nd = inputs.ndim - 2
    strides = as_tuple(strides, nd, "strides")
    dilation = as_tuple(dilation_rate, nd, "dilation_rate")
    torch_pad, explicit = _conv_padding_plan(
        tuple(inputs.shape[2:]), tuple(weight.shape[2:]), strides, dilation,
        standardize_padding(padding))
    if explicit is not None:
        inputs = F.pad(inputs, explicit)
    return _CONV[nd](inputs, weight, None, strides, torch_pad, dilation, groups)


def conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    inputs, channels_last = prepare_inputs(inputs, data_format, "conv")
    kernel = convert_to_tensor(kernel)
    if kernel.ndim != inputs.ndim:
        raise ValueError(
            f"`conv` expects a kernel of rank {inputs.ndim} (*spatial, in_channels, "
            f"out_channels) for inputs of rank {inputs.ndim}, received kernel shape "
            f"{tuple(kernel.shape)}")
    in_channels, kernel_in = inputs.shape[1], kernel.shape[-2]
    if kernel_in == 0 or in_channels % kernel_in:
        raise ValueError(
            f"`conv`: the input channels ({in_channels}) must be a multiple of the kernel's "
            f"input channels (kernel shape {tuple(kernel.shape)}, axis -2)")
    inputs, kernel = _match_dtypes(inputs, kernel)
    out = _conv_nc(inputs, kernel.permute(_KERNEL_PERM[kernel.ndim]), strides, padding,
                   dilation_rate, in_channels // kernel_in)
    return out.permute(TO_LAST[out.ndim]) if channels_last else out


def depthwise_conv(inputs, kernel, strides=1, padding="valid", data_format=None,
                   dilation_rate=1):
    inputs, channels_last = prepare_inputs(inputs, data_format, "depthwise_conv")
    kernel = convert_to_tensor(kernel)
    in_channels = inputs.shape[1]
    if kernel.ndim != inputs.ndim or kernel.shape[-2] != in_channels:
        raise ValueError(
            f"`depthwise_conv` expects a kernel (*spatial, {in_channels}, multiplier) for "
            f"inputs with {in_channels} channels, received kernel shape {tuple(kernel.shape)}")
    inputs, kernel = _match_dtypes(inputs, kernel)
    # (*spatial, in, mult) -> (in * mult, 1, *spatial): output channel c * mult + m.
    kernel = kernel.reshape(*kernel.shape[:-2], 1, -1)
    out = _conv_nc(inputs, kernel.permute(_KERNEL_PERM[kernel.ndim]), strides, padding,
                   dilation_rate, in_channels)
    return out.permute(TO_LAST[out.ndim]) if channels_last else out


def separable_conv(inputs, depthwise_kernel, pointwise_kernel, strides=1, padding="valid",
                   data_format=None, dilation_rate=1):
    data_format = standardize_data_format(data_format)
    depthwise = depthwise_conv(inputs, depthwise_kernel, strides, padding, data_format,
                               dilation_rate)
    return conv(depthwise, pointwise_kernel, 1, "valid", data_format, 1)


@functools.lru_cache(maxsize=256)
def _transpose_plan(spatial, kernel, strides, dilation, padding, output_padding):
    """(torch padding, torch output_padding, per-dim (start, length) crops or None)."""
    pads, extras, crops = [], [], []
    for n, k, s, d, op in zip(spatial, kernel, strides, dilation, output_padding):
        k_eff = (k - 1) * d + 1
        full = (n - 1) * s + k_eff
        if op is None:
            length = n * s if padding == "same" else n * s + max(k_eff - s, 0)
        else:
            length = (n - 1) * s + k_eff - 2 * (k_eff // 2 if padding == "same" else 0) + op
        # The output is the full transposed conv from `before` on (the gradient of a
        # forward 'same'/'valid' conv of an input of this length).
        before = max((n - 1) * s + k_eff - length, 0) // 2 if padding == "same" else 0
        extra = before - (full - length - before)  # torch's output_padding
        if 0 <= extra < max(s, d):
            pads.append(before), extras.append(extra), crops.append(None)
        else:
            pads.append(before), extras.append(0), crops.append(length)
    needs_crop = any(c is not None for c in crops)
    return tuple(pads), tuple(extras), tuple(crops) if needs_crop else None


def conv_transpose(inputs, kernel, strides=1, padding="valid", output_padding=None,
                   data_format=None, dilation_rate=1):
    inputs, channels_last = prepare_inputs(inputs, data_format, "conv_transpose")
    kernel = convert_to_tensor(kernel)
    nd = inputs.ndim - 2
    if kernel.ndim != inputs.ndim or kernel.shape[-1] != inputs.shape[1]:
        raise ValueError(
            f"`conv_transpose` expects a kernel (*spatial, out_channels, {inputs.shape[1]}) "
            f"for inputs with {inputs.shape[1]} channels, received kernel shape "
            f"{tuple(kernel.shape)}")
    inputs, kernel = _match_dtypes(inputs, kernel)
    strides = as_tuple(strides, nd, "strides")
    dilation = as_tuple(dilation_rate, nd, "dilation_rate")
    output_padding = (None,) * nd if output_padding is None else as_tuple(
        output_padding, nd, "output_padding")
    pads, extras, crops = _transpose_plan(
        tuple(inputs.shape[2:]), tuple(kernel.shape[:-2]), strides, dilation,
        standardize_padding(padding), output_padding)
    out = _CONV_T[nd](inputs, kernel.permute(_KERNEL_PERM[kernel.ndim]), None, strides, pads,
                      extras, 1, dilation)
    if crops is not None:
        out = _fit_length(out, crops)
    return out.permute(TO_LAST[out.ndim]) if channels_last else out


def _fit_length(out, lengths):
    """Crop or zero-extend each spatial dim at its end to the given length."""
    for axis, length in enumerate(lengths, start=2):
        if length is None:
            continue
        size = out.shape[axis]
        if size > length:
            out = out.narrow(axis, 0, length)
        elif size < length:
            pad = [0, 0] * (out.ndim - axis - 1) + [0, length - size]
            out = F.pad(out, pad)
    return out
