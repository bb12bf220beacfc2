"""The augmentation operations AugMix and RandAugment draw from: each builds
a layer whose strength is a magnitude in [0, 1]."""
from ceras.layers.preprocessing.image.auto_contrast import AutoContrast
from ceras.layers.preprocessing.image.equalization import Equalization
from ceras.layers.preprocessing.image.random_brightness import RandomBrightness
from ceras.layers.preprocessing.image.random_color_degeneration import (
    RandomColorDegeneration,
)
from ceras.layers.preprocessing.image.random_contrast import RandomContrast
from ceras.layers.preprocessing.image.random_posterization import RandomPosterization
from ceras.layers.preprocessing.image.random_rotation import RandomRotation
from ceras.layers.preprocessing.image.random_sharpness import RandomSharpness
from ceras.layers.preprocessing.image.random_shear import RandomShear
from ceras.layers.preprocessing.image.random_translation import RandomTranslation
from ceras.layers.preprocessing.image.solarization import Solarization


def build_ops(value_range, magnitude, interpolation, seed, data_format, color_ops=True):
    """A dict name -> layer. ``magnitude`` is a factor pair in [0, 1]."""
    hi = magnitude[1]
    common = {"seed": seed, "data_format": data_format}
    geometric = {"interpolation": interpolation, "fill_mode": "constant", **common}
    ops = {
        "auto_contrast": AutoContrast(value_range=value_range, data_format=data_format),
        "equalization": Equalization(value_range=value_range, data_format=data_format),
        "solarization": Solarization(addition_factor=(0, 0), threshold_factor=(1 - hi, 1),
                                     value_range=value_range, seed=seed,
                                     data_format=data_format),
        "posterization": RandomPosterization(factor=(max(1, 8 - int(4 * hi)), 8),
                                             value_range=value_range, **common),
        "rotation": RandomRotation(factor=30.0 / 360.0 * hi, **geometric),
        "shear_x": RandomShear(x_factor=0.3 * hi, **geometric),
        "shear_y": RandomShear(y_factor=0.3 * hi, **geometric),
        "translation_x": RandomTranslation(0.0, 0.3 * hi, **geometric),
        "translation_y": RandomTranslation(0.3 * hi, 0.0, **geometric),
    }
    if color_ops:
        ops.update({
            "color_degeneration": RandomColorDegeneration(factor=hi, value_range=value_range,
                                                          **common),
            "contrast": RandomContrast(factor=0.9 * hi, value_range=value_range,
                                       seed=seed, data_format=data_format),
            "brightness": RandomBrightness(factor=0.9 * hi, value_range=value_range,
                                           seed=seed, data_format=data_format),
            "sharpness": RandomSharpness(factor=(0.5 - 0.45 * hi, 0.5 + 0.45 * hi),
                                         value_range=value_range, **common),
        })
    return ops
