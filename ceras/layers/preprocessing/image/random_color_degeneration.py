"""RandomColorDegeneration: blend images toward their grayscale version."""
from ceras import ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer, batch_size,
)
from ceras.layers.preprocessing.image.color import grayscale, per_image


class RandomColorDegeneration(BaseImagePreprocessingLayer):
    """Blends each RGB image toward its grayscale version while training:
    ``image + f * (gray - image)``, f drawn per image (1 is fully gray, 0 the
    original, negative values exaggerate colour), clipped to the value range.

    Args:
        factor: a number f draws from [-f, f]; a pair (lo, hi) from [lo, hi].
        value_range: the (min, max) of the images (default (0, 255)).
        data_format: "channels_last" (default) or "channels_first".
        seed: int seed.
    """

    def __init__(self, factor, value_range=(0, 255), data_format=None, seed=None, **kwargs):
        super().__init__(factor=factor, data_format=data_format, **kwargs)
        self.value_range = self._parse_value_range(value_range, sort=True)
        self._make_seed_generator(seed)

    def get_random_transformation(self, data, training=True, seed=None):
        if not training:
            return None
        images = data["images"] if isinstance(data, dict) else data
        return {"factor": self._uniform((batch_size(images),), *self.factor, seed=seed)}

    def transform_images(self, images, transformation=None, training=True):
        if not training or transformation is None:
            return images
        gray = grayscale(self, images, keep_channels=False)
        out = images + per_image(transformation["factor"], images) * (gray - images)
        return ops.clip(out, self.value_range[0], self.value_range[1])

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor, "value_range": self.value_range,
                       "seed": self.seed})
        return config
