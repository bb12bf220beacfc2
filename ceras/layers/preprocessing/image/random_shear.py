"""RandomShear: shear images along x and/or y by a random amount."""
from ceras import ops
from ceras.layers.preprocessing.image import affine
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer, batch_size,
)


class RandomShear(BaseImagePreprocessingLayer):
    """Shears each image while training: output pixel (x, y) samples the input at
    ``(x + sx * y, y + sy * x)``, with shear intensities drawn per image.

    Args:
        x_factor: a number f draws |sx| in [0, f] (sign at random, so sx is in
            [-f, f]); a pair (lo, hi) in [0, 1] draws |sx| in [lo, hi].
        y_factor: the same for the vertical shear sy.
        interpolation: "bilinear" (default) or "nearest".
        fill_mode: "reflect" (default), "wrap", "constant" or "nearest".
        fill_value: the fill with fill_mode="constant" (default 0).
        data_format: "channels_last" (default) or "channels_first".
        seed: int seed.
    """
    _USE_BASE_FACTOR = False
    _CAST_AT_INFERENCE = True

    def __init__(self, x_factor=0.0, y_factor=0.0, interpolation="bilinear",
                 fill_mode="reflect", fill_value=0.0, data_format=None, seed=None, **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        self.x_factor = self._parse_shear(x_factor, "x_factor")
        self.y_factor = self._parse_shear(y_factor, "y_factor")
        affine.check_resampling_args(self, fill_mode, interpolation)
        self.fill_mode = fill_mode
        self.interpolation = interpolation
        self.fill_value = fill_value
        self._make_seed_generator(seed)

    def _parse_shear(self, factor, arg):
        # A pair with a negative end is a symmetric range from a config.
        if isinstance(factor, (tuple, list)) and len(factor) == 2 and all(
                isinstance(f, (int, float)) and -1 <= f <= 1 for f in factor) and (
                    min(factor) >= 0 or min(factor) == -max(factor)):
            return (min(factor), max(factor))
        if isinstance(factor, (int, float)) and not isinstance(factor, bool) and \
                0 <= factor <= 1:
            return (-factor, factor)
        raise ValueError(
            f'Layer "{self.name}" expects `{arg}` to be a number in [0, 1] or a pair of '
            f"numbers in [0, 1], received {arg}={factor!r}")

    def _draw(self, factor, n, seed):
        lo, hi = factor
        if lo < 0:  # a single number: symmetric range
            return self._uniform((n,), lo, hi, seed=seed)
        sign = ops.where(self._uniform((n,), seed=seed) < 0.5, -1.0, 1.0)
        return sign * self._uniform((n,), lo, hi, seed=seed)

    def get_random_transformation(self, data, training=True, seed=None):
        if not training:
            return None
        images = data["images"] if isinstance(data, dict) else data
        n = batch_size(images)
        sx = self._draw(self.x_factor, n, seed)
        sy = self._draw(self.y_factor, n, seed)
        one, zero = sx * 0 + 1, sx * 0
        return {"shear_matrix": affine.stack_transform(one, sx, zero, sy, one, zero)}

    def transform_images(self, images, transformation=None, training=True):
        if not training or transformation is None:
            return images
        return affine.apply_transform(self, images, transformation["shear_matrix"])

    def transform_segmentation_masks(self, segmentation_masks, transformation=None,
                                     training=True):
        return self.transform_images(segmentation_masks, transformation, training)

    def get_config(self):
        config = super().get_config()
        config.update({"x_factor": self.x_factor, "y_factor": self.y_factor,
                       "fill_mode": self.fill_mode, "interpolation": self.interpolation,
                       "seed": self.seed, "fill_value": self.fill_value})
        return config
