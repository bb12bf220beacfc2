"""torch backend: the resampling image ops (map_coordinates, affine_transform,
perspective_transform, elastic_transform, scale_and_translate) and the layout helpers
shared with ``image``.

Out-of-range samples follow SciPy/JAX's fill modes: 'constant' (fill_value),
'nearest' (edge), 'wrap' (abcd|abcd), 'mirror' (dcb|abcd|cba) and 'reflect' (dcba|abcd|dcba).
"""
import itertools
import math

import torch
import torch.nn.functional as F

from ceras.backend.common.config import floatx, standardize_data_format
from ceras.backend.torch import random as torch_random
from ceras.backend.torch.core import convert_to_tensor, to_backend_dtype

FILL_MODES = ("constant", "nearest", "wrap", "mirror", "reflect")
_ORDERS = {"nearest": 0, "bilinear": 1}


def _float(x):
    return x if x.is_floating_point() else x.to(to_backend_dtype(floatx()))


def to_nchw(images, data_format, name):
    """(N, C, H, W) view of 3-D or 4-D images, and whether a batch axis was added."""
    unbatched = images.ndim == 3
    if unbatched:
        images = images[None]
    if images.ndim != 4:
        raise ValueError(f"`{name}` expects images of rank 3 or 4, received shape "
                         f"{tuple(images.shape)}")
    if standardize_data_format(data_format) == "channels_last":
        images = images.permute(0, 3, 1, 2)
    return images, unbatched


def from_nchw(x, data_format, unbatched):
    if standardize_data_format(data_format) == "channels_last":
        x = x.permute(0, 2, 3, 1)
    return x[0] if unbatched else x


def gaussian_kernel_1d(size, sigma, dtype, device):
    x = torch.arange(size, dtype=dtype, device=device) - (size - 1) / 2.0
    kernel = torch.exp(-x.square() / (2.0 * float(sigma) ** 2))
    return kernel / kernel.sum()


# -- sampling ----------------------------------------------------------------------

def _taps(coordinate, order):
    """[(integer index, weight)] of the samples interpolating at ``coordinate``."""
    if order == 0:
        return [(torch.floor(coordinate + 0.5).long(), None)]
    lower = torch.floor(coordinate)
    upper_weight = coordinate - lower
    lower = lower.long()
    return [(lower, 1.0 - upper_weight), (lower + 1, upper_weight)]


def _mirror(index, size):
    span = size - 1
    if span == 0:
        return torch.zeros_like(index)
    return ((index + span) % (2 * span) - span).abs()


def _fix_index(index, size, fill_mode):
    """(in-range index, validity mask or None) for one axis."""
    if fill_mode == "constant":
        valid = (index >= 0) & (index < size)
        return index.clamp(0, size - 1), valid
    if fill_mode == "nearest":
        return index.clamp(0, size - 1), None
    if fill_mode == "wrap":
        return index.remainder(size), None
    if fill_mode == "mirror":
        return _mirror(index, size), None
    return torch.div(_mirror(2 * index + 1, 2 * size + 1) - 1, 2, rounding_mode="floor"), None


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
    if not dtype.is_floating_point:
        out = torch.where(out < 0, torch.ceil(out - 0.5), torch.floor(out + 0.5))
    return out.to(dtype)


def map_coordinates(inputs, coordinates, order, fill_mode="constant", fill_value=0):
    inputs = convert_to_tensor(inputs)
    coordinates = [convert_to_tensor(c) for c in coordinates]
    if len(coordinates) != inputs.ndim:
        raise ValueError(
            f"`map_coordinates` needs one coordinate array per input axis ({inputs.ndim}), "
            f"received {len(coordinates)}")
    _check(order, fill_mode, "map_coordinates")
    compute = inputs.dtype if inputs.is_floating_point() else torch.float32
    coordinates = [c.to(compute) if not c.is_floating_point() else c for c in coordinates]
    taps = [_taps(c, order) for c in coordinates]
    source = inputs.to(compute)
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
            values = torch.where(valid, values, float(fill_value))
        pieces.append((values, weight))
    return _combine(pieces, inputs.dtype)


def _sample_2d(images, ys, xs, order, fill_mode, fill_value):
    """Sample NHWC ``images`` at float rows ``ys`` / columns ``xs`` of shape (N, h, w)."""
    n, height, width, channels = images.shape
    flat = images.to(ys.dtype).reshape(n, height * width, channels)
    pieces = []
    for iy, wy in _taps(ys, order):
        fy, vy = _fix_index(iy, height, fill_mode)
        for ix, wx in _taps(xs, order):
            fx, vx = _fix_index(ix, width, fill_mode)
            index = (fy * width + fx).reshape(n, -1, 1).expand(-1, -1, channels)
            values = flat.gather(1, index).reshape(*ys.shape, channels)
            if vy is not None:
                values = torch.where((vy & vx)[..., None], values, float(fill_value))
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
    return (images.permute(0, 2, 3, 1) if channels_first else images), unbatched, channels_first


def _from_nhwc(out, unbatched, channels_first):
    if channels_first:
        out = out.permute(0, 3, 1, 2)
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
    compute = x.dtype if x.is_floating_point() else torch.float32
    transform = convert_to_tensor(transform).to(compute)
    if transform.ndim == 1:
        transform = transform[None]
    if transform.shape[-1] != 8:
        raise ValueError(f"`affine_transform` expects transforms of shape (8,) or (batch, 8), "
                         f"received {tuple(transform.shape)}")
    height, width = x.shape[1:3]
    rows = torch.arange(height, dtype=compute, device=x.device)[:, None]
    cols = torch.arange(width, dtype=compute, device=x.device)[None, :]
    a = transform[:, :, None, None]
    k = a[:, 6] * cols + a[:, 7] * rows + 1.0
    xs = (a[:, 0] * cols + a[:, 1] * rows + a[:, 2]) / k
    ys = (a[:, 3] * cols + a[:, 4] * rows + a[:, 5]) / k
    xs, ys = xs.expand(x.shape[0], -1, -1), ys.expand(x.shape[0], -1, -1)
    out = _sample_2d(x, ys, xs, order, fill_mode, fill_value)
    return _from_nhwc(out, unbatched, channels_first)


def _perspective_coefficients(start_points, end_points):
    """The 8 projective coefficients mapping end (output) points onto start points."""
    xs, ys = start_points[..., 0], start_points[..., 1]
    xe, ye = end_points[..., 0], end_points[..., 1]
    zero, one = torch.zeros_like(xe), torch.ones_like(xe)
    rows_x = torch.stack([xe, ye, one, zero, zero, zero, -xe * xs, -ye * xs], -1)
    rows_y = torch.stack([zero, zero, zero, xe, ye, one, -xe * ys, -ye * ys], -1)
    matrix = torch.cat([rows_x, rows_y], -2)
    return torch.linalg.solve(matrix, torch.cat([xs, ys], -1)[..., None])[..., 0]


def perspective_transform(images, start_points, end_points, interpolation="bilinear",
                          fill_value=0, data_format=None):
    start = convert_to_tensor(start_points).to(torch.float64)
    end = convert_to_tensor(end_points).to(torch.float64)
    if start.shape[-2:] != (4, 2) or end.shape[-2:] != (4, 2):
        raise ValueError(
            "`perspective_transform` expects start_points and end_points of shape (4, 2) or "
            f"(batch, 4, 2), received {tuple(start.shape)} and {tuple(end.shape)}")
    coefficients = _perspective_coefficients(start, end)
    return affine_transform(images, coefficients.to(torch.float32), interpolation, "constant",
                            fill_value, data_format)


def elastic_transform(images, alpha=20.0, sigma=5.0, interpolation="bilinear",
                      fill_mode="reflect", fill_value=0.0, seed=None, data_format=None):
    """Displace each pixel by Gaussian-smoothed normal noise (std ``sigma``) scaled
    by ``alpha``, then resample."""
    order = _interpolation_order(interpolation, "elastic_transform")
    _check(order, fill_mode, "elastic_transform")
    x, unbatched, channels_first = _to_nhwc(images, data_format, "elastic_transform")
    compute = x.dtype if x.is_floating_point() else torch.float32
    n, height, width = x.shape[:3]
    noise = convert_to_tensor(torch_random.normal((2 * n, 1, height, width), seed=seed,
                                                  dtype="float32")).to(compute)
    size = int(6 * float(sigma)) | 1
    kernel = gaussian_kernel_1d(size, sigma, compute, x.device)
    pad = size // 2
    smooth = F.conv2d(F.pad(noise, (pad, pad, 0, 0)), kernel.reshape(1, 1, 1, size))
    smooth = F.conv2d(F.pad(smooth, (0, 0, pad, pad)), kernel.reshape(1, 1, size, 1))
    dx, dy = (smooth * float(alpha)).reshape(2, n, height, width).unbind(0)
    rows = torch.arange(height, dtype=compute, device=x.device)[:, None]
    cols = torch.arange(width, dtype=compute, device=x.device)[None, :]
    out = _sample_2d(x, rows + dy, cols + dx, order, fill_mode, fill_value)
    return _from_nhwc(out, unbatched, channels_first)


# -- scale_and_translate --------------------------------------------------------------

def _triangle(x):
    return (1.0 - x.abs()).clamp_min(0.0)


def _keys_cubic(x):
    x = x.abs()
    near = ((1.5 * x - 2.5) * x) * x + 1.0
    far = ((-0.5 * x + 2.5) * x - 4.0) * x + 2.0
    return torch.where(x >= 2.0, 0.0, torch.where(x >= 1.0, far, near))


def _lanczos(radius):
    def kernel(x):
        y = radius * torch.sin(math.pi * x) * torch.sin(math.pi * x / radius)
        out = torch.where(x > 1e-3, y / (math.pi ** 2 * x.square().clamp_min(1e-12)), 1.0)
        return torch.where(x > radius, 0.0, out)
    return kernel


_KERNELS = {"linear": _triangle, "bilinear": _triangle, "trilinear": _triangle,
            "triangle": _triangle, "cubic": _keys_cubic, "bicubic": _keys_cubic,
            "tricubic": _keys_cubic, "lanczos3": _lanczos(3.0), "lanczos5": _lanczos(5.0)}


def _weight_matrix(in_size, out_size, scale, translation, kernel, antialias, dtype, device):
    """(in_size, out_size) resampling weights of one axis (JAX's formulation)."""
    inv_scale = 1.0 / scale
    kernel_scale = torch.clamp_min(inv_scale, 1.0) if antialias else 1.0
    centers = ((torch.arange(out_size, dtype=dtype, device=device) + 0.5) * inv_scale
               - translation * inv_scale - 0.5)
    distance = (centers[None, :] - torch.arange(in_size, dtype=dtype, device=device)[:, None])
    weights = kernel(distance.abs() / kernel_scale)
    total = weights.sum(0, keepdim=True)
    weights = torch.where(total.abs() > 1000.0 * torch.finfo(torch.float32).eps,
                          weights / torch.where(total != 0, total, 1.0), 0.0)
    inside = (centers >= -0.5) & (centers <= in_size - 0.5)
    return torch.where(inside[None, :], weights, 0.0)


def scale_and_translate(images, output_shape, scale, translation, spatial_dims, method,
                        antialias=True):
    if method not in _KERNELS:
        raise ValueError(f"`scale_and_translate`: `method` must be one of {sorted(_KERNELS)}, "
                         f"received {method!r}")
    x = _float(convert_to_tensor(images))
    scale = convert_to_tensor(scale).to(x.dtype)
    translation = convert_to_tensor(translation).to(x.dtype)
    for i, dim in enumerate(spatial_dims):
        weights = _weight_matrix(x.shape[dim], int(output_shape[dim]), scale[i], translation[i],
                                 _KERNELS[method], antialias, x.dtype, x.device)
        x = torch.tensordot(x.movedim(dim, -1), weights, dims=1).movedim(-1, dim)
    if tuple(x.shape) != tuple(int(d) for d in output_shape):
        raise ValueError(f"`scale_and_translate`: non-spatial dims of `output_shape` must match "
                         f"the images, received {tuple(output_shape)} for {tuple(x.shape)}")
    return x
