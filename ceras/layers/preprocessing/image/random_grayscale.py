"""RandomGrayscale: turn images to grayscale at random."""
from ceras import ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer, batch_size,
)
from ceras.layers.preprocessing.image.color import grayscale, per_image


class RandomGrayscale(BaseImagePreprocessingLayer):
    """Converts each RGB image to grayscale (kept as 3 equal channels) with
    probability `factor` while training.

    Args:
        factor: probability in [0, 1] (default 0.5).
        data_format: "channels_last" (default) or "channels_first".
        seed: int seed.
    """
    _USE_BASE_FACTOR = False
    _CAST_IN_TRAINING = False

    def __init__(self, factor=0.5, data_format=None, seed=None, **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        if isinstance(factor, bool) or not isinstance(factor, (int, float)) or \
                not 0 <= factor <= 1:
            raise ValueError(
                f'Layer "{self.name}" expects `factor` to be a number in [0, 1], received '
                f"factor={factor!r}")
        self.factor = factor
        self._make_seed_generator(seed)

    def get_random_transformation(self, data, training=True, seed=None):
        if not training:
            return None
        images = data["images"] if isinstance(data, dict) else data
        return {"apply": self._uniform((batch_size(images),), seed=seed) < self.factor}

    def transform_images(self, images, transformation=None, training=True):
        if not training or transformation is None:
            return images
        return ops.where(per_image(transformation["apply"], images),
                         grayscale(self, images), images)

    def get_config(self):
        config = super().get_config()
        config["factor"] = self.factor
        return config
