"""AutoContrast: stretch each image's values to the full value range."""
from ceras import ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer,
)
from ceras.layers.preprocessing.image.color import from_unit, to_unit


class AutoContrast(BaseImagePreprocessingLayer):
    """Rescales each image channel so its minimum maps to the bottom and its
    maximum to the top of the value range; a constant channel is left as is.
    Not random: it applies in training and inference.

    As in Keras, the minimum and maximum are taken over axes 1 and 2 of the
    input (height and width for batched channels-last images).

    Args:
        value_range: the (min, max) of the images (default (0, 255)).
    """
    _USE_BASE_FACTOR = False
    _CAST_AT_INFERENCE = True

    def __init__(self, value_range=(0, 255), **kwargs):
        super().__init__(**kwargs)
        self.value_range = self._parse_value_range(value_range, sort=True)

    def call(self, data, training=True):
        return super().call(data, training=True)

    def transform_images(self, images, transformation=None, training=True):
        original = images
        x = ops.cast(from_unit(to_unit(images, self.value_range), (0, 255)),
                     self.compute_dtype)
        low = ops.min(x, axis=(1, 2), keepdims=True)
        high = ops.max(x, axis=(1, 2), keepdims=True)
        scale = 255.0 / (high - low)
        out = ops.clip(x * scale - low * scale, 0.0, 255.0)
        out = from_unit(to_unit(out, (0, 255)), self.value_range)
        return ops.where(ops.isnan(out), ops.cast(original, out.dtype), out)

    def get_config(self):
        config = super().get_config()
        config["value_range"] = self.value_range
        return config
