"""Reshaping layers (Permute, RepeatVector, Cropping, ZeroPadding, UpSampling): parity
with Keras, NumPy references and argument errors."""
import numpy as np
import pytest
from layer_parity import (
    assert_config_matches_keras, assert_config_round_trip, assert_matches_keras,
    assert_symbolic_shape_matches_keras, case_id, to_np,
)

import ceras
from ceras import layers

CASES = [
    ("Permute", dict(dims=(2, 1)), (2, 3, 4)),
    ("Permute", dict(dims=(3, 1, 2)), (2, 3, 4, 5)),
    ("RepeatVector", dict(n=3), (2, 4)),
    ("Cropping1D", dict(), (2, 6, 3)),
    ("Cropping1D", dict(cropping=(1, 2)), (2, 6, 3)),
    ("Cropping1D", dict(cropping=2), (2, 6, 3)),
    ("Cropping2D", dict(cropping=((1, 0), (2, 1))), (2, 5, 6, 3)),
    ("Cropping2D", dict(cropping=1, data_format="channels_first"), (2, 3, 5, 6)),
    ("Cropping2D", dict(cropping=(2, 1)), (2, 5, 6, 3)),
    ("Cropping3D", dict(), (2, 4, 5, 3, 2)),
    ("Cropping3D", dict(cropping=(1, 0, 2), data_format="channels_first"), (2, 2, 4, 5, 6)),
    ("ZeroPadding1D", dict(), (2, 4, 3)),
    ("ZeroPadding1D", dict(padding=(1, 2)), (2, 4, 3)),
    ("ZeroPadding1D", dict(padding=2, data_format="channels_first"), (2, 3, 4)),
    ("ZeroPadding2D", dict(padding=((1, 0), (2, 1))), (2, 3, 4, 3)),
    ("ZeroPadding2D", dict(padding=(1, 2), data_format="channels_first"), (2, 3, 3, 4)),
    ("ZeroPadding3D", dict(padding=1), (2, 2, 3, 2, 2)),
    ("ZeroPadding3D", dict(padding=((0, 1), 2, (1, 0)), data_format="channels_first"),
     (2, 2, 3, 2, 2)),
    ("UpSampling1D", dict(size=3), (2, 4, 3)),
    ("UpSampling2D", dict(size=(2, 3)), (2, 3, 4, 2)),
    ("UpSampling2D", dict(size=2, data_format="channels_first"), (2, 2, 3, 4)),
    ("UpSampling2D", dict(size=2, interpolation="bilinear"), (2, 3, 4, 2)),
    ("UpSampling2D", dict(size=(2, 3), interpolation="bicubic", data_format="channels_first"),
     (2, 2, 3, 4)),
    ("UpSampling3D", dict(size=(1, 2, 3)), (2, 2, 3, 2, 2)),
    ("UpSampling3D", dict(data_format="channels_first"), (2, 2, 3, 2, 2)),
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


def test_reshaping_layers_match_numpy(rng):
    x = rng.normal(size=(2, 3, 4, 5)).astype("float32")
    np.testing.assert_array_equal(to_np(layers.Permute((3, 1, 2))(x)), x.transpose(0, 3, 1, 2))
    np.testing.assert_array_equal(to_np(layers.Cropping2D(((1, 0), (1, 2)))(x)),
                                  x[:, 1:, 1:2])
    np.testing.assert_array_equal(to_np(layers.ZeroPadding2D(((1, 0), (0, 2)))(x)),
                                  np.pad(x, ((0, 0), (1, 0), (0, 2), (0, 0))))
    np.testing.assert_array_equal(to_np(layers.UpSampling2D((2, 1))(x)), x.repeat(2, axis=1))
    v = rng.normal(size=(2, 5)).astype("float32")
    np.testing.assert_array_equal(to_np(layers.RepeatVector(3)(v)),
                                  np.repeat(v[:, None], 3, axis=1))


def test_unknown_dims_stay_unknown():
    assert layers.UpSampling1D(2)(ceras.Input((None, 3))).shape == (None, None, 3)
    assert layers.Cropping1D(1)(ceras.Input((None, 3))).shape == (None, None, 3)
    assert layers.ZeroPadding2D(1)(ceras.Input((None, 4, 3))).shape == (None, None, 6, 3)
    assert layers.Permute((2, 1))(ceras.Input((None, 3))).shape == (None, 3, None)


def test_cropping_larger_than_input():
    message = (r'Layer "cropping1d" cannot apply cropping=\(3, 3\) to input of shape '
               r"\(None, 5, 2\): expected each cropped dim to be longer than its total cropping")
    with pytest.raises(ValueError, match=message):
        layers.Cropping1D((3, 3))(ceras.Input((5, 2)))
    with pytest.raises(ValueError, match=r"to input of shape \(1, 5, 2\)"):
        layers.Cropping1D((3, 3))(np.ones((1, 5, 2), "float32"))


@pytest.mark.parametrize("make, error, message", [
    (lambda: layers.Permute((1, 3)), ValueError,
     r'Layer "permute" expects `dims` to be a permutation of 1..2 \(the non-batch axes, '
     r"1-based\), received dims=\(1, 3\)"),
    (lambda: layers.RepeatVector(0), ValueError,
     r'Layer "repeat_vector" expects `n` > 0, received n=0'),
    (lambda: layers.RepeatVector(2.5), TypeError,
     r'Layer "repeat_vector" expects `n` to be an integer, received n=2.5 of type float'),
    (lambda: layers.Cropping1D((-1, 3)), ValueError,
     r'Layer "cropping1d" expects `cropping` to be a non-negative int, a tuple of 1 ints or '
     r"a tuple of 1 \(before, after\) pairs, received cropping=\(\(-1, 3\),\)"),
    (lambda: layers.ZeroPadding2D((1, 2, 3)), ValueError,
     r'Layer "zero_padding2d" expects `padding` to be a non-negative int, a tuple of 2 ints '
     r"or a tuple of 2 \(before, after\) pairs, received padding=\(1, 2, 3\)"),
    (lambda: layers.UpSampling2D(interpolation="linear"), ValueError,
     r'Layer "up_sampling2d" expects `interpolation` to be one of \(\'nearest\', '
     r"'bilinear', 'bicubic', 'lanczos3', 'lanczos5'\), received interpolation='linear'"),
    (lambda: layers.UpSampling1D(0), ValueError,
     r'Layer "up_sampling1d" expects `size` to be a positive integer, received size=0'),
    (lambda: layers.UpSampling3D((1, 2)), ValueError,
     r'Layer "up_sampling3d" expects `size` to be an int or a tuple of 3 ints, received '
     r"size=\(1, 2\)"),
])
def test_invalid_arguments(make, error, message):
    with pytest.raises(error, match=message):
        make()


def test_wrong_input_rank():
    with pytest.raises(ValueError, match=r'Input 0 of layer "repeat_vector" is incompatible.*'
                                         r"expected ndim=2, found ndim=3"):
        layers.RepeatVector(2)(np.ones((1, 2, 3), "float32"))
