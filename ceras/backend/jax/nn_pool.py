"""jax backend: pooling (keras.ops.nn max_pool, average_pool, adaptive_*_pool)."""
import jax.numpy as jnp
import numpy as np
from jax import lax

from ceras.backend.jax.nn_conv import as_tuple, prepare_inputs, standardize_padding


def _window(inputs, channels_last, pool_size, strides):
    nd = inputs.ndim - 2
    pool = as_tuple(pool_size, nd, "pool_size")
    strides = pool if strides is None else as_tuple(strides, nd, "strides")
    if channels_last:
        return (1,) + pool + (1,), (1,) + strides + (1,)
    return (1, 1) + pool, (1, 1) + strides


def max_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    inputs, channels_last, _ = prepare_inputs(inputs, data_format, "max_pool")
    dims, strides = _window(inputs, channels_last, pool_size, strides)
    init = -jnp.inf if jnp.issubdtype(inputs.dtype, jnp.floating) else \
        jnp.iinfo(inputs.dtype).min
    return lax.reduce_window(inputs, jnp.asarray(init, inputs.dtype), lax.max, dims, strides,
                             standardize_padding(padding).upper())


def average_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    inputs, channels_last, _ = prepare_inputs(inputs, data_format, "average_pool")
    dims, strides = _window(inputs, channels_last, pool_size, strides)
    padding = standardize_padding(padding).upper()
    zero = jnp.asarray(0, inputs.dtype)
    sums = lax.reduce_window(inputs, zero, lax.add, dims, strides, padding)
    if padding == "VALID":
        return sums / np.prod(dims)
    # 'same' windows average over their real elements only (padding is not counted).
    ones = jnp.ones((1,) + tuple(inputs.shape[1:]), inputs.dtype)
    counts = lax.reduce_window(ones, zero, lax.add, dims, strides, padding)
    return sums / counts


def _bins(size, out):
    """torch's adaptive bins: [floor(i*size/out), ceil((i+1)*size/out))."""
    return [(i * size // out, -(-(i + 1) * size // out)) for i in range(out)]


def _adaptive(reduce, inputs, output_size, data_format, name):
    inputs, channels_last, _ = prepare_inputs(inputs, data_format, name)
    nd = inputs.ndim - 2
    output_size = as_tuple(output_size, nd, "output_size")
    first = 1 if channels_last else 2
    out = inputs
    for i, o in enumerate(output_size):
        axis = first + i
        pieces = [reduce(lax.slice_in_dim(out, lo, hi, axis=axis), axis=axis, keepdims=True)
                  for lo, hi in _bins(out.shape[axis], o)]
        out = jnp.concatenate(pieces, axis=axis)
    return out


def adaptive_average_pool(inputs, output_size, data_format=None):
    return _adaptive(jnp.mean, inputs, output_size, data_format, "adaptive_average_pool")


def adaptive_max_pool(inputs, output_size, data_format=None):
    return _adaptive(jnp.max, inputs, output_size, data_format, "adaptive_max_pool")
