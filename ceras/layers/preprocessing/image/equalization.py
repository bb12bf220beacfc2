"""Equalization: histogram-equalize each channel."""
from ceras import ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer,
)
from ceras.layers.preprocessing.image.color import channel_axis, from_unit, to_unit


class Equalization(BaseImagePreprocessingLayer):
    """Histogram equalization while training: each channel's values are mapped
    through the normalized cumulative histogram, which spreads them over the
    whole value range. As in Keras, a channel's histogram is taken over the
    whole batch, and channels with a single occupied bin are left unchanged.

    Args:
        value_range: the (min, max) of the images (default (0, 255)).
        bins: number of histogram bins (default 256).
        data_format: "channels_last" (default) or "channels_first".
    """
    _USE_BASE_FACTOR = False

    def __init__(self, value_range=(0, 255), bins=256, data_format=None, **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        self.value_range = self._parse_value_range(value_range, sort=True)
        if not isinstance(bins, int) or bins < 2:
            raise ValueError(
                f'Layer "{self.name}" expects `bins` to be an integer >= 2, received '
                f"bins={bins!r}")
        self.bins = bins

    def _equalize_channel(self, channel):
        channel = from_unit(to_unit(channel, self.value_range), (0, 255))
        index = ops.clip(ops.cast(channel * (self.bins - 1) / 255.0, "int32"), 0,
                         self.bins - 1)
        hist = ops.bincount(ops.reshape(index, (-1,)), minlength=self.bins)
        if int(ops.count_nonzero(hist)) <= 1:
            equalized = channel
        else:
            cdf = ops.cast(ops.cumsum(hist), "float32")
            cdf_min = cdf[int(ops.argmax(cdf > 0))]
            denominator = cdf[-1] - cdf_min
            denominator = ops.where(denominator == 0, 1.0, denominator)
            table = ops.clip(ops.round((cdf - cdf_min) * 255 / denominator), 0, 255)
            equalized = ops.take(table, index)
        return from_unit(to_unit(equalized, (0, 255)), self.value_range)

    def transform_images(self, images, transformation=None, training=True):
        if not training:
            return images
        axis = channel_axis(self, images)
        channels = [self._equalize_channel(c) for c in
                    ops.unstack(images, images.shape[axis], axis=axis)]
        return ops.cast(ops.stack(channels, axis=axis), self.compute_dtype)

    def get_config(self):
        config = super().get_config()
        config.update({"bins": self.bins, "value_range": self.value_range})
        return config
