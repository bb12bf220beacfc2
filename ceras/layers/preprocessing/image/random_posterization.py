"""RandomPosterization: keep only the top bits of each colour value."""
from ceras import backend, ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer, batch_size,
)
from ceras.layers.preprocessing.image.color import from_unit, per_image, to_unit


class RandomPosterization(BaseImagePreprocessingLayer):
    """Reduces each image to ``bits`` bits per channel while training (values
    are mapped to [0, 255], truncated to integers, and their low ``8 - bits``
    bits cleared), ``bits`` drawn per image.

    Args:
        factor: bits to keep, in [1, 8]: a number b draws from [1, b); a pair
            (lo, hi) from [lo, hi) (exactly lo when lo == hi).
        value_range: the (min, max) of the images (default (0, 255)).
        data_format: "channels_last" (default) or "channels_first".
        seed: int seed.
    """
    _FACTOR_BOUNDS = (1, 8)

    def __init__(self, factor, value_range=(0, 255), data_format=None, seed=None, **kwargs):
        super().__init__(factor=factor, data_format=data_format, **kwargs)
        self.value_range = self._parse_value_range(value_range, sort=True)
        self._make_seed_generator(seed)

    def get_random_transformation(self, data, training=True, seed=None):
        if not training:
            return None
        images = data["images"] if isinstance(data, dict) else data
        n = batch_size(images)
        lo, hi = self.factor
        if lo != hi:
            bits = backend.random.randint((n,), int(lo), int(hi),
                                          seed=seed if seed is not None else self.generator)
        else:
            bits = ops.full((n,), int(lo), dtype="int32")
        return {"shift_factor": 8 - ops.cast(bits, "int32")}

    def transform_images(self, images, transformation=None, training=True):
        if not training or transformation is None:
            return images
        scaled = from_unit(to_unit(images, self.value_range), (0, 255))
        values = ops.cast(ops.cast(scaled, "int32"), "int32")
        shift = ops.cast(per_image(transformation["shift_factor"], images), "int32")
        values = ops.left_shift(ops.right_shift(values, shift), shift)
        out = ops.cast(values, self.compute_dtype)
        return from_unit(to_unit(out, (0, 255)), self.value_range)

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor, "value_range": self.value_range,
                       "seed": self.seed})
        return config
