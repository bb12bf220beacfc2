"""Shared pieces of the affine augmentation layers (rotation, translation,
zoom, shear): argument checks and resampling with a per-image transform.

A transform is Keras's 8-vector ``[a0, a1, a2, b0, b1, b2, c0, c1]`` mapping
*output* pixel (x, y) to the *input* point it samples (see
``ops.image.affine_transform``).
"""
from ceras import ops

FILL_MODES = ("reflect", "wrap", "constant", "nearest")
INTERPOLATIONS = ("nearest", "bilinear")


def check_resampling_args(layer, fill_mode, interpolation):
    layer._check_choice("fill_mode", fill_mode, FILL_MODES)
    layer._check_choice("interpolation", interpolation, INTERPOLATIONS)


def apply_transform(layer, images, transform):
    """Resample ``images`` (rank 3 or 4) with one transform per image."""
    unbatched = len(images.shape) == 3
    if unbatched:
        images = ops.expand_dims(images, 0)
    out = ops.image.affine_transform(
        images, transform, interpolation=layer.interpolation, fill_mode=layer.fill_mode,
        fill_value=layer.fill_value, data_format=layer.data_format)
    return out[0] if unbatched else out


def stack_transform(a0, a1, a2, b0, b1, b2, c0=None, c1=None):
    """(batch, 8) transform from per-image columns (tensors of shape (batch,))."""
    zeros = ops.zeros_like(a0)
    columns = [a0, a1, a2, b0, b1, b2, zeros if c0 is None else c0,
               zeros if c1 is None else c1]
    return ops.stack([ops.cast(c, "float32") * ops.ones_like(a0) for c in columns], axis=1)
