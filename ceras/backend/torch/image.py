"""torch backend: keras.ops.image. Colour conversions, resizing, cropping/padding,
patches and filters live here; the geometric resamplers (map_coordinates, affine,
perspective, elastic, scale_and_translate) in ``image_transform``.

Images are (batch, height, width, channels) or unbatched (height, width, channels),
channels first when ``data_format`` says so.
"""
import torch
import torch.nn.functional as F

from ceras.backend.common.config import floatx, standardize_data_format
from ceras.backend.torch.core import convert_to_tensor, to_backend_dtype
from ceras.backend.torch.image_transform import (  # noqa: F401
    affine_transform, elastic_transform, from_nchw, gaussian_kernel_1d, map_coordinates,
    perspective_transform, scale_and_translate, to_nchw,
)
from ceras.backend.torch.nn_conv import same_padding

_GRAY = (0.2989, 0.5870, 0.1140)  # ITU-R 601-2 luma, as Keras


def _float(x):
    return x if x.is_floating_point() else x.to(to_backend_dtype(floatx()))


def _channel_axis(images, data_format):
    if standardize_data_format(data_format) == "channels_last":
        return images.ndim - 1
    return images.ndim - 3


# -- colour -----------------------------------------------------------------------

def rgb_to_grayscale(images, data_format=None):
    images = convert_to_tensor(images)
    axis = _channel_axis(images, data_format)
    shape = [1] * images.ndim
    shape[axis] = 3
    weights = torch.tensor(_GRAY, dtype=torch.float32, device=images.device).reshape(shape)
    gray = (_float(images) * weights.to(_float(images).dtype)).sum(axis, keepdim=True)
    return gray.to(images.dtype)


def rgb_to_hsv(images, data_format=None):
    images = _float(convert_to_tensor(images))
    axis = _channel_axis(images, data_format)
    r, g, b = images.unbind(axis)
    value = torch.maximum(torch.maximum(r, g), b)
    spread = value - torch.minimum(torch.minimum(r, g), b)
    saturation = torch.where(value > 0, spread / torch.where(value > 0, value, 1), 0)
    norm = 1.0 / (6.0 * torch.where(spread > 0, spread, 1))
    hue = torch.where(r == value, norm * (g - b),
                      torch.where(g == value, norm * (b - r) + 2.0 / 6.0,
                                  norm * (r - g) + 4.0 / 6.0))
    hue = torch.where(spread > 0, hue, 0)
    hue = torch.where(hue < 0, hue + 1, hue)
    return torch.stack([hue, saturation, value], axis)


def hsv_to_rgb(images, data_format=None):
    images = _float(convert_to_tensor(images))
    axis = _channel_axis(images, data_format)
    hue, saturation, value = images.unbind(axis)
    dh = hue * 6.0
    dr = ((dh - 3.0).abs() - 1.0).clamp(0, 1)
    dg = (2.0 - (dh - 2.0).abs()).clamp(0, 1)
    db = (2.0 - (dh - 4.0).abs()).clamp(0, 1)
    keep = 1.0 - saturation
    return torch.stack([(keep + saturation * c) * value for c in (dr, dg, db)], axis)


# -- resize, crop, pad ----------------------------------------------------------------

_TORCH_MODES = {"bilinear": "bilinear", "nearest": "nearest-exact", "bicubic": "bicubic",
                "area": "area"}
_KERNEL_MODES = ("lanczos3", "lanczos5")


def resize(images, size, interpolation="bilinear", antialias=False, crop_to_aspect_ratio=False,
           pad_to_aspect_ratio=False, fill_mode="constant", fill_value=0.0, data_format=None):
    if interpolation not in _TORCH_MODES and interpolation not in _KERNEL_MODES:
        raise ValueError(
            "`resize`: `interpolation` must be one of "
            f"{sorted(_TORCH_MODES) + list(_KERNEL_MODES)}, received {interpolation!r}")
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
        x = F.pad(x, (left, left, top, top), value=float(fill_value))
    if interpolation in _KERNEL_MODES:
        scale = torch.tensor([target_h / x.shape[-2], target_w / x.shape[-1]], dtype=x.dtype)
        out = scale_and_translate(x, (*x.shape[:2], target_h, target_w), scale,
                                  torch.zeros(2, dtype=x.dtype), (2, 3), interpolation,
                                  antialias)
    else:
        mode = _TORCH_MODES[interpolation]
        kwargs = {"align_corners": False} if mode in ("bilinear", "bicubic") else {}
        if antialias and mode in ("bilinear", "bicubic"):
            kwargs["antialias"] = True
        out = F.interpolate(x, size=(target_h, target_w), mode=mode, **kwargs)
    if not dtype.is_floating_point:
        info = torch.iinfo(dtype) if dtype != torch.bool else None
        out = out.round()
        if info is not None:
            out = out.clamp(info.min, info.max)
    return from_nchw(out.to(dtype), data_format, unbatched)


def _spatial_axes(images, data_format):
    if standardize_data_format(data_format) == "channels_last":
        return images.ndim - 3, images.ndim - 2
    return images.ndim - 2, images.ndim - 1


def _resolve_sides(first, second, target, size, names):
    given = [v is not None for v in (first, second, target)]
    if sum(given) != 2:
        raise ValueError(
            f"Must specify exactly two of {names[0]}, {names[1]}, {names[2]}. Received: "
            f"{names[0]}={first}, {names[1]}={second}, {names[2]}={target}")
    return first, second, target


def crop_images(images, top_cropping=None, left_cropping=None, bottom_cropping=None,
                right_cropping=None, target_height=None, target_width=None,
                data_format=None):
    images = convert_to_tensor(images)
    h_axis, w_axis = _spatial_axes(images, data_format)
    height, width = images.shape[h_axis], images.shape[w_axis]
    _resolve_sides(top_cropping, bottom_cropping, target_height, height,
                   ("top_cropping", "bottom_cropping", "target_height"))
    _resolve_sides(left_cropping, right_cropping, target_width, width,
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
    return images.narrow(h_axis, top, target_height).narrow(w_axis, left, target_width)


def pad_images(images, top_padding=None, left_padding=None, bottom_padding=None,
               right_padding=None, target_height=None, target_width=None, data_format=None):
    images = convert_to_tensor(images)
    h_axis, w_axis = _spatial_axes(images, data_format)
    height, width = images.shape[h_axis], images.shape[w_axis]
    _resolve_sides(top_padding, bottom_padding, target_height, height,
                   ("top_padding", "bottom_padding", "target_height"))
    _resolve_sides(left_padding, right_padding, target_width, width,
                   ("left_padding", "right_padding", "target_width"))
    top = target_height - height - bottom_padding if top_padding is None else top_padding
    left = target_width - width - right_padding if left_padding is None else left_padding
    bottom = target_height - height - top if bottom_padding is None else bottom_padding
    right = target_width - width - left if right_padding is None else right_padding
    if min(top, left, bottom, right) < 0:
        raise ValueError(
            f"`pad_images`: paddings must be >= 0, received top={top}, bottom={bottom}, "
            f"left={left}, right={right} for images of size ({height}, {width})")
    pad = [0, 0] * (images.ndim - 1 - w_axis) + [left, right, top, bottom]
    return F.pad(images, pad)


# -- patches ------------------------------------------------------------------------

def _patches(x, size, strides, dilation_rate, padding, name):
    """(N, C, *spatial) -> (N, *out_spatial, prod(size) * C), features ordered
    (*kernel offsets, channel) like TF's extract_image_patches."""
    nd = x.ndim - 2
    size = (size,) * nd if isinstance(size, int) else tuple(size)
    strides = size if strides is None else (
        (strides,) * nd if isinstance(strides, int) else tuple(strides))
    dilation = (dilation_rate,) * nd if isinstance(dilation_rate, int) else tuple(dilation_rate)
    padding = str(padding).lower()
    if padding not in ("valid", "same"):
        raise ValueError(f"`{name}`: `padding` must be 'valid' or 'same', received {padding!r}")
    if padding == "same":
        pads = [same_padding(n, k, s, d) for n, k, s, d in
                zip(x.shape[2:], size, strides, dilation)]
        x = F.pad(x, [v for lo, hi in reversed(pads) for v in (lo, hi)])
    for axis, (k, s, d) in enumerate(zip(size, strides, dilation), start=2):
        x = x.unfold(axis, (k - 1) * d + 1, s)
        if d > 1:
            x = x[..., ::d]
    # x: (N, C, *out_spatial, *kernel) -> (N, *out_spatial, *kernel, C)
    x = x.permute(0, *range(2, 2 + nd), *range(2 + nd, 2 + 2 * nd), 1)
    return x.reshape(*x.shape[:1 + nd], -1)


def _extract(images, size, strides, dilation_rate, padding, data_format, nd, name):
    images = convert_to_tensor(images)
    unbatched = images.ndim == nd + 1
    if unbatched:
        images = images[None]
    if images.ndim != nd + 2:
        raise ValueError(f"`{name}` expects inputs of rank {nd + 1} or {nd + 2}, received "
                         f"shape {tuple(images.shape)}")
    channels_last = standardize_data_format(data_format) == "channels_last"
    x = images.movedim(-1, 1) if channels_last else images
    out = _patches(x, size, strides, dilation_rate, padding, name)
    if not channels_last:
        out = out.movedim(-1, 1)
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
    weight = kernel.to(x.dtype).expand(channels, 1, *kernel.shape)
    return F.conv2d(x, weight, groups=channels)


def gaussian_blur(images, kernel_size=(3, 3), sigma=(1.0, 1.0), data_format=None):
    images = convert_to_tensor(images)
    x, unbatched = to_nchw(images, data_format, "gaussian_blur")
    dtype = x.dtype
    x = _float(x)
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    sh, sw = (sigma, sigma) if isinstance(sigma, (int, float)) else sigma
    kernel = torch.outer(gaussian_kernel_1d(kh, sh, x.dtype, x.device),
                         gaussian_kernel_1d(kw, sw, x.dtype, x.device))
    # Zero padding, the extra pixel at the end: Keras's 'same'.
    (top, bottom), (left, right) = same_padding(x.shape[2], kh, 1), same_padding(x.shape[3], kw, 1)
    out = _depthwise(F.pad(x, (left, right, top, bottom)), kernel)
    return from_nchw(out.to(dtype), data_format, unbatched)


def sobel_edges(images, data_format=None):
    """(dy, dx) Sobel responses stacked on a new last axis, zero-padded like Keras
    (TF's tf.image.sobel_edges reflects instead)."""
    images = convert_to_tensor(images)
    x, unbatched = to_nchw(images, data_format, "sobel_edges")
    x = _float(x)
    dy = torch.tensor([[-1.0, -2.0, -1.0], [0.0, 0.0, 0.0], [1.0, 2.0, 1.0]],
                      dtype=x.dtype, device=x.device)
    padded = F.pad(x, (1, 1, 1, 1))
    out = torch.stack([_depthwise(padded, dy), _depthwise(padded, dy.T)], -1)
    if standardize_data_format(data_format) == "channels_last":
        out = out.permute(0, 2, 3, 1, 4)
    return out[0] if unbatched else out


def ssim(image1, image2, max_val=1.0, filter_size=11, filter_sigma=1.5, k1=0.01, k2=0.03,
         data_format=None):
    """Structural similarity per image (mean over height, width and channels) with a
    Gaussian window and 'valid' filtering."""
    x1, unbatched = to_nchw(convert_to_tensor(image1), data_format, "ssim")
    x2, _ = to_nchw(convert_to_tensor(image2), data_format, "ssim")
    x1, x2 = _float(x1), _float(x2).to(_float(x1).dtype)
    g = gaussian_kernel_1d(filter_size, filter_sigma, x1.dtype, x1.device)
    kernel = torch.outer(g, g)
    mu1, mu2 = _depthwise(x1, kernel), _depthwise(x2, kernel)
    s11 = _depthwise(x1 * x1, kernel) - mu1 * mu1
    s22 = _depthwise(x2 * x2, kernel) - mu2 * mu2
    s12 = _depthwise(x1 * x2, kernel) - mu1 * mu2
    c1, c2 = (k1 * max_val) ** 2, (k2 * max_val) ** 2
    luminance = (2 * mu1 * mu2 + c1) / (mu1 * mu1 + mu2 * mu2 + c1)
    contrast = (2 * s12 + c2) / (s11 + s22 + c2)
    out = (luminance * contrast).mean(dim=(1, 2, 3))
    return out[0] if unbatched else out

