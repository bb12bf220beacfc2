"""RandomHue: rotate the hue of images by a random amount."""
from ceras import ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer, batch_size,
)
from ceras.layers.preprocessing.image.color import from_unit, to_unit


class RandomHue(BaseImagePreprocessingLayer):
    """Shifts the hue of RGB images while training by ``+-f / 2`` of a full
    turn, f drawn per image from the factor range and the sign at random.

    Args:
        factor: a number f draws from [0, f]; a pair (lo, hi) from [lo, hi].
            1 reaches the opposite hue.
        value_range: the (min, max) of the images (default (0, 255)).
        data_format: "channels_last" (default) or "channels_first".
        seed: int seed.
    """
    _FACTOR_BOUNDS = (0, 1)

    def __init__(self, factor, value_range=(0, 255), data_format=None, seed=None, **kwargs):
        super().__init__(factor=factor, data_format=data_format, **kwargs)
        self.value_range = self._parse_value_range(value_range)
        self._make_seed_generator(seed)

    def get_random_transformation(self, data, training=True, seed=None):
        if not training:
            return None
        images = data["images"] if isinstance(data, dict) else data
        n = batch_size(images)
        sign = ops.where(self._uniform((n,), seed=seed) < 0.5, -1.0, 1.0)
        return {"factor": sign * self._uniform((n,), *self.factor, seed=seed) * 0.5}

    def transform_images(self, images, transformation=None, training=True):
        if not training or transformation is None:
            return images
        hsv = ops.image.rgb_to_hsv(to_unit(images, self.value_range),
                                   data_format=self.data_format)
        axis = len(images.shape) - 1 if self.data_format == "channels_last" \
            else len(images.shape) - 3
        h, s, v = ops.unstack(hsv, 3, axis=axis)
        shift = transformation["factor"]
        h = h + (ops.reshape(shift, (-1, 1, 1)) if len(images.shape) == 4
                 else ops.reshape(shift, ()))
        h = h - ops.floor(h)
        rgb = ops.image.hsv_to_rgb(ops.stack([h, s, v], axis=axis),
                                   data_format=self.data_format)
        return from_unit(ops.clip(rgb, 0.0, 1.0), self.value_range)

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor, "value_range": self.value_range,
                       "seed": self.seed})
        return config
