"""Solarization: invert the pixels above a threshold."""
from ceras import ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer, batch_size,
)
from ceras.layers.preprocessing.image.color import from_unit, per_image, to_unit


class Solarization(BaseImagePreprocessingLayer):
    """Solarizes images while training: on the [0, 255] scale, add an offset,
    clip, then invert (``255 - x``) every value at or above a threshold.

    Args:
        addition_factor: offset range. As in Keras, a pair (lo, hi) draws the
            offset from [lo, hi * 255] (a number f means (0, f)).
        threshold_factor: threshold range, drawn the same way. The defaults
            (0, 0) invert every pixel.
        value_range: the (min, max) of the images (default (0, 255)).
        seed: int seed.
    """
    _USE_BASE_FACTOR = False
    _CAST_AT_INFERENCE = True

    def __init__(self, addition_factor=0.0, threshold_factor=0.0, value_range=(0, 255),
                 seed=None, **kwargs):
        super().__init__(**kwargs)
        self.addition_factor = self._parse_factor(addition_factor, "addition_factor", (0, 1))
        self.threshold_factor = self._parse_factor(threshold_factor, "threshold_factor",
                                                   (0, 1))
        self.value_range = self._parse_value_range(value_range, sort=True)
        self._make_seed_generator(seed)

    def get_random_transformation(self, data, training=True, seed=None):
        if not training:
            return None
        images = data["images"] if isinstance(data, dict) else data
        n = batch_size(images)
        add, thr = self.addition_factor, self.threshold_factor
        return {"additions": self._uniform((n,), add[0], add[1] * 255, seed=seed),
                "thresholds": self._uniform((n,), thr[0], thr[1] * 255, seed=seed)}

    def transform_images(self, images, transformation=None, training=True):
        if not training or transformation is None:
            return images
        x = from_unit(to_unit(images, self.value_range), (0, 255))
        x = ops.clip(x + per_image(transformation["additions"], images), 0, 255)
        x = ops.where(x < per_image(transformation["thresholds"], images), x, 255 - x)
        return from_unit(to_unit(x, (0, 255)), self.value_range)

    def get_config(self):
        config = super().get_config()
        config.update({"value_range": self.value_range,
                       "addition_factor": self.addition_factor,
                       "threshold_factor": self.threshold_factor, "seed": self.seed})
        return config
