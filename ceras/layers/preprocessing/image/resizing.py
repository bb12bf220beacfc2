"""Resizing: resize images to a fixed size."""
from ceras import ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer,
)

INTERPOLATIONS = ("bilinear", "nearest", "bicubic", "area", "lanczos3", "lanczos5")


def check_size(layer, height, width):
    for arg, value in (("height", height), ("width", width)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ValueError(
                f'Layer "{layer.name}" expects `{arg}` to be a positive integer, received '
                f"{arg}={value!r}")


class Resizing(BaseImagePreprocessingLayer):
    """Resizes images to ``(height, width)``, in training and inference alike.

    Args:
        height, width: the output size.
        interpolation: "bilinear" (default), "nearest", "bicubic", "area",
            "lanczos3" or "lanczos5".
        crop_to_aspect_ratio: crop the largest centered window with the target
            aspect ratio first, so the image is not distorted.
        pad_to_aspect_ratio: pad (with `fill_value`) to the target aspect
            ratio first, instead.
        fill_mode: "constant" (the only mode, for padding).
        fill_value: the padding value (default 0).
        antialias: low-pass filter when downsampling (default False).
        data_format: "channels_last" (default) or "channels_first".
    """
    _USE_BASE_FACTOR = False
    _CAST_IN_TRAINING = False

    def __init__(self, height, width, interpolation="bilinear", crop_to_aspect_ratio=False,
                 pad_to_aspect_ratio=False, fill_mode="constant", fill_value=0.0,
                 antialias=False, data_format=None, **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        check_size(self, height, width)
        self._check_choice("interpolation", interpolation, INTERPOLATIONS)
        self._check_choice("fill_mode", fill_mode, ("constant",))
        if crop_to_aspect_ratio and pad_to_aspect_ratio:
            raise ValueError(
                f'Layer "{self.name}" accepts only one of crop_to_aspect_ratio and '
                "pad_to_aspect_ratio, received both True")
        self.height = height
        self.width = width
        self.interpolation = interpolation
        self.crop_to_aspect_ratio = crop_to_aspect_ratio
        self.pad_to_aspect_ratio = pad_to_aspect_ratio
        self.fill_mode = fill_mode
        self.fill_value = fill_value
        self.antialias = antialias

    def transform_images(self, images, transformation=None, training=True):
        if self._image_size(images) == (self.height, self.width) and \
                not (self.crop_to_aspect_ratio or self.pad_to_aspect_ratio):
            return images
        return ops.image.resize(
            images, (self.height, self.width), interpolation=self.interpolation,
            antialias=self.antialias, crop_to_aspect_ratio=self.crop_to_aspect_ratio,
            pad_to_aspect_ratio=self.pad_to_aspect_ratio, fill_mode=self.fill_mode,
            fill_value=self.fill_value, data_format=self.data_format)

    def transform_segmentation_masks(self, segmentation_masks, transformation=None,
                                     training=True):
        return self.transform_images(segmentation_masks, transformation, training)

    def call(self, data, training=True):
        # Resizing is not random: it applies in inference too.
        return super().call(data, training=True)

    def _output_image_shape(self, input_shape):
        shape = list(input_shape)
        h, w = (-3, -2) if self.data_format == "channels_last" else (-2, -1)
        shape[h], shape[w] = self.height, self.width
        return tuple(shape)

    def get_config(self):
        config = super().get_config()
        config.update({"height": self.height, "width": self.width,
                       "interpolation": self.interpolation,
                       "crop_to_aspect_ratio": self.crop_to_aspect_ratio,
                       "pad_to_aspect_ratio": self.pad_to_aspect_ratio,
                       "fill_mode": self.fill_mode, "fill_value": self.fill_value,
                       "antialias": self.antialias})
        return config
