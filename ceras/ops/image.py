"""Image ops (keras.ops.image).

Each name is bound once, at import, to the active backend's function of the same
name; called on symbolic tensors it infers shapes and records a graph node.
"""
from ceras import backend
from ceras.ops.symbolic import bind_all

NAMES = (
    "affine_transform", "crop_images", "elastic_transform", "extract_patches",
    "extract_patches_3d", "gaussian_blur", "hsv_to_rgb", "map_coordinates", "pad_images",
    "perspective_transform", "resize", "rgb_to_grayscale", "rgb_to_hsv", "scale_and_translate",
    "sobel_edges", "ssim",
)

bind_all(globals(), backend.image, NAMES)
__all__ = list(NAMES)
