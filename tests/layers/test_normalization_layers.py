"""Normalization layers: parity with Keras in inference and training (moving statistics,
spectral-norm power iteration), NumPy references, masks and argument errors."""
import numpy as np
import pytest
from layer_parity import (
    assert_config_matches_keras, assert_config_round_trip, assert_matches_keras,
    assert_symbolic_shape_matches_keras, case_id, to_np,
)

import ceras
from ceras import layers

CASES = [
    ("BatchNormalization", dict(), (6, 4)),
    ("BatchNormalization", dict(axis=1, momentum=0.9, epsilon=1e-2), (4, 3, 5, 2)),
    ("BatchNormalization", dict(center=False, scale=False), (4, 5, 3)),
    ("BatchNormalization", dict(gamma_initializer="zeros", beta_initializer="ones"), (6, 4)),
    ("BatchNormalization", dict(renorm=True), (6, 4)),
    ("BatchNormalization", dict(renorm=True, renorm_momentum=0.5,
                                renorm_clipping={"rmax": 1.2, "rmin": 0.9, "dmax": 0.1}),
     (6, 4)),
    ("LayerNormalization", dict(), (3, 4, 5)),
    ("LayerNormalization", dict(axis=(1, 2), center=False), (3, 4, 5)),
    ("LayerNormalization", dict(rms_scaling=True), (3, 4, 5)),
    ("GroupNormalization", dict(groups=2), (3, 4, 6)),
    ("GroupNormalization", dict(groups=-1, axis=1), (3, 4, 6)),
    ("GroupNormalization", dict(groups=3, scale=False), (3, 2, 2, 6)),
    ("GroupNormalization", dict(groups=1, epsilon=0.5), (3, 5)),
    ("UnitNormalization", dict(), (3, 4, 5)),
    ("UnitNormalization", dict(axis=[1, 2]), (3, 4, 5)),
    ("RMSNormalization", dict(), (3, 4, 5)),
    ("RMSNormalization", dict(axis=(1, 2), epsilon=1e-3), (3, 4, 5)),
    ("SpectralNormalization", lambda L: dict(layer=L.Dense(3)), (4, 5)),
    ("SpectralNormalization", lambda L: dict(layer=L.Conv2D(3, 2), power_iterations=3),
     (2, 5, 5, 2)),
]
PARAMS = [pytest.param(*c, id=case_id(c)) for c in CASES]


@pytest.mark.oracle
@pytest.mark.parametrize("name, kwargs, shape", PARAMS)
def test_matches_keras_in_inference_and_training(keras_oracle, name, kwargs, shape, rng):
    # Training calls update moving statistics / the power iteration; the helper also
    # compares every weight after each call.
    assert_matches_keras(keras_oracle, name, kwargs, shape, rng, training=(False, True, True))


@pytest.mark.oracle
@pytest.mark.parametrize("name, kwargs, shape", PARAMS)
def test_config_and_symbolic_shape_match_keras(keras_oracle, name, kwargs, shape):
    assert_config_matches_keras(keras_oracle, name, kwargs)
    assert_symbolic_shape_matches_keras(keras_oracle, name, kwargs, shape)


@pytest.mark.parametrize("name, kwargs, shape", PARAMS)
def test_config_round_trip(name, kwargs, shape):
    assert_config_round_trip(name, kwargs)


def test_batch_normalization_training_updates_moving_statistics(rng):
    layer = layers.BatchNormalization(momentum=0.9)
    x = rng.normal(loc=3.0, scale=2.0, size=(64, 3)).astype("float32")
    y = to_np(layer(x, training=True))
    mean, var = x.mean(axis=0), x.var(axis=0)  # biased batch variance
    np.testing.assert_allclose(y, (x - mean) / np.sqrt(var + 1e-3), rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(layer.moving_mean.numpy(), 0.1 * mean, rtol=1e-5)
    np.testing.assert_allclose(layer.moving_variance.numpy(), 0.9 + 0.1 * var, rtol=1e-5)
    y = to_np(layer(x))  # inference: the moving statistics
    expected = (x - 0.1 * mean) / np.sqrt(0.9 + 0.1 * var + 1e-3)
    np.testing.assert_allclose(y, expected, rtol=1e-4, atol=1e-5)


def test_synchronized_batch_normalization_is_accepted_on_one_device(rng):
    # Keras allows synchronized=True only on TensorFlow; with one device it is a no-op.
    x = rng.normal(size=(8, 3)).astype("float32")
    ours = layers.BatchNormalization(synchronized=True)
    plain = layers.BatchNormalization()
    np.testing.assert_allclose(to_np(ours(x, training=True)), to_np(plain(x, training=True)))
    assert ours.get_config()["synchronized"] is True


def test_frozen_batch_normalization_runs_in_inference_mode(rng):
    layer = layers.BatchNormalization()
    x = rng.normal(size=(8, 3)).astype("float32")
    layer(x)
    layer.trainable = False
    np.testing.assert_allclose(to_np(layer(x, training=True)), x / np.sqrt(1 + 1e-3),
                               rtol=1e-5)
    np.testing.assert_allclose(layer.moving_mean.numpy(), 0.0)


@pytest.mark.oracle
def test_batch_normalization_with_mask_matches_keras(keras_oracle, rng):
    keras = keras_oracle
    x = rng.normal(size=(3, 5, 4)).astype("float32")
    mask = rng.random((3, 5)) > 0.4
    ours, theirs = layers.BatchNormalization(momentum=0.5), keras.layers.BatchNormalization(
        momentum=0.5)
    y_ours = to_np(ours(x, training=True, mask=mask))
    y_theirs = keras.ops.convert_to_numpy(theirs(x, training=True, mask=mask))
    np.testing.assert_allclose(y_ours, y_theirs, rtol=1e-5, atol=1e-5)
    for a, b in zip(ours.get_weights(), theirs.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_normalization_layers_pass_masks_through(rng):
    x = rng.normal(size=(2, 3, 4)).astype("float32")
    mask = np.array([[True, False, True], [True, True, False]])
    for layer in (layers.BatchNormalization(), layers.LayerNormalization(),
                  layers.GroupNormalization(groups=2), layers.UnitNormalization()):
        tensor = ceras.ops.convert_to_tensor(x)
        tensor._keras_mask = ceras.ops.convert_to_tensor(mask)
        y = layer(tensor)
        np.testing.assert_array_equal(to_np(y._keras_mask), mask)


def test_layer_normalization_on_a_middle_axis_matches_numpy(rng):
    # (Keras on the torch backend fails on this input; the math is plain.)
    x = rng.normal(size=(3, 4, 5)).astype("float32")
    layer = layers.LayerNormalization(axis=1, epsilon=0.1)
    y = to_np(layer(x))
    mean, var = x.mean(axis=1, keepdims=True), x.var(axis=1, keepdims=True)
    np.testing.assert_allclose(y, (x - mean) / np.sqrt(var + 0.1), rtol=1e-5, atol=1e-5)
    assert layer.gamma.shape == (4,)


def test_group_normalization_matches_numpy(rng):
    x = rng.normal(size=(2, 3, 6)).astype("float32")
    y = to_np(layers.GroupNormalization(groups=2)(x))
    g = x.reshape(2, 3, 2, 3)
    mean, var = g.mean(axis=(1, 3), keepdims=True), g.var(axis=(1, 3), keepdims=True)
    np.testing.assert_allclose(y, ((g - mean) / np.sqrt(var + 1e-3)).reshape(2, 3, 6),
                               rtol=1e-4, atol=1e-5)


def test_unit_normalization_handles_zero_vectors():
    y = to_np(layers.UnitNormalization()(np.array([[3.0, 4.0], [0.0, 0.0]], "float32")))
    np.testing.assert_allclose(y, [[0.6, 0.8], [0.0, 0.0]], rtol=1e-6)


def test_spectral_normalization_bounds_the_largest_singular_value(rng):
    layer = layers.SpectralNormalization(layers.Dense(6), power_iterations=1)
    x = rng.normal(size=(4, 5)).astype("float32")
    for _ in range(30):  # the power iteration's vector carries over between steps
        layer(x, training=True)
    sigma = np.linalg.svd(layer.layer.kernel.numpy(), compute_uv=False)[0]
    np.testing.assert_allclose(sigma, 1.0, rtol=1e-3)
    assert [v.path for v in layer.weights] == [
        "spectral_normalization/dense/kernel", "spectral_normalization/vector_u",
        "spectral_normalization/dense/bias"]


def test_spectral_normalization_of_embeddings(rng):
    layer = layers.SpectralNormalization(layers.Embedding(10, 3))
    ids = np.array([[1, 2, 9]])
    y = to_np(layer(ids, training=True))
    embeddings = layer.layer.embeddings.numpy()
    np.testing.assert_allclose(y, embeddings[ids], rtol=1e-6)
    assert np.linalg.svd(embeddings, compute_uv=False)[0] < 1.5


@pytest.mark.parametrize("make, error, message", [
    (lambda: layers.GroupNormalization(groups=0), ValueError,
     r'Layer "group_normalization" expects `groups` to be a positive integer \(or -1 for '
     r"instance normalization\), received groups=0"),
    (lambda: layers.BatchNormalization(axis=[1, 2]), ValueError,
     r'Layer "batch_normalization" expects `axis` to be an int, received axis=\[1, 2\]'),
    (lambda: layers.BatchNormalization(renorm=True, renorm_clipping={"rmaxx": 2}),
     ValueError, r'expects `renorm_clipping` keys among "rmax", "rmin", "dmax"'),
    (lambda: layers.SpectralNormalization(layers.Dense(2), power_iterations=0), ValueError,
     r'Layer "spectral_normalization" expects `power_iterations` to be a positive integer, '
     r"received power_iterations=0"),
    (lambda: layers.SpectralNormalization("dense"), ValueError,
     r"SpectralNormalization expects `layer` to be a ceras Layer, received 'dense' of type "
     r"str"),
    (lambda: layers.UnitNormalization(axis="last"), TypeError,
     r'Layer "unit_normalization" expects `axis` to be an int or a list of ints, received '
     r"axis='last'"),
])
def test_invalid_arguments(make, error, message):
    with pytest.raises(error, match=message):
        make()


@pytest.mark.parametrize("make, shape, message", [
    (lambda: layers.GroupNormalization(groups=3), (2, 4),
     r'Layer "group_normalization" expects the channel count to be a multiple of groups=3 '
     r"\(and at least as large\), received 4 channels in input shape \(2, 4\)"),
    (lambda: layers.GroupNormalization(groups=8), (2, 4), r"received 4 channels"),
    (lambda: layers.BatchNormalization(axis=5), (2, 4),
     r'Layer "batch_normalization" expects `axis` in \[-2, 2\) for inputs of rank 2, '
     r"received axis=5 and input shape \(2, 4\)"),
    (lambda: layers.LayerNormalization(axis=3), (2, 4),
     r'Layer "layer_normalization" expects `axis` to be an int or a list of ints in '
     r"\[-2, 2\), received axis=3 for input shape \(2, 4\)"),
    (lambda: layers.SpectralNormalization(layers.ReLU()), (2, 4),
     r'Layer "spectral_normalization" expects the wrapped layer to have a `kernel` or '
     r'`embeddings` weight, received ReLU "re_lu", which has neither'),
])
def test_invalid_inputs(make, shape, message):
    with pytest.raises(ValueError, match=message):
        make()(np.ones(shape, "float32"))


def test_symbolic_unknown_feature_axis_is_an_error():
    with pytest.raises(ValueError, match=r'Layer "batch_normalization" needs a known size on '
                                         r"axis -1, received input shape \(None, 3, None\)"):
        layers.BatchNormalization()(ceras.Input((3, None)))


@pytest.mark.oracle
@pytest.mark.parametrize("name, kwargs", [
    ("BatchNormalization", {}), ("LayerNormalization", {}),
    ("GroupNormalization", {"groups": 2}), ("RMSNormalization", {}),
])
@pytest.mark.parametrize("dtype", ["mixed_float16", "float64"])
def test_dtype_policies_match_keras(keras_oracle, name, kwargs, dtype, rng):
    ours, _ = assert_matches_keras(keras_oracle, name, dict(kwargs, dtype=dtype), (6, 4), rng,
                                   grad=False, atol=2e-3, rtol=2e-3)
    assert ceras.ops.dtype(ours(np.ones((2, 4), "float32"))) == ours.compute_dtype
