"""jax backend: keras.ops.image. Colour conversions, resizing, cropping/padding,
patches and filters live here; the geometric resamplers (map_coordinates, affine,
perspective, elastic, scale_and_translate) in ``image_transform``.

Images are (batch, height, width, channels) or unbatched (height, width, channels),
channels first when ``data_format`` says so.
"""
import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from ceras.backend.common.config import floatx, standardize_data_format
from ceras.backend.jax.core import convert_to_tensor, to_backend_dtype
from ceras.backend.jax.image_transform import (  # noqa: F401
    affine_transform, elastic_transform, from_nchw, gaussian_kernel_1d, map_coordinates,
    perspective_transform, scale_and_translate, to_nchw,
)
from ceras.backend.jax.nn_pool import adaptive_average_pool

_GRAY = (0.2989, 0.5870, 0.1140)  # ITU-R 601-2 luma, as Keras


def _float(x):
    return x if jnp.issubdtype(x.dtype, jnp.floating) else x.astype(to_backend_dtype(floatx()))


def _channel_axis(images, data_format):
    if standardize_data_format(data_format) == "channels_last":
        return images.ndim - 1
    return images.ndim - 3


def same_padding(size, kernel, stride, dilation=1):
    """TF/Keras 'same' padding of one dim: (before, after), the extra pixel after."""
    out = -(-size // stride)
    total = max((out - 1) * stride + (kernel - 1) * dilation + 1 - size, 0)
    return total // 2, total - total // 2


# -- colour -----------------------------------------------------------------------

def rgb_to_grayscale(images, data_format=None):
    images = convert_to_tensor(images)
    axis = _channel_axis(images, data_format)
    shape = [1] * images.ndim
    shape[axis] = 3
    x = _float(images)
    weights = jnp.asarray(_GRAY, dtype=x.dtype).reshape(shape)
    return jnp.sum(x * weights, axis=axis, keepdims=True).astype(images.dtype)


def rgb_to_hsv(images, data_format=None):
    images = _float(convert_to_tensor(images))
    axis = _channel_axis(images, data_format)
    r, g, b = (jnp.take(images, i, axis=axis) for i in range(3))
    value = jnp.maximum(jnp.maximum(r, g), b)
    spread = value - jnp.minimum(jnp.minimum(r, g), b)
    saturation = jnp.where(value > 0, spread / jnp.where(value > 0, value, 1), 0)
    norm = 1.0 / (6.0 * jnp.where(spread > 0, spread, 1))
    hue = jnp.where(r == value, norm * (g - b),
                    jnp.where(g == value, norm * (b - r) + 2.0 / 6.0, norm * (r - g) + 4.0 / 6.0))
    hue = jnp.where(spread > 0, hue, 0)
    hue = jnp.where(hue < 0, hue + 1, hue)
    return jnp.stack([hue, saturation, value], axis).astype(images.dtype)


def hsv_to_rgb(images, data_format=None):
    images = _float(convert_to_tensor(images))
    axis = _channel_axis(images, data_format)
    hue, saturation, value = (jnp.take(images, i, axis=axis) for i in range(3))
    dh = hue * 6.0
    dr = jnp.clip(jnp.abs(dh - 3.0) - 1.0, 0, 1)
    dg = jnp.clip(2.0 - jnp.abs(dh - 2.0), 0, 1)
    db = jnp.clip(2.0 - jnp.abs(dh - 4.0), 0, 1)
    keep = 1.0 - saturation
    return jnp.stack([(keep + saturation * c) * value for c in (dr, dg, db)], axis)


# -- resize, crop, pad ----------------------------------------------------------------

_JAX_METHODS = {"bilinear": "linear", "nearest": "nearest", "bicubic": "cubic",
                "lanczos3": "lanczos3", "lanczos5": "lanczos5"}


def resize(images, size, interpolation="bilinear", antialias=False, crop_to_aspect_ratio=False,
           pad_to_aspect_ratio=False, fill_mode="constant", fill_value=0.0, data_format=None):
    if interpolation not in _JAX_METHODS and interpolation != "area":
        raise ValueError(
            "`resize`: `interpolation` must be one of "
            f"{sorted(list(_JAX_METHODS) + ['area'])}, received {interpolation!r}")
    if fill_mode != "constant":
        raise ValueError(f"`resize`: `fill_mode` must be 'constant', received {fill_mode!r}")
    if crop_to_aspect_ratio and pad_to_aspect_ratio:
        raise ValueError("`resize`: only one of crop_to_aspect_ratio and pad_to_aspect_ratio "
                         "can be True")
    if len(size) != 2:
        raise ValueError(f"`resize`: `size` must be (height, width), received {size}")
    images = convert_to_tensor(images)
    x, unbatched = to_nchw(images, data_format, "resize")
    dtype = x.dtype
    x = _float(x)
    target_h, target_w = int(size[0]), int(size[1])
    height, width = x.shape[-2:]
    if crop_to_aspect_ratio:
        crop_h = max(min(height, int(width * target_h / target_w)), 1)
        crop_w = max(min(width, int(height * target_w / target_h)), 1)
        top, left = int((height - crop_h) / 2), int((width - crop_w) / 2)
        x = x[..., top:top + crop_h, left:left + crop_w]
    elif pad_to_aspect_ratio:
        pad_h = max(height, int(width * target_h / target_w))
        pad_w = max(width, int(height * target_w / target_h))
        # Keras pads the same amount on both sides (an odd difference loses a row).
        top, left = int((pad_h - height) / 2), int((pad_w - width) / 2)
        x = jnp.pad(x, ((0, 0), (0, 0), (top, top), (left, left)),
                    constant_values=jnp.asarray(fill_value, x.dtype))
    if interpolation == "area":
        out = adaptive_average_pool(x, (target_h, target_w), data_format="channels_first")
    elif interpolation == "bicubic" and not antialias:
        out = _bicubic(x, target_h, target_w)
    else:
        out = jax.image.resize(x, x.shape[:2] + (target_h, target_w),
                               method=_JAX_METHODS[interpolation], antialias=bool(antialias))
    if not jnp.issubdtype(dtype, jnp.floating):
        out = jnp.round(out)
        if dtype != jnp.bool_:
            info = jnp.iinfo(dtype)
            out = jnp.clip(out, info.min, info.max)
    return from_nchw(out.astype(dtype), data_format, unbatched)


def _cubic_weights(in_size, out_size, dtype):
    """(in_size, out_size) weights of torch's bicubic resize (Keys kernel, a = -0.75,
    half-pixel centres, edge pixels repeated), which the torch backend uses."""
    scale = in_size / out_size
    source = (np.arange(out_size) + 0.5) * scale - 0.5
    base = np.floor(source)
    t = source - base
    a = -0.75
    weights = np.zeros((in_size, out_size))
    for offset in (-1, 0, 1, 2):
        d = np.abs(t - offset)
        w = np.where(d <= 1, ((a + 2) * d - (a + 3)) * d * d + 1,
                     np.where(d < 2, ((a * d - 5 * a) * d + 8 * a) * d - 4 * a, 0.0))
        index = np.clip(base + offset, 0, in_size - 1).astype(int)
        np.add.at(weights, (index, np.arange(out_size)), w)
    return jnp.asarray(weights, dtype)


def _bicubic(x, height, width):
    """NCHW bicubic resize without antialiasing, as two separable matrix products."""
    x = jnp.einsum("nchw,hH->ncHw", x, _cubic_weights(x.shape[2], height, x.dtype))
    return jnp.einsum("nchw,wW->nchW", x, _cubic_weights(x.shape[3], width, x.dtype))


def _spatial_axes(images, data_format):
    if standardize_data_format(data_format) == "channels_last":
        return images.ndim - 3, images.ndim - 2
    return images.ndim - 2, images.ndim - 1


def _resolve_sides(first, second, target, names):
    given = [v is not None for v in (first, second, target)]
    if sum(given) != 2:
        raise ValueError(
            f"Must specify exactly two of {names[0]}, {names[1]}, {names[2]}. Received: "
            f"{names[0]}={first}, {names[1]}={second}, {names[2]}={target}")


def crop_images(images, top_cropping=None, left_cropping=None, bottom_cropping=None,
                right_cropping=None, target_height=None, target_width=None,
                data_format=None):
    images = convert_to_tensor(images)
    h_axis, w_axis = _spatial_axes(images, data_format)
    height, width = images.shape[h_axis], images.shape[w_axis]
    _resolve_sides(top_cropping, bottom_cropping, target_height,
                   ("top_cropping", "bottom_cropping", "target_height"))
    _resolve_sides(left_cropping, right_cropping, target_width,
                   ("left_cropping", "right_cropping", "target_width"))
    top = height - bottom_cropping - target_height if top_cropping is None else top_cropping
    left = width - right_cropping - target_width if left_cropping is None else left_cropping
    target_height = height - top - bottom_cropping if target_height is None else target_height
    target_width = width - left - right_cropping if target_width is None else target_width
    if top < 0 or left < 0 or target_height <= 0 or target_width <= 0 or \
            top + target_height > height or left + target_width > width:
        raise ValueError(
            f"`crop_images`: the crop box (top={top}, left={left}, height={target_height}, "
            f"width={target_width}) does not fit images of size ({height}, {width})")
    out = lax.slice_in_dim(images, top, top + target_height, axis=h_axis)
    return lax.slice_in_dim(out, left, left + target_width, axis=w_axis)


def pad_images(images, top_padding=None, left_padding=None, bottom_padding=None,
               right_padding=None, target_height=None, target_width=None, data_format=None):
    images = convert_to_tensor(images)
    h_axis, w_axis = _spatial_axes(images, data_format)
    height, width = images.shape[h_axis], images.shape[w_axis]
    _resolve_sides(top_padding, bottom_padding, target_height,
                   ("top_padding", "bottom_padding", "target_height"))
    _resolve_sides(left_padding, right_padding, target_width,
                   ("left_padding", "right_padding", "target_width"))
    top = target_height - height - bottom_padding if top_padding is None else top_padding
    left = target_width - width - right_padding if left_padding is None else left_padding
    bottom = target_height - height - top if bottom_padding is None else bottom_padding
    right = target_width - width - left if right_padding is None else right_padding
    if min(top, left, bottom, right) < 0:
        raise ValueError(
            f"`pad_images`: paddings must be >= 0, received top={top}, bottom={bottom}, "
            f"left={left}, right={right} for images of size ({height}, {width})")
    pads = [(0, 0)] * images.ndim
    pads[h_axis], pads[w_axis] = (top, bottom), (left, right)
    return jnp.pad(images, pads)


# -- patches ------------------------------------------------------------------------

def _patches(x, size, strides, dilation_rate, padding, name):
    """(N, *spatial, C) -> (N, *out_spatial, prod(size) * C), features ordered
    (*kernel offsets, channel) like TF's extract_image_patches."""
    nd = x.ndim - 2
    size = (size,) * nd if isinstance(size, int) else tuple(size)
    strides = size if strides is None else (
        (strides,) * nd if isinstance(strides, int) else tuple(strides))
    dilation = (dilation_rate,) * nd if isinstance(dilation_rate, int) else tuple(dilation_rate)
    padding = str(padding).lower()
    if padding not in ("valid", "same"):
        raise ValueError(f"`{name}`: `padding` must be 'valid' or 'same', received {padding!r}")
    spatial = "DHW"[3 - nd:]
    channels = x.shape[-1]
    # conv_general_dilated_patches orders features (channel, *kernel offsets).
    out = lax.conv_general_dilated_patches(
        x, size, strides, padding.upper(), rhs_dilation=dilation,
        dimension_numbers=(f"N{spatial}C", f"{spatial}IO", f"N{spatial}C"))
    lead = out.shape[:-1]
    out = out.reshape(lead + (channels, -1))
    return jnp.swapaxes(out, -1, -2).reshape(lead + (-1,))


def _extract(images, size, strides, dilation_rate, padding, data_format, nd, name):
    images = convert_to_tensor(images)
    unbatched = images.ndim == nd + 1
    if unbatched:
        images = images[None]
    if images.ndim != nd + 2:
        raise ValueError(f"`{name}` expects inputs of rank {nd + 1} or {nd + 2}, received "
                         f"shape {tuple(images.shape)}")
    channels_last = standardize_data_format(data_format) == "channels_last"
    x = images if channels_last else jnp.moveaxis(images, 1, -1)
    out = _patches(x, size, strides, dilation_rate, padding, name)
    if not channels_last:
        out = jnp.moveaxis(out, -1, 1)
    return out[0] if unbatched else out


def extract_patches(images, size, strides=None, dilation_rate=1, padding="valid",
                    data_format=None):
    return _extract(images, size, strides, dilation_rate, padding, data_format, 2,
                    "extract_patches")


def extract_patches_3d(volumes, size, strides=None, dilation_rate=1, padding="valid",
                       data_format=None):
    return _extract(volumes, size, strides, dilation_rate, padding, data_format, 3,
                    "extract_patches_3d")


# -- filters ---------------------------------------------------------------------------

def _depthwise(x, kernel):
    """Depthwise 2-D 'valid' convolution of (N, C, H, W) with one (kh, kw) kernel."""
    channels = x.shape[1]
    weight = jnp.broadcast_to(kernel.astype(x.dtype), (channels, 1) + kernel.shape)
    return lax.conv_general_dilated(x, weight, (1, 1), "VALID", feature_group_count=channels)


def gaussian_blur(images, kernel_size=(3, 3), sigma=(1.0, 1.0), data_format=None):
    images = convert_to_tensor(images)
    x, unbatched = to_nchw(images, data_format, "gaussian_blur")
    dtype = x.dtype
    x = _float(x)
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    sh, sw = (sigma, sigma) if isinstance(sigma, (int, float)) else sigma
    kernel = jnp.outer(gaussian_kernel_1d(kh, sh, x.dtype), gaussian_kernel_1d(kw, sw, x.dtype))
    # Zero padding, the extra pixel at the end: Keras's 'same'.
    pads = ((0, 0), (0, 0), same_padding(x.shape[2], kh, 1), same_padding(x.shape[3], kw, 1))
    out = _depthwise(jnp.pad(x, pads), kernel)
    return from_nchw(out.astype(dtype), data_format, unbatched)


def sobel_edges(images, data_format=None):
    """(dy, dx) Sobel responses stacked on a new last axis, zero-padded like Keras
    (TF's tf.image.sobel_edges reflects instead)."""
    images = convert_to_tensor(images)
    x, unbatched = to_nchw(images, data_format, "sobel_edges")
    x = _float(x)
    dy = jnp.asarray([[-1.0, -2.0, -1.0], [0.0, 0.0, 0.0], [1.0, 2.0, 1.0]], dtype=x.dtype)
    padded = jnp.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
    out = jnp.stack([_depthwise(padded, dy), _depthwise(padded, dy.T)], -1)
    if standardize_data_format(data_format) == "channels_last":
        out = jnp.transpose(out, (0, 2, 3, 1, 4))
    return out[0] if unbatched else out


def ssim(image1, image2, max_val=1.0, filter_size=11, filter_sigma=1.5, k1=0.01, k2=0.03,
         data_format=None):
    """Structural similarity per image (mean over height, width and channels) with a
    Gaussian window and 'valid' filtering."""
    x1, unbatched = to_nchw(convert_to_tensor(image1), data_format, "ssim")
    x2, _ = to_nchw(convert_to_tensor(image2), data_format, "ssim")
    x1 = _float(x1)
    x2 = _float(x2).astype(x1.dtype)
    g = gaussian_kernel_1d(filter_size, filter_sigma, x1.dtype)
    kernel = jnp.outer(g, g)
    mu1, mu2 = _depthwise(x1, kernel), _depthwise(x2, kernel)
    s11 = _depthwise(x1 * x1, kernel) - mu1 * mu1
    s22 = _depthwise(x2 * x2, kernel) - mu2 * mu2
    s12 = _depthwise(x1 * x2, kernel) - mu1 * mu2
    c1, c2 = (k1 * max_val) ** 2, (k2 * max_val) ** 2
    luminance = (2 * mu1 * mu2 + c1) / (mu1 * mu1 + mu2 * mu2 + c1)
    contrast = (2 * s12 + c2) / (s11 + s22 + c2)
    out = jnp.mean(luminance * contrast, axis=(1, 2, 3))
    return out[0] if unbatched else out
