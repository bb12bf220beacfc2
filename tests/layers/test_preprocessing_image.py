"""Image preprocessing layers against Keras 3 (oracle): every deterministic
case — resizing and crops, inference mode of the random layers, and training
mode with factors that leave no randomness."""
import numpy as np
import pytest

import ceras
from ceras import layers

RNG = np.random.default_rng(0)
IMAGES = RNG.uniform(0, 255, (2, 5, 7, 3)).astype("float32")
UNIT = IMAGES / 255.0
FIRST = IMAGES.transpose(0, 3, 1, 2)


def _np(x):
    return np.asarray(ceras.ops.convert_to_numpy(x))


def _inputs(kind):
    return {"images": IMAGES, "unit": UNIT, "channels_first": FIRST, "single": IMAGES[0],
            "uint8": IMAGES.astype("uint8"), "square": IMAGES[:, :5, :5]}[kind]


CF = {"data_format": "channels_first"}
# (layer, constructor kwargs, input kind, training)
CASES = [
    ("Resizing", dict(height=3, width=4), "images", True),
    ("Resizing", dict(height=10, width=9), "images", False),
    ("Resizing", dict(height=3, width=4, interpolation="nearest"), "images", True),
    ("Resizing", dict(height=3, width=4, interpolation="bicubic"), "images", True),
    ("Resizing", dict(height=3, width=4, crop_to_aspect_ratio=True), "images", True),
    ("Resizing", dict(height=3, width=12, pad_to_aspect_ratio=True, fill_value=2.0), "images",
     True),
    ("Resizing", dict(height=3, width=4, antialias=True), "images", True),
    ("Resizing", dict(height=3, width=4), "uint8", True),
    ("Resizing", dict(height=3, width=4), "single", True),
    ("Resizing", dict(height=3, width=4, **CF), "channels_first", True),
    ("CenterCrop", dict(height=3, width=4), "images", True),
    ("CenterCrop", dict(height=3, width=4), "images", False),
    ("CenterCrop", dict(height=8, width=9), "images", True),
    ("CenterCrop", dict(height=8, width=4), "images", True),
    ("CenterCrop", dict(height=2, width=9), "images", True),
    ("CenterCrop", dict(height=3, width=4), "single", True),
    ("CenterCrop", dict(height=3, width=4, **CF), "channels_first", True),
    ("RandomCrop", dict(height=5, width=7), "images", True),
    ("RandomCrop", dict(height=8, width=9), "images", True),
    ("RandomCrop", dict(height=8, width=5), "images", True),
    ("RandomCrop", dict(height=2, width=3), "images", False),
    ("RandomCrop", dict(height=8, width=9, **CF), "channels_first", True),
    ("RandomFlip", dict(), "images", False),
    ("RandomFlip", dict(), "uint8", False),
    ("RandomRotation", dict(factor=0.2), "images", False),
    ("RandomRotation", dict(factor=(-0.25, -0.25)), "images", True),
    ("RandomRotation", dict(factor=(0.25, 0.25), **CF), "channels_first", True),
    ("RandomRotation", dict(factor=(0.3, 0.3)), "single", True),
    ("RandomTranslation", dict(height_factor=0.2, width_factor=0.2), "images", False),
    ("RandomTranslation", dict(height_factor=(0.2, 0.2), width_factor=(-0.3, -0.3),
                               fill_mode="constant", fill_value=-1.0), "images", True),
    ("RandomTranslation", dict(height_factor=(-0.5, -0.5), width_factor=(0.13, 0.13),
                               fill_mode="wrap"), "images", True),
    ("RandomZoom", dict(height_factor=0.2), "images", False),
    ("RandomZoom", dict(height_factor=(0.3, 0.3)), "images", True),
    ("RandomZoom", dict(height_factor=(-0.3, -0.3), width_factor=(0.2, 0.2),
                        fill_mode="nearest"), "images", True),
    ("RandomShear", dict(x_factor=(0.0, 0.0), y_factor=(0.0, 0.0)), "images", True),
    ("RandomShear", dict(x_factor=0.3), "images", False),
    ("RandomBrightness", dict(factor=(0.1, 0.1)), "images", True),
    ("RandomBrightness", dict(factor=(-0.3, -0.3)), "images", True),
    ("RandomBrightness", dict(factor=(0.2, 0.2), value_range=(0, 1)), "unit", True),
    ("RandomBrightness", dict(factor=0.2), "uint8", False),
    ("RandomContrast", dict(factor=0.0), "images", True),
    ("RandomContrast", dict(factor=0.5), "uint8", False),
    ("RandomHue", dict(factor=(1.0, 1.0)), "images", True),
    ("RandomHue", dict(factor=(1.0, 1.0), value_range=(0, 1)), "unit", True),
    ("RandomHue", dict(factor=(1.0, 1.0), **CF), "channels_first", True),
    ("RandomHue", dict(factor=(0.0, 0.0)), "single", True),
    ("RandomHue", dict(factor=0.5), "images", False),
    ("RandomSaturation", dict(factor=(0.2, 0.2)), "images", True),
    ("RandomSaturation", dict(factor=(0.8, 0.8)), "images", True),
    ("RandomSaturation", dict(factor=(-0.3, -0.3)), "images", True),
    ("RandomSaturation", dict(factor=(1.0, 1.0)), "images", True),
    ("RandomSaturation", dict(factor=(0.7, 0.7), value_range=(0, 1)), "unit", True),
    ("RandomSaturation", dict(factor=(0.7, 0.7), **CF), "channels_first", True),
    ("RandomSharpness", dict(factor=(0.2, 0.2)), "images", True),
    ("RandomSharpness", dict(factor=(0.8, 0.8)), "images", True),
    ("RandomSharpness", dict(factor=(0.8, 0.8), **CF), "channels_first", True),
    ("RandomSharpness", dict(factor=(0.8, 0.8)), "single", True),
    ("RandomGrayscale", dict(factor=1.0), "images", True),
    ("RandomGrayscale", dict(factor=1.0, **CF), "channels_first", True),
    ("RandomGrayscale", dict(factor=1.0), "uint8", False),
    ("RandomColorDegeneration", dict(factor=(0.3, 0.3)), "images", True),
    ("RandomColorDegeneration", dict(factor=(-0.5, -0.5)), "images", True),
    ("RandomColorDegeneration", dict(factor=(0.4, 0.4), value_range=(0, 1)), "unit", True),
    ("RandomInvert", dict(factor=(1.0, 1.0)), "images", True),
    ("RandomInvert", dict(factor=(1.0, 1.0), value_range=(0, 1)), "unit", True),
    ("RandomInvert", dict(), "images", False),
    ("RandomPosterization", dict(factor=(1, 1)), "images", True),
    ("RandomPosterization", dict(factor=(3, 3)), "images", True),
    ("RandomPosterization", dict(factor=(2, 2), value_range=(0, 1)), "unit", True),
    ("Solarization", dict(), "images", True),
    ("Solarization", dict(value_range=(0, 1)), "unit", True),
    ("Solarization", dict(threshold_factor=0.5), "images", False),
    ("AutoContrast", dict(), "images", True),
    ("AutoContrast", dict(), "images", False),
    ("AutoContrast", dict(value_range=(0, 1)), "unit", True),
    ("Equalization", dict(), "images", True),
    ("Equalization", dict(bins=16), "images", True),
    ("Equalization", dict(value_range=(0, 1)), "unit", True),
    ("Equalization", dict(**CF), "channels_first", True),
    ("Equalization", dict(), "images", False),
    ("RandomGaussianBlur", dict(factor=(1.0, 1.0), sigma=(1.0, 1.0)), "images", True),
    ("RandomGaussianBlur", dict(factor=(1.0, 1.0), sigma=(0.5, 0.5), kernel_size=5), "images",
     True),
    ("RandomGaussianBlur", dict(factor=(1.0, 1.0), sigma=(0.7, 0.7), **CF), "channels_first",
     True),
    ("RandomGaussianBlur", dict(factor=0.0), "images", True),
    ("RandomColorJitter", dict(brightness_factor=(0.1, 0.1)), "images", True),
    ("RandomColorJitter", dict(brightness_factor=0.2, hue_factor=0.3), "images", False),
    ("RandomPerspective", dict(factor=0.0), "images", True),
    ("RandomPerspective", dict(scale=0.0), "images", True),
    ("RandomElasticTransform", dict(factor=0.0), "images", True),
    ("RandomElasticTransform", dict(), "images", False),
    ("RandomErasing", dict(factor=0.0), "images", True),
    ("MixUp", dict(), "images", False),
    ("CutMix", dict(), "images", False),
    ("AugMix", dict(), "images", False),
    ("RandAugment", dict(), "images", False),
    ("MaxNumBoundingBoxes", dict(max_number=3), "images", True),
]
for fill_mode in ("reflect", "wrap", "constant", "nearest"):
    for interpolation in ("bilinear", "nearest"):
        CASES.append(("RandomRotation", dict(factor=(0.1, 0.1), fill_mode=fill_mode,
                                             interpolation=interpolation, fill_value=3.0),
                      "images", True))


@pytest.mark.oracle
@pytest.mark.parametrize("name,kwargs,kind,training", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_image_layer_matches_keras(keras_oracle, name, kwargs, kind, training):
    data = _inputs(kind)
    theirs = getattr(keras_oracle.layers, name)(**kwargs)
    ours = getattr(layers, name)(**kwargs)
    expected = _np(theirs(data, training=training))
    got = _np(ours(data, training=training))
    assert got.shape == expected.shape
    assert got.dtype == expected.dtype
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-3)
    assert ours.compute_output_shape(data.shape) == tuple(theirs.compute_output_shape(
        data.shape))


@pytest.mark.oracle
@pytest.mark.parametrize("name", ["RandomRotation", "RandomFlip", "RandomZoom", "CenterCrop"])
def test_dict_inputs_match_keras(keras_oracle, name):
    kwargs = {"RandomRotation": dict(factor=(0.25, 0.25)), "RandomFlip": dict(),
              "RandomZoom": dict(height_factor=(0.5, 0.5)),
              "CenterCrop": dict(height=3, width=3)}[name]
    data = {"images": IMAGES, "labels": np.array([[1.0, 0.0], [0.0, 1.0]])}
    training = name != "RandomFlip"
    expected = getattr(keras_oracle.layers, name)(**kwargs)(data, training=training)
    got = getattr(layers, name)(**kwargs)(data, training=training)
    assert set(got) == set(expected)
    for key in expected:
        np.testing.assert_allclose(_np(got[key]), _np(expected[key]), rtol=1e-4, atol=1e-3)
