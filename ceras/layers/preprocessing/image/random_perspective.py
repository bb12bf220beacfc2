"""RandomPerspective: warp images with a random perspective transform."""
from ceras import ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer, batch_size, batched,
)
from ceras.layers.preprocessing.image.color import per_image


class RandomPerspective(BaseImagePreprocessingLayer):
    """Moves the four corners of each image by random offsets (up to
    ``scale / 2`` of their coordinates) and warps the image accordingly, with
    a probability drawn per image from the factor range, while training.

    Args:
        factor: a number f draws the probability from [0, f]; a pair (lo, hi)
            from [lo, hi]. Default 1.0.
        scale: strength of the warp, in [0, 1] (default 1.0).
        interpolation: "bilinear" (default) or "nearest".
        fill_value: value of points outside the image (default 0).
        seed: int seed.
        data_format: "channels_last" (default) or "channels_first".
    """
    _FACTOR_BOUNDS = (0, 1)

    def __init__(self, factor=1.0, scale=1.0, interpolation="bilinear", fill_value=0.0,
                 seed=None, data_format=None, **kwargs):
        super().__init__(factor=factor, data_format=data_format, **kwargs)
        if isinstance(scale, bool) or not isinstance(scale, (int, float)) or \
                not 0 <= scale <= 1:
            raise ValueError(
                f'Layer "{self.name}" expects `scale` to be a number in [0, 1], received '
                f"scale={scale!r}")
        self.scale = scale
        self.interpolation = self._check_choice("interpolation", interpolation,
                                                ("nearest", "bilinear"))
        self.fill_value = fill_value
        self._make_seed_generator(seed)

    def get_random_transformation(self, data, training=True, seed=None):
        if not training:
            return None
        images = data["images"] if isinstance(data, dict) else data
        n = batch_size(images)
        height, width = self._image_size(images)
        probability = self._uniform((n,), *self.factor, seed=seed)
        apply = self._uniform((n,), seed=seed) < probability
        offsets = self._uniform((n, 4, 2), -0.5 * self.scale, 0.5 * self.scale, seed=seed)
        corners = ops.convert_to_tensor([[[0.0, 0.0], [width - 1.0, 0.0],
                                          [0.0, height - 1.0], [width - 1.0, height - 1.0]]])
        start = ops.repeat(corners, n, axis=0)
        return {"apply_perspective": apply, "start_points": start,
                "end_points": start + start * offsets}

    def transform_images(self, images, transformation=None, training=True):
        if not training or transformation is None:
            return images
        x, unbatched = batched(images)
        warped = ops.image.perspective_transform(
            x, transformation["start_points"], transformation["end_points"],
            interpolation=self.interpolation, fill_value=self.fill_value,
            data_format=self.data_format)
        out = ops.where(per_image(transformation["apply_perspective"], x), warped, x)
        return out[0] if unbatched else out

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor, "scale": self.scale,
                       "interpolation": self.interpolation, "fill_value": self.fill_value,
                       "seed": self.seed})
        return config
