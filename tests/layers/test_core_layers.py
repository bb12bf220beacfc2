"""Core layers against NumPy math and against real Keras (weights copied across)."""
import numpy as np
import pytest

import ceras
from ceras import layers, ops


def _np(x):
    return ops.convert_to_numpy(x)


def test_dense_matches_numpy(rng):
    layer = layers.Dense(5, activation="tanh")
    x = rng.normal(size=(3, 4)).astype("float32")
    y = _np(layer(x))
    k, b = layer.get_weights()
    np.testing.assert_allclose(y, np.tanh(x @ k + b), rtol=1e-5, atol=1e-6)
    assert layer.kernel.path == "dense/kernel"


def test_dense_on_3d_input(rng):
    layer = layers.Dense(2, use_bias=False)
    x = rng.normal(size=(2, 3, 4)).astype("float32")
    np.testing.assert_allclose(_np(layer(x)), x @ layer.kernel.numpy(), rtol=1e-5)


def test_dense_rejects_bad_units_and_wrong_last_axis():
    with pytest.raises(ValueError, match=r'Layer "dense" expects units to be a positive integer, '
                                         r"received units=0"):
        layers.Dense(0)
    layer = layers.Dense(2)
    layer(np.ones((1, 3), "float32"))
    with pytest.raises(ValueError, match=r'Input 0 of layer "dense_1" is incompatible.*'
                                         r"expected axis -1 of input shape to have value 3"):
        layer(np.ones((1, 4), "float32"))


def test_unknown_activation_name_raises():
    with pytest.raises(ValueError, match="nonexistent"):
        layers.Dense(2, activation="nonexistent")


def test_auto_names_are_unique():
    names = [layers.Dense(1).name for _ in range(3)]
    assert names == ["dense", "dense_1", "dense_2"]


def test_embedding_lookup_and_mask():
    layer = layers.Embedding(10, 3, mask_zero=True)
    idx = np.array([[1, 0, 4]])
    y = layer(idx)
    np.testing.assert_allclose(_np(y), layer.embeddings.numpy()[idx], rtol=1e-6)
    np.testing.assert_array_equal(_np(y._keras_mask), [[True, False, True]])


def test_dropout_training_vs_inference():
    layer = layers.Dropout(0.5, seed=1)
    x = np.ones((200, 50), "float32")
    np.testing.assert_array_equal(_np(layer(x)), x)
    y = _np(layer(x, training=True))
    assert set(np.unique(y)) <= {0.0, 2.0}
    assert 0.4 < (y == 0).mean() < 0.6


def test_flatten_reshape_identity_activation(rng):
    x = rng.normal(size=(2, 3, 4)).astype("float32")
    np.testing.assert_allclose(_np(layers.Flatten()(x)), x.reshape(2, 12))
    np.testing.assert_allclose(_np(layers.Reshape((4, 3))(x)), x.reshape(2, 4, 3))
    np.testing.assert_allclose(_np(layers.Reshape((-1, 2))(x)), x.reshape(2, 6, 2))
    np.testing.assert_allclose(_np(layers.Identity()(x)), x)
    np.testing.assert_allclose(_np(layers.Activation("relu")(x)), np.maximum(x, 0))


def test_reshape_error_names_layer_and_sizes():
    with pytest.raises(ValueError, match=r'Layer "reshape" cannot reshape input of shape '
                                         r"\(None, 12\) to target_shape=\(5,\)"):
        layers.Reshape((5,))(ceras.Input((12,)))


def test_lambda_and_merges(rng):
    a = rng.normal(size=(2, 3)).astype("float32")
    b = rng.normal(size=(2, 3)).astype("float32")
    np.testing.assert_allclose(_np(layers.Lambda(lambda t: t * 2)(a)), a * 2, rtol=1e-6)
    np.testing.assert_allclose(_np(layers.Add()([a, b])), a + b, rtol=1e-6)
    np.testing.assert_allclose(_np(layers.Concatenate(axis=0)([a, b])),
                               np.concatenate([a, b], 0))


def test_concatenate_mismatched_shapes_error():
    with pytest.raises(ValueError, match=r'Layer "concatenate" \(Concatenate\) requires inputs '
                                         r"with matching shapes"):
        layers.Concatenate()([ceras.Input((2, 3)), ceras.Input((4, 3))])


def test_merge_needs_two_inputs():
    with pytest.raises(ValueError, match=r"should be called on a list of at least 2 inputs; "
                                         r"received 1"):
        layers.Add()([np.ones((1, 2), "float32")])


def test_layer_losses_from_regularizers():
    layer = layers.Dense(2, kernel_regularizer=ceras.regularizers.L2(0.1),
                         activity_regularizer="l1")
    x = np.ones((1, 3), "float32")
    y = layer(x)
    losses = [float(_np(l)) for l in layer.losses]
    assert len(losses) == 2
    k = layer.kernel.numpy()
    assert sorted(losses) == pytest.approx(sorted([0.01 * np.abs(_np(y)).sum(),
                                                   0.1 * (k ** 2).sum()]), rel=1e-5)


# -- oracle parity ----------------------------------------------------------

CASES = [
    ("Dense", dict(units=4, activation="relu"), (3, 5), "float32"),
    ("Dense", dict(units=2, use_bias=False, activation="softmax"), (2, 3, 5), "float32"),
    ("Embedding", dict(input_dim=7, output_dim=3), (2, 4), "int32"),
    ("Flatten", dict(), (2, 3, 4), "float32"),
    ("Reshape", dict(target_shape=(6, 2)), (2, 3, 4), "float32"),
    ("Activation", dict(activation="gelu"), (2, 5), "float32"),
    ("Identity", dict(), (2, 5), "float32"),
    ("Dropout", dict(rate=0.3), (2, 5), "float32"),
]


@pytest.mark.oracle
@pytest.mark.parametrize("cls, kwargs, shape, dtype", CASES)
def test_layer_matches_keras(keras_oracle, cls, kwargs, shape, dtype, rng):
    keras = keras_oracle
    if dtype == "int32":
        x = rng.integers(0, 7, size=shape).astype(dtype)
    else:
        x = rng.normal(size=shape).astype(dtype)
    ours = getattr(layers, cls)(**kwargs)
    theirs = getattr(keras.layers, cls)(**kwargs)
    ours(x)
    theirs(x)
    theirs.set_weights(ours.get_weights())
    np.testing.assert_allclose(_np(ours(x)), keras.ops.convert_to_numpy(theirs(x)),
                               atol=1e-6, rtol=1e-6)
    ours_config = ours.get_config()
    theirs_config = theirs.get_config()
    ours_config.pop("name"), theirs_config.pop("name")
    assert ours_config == theirs_config


@pytest.mark.oracle
def test_merge_layers_match_keras(keras_oracle, rng):
    keras = keras_oracle
    a = rng.normal(size=(2, 3)).astype("float32")
    b = rng.normal(size=(2, 3)).astype("float32")
    for cls, kwargs in (("Add", {}), ("Concatenate", {"axis": 1})):
        ours = getattr(layers, cls)(**kwargs)([a, b])
        theirs = getattr(keras.layers, cls)(**kwargs)([a, b])
        np.testing.assert_allclose(_np(ours), keras.ops.convert_to_numpy(theirs), rtol=1e-6)


@pytest.mark.oracle
def test_input_layer_config_matches_keras(keras_oracle):
    keras = keras_oracle
    ours = ceras.Input((3, 4), name="x")._keras_history.operation.get_config()
    theirs = keras.Input((3, 4), name="x")._keras_history[0].get_config()
    assert ours == theirs


def test_get_config_round_trip():
    for layer in (layers.Dense(3, activation="relu"), layers.Embedding(5, 2, mask_zero=True),
                  layers.Dropout(0.2, seed=3), layers.Reshape((2, 2)), layers.Flatten(),
                  layers.Concatenate(axis=1), layers.Add(), layers.Identity(),
                  layers.Activation("tanh")):
        config = layer.get_config()
        clone = type(layer).from_config(config)
        assert clone.get_config() == config
