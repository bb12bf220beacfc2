"""Noise and regularization layers: identity at inference (parity with Keras), the noise
statistics in training, Keras's constants for AlphaDropout, activity losses, errors."""
import numpy as np
import pytest
from layer_parity import (
    assert_config_matches_keras, assert_config_round_trip, assert_matches_keras,
    assert_symbolic_shape_matches_keras, case_id, to_np,
)

import ceras
from ceras import layers

CASES = [
    ("SpatialDropout1D", dict(rate=0.3), (4, 5, 3)),
    ("SpatialDropout2D", dict(rate=0.3, data_format="channels_first"), (4, 3, 5, 3)),
    ("SpatialDropout3D", dict(rate=0.3, seed=2), (4, 2, 3, 5, 3)),
    ("GaussianNoise", dict(stddev=0.3), (4, 5)),
    ("GaussianNoise", dict(stddev=0.3, seed=3), (4, 2, 5)),
    ("GaussianDropout", dict(rate=0.3), (4, 5)),
    ("AlphaDropout", dict(rate=0.3), (4, 5)),
    ("AlphaDropout", dict(rate=0.3, noise_shape=(None, 1), seed=1), (4, 5)),
    ("ActivityRegularization", dict(l1=0.1, l2=0.2), (4, 5)),
]
PARAMS = [pytest.param(*c, id=case_id(c)) for c in CASES]


@pytest.mark.oracle
@pytest.mark.parametrize("name, kwargs, shape", PARAMS)
def test_inference_matches_keras(keras_oracle, name, kwargs, shape, rng):
    assert_matches_keras(keras_oracle, name, kwargs, shape, rng, training=(False,))


@pytest.mark.oracle
@pytest.mark.parametrize("name, kwargs, shape", PARAMS)
def test_config_and_symbolic_shape_match_keras(keras_oracle, name, kwargs, shape):
    assert_config_matches_keras(keras_oracle, name, kwargs)
    assert_symbolic_shape_matches_keras(keras_oracle, name, kwargs, shape)


@pytest.mark.parametrize("name, kwargs, shape", PARAMS)
def test_config_round_trip(name, kwargs, shape):
    assert_config_round_trip(name, kwargs)


@pytest.mark.oracle
@pytest.mark.parametrize("name, kwargs", [
    ("SpatialDropout1D", dict(rate=0.0)), ("GaussianNoise", dict(stddev=0.0)),
    ("GaussianDropout", dict(rate=0.0)), ("AlphaDropout", dict(rate=0.0)),
])
def test_zero_rate_training_matches_keras(keras_oracle, name, kwargs, rng):
    assert_matches_keras(keras_oracle, name, kwargs, (3, 4, 5), rng, training=(True,))


@pytest.mark.parametrize("cls, shape, kwargs, shared_axes", [
    (layers.SpatialDropout1D, (200, 6, 8), {}, (1,)),
    (layers.SpatialDropout2D, (200, 4, 5, 8), {}, (1, 2)),
    (layers.SpatialDropout2D, (200, 8, 4, 5), {"data_format": "channels_first"}, (2, 3)),
    (layers.SpatialDropout3D, (100, 3, 4, 2, 8), {}, (1, 2, 3)),
])
def test_spatial_dropout_drops_whole_channels(cls, shape, kwargs, shared_axes):
    layer = cls(0.4, seed=5, **kwargs)
    x = np.ones(shape, "float32")
    y = to_np(layer(x, training=True))
    assert set(np.unique(y)) <= {0.0, np.float32(1 / 0.6)}
    # Every spatial position of a (sample, channel) shares one draw.
    np.testing.assert_array_equal(y.min(axis=shared_axes), y.max(axis=shared_axes))
    assert 0.3 < (y == 0).mean() < 0.5
    np.testing.assert_array_equal(to_np(layer(x)), x)


def test_gaussian_noise_statistics():
    layer = layers.GaussianNoise(0.5, seed=1)
    x = np.full((400, 100), 2.0, "float32")
    noise = to_np(layer(x, training=True)) - x
    assert abs(noise.mean()) < 0.01 and abs(noise.std() - 0.5) < 0.01
    assert not np.allclose(to_np(layer(x, training=True)) - x, noise)  # fresh each call
    np.testing.assert_array_equal(to_np(layer(x)), x)


def test_gaussian_dropout_statistics():
    layer = layers.GaussianDropout(0.2, seed=1)
    x = np.full((400, 100), 3.0, "float32")
    factor = to_np(layer(x, training=True)) / 3.0
    assert abs(factor.mean() - 1.0) < 0.01
    assert abs(factor.std() - np.sqrt(0.2 / 0.8)) < 0.01


def _alpha_dropout_constants(rate):
    alpha_p = -1.6732632423543772848170429916717 * 1.0507009873554804934193349852946
    a = ((1 - rate) * (1 + rate * alpha_p ** 2)) ** -0.5
    return a, -a * alpha_p * rate, alpha_p


@pytest.mark.oracle
def test_alpha_dropout_uses_keras_affine_map(keras_oracle, rng):
    """Both libraries map kept x to a * x + b and dropped entries to a * alpha' + b."""
    rate = 0.3
    a, b, alpha_p = _alpha_dropout_constants(rate)
    x = rng.normal(size=(300, 50)).astype("float32")
    for out in (to_np(layers.AlphaDropout(rate, seed=3)(x, training=True)),
                keras_oracle.ops.convert_to_numpy(
                    keras_oracle.layers.AlphaDropout(rate, seed=3)(x, training=True))):
        dropped = np.isclose(out, a * alpha_p + b, atol=1e-5)
        np.testing.assert_allclose(out[~dropped], a * x[~dropped] + b, rtol=1e-5, atol=1e-5)
        assert abs(dropped.mean() - rate) < 0.02


def test_alpha_dropout_keeps_selu_statistics():
    layer = layers.AlphaDropout(0.2, seed=0)
    x = np.random.default_rng(0).normal(size=(500, 200)).astype("float32")
    y = to_np(layer(x, training=True))
    assert abs(y.mean()) < 0.02 and abs(y.std() - 1.0) < 0.02


def test_alpha_dropout_noise_shape_is_shared():
    layer = layers.AlphaDropout(0.5, noise_shape=(None, 1), seed=2)
    x = np.ones((50, 6), "float32")
    y = to_np(layer(x, training=True))
    np.testing.assert_allclose(y.min(axis=1), y.max(axis=1))


@pytest.mark.oracle
def test_activity_regularization_loss_matches_keras(keras_oracle, rng):
    x = rng.normal(size=(4, 5)).astype("float32")
    ours = layers.ActivityRegularization(l1=0.1, l2=0.2)
    theirs = keras_oracle.layers.ActivityRegularization(l1=0.1, l2=0.2)
    ours(x)
    theirs(x)
    # Keras divides the penalty by the batch size.
    expected = (0.1 * np.abs(x).sum() + 0.2 * (x ** 2).sum()) / 4
    np.testing.assert_allclose(float(to_np(ours.losses[0])), expected, rtol=1e-5)
    np.testing.assert_allclose(float(to_np(ours.losses[0])),
                               float(keras_oracle.ops.convert_to_numpy(theirs.losses[0])),
                               rtol=1e-6)


@pytest.mark.parametrize("make, message", [
    (lambda: layers.SpatialDropout1D(1.5),
     r'Layer "spatial_dropout1d" expects rate to be a float in \[0, 1\], received rate=1.5'),
    (lambda: layers.GaussianNoise(-1),
     r'Layer "gaussian_noise" expects `stddev` to be a non-negative float, received '
     r"stddev=-1"),
    (lambda: layers.GaussianDropout(1.0),
     r'Layer "gaussian_dropout" expects `rate` to be a float in \[0, 1\), received rate=1.0'),
    (lambda: layers.AlphaDropout(-0.1),
     r'Layer "alpha_dropout" expects `rate` to be a float in \[0, 1\), received rate=-0.1'),
    (lambda: layers.ActivityRegularization(l1=-1),
     r"ActivityRegularization expects `l1` to be a non-negative float, received l1=-1"),
    (lambda: layers.SpatialDropout2D(0.5, data_format="nchw"),
     r'Layer "spatial_dropout2d" expects `data_format` to be "channels_last" or '
     r'"channels_first", received data_format=\'nchw\''),
])
def test_invalid_arguments(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_spatial_dropout_wrong_rank():
    with pytest.raises(ValueError, match=r'Input 0 of layer "spatial_dropout1d" is incompatible'
                                         r".*expected ndim=3, found ndim=2"):
        layers.SpatialDropout1D(0.5)(np.ones((2, 2), "float32"))


def test_noise_layers_pass_masks_through(rng):
    x = ceras.ops.convert_to_tensor(rng.normal(size=(2, 3, 4)).astype("float32"))
    mask = np.array([[True, False, True], [True, True, False]])
    x._keras_mask = ceras.ops.convert_to_tensor(mask)
    for layer in (layers.SpatialDropout1D(0.5), layers.GaussianNoise(0.1),
                  layers.GaussianDropout(0.1), layers.AlphaDropout(0.1),
                  layers.ActivityRegularization(l1=0.1)):
        for training in (False, True):
            np.testing.assert_array_equal(to_np(layer(x, training=training)._keras_mask), mask)
