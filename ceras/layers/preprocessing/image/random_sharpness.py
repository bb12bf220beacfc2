"""RandomSharpness: sharpen or blur images by a random amount."""
import numpy as np

from ceras import ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer, batch_size,
)
from ceras.layers.preprocessing.image.color import per_image

# PIL's smoothing filter, which ImageEnhance.Sharpness blends against.
_SMOOTH = np.array([[1, 1, 1], [1, 5, 1], [1, 1, 1]], dtype="float32") / 13.0


class RandomSharpness(BaseImagePreprocessingLayer):
    """Blends each image with a smoothed copy while training:
    ``smooth + 2 f * (image - smooth)``, f drawn per image, so f = 0.5 keeps
    the image, smaller f blurs and larger f sharpens; clipped to the value
    range.

    Args:
        factor: a number f draws from [0, f]; a pair (lo, hi) from [lo, hi].
        value_range: the (min, max) of the images (default (0, 255)).
        data_format: "channels_last" (default) or "channels_first".
        seed: int seed.
    """
    _FACTOR_BOUNDS = (0, 1)

    def __init__(self, factor, value_range=(0, 255), data_format=None, seed=None, **kwargs):
        super().__init__(factor=factor, data_format=data_format, **kwargs)
        self.value_range = self._parse_value_range(value_range, sort=True)
        self._make_seed_generator(seed)

    def get_random_transformation(self, data, training=True, seed=None):
        if not training:
            return None
        images = data["images"] if isinstance(data, dict) else data
        return {"factor": self._uniform((batch_size(images),), *self.factor, seed=seed)}

    def transform_images(self, images, transformation=None, training=True):
        if not training or transformation is None:
            return images
        unbatched = len(images.shape) == 3
        x = ops.expand_dims(images, 0) if unbatched else images
        if self.data_format == "channels_first":
            x = ops.transpose(x, (0, 2, 3, 1))
        channels = x.shape[-1]
        kernel = np.tile(_SMOOTH[:, :, None, None], (1, 1, channels, 1))
        smooth = ops.depthwise_conv(x, ops.convert_to_tensor(kernel, x.dtype), strides=1,
                                    padding="same", data_format="channels_last")
        if self.data_format == "channels_first":
            smooth = ops.transpose(smooth, (0, 3, 1, 2))
        if unbatched:
            smooth = smooth[0]
        factor = per_image(transformation["factor"] * 2.0, images)
        out = smooth + factor * (images - smooth)
        return ops.clip(out, self.value_range[0], self.value_range[1])

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor, "value_range": self.value_range,
                       "seed": self.seed})
        return config
