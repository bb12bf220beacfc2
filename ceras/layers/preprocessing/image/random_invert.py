"""RandomInvert: invert images at random."""
from ceras import ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer, batch_size,
)
from ceras.layers.preprocessing.image.color import per_image


class RandomInvert(BaseImagePreprocessingLayer):
    """Inverts each image (``value_range[1] - x``) while training, with a
    probability drawn per image from the factor range.

    Args:
        factor: a number f draws the probability from [0, f]; a pair (lo, hi)
            from [lo, hi]. Default 1.0.
        value_range: the (min, max) of the images (default (0, 255)).
        seed: int seed.
        data_format: "channels_last" (default) or "channels_first".
    """
    _FACTOR_BOUNDS = (0, 1)

    def __init__(self, factor=1.0, value_range=(0, 255), seed=None, data_format=None,
                 **kwargs):
        super().__init__(factor=factor, data_format=data_format, **kwargs)
        self.value_range = self._parse_value_range(value_range)
        self._make_seed_generator(seed)

    def get_random_transformation(self, data, training=True, seed=None):
        if not training:
            return None
        images = data["images"] if isinstance(data, dict) else data
        n = batch_size(images)
        probability = self._uniform((n,), *self.factor, seed=seed)
        return {"apply_inversion": self._uniform((n,), seed=seed) < probability}

    def transform_images(self, images, transformation=None, training=True):
        if not training or transformation is None:
            return images
        return ops.where(per_image(transformation["apply_inversion"], images),
                         self.value_range[1] - images, images)

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor, "value_range": self.value_range,
                       "seed": self.seed})
        return config
