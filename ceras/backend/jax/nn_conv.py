"""jax backend: convolutions (keras.ops.nn conv, conv_transpose, depthwise_conv,
separable_conv), all through ``lax.conv_general_dilated``.

Keras layouts: inputs channels_last unless ``data_format`` says otherwise; kernels
(*spatial, in // groups, out), transpose kernels (*spatial, out, in), depthwise kernels
(*spatial, in, multiplier). XLA takes these layouts directly (dimension numbers), so
nothing is transposed.
"""
import jax.numpy as jnp
from jax import lax

from ceras.backend.common.config import standardize_data_format
from ceras.backend.common.dtypes import result_type
from ceras.backend.jax.core import convert_to_tensor, dtype_name, to_backend_dtype

_SPATIAL = {1: "W", 2: "HW", 3: "DHW"}


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


def prepare_inputs(inputs, data_format, op_name):
    """(inputs, channels_last flag, lax dimension-number string of the inputs)."""
    inputs = convert_to_tensor(inputs)
    if inputs.ndim not in (3, 4, 5):
        raise ValueError(
            f"`{op_name}` expects inputs of rank 3, 4 or 5 (batch, *spatial, channels), "
            f"received shape {tuple(inputs.shape)}")
    channels_last = standardize_data_format(data_format) == "channels_last"
    spatial = _SPATIAL[inputs.ndim - 2]
    layout = f"N{spatial}C" if channels_last else f"NC{spatial}"
    return inputs, channels_last, layout


def _match_dtypes(inputs, kernel):
    if inputs.dtype == kernel.dtype:
        return inputs, kernel
    dtype = to_backend_dtype(result_type(dtype_name(inputs.dtype), dtype_name(kernel.dtype)))
    return inputs.astype(dtype), kernel.astype(dtype)


def _conv(inputs, kernel, layout, strides, padding, dilation_rate, groups):
    nd = inputs.ndim - 2
    spatial = _SPATIAL[nd]
    return lax.conv_general_dilated(
        inputs, kernel, as_tuple(strides, nd, "strides"),
        standardize_padding(padding).upper(),
        rhs_dilation=as_tuple(dilation_rate, nd, "dilation_rate"),
        dimension_numbers=(layout, f"{spatial}IO", layout), feature_group_count=groups)


def conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    inputs, channels_last, layout = prepare_inputs(inputs, data_format, "conv")
    kernel = convert_to_tensor(kernel)
    if kernel.ndim != inputs.ndim:
        raise ValueError(
            f"`conv` expects a kernel of rank {inputs.ndim} (*spatial, in_channels, "
            f"out_channels) for inputs of rank {inputs.ndim}, received kernel shape "
            f"{tuple(kernel.shape)}")
    in_channels = inputs.shape[-1] if channels_last else inputs.shape[1]
    kernel_in = kernel.shape[-2]
    if kernel_in == 0 or in_channels % kernel_in:
        raise ValueError(
            f"`conv`: the input channels ({in_channels}) must be a multiple of the kernel's "
            f"input channels (kernel shape {tuple(kernel.shape)}, axis -2)")
    inputs, kernel = _match_dtypes(inputs, kernel)
    return _conv(inputs, kernel, layout, strides, padding, dilation_rate,
                 in_channels // kernel_in)


def depthwise_conv(inputs, kernel, strides=1, padding="valid", data_format=None,
                   dilation_rate=1):
    inputs, channels_last, layout = prepare_inputs(inputs, data_format, "depthwise_conv")
    kernel = convert_to_tensor(kernel)
    in_channels = inputs.shape[-1] if channels_last else inputs.shape[1]
    if kernel.ndim != inputs.ndim or kernel.shape[-2] != in_channels:
        raise ValueError(
            f"`depthwise_conv` expects a kernel (*spatial, {in_channels}, multiplier) for "
            f"inputs with {in_channels} channels, received kernel shape {tuple(kernel.shape)}")
    inputs, kernel = _match_dtypes(inputs, kernel)
    # (*spatial, in, mult) -> (*spatial, 1, in * mult): output channel c * mult + m.
    kernel = kernel.reshape(kernel.shape[:-2] + (1, -1))
    return _conv(inputs, kernel, layout, strides, padding, dilation_rate, in_channels)


def separable_conv(inputs, depthwise_kernel, pointwise_kernel, strides=1, padding="valid",
                   data_format=None, dilation_rate=1):
    data_format = standardize_data_format(data_format)
    depthwise = depthwise_conv(inputs, depthwise_kernel, strides, padding, data_format,
                               dilation_rate)
    return conv(depthwise, pointwise_kernel, 1, "valid", data_format, 1)


def _transpose_padding(n, k, s, d, padding, output_padding):
    """(low, high) padding of the stride-dilated input that gives Keras's output."""
    k_eff = (k - 1) * d + 1
    if output_padding is None:
        length = n * s if padding == "same" else n * s + max(k_eff - s, 0)
    else:
        length = (n - 1) * s + k_eff - 2 * (k_eff // 2 if padding == "same" else 0) + \
            output_padding
    # The output is the full transposed conv (length (n-1)*s + k_eff) from `before` on.
    before = max((n - 1) * s + k_eff - length, 0) // 2 if padding == "same" else 0
    low = k_eff - 1 - before
    high = length + k_eff - 2 - (n - 1) * s - low
    return low, high


def conv_transpose(inputs, kernel, strides=1, padding="valid", output_padding=None,
                   data_format=None, dilation_rate=1):
    inputs, channels_last, layout = prepare_inputs(inputs, data_format, "conv_transpose")
    kernel = convert_to_tensor(kernel)
    nd = inputs.ndim - 2
    in_channels = inputs.shape[-1] if channels_last else inputs.shape[1]
    if kernel.ndim != inputs.ndim or kernel.shape[-1] != in_channels:
        raise ValueError(
            f"`conv_transpose` expects a kernel (*spatial, out_channels, {in_channels}) "
            f"for inputs with {in_channels} channels, received kernel shape "
            f"{tuple(kernel.shape)}")
    inputs, kernel = _match_dtypes(inputs, kernel)
    strides = as_tuple(strides, nd, "strides")
    dilation = as_tuple(dilation_rate, nd, "dilation_rate")
    output_padding = (None,) * nd if output_padding is None else as_tuple(
        output_padding, nd, "output_padding")
    padding = standardize_padding(padding)
    spatial_in = inputs.shape[1:-1] if channels_last else inputs.shape[2:]
    pads = [_transpose_padding(n, k, s, d, padding, op) for n, k, s, d, op in
            zip(spatial_in, kernel.shape[:-2], strides, dilation, output_padding)]
    # A transposed conv is a conv of the stride-dilated input with the flipped kernel.
    flipped = jnp.flip(kernel, axis=tuple(range(nd)))
    spatial = _SPATIAL[nd]
    return lax.conv_general_dilated(
        inputs, flipped, (1,) * nd, pads, lhs_dilation=strides, rhs_dilation=dilation,
        dimension_numbers=(layout, f"{spatial}OI", layout))
