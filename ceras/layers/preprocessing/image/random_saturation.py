"""RandomSaturation: scale the saturation of images by a random amount."""
from ceras import backend, ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer, batch_size,
)
from ceras.layers.preprocessing.image.color import channel_axis


class RandomSaturation(BaseImagePreprocessingLayer):
    """Scales the HSV saturation of RGB images while training by
    ``f / (1 - f)``, f drawn per image: 0 gives grayscale, 0.5 the original,
    values near 1 maximal saturation. As in Keras, the scaled saturation is
    clipped to `value_range` (not to [0, 1]), so strong factors on [0, 255]
    images push colours outside the value range.

    Args:
        factor: a number f draws from [-f, f]; a pair (lo, hi) from [lo, hi].
            Negative draws give grayscale.
        value_range: the (min, max) of the images (default (0, 255)).
        data_format: "channels_last" (default) or "channels_first".
        seed: int seed.
    """

    def __init__(self, factor, value_range=(0, 255), data_format=None, seed=None, **kwargs):
        super().__init__(factor=factor, data_format=data_format, **kwargs)
        self.value_range = self._parse_value_range(value_range, sort=True)
        self._make_seed_generator(seed)

    def get_random_transformation(self, data, training=True, seed=None):
        if not training:
            return None
        images = data["images"] if isinstance(data, dict) else data
        factor = self._uniform((batch_size(images),), *self.factor, seed=seed)
        return {"factor": factor / (1.0 - factor + backend.epsilon())}

    def transform_images(self, images, transformation=None, training=True):
        if not training or transformation is None:
            return images
        axis = channel_axis(self, images)
        hsv = ops.image.rgb_to_hsv(images, data_format=self.data_format)
        h, s, v = ops.unstack(hsv, 3, axis=axis)
        f = transformation["factor"]
        f = ops.reshape(f, (-1, 1, 1)) if len(images.shape) == 4 else ops.reshape(f, ())
        s = ops.clip(s * f, self.value_range[0], self.value_range[1])
        return ops.image.hsv_to_rgb(ops.stack([h, s, v], axis=axis),
                                    data_format=self.data_format)

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor, "value_range": self.value_range,
                       "seed": self.seed})
        return config
