"""RandomContrast: scale each image's deviation from its mean."""
from ceras import ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer, batch_size,
)
from ceras.layers.preprocessing.image.color import per_image, spatial_axes


class RandomContrast(BaseImagePreprocessingLayer):
    """Scales each image's deviation from its per-channel mean by a random
    contrast factor while training: ``(x - mean) * c + mean``, clipped to the
    value range.

    Args:
        factor: a number f draws c in [1 - f, 1 + f]; a pair (lo, hi) in
            [1 - lo, 1 + hi].
        value_range: the (min, max) of the images (default (0, 255)).
        seed: int seed.
    """
    _FACTOR_BOUNDS = (0, 1)

    def __init__(self, factor, value_range=(0, 255), seed=None, **kwargs):
        super().__init__(factor=factor, **kwargs)
        self.value_range = self._parse_value_range(value_range)
        self._make_seed_generator(seed)

    def get_random_transformation(self, data, training=True, seed=None):
        if not training:
            return None
        images = data["images"] if isinstance(data, dict) else data
        return {"contrast_factor": self._uniform(
            (batch_size(images),), 1.0 - self.factor[0], 1.0 + self.factor[1], seed=seed)}

    def transform_images(self, images, transformation=None, training=True):
        if not training or transformation is None:
            return images
        mean = ops.mean(images, axis=spatial_axes(self, images), keepdims=True)
        out = (images - mean) * per_image(transformation["contrast_factor"], images) + mean
        return ops.clip(out, min(self.value_range), max(self.value_range))

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor, "value_range": self.value_range,
                       "seed": self.seed})
        return config
