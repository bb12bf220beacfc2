"""Random image augmentation layers: seeded determinism, statistical
behaviour, identity at inference, configs (key-equal to Keras 3's) and
argument errors."""
import numpy as np
import pytest

import ceras
from ceras import layers

RNG = np.random.default_rng(3)
IMAGES = RNG.uniform(0, 255, (16, 6, 6, 3)).astype("float32")


def _np(x):
    return np.asarray(ceras.ops.convert_to_numpy(x))


RANDOM_LAYERS = {
    "RandomFlip": dict(),
    "RandomRotation": dict(factor=0.2),
    "RandomTranslation": dict(height_factor=0.2, width_factor=0.2),
    "RandomZoom": dict(height_factor=0.3),
    "RandomShear": dict(x_factor=0.3, y_factor=0.2),
    "RandomCrop": dict(height=4, width=4),
    "RandomBrightness": dict(factor=0.3),
    "RandomContrast": dict(factor=0.5),
    "RandomHue": dict(factor=0.5),
    "RandomSaturation": dict(factor=0.5),
    "RandomSharpness": dict(factor=0.5),
    "RandomGrayscale": dict(factor=0.5),
    "RandomColorDegeneration": dict(factor=0.5),
    "RandomColorJitter": dict(brightness_factor=0.2, contrast_factor=0.2,
                              saturation_factor=0.3, hue_factor=0.2),
    "RandomInvert": dict(factor=0.5),
    "RandomPosterization": dict(factor=(1, 6)),
    "Solarization": dict(addition_factor=0.2, threshold_factor=0.5),
    "RandomGaussianBlur": dict(factor=0.8),
    "RandomPerspective": dict(factor=0.8, scale=0.5),
    "RandomElasticTransform": dict(factor=0.8),
    "RandomErasing": dict(factor=0.8),
    "MixUp": dict(),
    "CutMix": dict(),
    "AugMix": dict(),
    "RandAugment": dict(),
}
NO_SEED_ARG = ("RandomGrayscale",)


def _make(name, seed=7, **extra):
    kwargs = dict(RANDOM_LAYERS[name], **extra)
    kwargs["seed"] = seed
    return getattr(layers, name)(**kwargs)


@pytest.mark.parametrize("name", sorted(RANDOM_LAYERS))
def test_random_layer_is_seeded_and_identity_at_inference(name):
    first, second = _make(name), _make(name)
    a = _np(first(IMAGES, training=True))
    b = _np(second(IMAGES, training=True))
    np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-4)  # same seed, same draws
    again = _np(first(IMAGES, training=True))
    assert not np.allclose(a, again)  # the generator advances
    assert a.shape == first.compute_output_shape(IMAGES.shape)
    assert np.isfinite(a).all()
    np.testing.assert_allclose(_np(first(IMAGES, training=False)), IMAGES)


@pytest.mark.parametrize("name", sorted(set(RANDOM_LAYERS) - {"MixUp", "CutMix"}))
def test_random_layer_handles_unbatched_and_channels_first(name):
    layer = _make(name, data_format="channels_first") if name not in (
        "RandomBrightness", "RandomContrast", "Solarization") else _make(name)
    data = IMAGES[:4].transpose(0, 3, 1, 2) if layer.data_format == "channels_first" \
        else IMAGES[:4]
    out = _np(layer(data, training=True))
    assert out.shape == layer.compute_output_shape(data.shape)
    single = _np(_make(name)(IMAGES[0], training=True))
    assert single.ndim == 3


def test_random_layers_follow_the_training_flag_in_models():
    inputs = layers.Input((6, 6, 3))
    outputs = layers.RandomRotation(0.3, seed=1)(layers.RandomFlip(seed=1)(inputs))
    model = ceras.Model(inputs, outputs)
    np.testing.assert_allclose(_np(model(IMAGES, training=False)), IMAGES)
    np.testing.assert_allclose(model.predict(IMAGES, verbose=0), IMAGES)
    assert not np.allclose(_np(model(IMAGES, training=True)), IMAGES)


def test_unseeded_layers_are_reproducible_after_set_random_seed():
    ceras.utils.set_random_seed(5)
    a = _np(layers.RandomRotation(0.3)(IMAGES))
    ceras.utils.set_random_seed(5)
    b = _np(layers.RandomRotation(0.3)(IMAGES))
    np.testing.assert_allclose(a, b)


# -- statistics ---------------------------------------------------------------------------------

def test_random_flip_statistics():
    many = np.repeat(IMAGES[:1], 400, axis=0)
    out = _np(layers.RandomFlip("horizontal", seed=3)(many))
    flipped = np.isclose(out, many[:, :, ::-1]).all(axis=(1, 2, 3))
    assert 0.4 < flipped.mean() < 0.6
    assert (flipped | np.isclose(out, many).all(axis=(1, 2, 3))).all()
    both = _np(layers.RandomFlip(seed=3)(many))
    # One draw decides both flips in "horizontal_and_vertical", as in Keras.
    rotated = np.isclose(both, many[:, ::-1, ::-1]).all(axis=(1, 2, 3))
    assert (rotated | np.isclose(both, many).all(axis=(1, 2, 3))).all()


def test_random_brightness_draws_one_offset_per_image_in_range():
    flat = np.full((300, 2, 2, 1), 100.0, dtype="float32")
    out = _np(layers.RandomBrightness((-0.2, 0.3), seed=1)(flat))
    delta = out[:, 0, 0, 0] - 100.0
    assert np.allclose(out, out[:, :1, :1, :])
    assert delta.min() >= -0.2 * 255 - 1e-3 and delta.max() <= 0.3 * 255 + 1e-3
    assert abs(delta.mean() - 0.05 * 255) < 5


def test_random_rotation_angle_range():
    # A single bright pixel off-center moves to a position set by the angle.
    image = np.zeros((200, 9, 9, 1), dtype="float32")
    image[:, 4, 8] = 1.0
    out = _np(layers.RandomRotation((0.0, 0.25), fill_mode="constant",
                                    interpolation="nearest", seed=2)(image))
    ys, xs = np.unravel_index(out[..., 0].reshape(200, -1).argmax(-1), (9, 9))
    angles = np.degrees(np.arctan2(4 - ys, xs - 4))
    assert angles.min() >= -1 and angles.max() <= 91
    assert angles.std() > 15


@pytest.mark.parametrize("name,kwargs,probability", [
    ("RandomInvert", dict(factor=(0.3, 0.3)), 0.3),
    ("RandomGrayscale", dict(factor=0.7), 0.7),
    ("RandomGaussianBlur", dict(factor=(0.4, 0.4)), 0.4),
])
def test_probabilistic_layers_apply_at_the_right_rate(name, kwargs, probability):
    many = np.repeat(IMAGES[:1], 400, axis=0)
    out = _np(getattr(layers, name)(seed=4, **kwargs)(many))
    changed = ~np.isclose(out, many).all(axis=(1, 2, 3))
    assert abs(changed.mean() - probability) < 0.08


def test_mixup_and_cutmix_mix_labels_consistently():
    labels = np.eye(4, dtype="float32")[np.arange(16) % 4]
    for layer in (layers.MixUp(alpha=0.4, seed=1), layers.CutMix(seed=1)):
        out = layer({"images": IMAGES, "labels": labels}, training=True)
        mixed = _np(out["labels"])
        np.testing.assert_allclose(mixed.sum(-1), 1.0, rtol=1e-5)
        assert _np(out["images"]).shape == IMAGES.shape
    cut = _np(layers.CutMix(seed=1)(IMAGES))
    # Every CutMix pixel comes from some image of the batch at the same position.
    assert np.isclose(cut[:, None], IMAGES[None]).all(-1).any(1).all()


def test_random_crop_window_lies_inside_image():
    image = np.arange(8 * 8, dtype="float32").reshape(1, 8, 8, 1)
    out = _np(layers.RandomCrop(3, 4, seed=0)(image))[0, ..., 0]
    top, left = divmod(int(out[0, 0]), 8)
    np.testing.assert_allclose(out, image[0, top:top + 3, left:left + 4, 0])


def test_augmix_and_randaugment_stay_in_value_range():
    for layer in (layers.AugMix(seed=2), layers.RandAugment(seed=2, num_ops=3),
                  layers.AugMix(value_range=(0, 1), seed=2)):
        data = IMAGES if layer.value_range[1] == 255 else IMAGES / 255.0
        out = _np(layer(data, training=True))
        assert out.min() >= layer.value_range[0] - 1e-3
        assert out.max() <= layer.value_range[1] + 1e-3


def test_max_num_bounding_boxes_pads_and_truncates():
    data = {"images": IMAGES[:2], "bounding_boxes": {
        "boxes": np.ones((2, 5, 4), "float32"), "labels": np.ones((2, 5), "int32")}}
    out = layers.MaxNumBoundingBoxes(max_number=3)(data)
    assert tuple(out["bounding_boxes"]["boxes"].shape) == (2, 3, 4)
    padded = layers.MaxNumBoundingBoxes(max_number=7)(data)["bounding_boxes"]
    np.testing.assert_array_equal(_np(padded["labels"])[:, 5:], -1)


def test_clahe_is_deterministic_and_spreads_contrast():
    low = (IMAGES[:2] * 0.2 + 100).astype("float32")
    layer = layers.ContrastLimitedAdaptiveHistogramEqualization(tile_grid_size=(2, 2))
    out = _np(layer(low))
    np.testing.assert_allclose(out, _np(layer(low, training=False)))
    assert out.std() > low.std() and 0 <= out.min() and out.max() <= 255


# -- configs ------------------------------------------------------------------------------------

ALL_IMAGE_LAYERS = dict(RANDOM_LAYERS, Resizing=dict(height=3, width=3),
                        CenterCrop=dict(height=3, width=3), AutoContrast=dict(),
                        Equalization=dict(), MaxNumBoundingBoxes=dict(max_number=2),
                        ContrastLimitedAdaptiveHistogramEqualization=dict())


@pytest.mark.oracle
@pytest.mark.parametrize("name", sorted(ALL_IMAGE_LAYERS))
def test_config_matches_keras_and_round_trips(keras_oracle, name):
    kwargs = dict(ALL_IMAGE_LAYERS[name])
    if name == "RandomCrop":
        kwargs["seed"] = 3
    ours = getattr(layers, name)(**kwargs)
    theirs = getattr(keras_oracle.layers, name)(**kwargs)
    ours_config, theirs_config = ours.get_config(), theirs.get_config()
    ours_config.pop("name")
    theirs_config.pop("name")
    assert ours_config == theirs_config
    clone = type(ours).from_config(ours.get_config())
    assert clone.get_config() == ours.get_config()


def test_random_crop_picks_and_saves_a_seed():
    layer = layers.RandomCrop(3, 3)
    assert isinstance(layer.get_config()["seed"], int)


# -- errors -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name,kwargs,match", [
    ("RandomBrightness", dict(factor=1.5), r"`factor` to be a number in \[-1, 1\].*1.5"),
    ("RandomBrightness", dict(factor=(0.1, 0.2, 0.3)), "`factor` to be a number"),
    ("RandomBrightness", dict(factor=0.1, value_range=(0,)), "`value_range` to be a pair"),
    ("RandomContrast", dict(factor=1.5), r"`factor` to be a number in \[0, 1\]"),
    ("RandomPosterization", dict(factor=9), r"`factor` to be a number in \[1, 8\]"),
    ("RandomFlip", dict(mode="diagonal"), "`mode` to be one of"),
    ("RandomRotation", dict(factor=0.1, fill_mode="foo"), "`fill_mode` to be one of"),
    ("RandomRotation", dict(factor=0.1, interpolation="area"), "`interpolation` to be one of"),
    ("RandomZoom", dict(height_factor=-1.5), r"`height_factor` to be a number in \[-1.0, 1.0\]"),
    ("RandomZoom", dict(height_factor=(-1.0, 0.5)), r"`height_factor` in \(-1, 1\]"),
    ("RandomTranslation", dict(height_factor=0.1, width_factor=2.0), "`width_factor`"),
    ("RandomShear", dict(x_factor=(0.2, 1.3)), r"`x_factor` to be a number in \[0, 1\]"),
    ("RandomShear", dict(y_factor=(-0.2, 0.3)), r"`y_factor` to be a number in \[0, 1\]"),
    ("RandomGrayscale", dict(factor=1.5), r"`factor` to be a number in \[0, 1\]"),
    ("RandomGaussianBlur", dict(kernel_size=2), "`kernel_size` to be an odd"),
    ("RandomGaussianBlur", dict(sigma=(0.5, 2.0)), "`sigma`"),
    ("Resizing", dict(height=2, width=2, interpolation="foo"), "`interpolation` to be one of"),
    ("Resizing", dict(height=2, width=2, crop_to_aspect_ratio=True, pad_to_aspect_ratio=True),
     "only one of crop_to_aspect_ratio and pad_to_aspect_ratio"),
    ("CenterCrop", dict(height=0, width=2), "`height` to be a positive integer"),
    ("RandomCrop", dict(height=2, width=2.5), "`width` to be a positive integer"),
    ("RandomPerspective", dict(scale=2.0), r"`scale` to be a number in \[0, 1\]"),
    ("MixUp", dict(alpha=0), "`alpha` to be a positive number"),
    ("AugMix", dict(num_chains=0), "`num_chains` to be a positive integer"),
    ("RandAugment", dict(num_ops=-1), "`num_ops` to be a non-negative integer"),
    ("Equalization", dict(bins=1), "`bins` to be an integer >= 2"),
    ("ContrastLimitedAdaptiveHistogramEqualization", dict(clip_limit=0), "`clip_limit`"),
    ("MaxNumBoundingBoxes", dict(max_number=0), "`max_number` to be a positive integer"),
])
def test_invalid_arguments_name_the_layer(name, kwargs, match):
    with pytest.raises(ValueError, match=f'Layer "bad" expects.*{match}|{match}'):
        getattr(layers, name)(name="bad", **kwargs)


def test_call_errors():
    with pytest.raises(ValueError, match=r'"flip" expects images of rank 3.*\(6, 6\)'):
        layers.RandomFlip(name="flip")(np.zeros((6, 6)))
    with pytest.raises(ValueError, match='"flip" expects a dict input to have an "images" key'):
        layers.RandomFlip(name="flip")({"pixels": IMAGES})
    with pytest.raises(NotImplementedError, match='"rot".*cannot transform bounding boxes'):
        layers.RandomRotation(0.1, name="rot")({"images": IMAGES, "bounding_boxes": {}})
