"""Colour helpers shared by the colour augmentation layers: value-range
scaling, channel-axis aware grayscale, per-image parameter broadcasting."""
from ceras import ops


def to_unit(images, value_range):
    """Map ``images`` from ``value_range`` to [0, 1]."""
    lo, hi = value_range
    return (images - lo) / (hi - lo)


def from_unit(images, value_range):
    lo, hi = value_range
    return images * (hi - lo) + lo


def per_image(values, images):
    """Reshape per-image values (batch,) to broadcast against ``images``."""
    if len(images.shape) == 4:
        return ops.reshape(values, (-1, 1, 1, 1))
    return ops.reshape(values, ())


def channel_axis(layer, images):
    return len(images.shape) - 1 if layer.data_format == "channels_last" \
        else len(images.shape) - 3


def grayscale(layer, images, keep_channels=True):
    """Luma of RGB ``images``; repeated to 3 channels when ``keep_channels``."""
    gray = ops.image.rgb_to_grayscale(images, data_format=layer.data_format)
    if keep_channels:
        gray = ops.repeat(gray, 3, axis=channel_axis(layer, images))
    return gray


def spatial_axes(layer, images):
    rank = len(images.shape)
    if layer.data_format == "channels_last":
        return (rank - 3, rank - 2)
    return (rank - 2, rank - 1)
