"""RandomErasing: overwrite a random rectangle of each image."""
from ceras import backend, ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer, batch_size, batched,
)
from ceras.layers.preprocessing.image.color import per_image


class RandomErasing(BaseImagePreprocessingLayer):
    """Erases a random rectangle of each image while training (with a
    probability drawn per image from the factor range). The rectangle's width
    and height are ``sqrt(u)`` of the image's, u drawn from `scale`; it is
    filled with `fill_value`, or with Gaussian noise clipped to the value
    range when `fill_value` is None.

    Args:
        factor: a number f draws the probability from [0, f]; a pair (lo, hi)
            from [lo, hi]. Default 1.0.
        scale: (lo, hi) range of the erased fraction per side, squared
            (default (0.02, 0.33)).
        fill_value: the fill, or None for noise.
        value_range: the (min, max) of the images (default (0, 255)).
        seed: int seed.
        data_format: "channels_last" (default) or "channels_first".
    """
    _FACTOR_BOUNDS = (0, 1)

    def __init__(self, factor=1.0, scale=(0.02, 0.33), fill_value=None, value_range=(0, 255),
                 seed=None, data_format=None, **kwargs):
        super().__init__(factor=factor, data_format=data_format, **kwargs)
        self.scale = self._parse_factor(scale, "scale", (0, 1), check_pairs=True)
        self.fill_value = fill_value
        self.value_range = self._parse_value_range(value_range)
        self._make_seed_generator(seed)

    def get_random_transformation(self, data, training=True, seed=None):
        if not training:
            return None
        images = data["images"] if isinstance(data, dict) else data
        n = batch_size(images)
        height, width = self._image_size(images)
        sides = ops.sqrt(self._uniform((n, 2), *self.scale, seed=seed))
        boxes = []
        for size, fraction in ((width, sides[:, 0]), (height, sides[:, 1])):
            length = fraction * size
            start = self._uniform((n,), seed=seed) * (size - length)
            boxes.append((start, start + length))
        probability = self._uniform((n,), *self.factor, seed=seed)
        apply = self._uniform((n,), seed=seed) < probability
        if self.fill_value is None:
            x, _ = batched(images)
            lo, hi = min(self.value_range), max(self.value_range)
            noise = backend.random.normal(tuple(x.shape), seed=seed if seed is not None
                                          else self.generator)
            fill = ops.clip(noise * (hi - lo) / 4 + (hi + lo) / 2, lo, hi)
        else:
            fill = self.fill_value
        return {"apply_erasing": apply, "boxes": boxes, "fill_value": fill}

    def transform_images(self, images, transformation=None, training=True):
        if not training or transformation is None:
            return images
        x, unbatched = batched(images)
        h_axis, w_axis, _ = self._image_axes(x)
        rows = ops.arange(x.shape[h_axis], dtype="float32")
        cols = ops.arange(x.shape[w_axis], dtype="float32")
        (x0, x1), (y0, y1) = transformation["boxes"]
        inside_x = (cols[None] >= x0[:, None]) & (cols[None] < x1[:, None])
        inside_y = (rows[None] >= y0[:, None]) & (rows[None] < y1[:, None])
        mask = inside_y[:, :, None] & inside_x[:, None, :]
        mask = mask[..., None] if self.data_format == "channels_last" else mask[:, None]
        erased = ops.where(mask, ops.cast(transformation["fill_value"], x.dtype), x)
        out = ops.where(per_image(transformation["apply_erasing"], x), erased, x)
        return out[0] if unbatched else out

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor, "scale": self.scale,
                       "fill_value": self.fill_value, "value_range": self.value_range,
                       "seed": self.seed})
        return config
