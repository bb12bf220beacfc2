"""Activation layers (ReLU, LeakyReLU, PReLU, ELU, Softmax): parity with Keras including
input gradients, masks, NumPy references and argument errors."""
import numpy as np
import pytest
from layer_parity import (
    assert_config_matches_keras, assert_config_round_trip, assert_matches_keras,
    assert_symbolic_shape_matches_keras, case_id, to_np,
)

import ceras
from ceras import layers

CASES = [
    ("ReLU", dict(), (3, 5)),
    ("ReLU", dict(max_value=0.5, negative_slope=0.1, threshold=0.2), (3, 5)),
    ("ReLU", dict(max_value=6.0), (3, 4, 5)),
    ("LeakyReLU", dict(), (3, 5)),
    ("LeakyReLU", dict(negative_slope=0.05), (3, 5)),
    ("PReLU", dict(), (3, 4, 5)),
    ("PReLU", dict(shared_axes=[1, 2]), (3, 4, 5, 2)),
    ("PReLU", dict(shared_axes=1, alpha_initializer="ones"), (3, 4, 5)),
    ("ELU", dict(), (3, 5)),
    ("ELU", dict(alpha=0.5), (3, 5)),
    ("Softmax", dict(), (3, 5)),
    ("Softmax", dict(axis=(1, 2)), (3, 4, 5)),
    ("Softmax", dict(axis=1), (3, 4, 5)),
]
PARAMS = [pytest.param(*c, id=case_id(c)) for c in CASES]


@pytest.mark.oracle
@pytest.mark.parametrize("name, kwargs, shape", PARAMS)
def test_matches_keras(keras_oracle, name, kwargs, shape, rng):
    assert_matches_keras(keras_oracle, name, kwargs, shape, rng)


@pytest.mark.oracle
@pytest.mark.parametrize("name, kwargs, shape", PARAMS)
def test_config_and_symbolic_shape_match_keras(keras_oracle, name, kwargs, shape):
    assert_config_matches_keras(keras_oracle, name, kwargs)
    assert_symbolic_shape_matches_keras(keras_oracle, name, kwargs, shape)


@pytest.mark.parametrize("name, kwargs, shape", PARAMS)
def test_config_round_trip(name, kwargs, shape):
    assert_config_round_trip(name, kwargs)


@pytest.mark.oracle
def test_masked_softmax_matches_keras(keras_oracle, rng):
    x = rng.normal(size=(2, 3, 4)).astype("float32")
    mask = rng.random((2, 3, 4)) > 0.3
    mask[0, 0] = False  # a fully masked row gives zeros
    y_ours = to_np(layers.Softmax()(x, mask=mask))
    y_theirs = keras_oracle.ops.convert_to_numpy(keras_oracle.layers.Softmax()(x, mask=mask))
    np.testing.assert_allclose(y_ours, y_theirs, rtol=1e-6, atol=1e-7)
    np.testing.assert_array_equal(y_ours[0, 0], 0.0)


def test_activation_layers_match_numpy():
    x = np.array([[-2.0, -0.5, 0.0, 0.3, 1.0, 7.0]], "float32")
    np.testing.assert_allclose(to_np(layers.ReLU()(x)), np.maximum(x, 0))
    np.testing.assert_allclose(to_np(layers.ReLU(max_value=6.0)(x)), np.clip(x, 0, 6))
    np.testing.assert_allclose(to_np(layers.LeakyReLU(0.1)(x)), np.where(x > 0, x, 0.1 * x),
                               rtol=1e-6)
    np.testing.assert_allclose(to_np(layers.ELU(0.5)(x)),
                               np.where(x > 0, x, 0.5 * (np.exp(x) - 1)), rtol=1e-6)
    e = np.exp(x - x.max())
    np.testing.assert_allclose(to_np(layers.Softmax()(x)), e / e.sum(), rtol=1e-6)


def test_prelu_alpha_shapes():
    layer = layers.PReLU(shared_axes=[1, 2])
    layer.build((None, 4, 5, 3))
    assert layer.alpha.shape == (1, 1, 3)
    layer = layers.PReLU()
    layer.build((None, 4, 5))
    assert layer.alpha.shape == (4, 5)


def test_activation_layers_pass_masks_through(rng):
    x = ceras.ops.convert_to_tensor(rng.normal(size=(2, 3, 4)).astype("float32"))
    mask = np.array([[True, False, True], [True, True, False]])
    x._keras_mask = ceras.ops.convert_to_tensor(mask)
    for layer in (layers.ReLU(), layers.LeakyReLU(), layers.PReLU(), layers.ELU()):
        np.testing.assert_array_equal(to_np(layer(x)._keras_mask), mask)


def test_leaky_relu_accepts_keras2_alpha():
    with pytest.warns(UserWarning, match="`alpha` of LeakyReLU is deprecated"):
        layer = layers.LeakyReLU(alpha=0.2)
    assert layer.get_config()["negative_slope"] == 0.2


@pytest.mark.parametrize("make, message", [
    (lambda: layers.ReLU(max_value=-1),
     r'Layer "re_lu" expects `max_value` to be None or non-negative, received max_value=-1'),
    (lambda: layers.ReLU(negative_slope=-1),
     r'Layer "re_lu" expects `negative_slope` to be a non-negative float, received '
     r"negative_slope=-1"),
    (lambda: layers.ReLU(threshold=None),
     r"expects `threshold` to be a non-negative float, received threshold=None"),
    (lambda: layers.LeakyReLU(negative_slope=-0.1),
     r'Layer "leaky_re_lu" expects `negative_slope` to be a non-negative float, received '
     r"negative_slope=-0.1"),
])
def test_invalid_arguments(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_invalid_inputs():
    with pytest.raises(ValueError, match=r'Layer "p_re_lu" expects `shared_axes` among the '
                                         r"non-batch axes 1..2, received shared_axes=\[3\]"):
        layers.PReLU(shared_axes=3)(np.ones((2, 3, 4), "float32"))
    with pytest.raises(ValueError, match=r'Layer "softmax" expects a mask broadcastable to the '
                                         r"input \(same rank, each dim 1 or equal\), received "
                                         r"input shape \(1, 2, 3\) and mask shape \(1, 2\)"):
        layers.Softmax()(np.ones((1, 2, 3), "float32"), mask=np.ones((1, 2), bool))
