"""RandomTranslation: shift images by a random offset."""
from ceras.layers.preprocessing.image import affine
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer, batch_size,
)


class RandomTranslation(BaseImagePreprocessingLayer):
    """Shifts each image by a random fraction of its size while training.

    Args:
        height_factor: a number f shifts vertically by a fraction in [-f, f]
            of the height; a pair (lo, hi) by one in [lo, hi]. Positive moves
            the content down.
        width_factor: the same for horizontal shifts (positive moves right).
        fill_mode: "reflect" (default), "wrap", "constant" or "nearest".
        interpolation: "bilinear" (default) or "nearest".
        seed: int seed.
        fill_value: the fill with fill_mode="constant" (default 0).
        data_format: "channels_last" (default) or "channels_first".
    """
    _USE_BASE_FACTOR = False
    _CAST_AT_INFERENCE = True

    def __init__(self, height_factor, width_factor, fill_mode="reflect",
                 interpolation="bilinear", seed=None, fill_value=0.0, data_format=None,
                 **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        self.height_factor = height_factor
        self.width_factor = width_factor
        self._height_range = self._parse_factor(height_factor, "height_factor", (-1.0, 1.0))
        self._width_range = self._parse_factor(width_factor, "width_factor", (-1.0, 1.0))
        affine.check_resampling_args(self, fill_mode, interpolation)
        self.fill_mode = fill_mode
        self.interpolation = interpolation
        self.fill_value = fill_value
        self._make_seed_generator(seed)

    def get_random_transformation(self, data, training=True, seed=None):
        if not training:
            return None
        images = data["images"] if isinstance(data, dict) else data
        n = batch_size(images)
        height, width = self._image_size(images)
        dy = self._uniform((n,), *self._height_range, seed=seed) * height
        dx = self._uniform((n,), *self._width_range, seed=seed) * width
        one, zero = dx * 0 + 1, dx * 0
        return {"translation_matrix": affine.stack_transform(one, zero, -dx, zero, one, -dy)}

    def transform_images(self, images, transformation=None, training=True):
        if not training or transformation is None:
            return images
        return affine.apply_transform(self, images, transformation["translation_matrix"])

    def transform_segmentation_masks(self, segmentation_masks, transformation=None,
                                     training=True):
        return self.transform_images(segmentation_masks, transformation, training)

    def get_config(self):
        config = super().get_config()
        config.update({"height_factor": self.height_factor, "width_factor": self.width_factor,
                       "fill_mode": self.fill_mode, "interpolation": self.interpolation,
                       "seed": self.seed, "fill_value": self.fill_value})
        return config
