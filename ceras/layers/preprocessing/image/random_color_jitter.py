"""RandomColorJitter: random brightness, contrast, saturation and hue."""
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer,
)
from ceras.layers.preprocessing.image.random_brightness import RandomBrightness
from ceras.layers.preprocessing.image.random_contrast import RandomContrast
from ceras.layers.preprocessing.image.random_hue import RandomHue
from ceras.layers.preprocessing.image.random_saturation import RandomSaturation


class RandomColorJitter(BaseImagePreprocessingLayer):
    """Applies, in this order, RandomBrightness, RandomContrast,
    RandomSaturation and RandomHue for each factor that is not None.

    Args:
        value_range: the (min, max) of the images (default (0, 255)).
        brightness_factor, contrast_factor, saturation_factor, hue_factor:
            the factors of the corresponding layers (None skips the layer).
        seed: int seed (shared by the sublayers).
        data_format: "channels_last" (default) or "channels_first".
    """
    _USE_BASE_FACTOR = False

    def __init__(self, value_range=(0, 255), brightness_factor=None, contrast_factor=None,
                 saturation_factor=None, hue_factor=None, seed=None, data_format=None,
                 **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        self.value_range = self._parse_value_range(value_range)
        self.brightness_factor = brightness_factor
        self.contrast_factor = contrast_factor
        self.saturation_factor = saturation_factor
        self.hue_factor = hue_factor
        self.seed = seed
        common = {"value_range": value_range, "seed": seed}
        self.random_brightness = None if brightness_factor is None else RandomBrightness(
            brightness_factor, **common)
        self.random_contrast = None if contrast_factor is None else RandomContrast(
            contrast_factor, **common)
        self.random_saturation = None if saturation_factor is None else RandomSaturation(
            saturation_factor, data_format=self.data_format, **common)
        self.random_hue = None if hue_factor is None else RandomHue(
            hue_factor, data_format=self.data_format, **common)

    def transform_images(self, images, transformation=None, training=True):
        if not training:
            return images
        for layer in (self.random_brightness, self.random_contrast, self.random_saturation,
                      self.random_hue):
            if layer is not None:
                images = layer(images, training=True)
        return images

    def get_config(self):
        config = super().get_config()
        config.update({"value_range": self.value_range,
                       "brightness_factor": self.brightness_factor,
                       "contrast_factor": self.contrast_factor,
                       "saturation_factor": self.saturation_factor,
                       "hue_factor": self.hue_factor, "seed": self.seed})
        return config
