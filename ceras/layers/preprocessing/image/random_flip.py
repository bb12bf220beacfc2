"""RandomFlip: flip images horizontally and/or vertically at random."""
from ceras import ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer, batch_size,
)

HORIZONTAL = "horizontal"
VERTICAL = "vertical"
HORIZONTAL_AND_VERTICAL = "horizontal_and_vertical"


class RandomFlip(BaseImagePreprocessingLayer):
    """Flips each image with probability 1/2 while training.

    Args:
        mode: "horizontal" (left-right), "vertical" (up-down) or
            "horizontal_and_vertical" (default; as in Keras, one draw decides
            both flips, so an image is either kept or rotated by 180 degrees).
        seed: int seed for reproducible flips.
        data_format: "channels_last" (default) or "channels_first".
    """
    _USE_BASE_FACTOR = False
    _CAST_AT_INFERENCE = True

    def __init__(self, mode=HORIZONTAL_AND_VERTICAL, seed=None, data_format=None, **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        self.mode = self._check_choice("mode", mode,
                                       (HORIZONTAL, VERTICAL, HORIZONTAL_AND_VERTICAL))
        self._make_seed_generator(seed)

    def get_random_transformation(self, data, training=True, seed=None):
        if not training:
            return None
        images = data["images"] if isinstance(data, dict) else data
        n = batch_size(images)
        return {"flips": self._uniform((n,), seed=seed) <= 0.5}

    def transform_images(self, images, transformation=None, training=True):
        if not training or transformation is None:
            return images
        h_axis, w_axis, _ = self._image_axes(images)
        flips = transformation["flips"]
        if len(images.shape) == 4:
            flips = ops.reshape(flips, (-1, 1, 1, 1))
        else:
            flips = ops.reshape(flips, ())
        if self.mode in (HORIZONTAL, HORIZONTAL_AND_VERTICAL):
            images = ops.where(flips, ops.flip(images, axis=w_axis), images)
        if self.mode in (VERTICAL, HORIZONTAL_AND_VERTICAL):
            images = ops.where(flips, ops.flip(images, axis=h_axis), images)
        return images

    def transform_segmentation_masks(self, segmentation_masks, transformation=None,
                                     training=True):
        return self.transform_images(segmentation_masks, transformation, training)

    def get_config(self):
        config = super().get_config()
        config.update({"seed": self.seed, "mode": self.mode})
        return config
