"""RandomZoom: zoom images in or out by a random amount."""
from ceras.layers.preprocessing.image import affine
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer, batch_size,
)


class RandomZoom(BaseImagePreprocessingLayer):
    """Zooms each image about its center while training.

    Args:
        height_factor: a number f zooms vertically by a fraction in [-f, f]; a
            pair (lo, hi) by one in [lo, hi]. Positive values zoom out (the
            content shrinks), negative values zoom in. Must be > -1.
        width_factor: the same horizontally; None (default) keeps the aspect
            ratio by reusing the vertical zoom.
        fill_mode: "reflect" (default), "wrap", "constant" or "nearest".
        interpolation: "bilinear" (default) or "nearest".
        seed: int seed.
        fill_value: the fill with fill_mode="constant" (default 0).
        data_format: "channels_last" (default) or "channels_first".
    """
    _USE_BASE_FACTOR = False
    _CAST_AT_INFERENCE = True

    def __init__(self, height_factor, width_factor=None, fill_mode="reflect",
                 interpolation="bilinear", seed=None, fill_value=0.0, data_format=None,
                 **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        self.height_factor = height_factor
        self.width_factor = width_factor
        self._height_range = self._parse_zoom(height_factor, "height_factor")
        self._width_range = (None if width_factor is None
                             else self._parse_zoom(width_factor, "width_factor"))
        affine.check_resampling_args(self, fill_mode, interpolation)
        self.fill_mode = fill_mode
        self.interpolation = interpolation
        self.fill_value = fill_value
        self._make_seed_generator(seed)

    def _parse_zoom(self, factor, arg):
        lo, hi = self._parse_factor(factor, arg, (-1.0, 1.0), symmetric=True)
        if lo <= -1.0 or (isinstance(factor, (int, float)) and abs(factor) > 1):
            raise ValueError(
                f'Layer "{self.name}" expects `{arg}` in (-1, 1] (a zoom below -100% is not '
                f"possible), received {arg}={factor!r}")
        return lo, hi

    def get_random_transformation(self, data, training=True, seed=None):
        if not training:
            return None
        images = data["images"] if isinstance(data, dict) else data
        n = batch_size(images)
        zoom_h = 1.0 + self._uniform((n,), *self._height_range, seed=seed)
        zoom_w = (zoom_h if self._width_range is None
                  else 1.0 + self._uniform((n,), *self._width_range, seed=seed))
        height, width = self._image_size(images)
        zero = zoom_h * 0
        transform = affine.stack_transform(
            zoom_w, zero, (width - 1.0) / 2.0 * (1.0 - zoom_w),
            zero, zoom_h, (height - 1.0) / 2.0 * (1.0 - zoom_h))
        return {"zoom_matrix": transform}

    def transform_images(self, images, transformation=None, training=True):
        if not training or transformation is None:
            return images
        return affine.apply_transform(self, images, transformation["zoom_matrix"])

    def transform_segmentation_masks(self, segmentation_masks, transformation=None,
                                     training=True):
        return self.transform_images(segmentation_masks, transformation, training)

    def get_config(self):
        config = super().get_config()
        config.update({"height_factor": self.height_factor, "width_factor": self.width_factor,
                       "fill_mode": self.fill_mode, "interpolation": self.interpolation,
                       "seed": self.seed, "fill_value": self.fill_value})
        return config
