"""Pooling layers: parity with Keras, NumPy references, masks and argument errors."""
import numpy as np
import pytest
from layer_parity import (
    assert_config_matches_keras, assert_config_round_trip, assert_matches_keras,
    assert_symbolic_shape_matches_keras, case_id, to_np,
)

import ceras
from ceras import layers

CASES = [
    ("MaxPooling1D", dict(), (2, 9, 3)),
    ("MaxPooling1D", dict(pool_size=3, strides=2, padding="same"), (2, 9, 3)),
    ("MaxPooling2D", dict(), (2, 6, 7, 3)),
    ("MaxPooling2D", dict(pool_size=2, padding="same", strides=1), (2, 5, 6, 3)),
    ("MaxPooling2D", dict(pool_size=(3, 2), data_format="channels_first"), (2, 3, 7, 6)),
    ("MaxPooling3D", dict(pool_size=2, padding="same"), (2, 3, 5, 4, 2)),
    ("AveragePooling1D", dict(pool_size=2, padding="same"), (2, 9, 3)),
    ("AveragePooling1D", dict(pool_size=3, strides=1, data_format="channels_first"), (2, 3, 9)),
    ("AveragePooling2D", dict(pool_size=3, strides=2, padding="same"), (2, 9, 7, 3)),
    ("AveragePooling2D", dict(pool_size=2, strides=1, padding="same",
                              data_format="channels_first"), (2, 3, 5, 4)),
    ("AveragePooling3D", dict(pool_size=2), (2, 4, 5, 4, 2)),
    ("GlobalMaxPooling1D", dict(), (2, 9, 3)),
    ("GlobalMaxPooling2D", dict(keepdims=True, data_format="channels_first"), (2, 3, 4, 5)),
    ("GlobalMaxPooling3D", dict(), (2, 3, 4, 5, 2)),
    ("GlobalAveragePooling1D", dict(data_format="channels_first"), (2, 3, 9)),
    ("GlobalAveragePooling1D", dict(keepdims=True), (2, 9, 3)),
    ("GlobalAveragePooling2D", dict(keepdims=True), (2, 3, 4, 5)),
    ("GlobalAveragePooling3D", dict(data_format="channels_first"), (2, 3, 4, 5, 2)),
    ("AdaptiveAveragePooling1D", dict(output_size=4), (2, 9, 3)),
    ("AdaptiveAveragePooling2D", dict(output_size=(3, 2), data_format="channels_first"),
     (2, 3, 7, 5)),
    ("AdaptiveAveragePooling3D", dict(output_size=2), (2, 5, 4, 3, 2)),
    ("AdaptiveMaxPooling1D", dict(output_size=4), (2, 9, 3)),
    ("AdaptiveMaxPooling2D", dict(output_size=3), (2, 7, 5, 3)),
    ("AdaptiveMaxPooling3D", dict(output_size=(2, 1, 2), data_format="channels_first"),
     (2, 2, 5, 4, 3)),
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


def _same_average_pool_2d(x, k, s):
    """Reference 'same' average pooling (TF/JAX semantics: the padding is not counted,
    the extra padding goes at the end)."""
    def plan(n):
        out = -(-n // s)
        total = max((out - 1) * s + k - n, 0)
        return total // 2, out

    (top, rows), (left, cols) = plan(x.shape[1]), plan(x.shape[2])
    y = np.zeros((x.shape[0], rows, cols, x.shape[3]), x.dtype)
    for i in range(rows):
        for j in range(cols):
            h0, w0 = i * s - top, j * s - left
            window = x[:, max(h0, 0):h0 + k, max(w0, 0):w0 + k]
            y[:, i, j] = window.mean(axis=(1, 2))
    return y


def test_same_average_pooling_with_uneven_padding_matches_reference(rng):
    # Keras on the torch backend counts part of the padding here (it differs from Keras
    # on JAX/TensorFlow); ceras follows the TF/JAX definition.
    x = rng.normal(size=(2, 8, 7, 3)).astype("float32")
    y = to_np(layers.AveragePooling2D(3, strides=2, padding="same")(x))
    np.testing.assert_allclose(y, _same_average_pool_2d(x, 3, 2), rtol=1e-5, atol=1e-6)


def test_max_pooling_matches_numpy(rng):
    x = rng.normal(size=(2, 6, 4, 3)).astype("float32")
    y = to_np(layers.MaxPooling2D()(x))
    np.testing.assert_allclose(y, x.reshape(2, 3, 2, 2, 2, 3).max(axis=(2, 4)))


def test_global_average_pooling1d_with_mask(rng):
    x = rng.normal(size=(2, 5, 3)).astype("float32")
    mask = np.array([[True, True, False, False, True], [True] * 5])
    layer = layers.GlobalAveragePooling1D()
    y = layer(x, mask=mask)
    expected = [x[0, mask[0]].mean(axis=0), x[1].mean(axis=0)]
    np.testing.assert_allclose(to_np(y), expected, rtol=1e-5)
    assert getattr(y, "_keras_mask", None) is None


@pytest.mark.oracle
def test_global_average_pooling1d_mask_from_embedding_matches_keras(keras_oracle):
    keras = keras_oracle
    ids = np.array([[3, 1, 0, 0], [2, 2, 4, 0]])
    embed_weights = np.random.default_rng(0).normal(size=(5, 3)).astype("float32")
    outputs = []
    for lib in (ceras, keras):
        inputs = lib.Input((4,), dtype="int32")
        x = lib.layers.Embedding(5, 3, mask_zero=True)(inputs)
        x = lib.layers.GlobalAveragePooling1D()(x)
        model = lib.Model(inputs, x)
        model.layers[1].set_weights([embed_weights])
        outputs.append(lib.ops.convert_to_numpy(model(ids)))
    np.testing.assert_allclose(outputs[0], outputs[1], rtol=1e-6)


def test_pooling_larger_than_input():
    with pytest.raises(ValueError, match=r'Layer "max_pooling2d" \(MaxPooling2D\) cannot apply '
                                         r"pool_size=\(3, 3\) with padding=\"valid\": expected "
                                         r"every spatial dim to be at least the pool size, "
                                         r"received input shape \(None, 2, 2, 3\)"):
        layers.MaxPooling2D(3)(ceras.Input((2, 2, 3)))


@pytest.mark.parametrize("make, message", [
    (lambda: layers.MaxPooling2D(padding="full"),
     r"""Layer "max_pooling2d" expects `padding` to be one of 'valid', 'same', received """
     r"padding='full'"),
    (lambda: layers.MaxPooling2D(pool_size=0),
     r"expects `pool_size` to hold positive ints, received pool_size=0"),
    (lambda: layers.AveragePooling1D(2, strides=(1, 2)),
     r"expects `strides` to be an int or a tuple of 1 ints, received strides=\(1, 2\)"),
    (lambda: layers.GlobalMaxPooling2D(data_format="nhwc"),
     r"expects `data_format` to be \"channels_last\" or \"channels_first\""),
    (lambda: layers.AdaptiveAveragePooling2D((2, 2, 2)),
     r"expects `output_size` to be an int or a tuple of 2 ints, received "
     r"output_size=\(2, 2, 2\)"),
])
def test_invalid_arguments(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_wrong_input_rank():
    with pytest.raises(ValueError, match=r'Input 0 of layer "average_pooling2d" is incompatible'
                                         r".*expected ndim=4, found ndim=3"):
        layers.AveragePooling2D(2)(np.zeros((1, 5, 3), "float32"))
    with pytest.raises(ValueError, match=r'Layer "adaptive_max_pooling2d" expects inputs of '
                                         r"rank 4, received shape \(1, 5, 3\)"):
        layers.AdaptiveMaxPooling2D(2)(np.zeros((1, 5, 3), "float32"))


def test_aliases_are_the_same_classes():
    assert layers.MaxPool2D is layers.MaxPooling2D
    assert layers.AvgPool3D is layers.AveragePooling3D
    assert layers.GlobalAvgPool1D is layers.GlobalAveragePooling1D
    assert layers.GlobalMaxPool3D is layers.GlobalMaxPooling3D
