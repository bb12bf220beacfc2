"""jax backend: the resampling image ops (map_coordinates, affine_transform,
perspective_transform, elastic_transform, scale_and_translate) and the layout helpers
shared with ``image``.

Out-of-range samples follow SciPy/JAX's fill modes: 'constant' (fill_value),
'nearest' (edge), 'wrap' (abcd|abcd), 'mirror' (dcb|abcd|cba) and 'reflect' (dcba|abcd|dcba).
"""
import itertools
import math

import jax
import jax.numpy as jnp

from ceras.backend.common.config import floatx, standardize_data_format
from ceras.backend.jax import random as jax_random
from ceras.backend.jax.core import convert_to_tensor, to_backend_dtype

FILL_MODES = ("constant", "nearest", "wrap", "mirror", "reflect")
_ORDERS = {"nearest": 0, "bilinear": 1}


def _float(x):
    return x if jnp.issubdtype(x.dtype, jnp.floating) else x.astype(to_backend_dtype(floatx()))


def _is_float(x):
    return jnp.issubdtype(x.dtype, jnp.floating)


def to_nchw(images, data_format, name):
    """(N, C, H, W) view of 3-D or 4-D images, and whether a batch axis was added."""
    unbatched = images.ndim == 3
    if unbatched:
        images = images[None]
    if images.ndim != 4:
        raise ValueError(f"`{name}` expects images of rank 3 or 4, received shape "
                         f"{tuple(images.shape)}")
    if standardize_data_format(data_format) == "channels_last":
        images = jnp.transpose(images, (0, 3, 1, 2))
    return images, unbatched


def from_nchw(x, data_format, unbatched):
    if standardize_data_format(data_format) == "channels_last":
        x = jnp.transpose(x, (0, 2, 3, 1))
    return x[0] if unbatched else x


def gaussian_kernel_1d(size, sigma, dtype, device=None):
    x = jnp.arange(size, dtype=dtype) - (size - 1) / 2.0
    kernel = jnp.exp(-jnp.square(x) / (2.0 * float(sigma) ** 2))
    return kernel / jnp.sum(kernel)


# -- sampling ----------------------------------------------------------------------

def _taps(coordinate, order):
    """[(integer index, weight)] of the samples interpolating at ``coordinate``."""
    if order == 0:
        return [(jnp.floor(coordinate + 0.5).astype("int32"), None)]
    lower = jnp.floor(coordinate)
    upper_weight = coordinate - lower
    lower = lower.astype("int32")
    return [(lower, 1.0 - upper_weight), (lower + 1, upper_weight)]


def _mirror(index, size):
    span = size - 1
    if span == 0:
        return jnp.zeros_like(index)
    return jnp.abs((index + span) % (2 * span) - span)


def _fix_index(index, size, fill_mode):
    """(in-range index, validity mask or None) for one axis."""
    if fill_mode == "constant":
        valid = (index >= 0) & (index < size)
        return jnp.clip(index, 0, size - 1), valid
    if fill_mode == "nearest":
        return jnp.clip(index, 0, size - 1), None
    if fill_mode == "wrap":
        return jnp.remainder(index, size), None
    if fill_mode == "mirror":
        return _mirror(index, size), None
    return jnp.floor_divide(_mirror(2 * index + 1, 2 * size + 1) - 1, 2), None


def _check(order, fill_mode, name):
    if order not in (0, 1):
        raise ValueError(f"`{name}` supports interpolation order 0 or 1, received {order!r}")
    if fill_mode not in FILL_MODES:
        raise ValueError(
            f"`{name}`: `fill_mode` must be one of {FILL_MODES}, received {fill_mode!r}")


def _combine(pieces, dtype):
    out = None
    for values, weight in pieces:
        term = values if weight is None else values * weight
        out = term if out is None else out + term
    if not jnp.issubdtype(dtype, jnp.floating):
        out = jnp.where(out < 0, jnp.ceil(out - 0.5), jnp.floor(out + 0.5))
    return out.astype(dtype)


def map_coordinates(inputs, coordinates, order, fill_mode="constant", fill_value=0):
    inputs = convert_to_tensor(inputs)
    coordinates = [convert_to_tensor(c) for c in coordinates]
    if len(coordinates) != inputs.ndim:
        raise ValueError(
            f"`map_coordinates` needs one coordinate array per input axis ({inputs.ndim}), "
            f"received {len(coordinates)}")
    _check(order, fill_mode, "map_coordinates")
    compute = inputs.dtype if _is_float(inputs) else jnp.dtype("float32")
    coordinates = [c if _is_float(c) else c.astype(compute) for c in coordinates]
    taps = [_taps(c, order) for c in coordinates]
    source = inputs.astype(compute)
    pieces = []
    for corner in itertools.product(*taps):
        indices, valid, weight = [], None, None
        for (index, w), size in zip(corner, inputs.shape):
            fixed, ok = _fix_index(index, size, fill_mode)
            indices.append(fixed)
            valid = ok if valid is None else (valid if ok is None else valid & ok)
            weight = w if weight is None else (weight if w is None else weight * w)
        values = source[tuple(indices)]
        if valid is not None:
            values = jnp.where(valid, values, jnp.asarray(fill_value, compute))
        pieces.append((values, weight))
    return _combine(pieces, inputs.dtype)


def _sample_2d(images, ys, xs, order, fill_mode, fill_value):
    """Sample NHWC ``images`` at float rows ``ys`` / columns ``xs`` of shape (N, h, w)."""
    n, height, width, channels = images.shape
    flat = images.astype(ys.dtype).reshape(n, height * width, channels)
    pieces = []
    for iy, wy in _taps(ys, order):
        fy, vy = _fix_index(iy, height, fill_mode)
        for ix, wx in _taps(xs, order):
            fx, vx = _fix_index(ix, width, fill_mode)
            index = (fy * width + fx).reshape(n, -1, 1)
            values = jnp.take_along_axis(flat, index, axis=1).reshape(ys.shape + (channels,))
            if vy is not None:
                values = jnp.where((vy & vx)[..., None], values,
                                   jnp.asarray(fill_value, values.dtype))
            weight = None if wy is None else (wy * wx)[..., None]
            pieces.append((values, weight))
    return _combine(pieces, images.dtype)


def _to_nhwc(images, data_format, name):
    images = convert_to_tensor(images)
    unbatched = images.ndim == 3
    if unbatched:
        images = images[None]
    if images.ndim != 4:
        raise ValueError(f"`{name}` expects images of rank 3 or 4, received shape "
                         f"{tuple(images.shape)}")
    channels_first = standardize_data_format(data_format) == "channels_first"
    return (jnp.transpose(images, (0, 2, 3, 1)) if channels_first else images), unbatched, \
        channels_first


def _from_nhwc(out, unbatched, channels_first):
    if channels_first:
        out = jnp.transpose(out, (0, 3, 1, 2))
    return out[0] if unbatched else out


def _interpolation_order(interpolation, name):
    if interpolation not in _ORDERS:
        raise ValueError(f"`{name}`: `interpolation` must be 'nearest' or 'bilinear', "
                         f"received {interpolation!r}")
    return _ORDERS[interpolation]


def affine_transform(images, transform, interpolation="bilinear", fill_mode="constant",
                     fill_value=0, data_format=None):
    """Output pixel (x, y) samples the input at ((a0 x + a1 y + a2) / k,
    (a3 x + a4 y + a5) / k), k = a6 x + a7 y + 1, for transform [a0, ..., a7]."""
    order = _interpolation_order(interpolation, "affine_transform")
    _check(order, fill_mode, "affine_transform")
    x, unbatched, channels_first = _to_nhwc(images, data_format, "affine_transform")
    compute = x.dtype if _is_float(x) else jnp.dtype("float32")
    transform = convert_to_tensor(transform).astype(compute)
    if transform.ndim == 1:
        transform = transform[None]
    if transform.shape[-1] != 8:
        raise ValueError(f"`affine_transform` expects transforms of shape (8,) or (batch, 8), "
                         f"received {tuple(transform.shape)}")
    height, width = x.shape[1:3]
    rows = jnp.arange(height, dtype=compute)[:, None]
    cols = jnp.arange(width, dtype=compute)[None, :]
    a = transform[:, :, None, None]
    k = a[:, 6] * cols + a[:, 7] * rows + 1.0
    xs = (a[:, 0] * cols + a[:, 1] * rows + a[:, 2]) / k
    ys = (a[:, 3] * cols + a[:, 4] * rows + a[:, 5]) / k
    shape = (x.shape[0], height, width)
    xs, ys = jnp.broadcast_to(xs, shape), jnp.broadcast_to(ys, shape)
    out = _sample_2d(x, ys, xs, order, fill_mode, fill_value)
    return _from_nhwc(out, unbatched, channels_first)


def _perspective_coefficients(start_points, end_points):
    """The 8 projective coefficients mapping end (output) points onto start points."""
    xs, ys = start_points[..., 0], start_points[..., 1]
    xe, ye = end_points[..., 0], end_points[..., 1]
    zero, one = jnp.zeros_like(xe), jnp.ones_like(xe)
    rows_x = jnp.stack([xe, ye, one, zero, zero, zero, -xe * xs, -ye * xs], -1)
    rows_y = jnp.stack([zero, zero, zero, xe, ye, one, -xe * ys, -ye * ys], -1)
    matrix = jnp.concatenate([rows_x, rows_y], -2)
    return jnp.linalg.solve(matrix, jnp.concatenate([xs, ys], -1)[..., None])[..., 0]


def perspective_transform(images, start_points, end_points, interpolation="bilinear",
                          fill_value=0, data_format=None):
    start = convert_to_tensor(start_points).astype("float64")
    end = convert_to_tensor(end_points).astype("float64")
    if start.shape[-2:] != (4, 2) or end.shape[-2:] != (4, 2):
        raise ValueError(
            "`perspective_transform` expects start_points and end_points of shape (4, 2) or "
            f"(batch, 4, 2), received {tuple(start.shape)} and {tuple(end.shape)}")
    coefficients = _perspective_coefficients(start, end)
    return affine_transform(images, coefficients.astype("float32"), interpolation, "constant",
                            fill_value, data_format)


def _conv_1d(x, kernel, axis):
    """'valid' convolution of (N, 1, H, W) along one spatial axis with a 1-D kernel."""
    shape = (1, 1, kernel.shape[0], 1) if axis == 2 else (1, 1, 1, kernel.shape[0])
    return jax.lax.conv_general_dilated(x, kernel.reshape(shape), (1, 1), "VALID")


def elastic_transform(images, alpha=20.0, sigma=5.0, interpolation="bilinear",
                      fill_mode="reflect", fill_value=0.0, seed=None, data_format=None):
    """Displace each pixel by Gaussian-smoothed normal noise (std ``sigma``) scaled
    by ``alpha``, then resample."""
    order = _interpolation_order(interpolation, "elastic_transform")
    _check(order, fill_mode, "elastic_transform")
    x, unbatched, channels_first = _to_nhwc(images, data_format, "elastic_transform")
    compute = x.dtype if _is_float(x) else jnp.dtype("float32")
    n, height, width = x.shape[:3]
    noise = jax_random.normal((2 * n, 1, height, width), seed=seed,
                              dtype="float32").astype(compute)
    size = int(6 * float(sigma)) | 1
    kernel = gaussian_kernel_1d(size, sigma, compute)
    pad = size // 2
    smooth = _conv_1d(jnp.pad(noise, ((0, 0), (0, 0), (0, 0), (pad, pad))), kernel, 3)
    smooth = _conv_1d(jnp.pad(smooth, ((0, 0), (0, 0), (pad, pad), (0, 0))), kernel, 2)
    dx, dy = (smooth * float(alpha)).reshape(2, n, height, width)
    rows = jnp.arange(height, dtype=compute)[:, None]
    cols = jnp.arange(width, dtype=compute)[None, :]
    out = _sample_2d(x, rows + dy, cols + dx, order, fill_mode, fill_value)
    return _from_nhwc(out, unbatched, channels_first)


# -- scale_and_translate --------------------------------------------------------------

def _triangle(x):
    return jnp.maximum(1.0 - jnp.abs(x), 0.0)


def _keys_cubic(x):
    x = jnp.abs(x)
    near = ((1.5 * x - 2.5) * x) * x + 1.0
    far = ((-0.5 * x + 2.5) * x - 4.0) * x + 2.0
    return jnp.where(x >= 2.0, 0.0, jnp.where(x >= 1.0, far, near))


def _lanczos(radius):
    def kernel(x):
        y = radius * jnp.sin(math.pi * x) * jnp.sin(math.pi * x / radius)
        out = jnp.where(x > 1e-3, y / (math.pi ** 2 * jnp.maximum(jnp.square(x), 1e-12)), 1.0)
        return jnp.where(x > radius, 0.0, out)
    return kernel


_KERNELS = {"linear": _triangle, "bilinear": _triangle, "trilinear": _triangle,
            "triangle": _triangle, "cubic": _keys_cubic, "bicubic": _keys_cubic,
            "tricubic": _keys_cubic, "lanczos3": _lanczos(3.0), "lanczos5": _lanczos(5.0)}


def _weight_matrix(in_size, out_size, scale, translation, kernel, antialias, dtype):
    """(in_size, out_size) resampling weights of one axis (JAX's formulation)."""
    inv_scale = 1.0 / scale
    kernel_scale = jnp.maximum(inv_scale, 1.0) if antialias else 1.0
    centers = ((jnp.arange(out_size, dtype=dtype) + 0.5) * inv_scale
               - translation * inv_scale - 0.5)
    distance = centers[None, :] - jnp.arange(in_size, dtype=dtype)[:, None]
    weights = kernel(jnp.abs(distance) / kernel_scale)
    total = jnp.sum(weights, 0, keepdims=True)
    weights = jnp.where(jnp.abs(total) > 1000.0 * float(jnp.finfo(jnp.float32).eps),
                        weights / jnp.where(total != 0, total, 1.0), 0.0)
    inside = (centers >= -0.5) & (centers <= in_size - 0.5)
    return jnp.where(inside[None, :], weights, 0.0).astype(dtype)


def scale_and_translate(images, output_shape, scale, translation, spatial_dims, method,
                        antialias=True):
    if method not in _KERNELS:
        raise ValueError(f"`scale_and_translate`: `method` must be one of {sorted(_KERNELS)}, "
                         f"received {method!r}")
    x = _float(convert_to_tensor(images))
    scale = convert_to_tensor(scale).astype(x.dtype)
    translation = convert_to_tensor(translation).astype(x.dtype)
    for i, dim in enumerate(spatial_dims):
        weights = _weight_matrix(x.shape[dim], int(output_shape[dim]), scale[i], translation[i],
                                 _KERNELS[method], antialias, x.dtype)
        x = jnp.moveaxis(jnp.tensordot(jnp.moveaxis(x, dim, -1), weights, axes=1), -1, dim)
    if tuple(x.shape) != tuple(int(d) for d in output_shape):
        raise ValueError(f"`scale_and_translate`: non-spatial dims of `output_shape` must match "
                         f"the images, received {tuple(output_shape)} for {tuple(x.shape)}")
    return x
