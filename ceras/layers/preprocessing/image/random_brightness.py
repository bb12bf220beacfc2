"""RandomBrightness: add a random offset to images."""
from ceras import ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer, batch_size,
)
from ceras.layers.preprocessing.image.color import per_image


class RandomBrightness(BaseImagePreprocessingLayer):
    """Adds ``delta * (max - min)`` of the value range to each image while
    training, ``delta`` drawn per image, then clips to the value range.

    Args:
        factor: a number f draws delta in [-f, f]; a pair (lo, hi) in [lo, hi].
            Values are fractions of the value range, in [-1, 1].
        value_range: the (min, max) of the images (default (0, 255)).
        seed: int seed.
    """
    _CAST_IN_TRAINING = False

    def __init__(self, factor, value_range=(0, 255), seed=None, **kwargs):
        super().__init__(factor=factor, **kwargs)
        self.value_range = self._parse_value_range(value_range, sort=True)
        self._make_seed_generator(seed)

    def get_random_transformation(self, data, training=True, seed=None):
        if not training:
            return None
        images = data["images"] if isinstance(data, dict) else data
        return {"rgb_delta": self._uniform((batch_size(images),), *self.factor, seed=seed)
                * (self.value_range[1] - self.value_range[0])}

    def transform_images(self, images, transformation=None, training=True):
        if not training or transformation is None:
            return images
        dtype = images.dtype
        out = ops.cast(images, self.compute_dtype) + per_image(transformation["rgb_delta"],
                                                               images)
        out = ops.clip(out, self.value_range[0], self.value_range[1])
        return ops.cast(out, dtype)

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor, "value_range": self.value_range,
                       "seed": self.seed})
        return config
