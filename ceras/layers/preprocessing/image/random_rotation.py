"""RandomRotation: rotate images by a random angle."""
import math

from ceras import ops
from ceras.layers.preprocessing.image import affine
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer, batch_size,
)


class RandomRotation(BaseImagePreprocessingLayer):
    """Rotates each image about its center by a random angle while training.

    Args:
        factor: fraction of a full turn: a number f draws angles in
            [-f * 2 pi, f * 2 pi]; a pair (lo, hi) in [lo * 2 pi, hi * 2 pi].
            Positive angles rotate counter-clockwise.
        fill_mode: how points outside the image are filled: "reflect"
            (default), "wrap", "constant" or "nearest".
        interpolation: "bilinear" (default) or "nearest".
        seed: int seed.
        fill_value: the fill with fill_mode="constant" (default 0).
        data_format: "channels_last" (default) or "channels_first".
    """
    _CAST_AT_INFERENCE = True

    def __init__(self, factor, fill_mode="reflect", interpolation="bilinear", seed=None,
                 fill_value=0.0, data_format=None, **kwargs):
        super().__init__(factor=factor, data_format=data_format, **kwargs)
        affine.check_resampling_args(self, fill_mode, interpolation)
        self.fill_mode = fill_mode
        self.interpolation = interpolation
        self.fill_value = fill_value
        self._make_seed_generator(seed)

    def get_random_transformation(self, data, training=True, seed=None):
        if not training:
            return None
        images = data["images"] if isinstance(data, dict) else data
        lo, hi = self.factor[0] * 2.0 * math.pi, self.factor[1] * 2.0 * math.pi
        angles = self._uniform((batch_size(images),), lo, hi, seed=seed)
        height, width = self._image_size(images)
        return {"rotation_matrix": rotation_transform(angles, height, width)}

    def transform_images(self, images, transformation=None, training=True):
        if not training or transformation is None:
            return images
        return affine.apply_transform(self, images, transformation["rotation_matrix"])

    def transform_segmentation_masks(self, segmentation_masks, transformation=None,
                                     training=True):
        return self.transform_images(segmentation_masks, transformation, training)

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor, "fill_mode": self.fill_mode,
                       "fill_value": self.fill_value, "interpolation": self.interpolation,
                       "seed": self.seed})
        return config


def rotation_transform(angles, height, width):
    """Transforms rotating about the image center by ``angles`` (radians)."""
    cos, sin = ops.cos(angles), ops.sin(angles)
    w, h = width - 1.0, height - 1.0
    x_offset = (w - (cos * w - sin * h)) / 2.0
    y_offset = (h - (sin * w + cos * h)) / 2.0
    return affine.stack_transform(cos, -sin, x_offset, sin, cos, y_offset)
