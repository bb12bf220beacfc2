"""CenterCrop: crop the central part of images."""
from ceras import ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer,
)
from ceras.layers.preprocessing.image.resizing import check_size


def crop(layer, images, top, left, height, width):
    if layer.data_format == "channels_last":
        return images[..., top:top + height, left:left + width, :]
    return images[..., top:top + height, left:left + width]


class CenterCrop(BaseImagePreprocessingLayer):
    """Crops the central ``(height, width)`` window of images, in training and
    inference alike. An image smaller than the target is first resized
    (keeping its aspect ratio, then cropping), so the output always has the
    target size.

    Args:
        height, width: the output size.
        data_format: "channels_last" (default) or "channels_first".
    """
    _USE_BASE_FACTOR = False
    _CAST_AT_INFERENCE = True

    def __init__(self, height, width, data_format=None, **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        check_size(self, height, width)
        self.height = height
        self.width = width

    def transform_images(self, images, transformation=None, training=True):
        images = ops.cast(images, self.compute_dtype)
        in_h, in_w = self._image_size(images)
        if in_h < self.height or in_w < self.width:
            return ops.image.resize(images, (self.height, self.width),
                                    crop_to_aspect_ratio=True, data_format=self.data_format)
        top, left = (in_h - self.height) // 2, (in_w - self.width) // 2
        return crop(self, images, top, left, self.height, self.width)

    def transform_segmentation_masks(self, segmentation_masks, transformation=None,
                                     training=True):
        return self.transform_images(segmentation_masks, transformation, training)

    def call(self, data, training=True):
        return super().call(data, training=True)

    def _output_image_shape(self, input_shape):
        shape = list(input_shape)
        h, w = (-3, -2) if self.data_format == "channels_last" else (-2, -1)
        shape[h], shape[w] = self.height, self.width
        return tuple(shape)

    def get_config(self):
        config = super().get_config()
        config.update({"height": self.height, "width": self.width})
        return config
