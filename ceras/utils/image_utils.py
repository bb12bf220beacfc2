"""Image files <-> arrays with Pillow: load_img, img_to_array, array_to_img, save_img.

Pillow is an optional dependency: ``pip install ceras[image]``.
"""
import io
import os
import pathlib
import warnings

import numpy as np

from ceras import backend

try:
    from PIL import Image as pil_image
except ImportError:
    pil_image = None

_INTERPOLATIONS = ("nearest", "bilinear", "bicubic", "hamming", "box", "lanczos")
_COLOR_MODES = {"grayscale": 1, "rgb": 3, "rgba": 4}


def _require_pillow(name):
    if pil_image is None:
        raise ImportError(
            f"{name} needs Pillow to read and write images: `pip install pillow` (or "
            "`pip install ceras[image]`).")


def _resample(interpolation):
    if interpolation not in _INTERPOLATIONS:
        raise ValueError(
            f"Invalid interpolation method {interpolation!r}: expected one of "
            f"{list(_INTERPOLATIONS)}")
    return getattr(pil_image.Resampling, interpolation.upper())


def _standardize_data_format(data_format):
    return backend.standardize_data_format(data_format)


def load_img(path, color_mode="rgb", target_size=None, interpolation="nearest",
             keep_aspect_ratio=False):
    """Load an image file as a PIL image.

    Args:
        path: path of the file (str or pathlib.Path), or a binary file-like object.
        color_mode: "rgb" (default), "rgba" or "grayscale".
        target_size: None (original size) or ``(height, width)``.
        interpolation: resampling when resizing: "nearest" (default), "bilinear",
            "bicubic", "hamming", "box" or "lanczos".
        keep_aspect_ratio: resize without distortion, cropping the center of the
            image to the target aspect ratio first.

    Example:
        >>> img = ceras.utils.load_img("cat.png", target_size=(64, 64))
        >>> x = ceras.utils.img_to_array(img)  # (64, 64, 3) float32
    """
    _require_pillow("load_img")
    if color_mode not in _COLOR_MODES:
        raise ValueError(
            f'color_mode must be "grayscale", "rgb", or "rgba"; received color_mode='
            f"{color_mode!r}")
    if isinstance(path, io.BytesIO):
        img = pil_image.open(path)
    elif isinstance(path, (str, pathlib.Path, os.PathLike)):
        with open(os.fspath(path), "rb") as f:
            img = pil_image.open(io.BytesIO(f.read()))
    else:
        raise TypeError(
            f"load_img: path should be a path-like or a io.BytesIO; received {path!r} of type "
            f"{type(path).__name__}")
    if color_mode == "grayscale":
        # Keep 16/32-bit grayscale as it is; anything else becomes 8-bit "L".
        if img.mode not in ("L", "I;16", "I"):
            img = img.convert("L")
    elif color_mode == "rgba":
        if img.mode != "RGBA":
            img = img.convert("RGBA")
    elif img.mode != "RGB":
        img = img.convert("RGB")
    if target_size is not None:
        height, width = target_size
        if img.size != (width, height):
            resample = _resample(interpolation)
            box = _center_crop_box(img.size, width, height) if keep_aspect_ratio else None
            img = img.resize((width, height), resample, box=box)
    return img


def _center_crop_box(size, target_width, target_height):
    """The largest centered box of the target aspect ratio."""
    width, height = size
    crop_width = min(width, height * target_width // target_height)
    crop_height = min(height, width * target_height // target_width)
    left = (width - crop_width) // 2
    top = (height - crop_height) // 2
    return left, top, left + crop_width, top + crop_height


def img_to_array(img, data_format=None, dtype=None):
    """A PIL image as a 3-D NumPy array: (height, width, channels) for
    "channels_last" (default: ``ceras.config.image_data_format()``), else
    (channels, height, width); dtype defaults to ``ceras.config.floatx()``."""
    data_format = _standardize_data_format(data_format)
    x = np.asarray(img, dtype=dtype or backend.floatx())
    if x.ndim == 2:
        return x[np.newaxis] if data_format == "channels_first" else x[..., np.newaxis]
    if x.ndim == 3:
        return x.transpose(2, 0, 1) if data_format == "channels_first" else x
    raise ValueError(f"img_to_array: unsupported image shape {x.shape}; expected 2 or 3 dims")


def array_to_img(x, data_format=None, scale=True, dtype=None):
    """A 3-D array (one image, "channels_last" by default) as a PIL image.

    Args:
        scale: rescale the values to 0..255 (min to 0, max to 255) first.
        dtype: dtype the array is read as (default ``ceras.config.floatx()``).

    One channel gives an 8-bit grayscale image ("L"), or a 32-bit one ("I") when
    values exceed 255; three give "RGB", four "RGBA".
    """
    _require_pillow("array_to_img")
    data_format = _standardize_data_format(data_format)
    x = np.array(backend.convert_to_numpy(x) if backend.is_tensor(x) else x,
                 dtype=dtype or backend.floatx())
    if x.ndim != 3:
        raise ValueError(
            "array_to_img expects an array of rank 3 (a single image); received an array "
            f"of shape {x.shape}")
    if data_format == "channels_first":
        x = x.transpose(1, 2, 0)
    if scale:
        x = x - np.min(x)
        peak = np.max(x)
        if peak != 0:
            x = x / peak
        x = x * 255
    channels = x.shape[2]
    if channels == 4:
        return pil_image.fromarray(x.astype("uint8"), "RGBA")
    if channels == 3:
        return pil_image.fromarray(x.astype("uint8"), "RGB")
    if channels == 1:
        if np.max(x) > 255:  # 32-bit signed integer grayscale
            return pil_image.fromarray(x[:, :, 0].astype("int32"), "I")
        return pil_image.fromarray(x[:, :, 0].astype("uint8"), "L")
    raise ValueError(f"array_to_img: unsupported number of channels {channels}; expected "
                     "1, 3 or 4")


def save_img(path, x, data_format=None, file_format=None, scale=True, **kwargs):
    """Save a 3-D array as an image file.

    Args:
        path: path or file object.
        file_format: the format ("png", "jpeg" ...); None to infer it from the
            extension. An RGBA image saved as JPEG loses its alpha channel (with a
            warning).
        scale: rescale the values to 0..255 first (see ``array_to_img``).
        **kwargs: passed to ``PIL.Image.save`` (``quality`` ...).
    """
    data_format = _standardize_data_format(data_format)
    img = array_to_img(x, data_format=data_format, scale=scale)
    if file_format is not None and file_format.lower() == "jpg":
        file_format = "jpeg"
    extension = os.path.splitext(str(path))[1][1:] if isinstance(path, (str, os.PathLike)) \
        else ""
    if img.mode == "RGBA" and (file_format or extension).lower() in ("jpg", "jpeg"):
        warnings.warn("The JPEG format does not support RGBA images: the image is saved "
                      "as RGB, without its alpha channel.", stacklevel=2)
        img = img.convert("RGB")
    img.save(os.fspath(path) if isinstance(path, os.PathLike) else path, format=file_format,
             **kwargs)
