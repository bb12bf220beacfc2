"""ceras.initializers: values (exact or moments against Keras's formulas), seeds,
configs, and parity with keras.initializers."""
import math

import numpy as np
import pytest

import ceras
from ceras import initializers
from ceras.initializers.random_initializers import compute_fans
from ceras.random import SeedGenerator


def _np(x):
    return ceras.ops.convert_to_numpy(x)


# -- exact values -----------------------------------------------------------------

def test_zeros_ones_constant_exact():
    np.testing.assert_array_equal(_np(initializers.Zeros()((2, 3))), np.zeros((2, 3)))
    np.testing.assert_array_equal(_np(initializers.Ones()((2, 3), dtype="int32")),
                                  np.ones((2, 3), "int32"))
    out = initializers.Constant(2.5)((3,), dtype="float64")
    assert ceras.ops.dtype(out) == "float64"
    np.testing.assert_array_equal(_np(out), [2.5, 2.5, 2.5])


def test_constant_broadcasts_lists_and_arrays():
    np.testing.assert_array_equal(_np(initializers.Constant([1.0, 2.0])((3, 2))),
                                  [[1, 2]] * 3)
    np.testing.assert_array_equal(_np(initializers.Constant(np.array([3.0, 4.0]))((2,))),
                                  [3, 4])


def test_identity_with_gain_and_non_square():
    np.testing.assert_array_equal(_np(initializers.Identity(gain=2.0)((2, 3))),
                                  2 * np.eye(2, 3))


def test_identity_rejects_non_2d_shape():
    with pytest.raises(ValueError, match=r"only be used for 2D matrices. "
                                         r"Received: shape=\(2, 3, 4\) of rank 3"):
        initializers.Identity()((2, 3, 4))


# -- random initializers: moments against the formulas ----------------------------

SHAPE = (400, 500)


def test_random_normal_moments():
    x = _np(initializers.RandomNormal(mean=1.0, stddev=0.5, seed=1)(SHAPE))
    np.testing.assert_allclose([x.mean(), x.std()], [1.0, 0.5], atol=0.01)


def test_random_uniform_range_and_moments():
    x = _np(initializers.RandomUniform(-2.0, 4.0, seed=1)(SHAPE))
    assert x.min() >= -2.0 and x.max() < 4.0
    np.testing.assert_allclose([x.mean(), x.var()], [1.0, 3.0], atol=0.03)


def test_truncated_normal_bounds():
    x = _np(initializers.TruncatedNormal(stddev=0.1, seed=1)(SHAPE))
    assert np.abs(x).max() <= 0.2 + 1e-6
    np.testing.assert_allclose(x.std(), 0.1 * 0.87962566, rtol=0.02)


@pytest.mark.parametrize("shape, fans", [
    ((), (1, 1)), ((7,), (7, 7)), ((3, 5), (3, 5)), ((3, 3, 4, 8), (36, 72)),
    ((2, 3, 3, 4, 8), (72, 144)),
])
def test_fans_use_the_receptive_field(shape, fans):
    assert compute_fans(shape) == fans


def test_fans_from_axes_need_both():
    assert compute_fans((3, 4, 50, 60), input_axes=[2], output_axes=[-1, 0]) == (50, 180)
    assert compute_fans((3, 4, 50, 60), input_axes=[0, 1]) == (600, 720)


PRESETS = [  # class, scale, mode, distribution
    (initializers.GlorotUniform, 1.0, "fan_avg", "uniform"),
    (initializers.GlorotNormal, 1.0, "fan_avg", "truncated_normal"),
    (initializers.HeUniform, 2.0, "fan_in", "uniform"),
    (initializers.HeNormal, 2.0, "fan_in", "truncated_normal"),
    (initializers.LecunUniform, 1.0, "fan_in", "uniform"),
    (initializers.LecunNormal, 1.0, "fan_in", "truncated_normal"),
]


@pytest.mark.parametrize("cls, scale, mode, distribution", PRESETS)
def test_presets_have_keras_variance(cls, scale, mode, distribution):
    shape = (3, 3, 40, 60)  # conv kernel: fan_in 360, fan_out 540
    fan = {"fan_in": 360, "fan_out": 540, "fan_avg": 450}[mode]
    x = _np(cls(seed=3)(shape))
    np.testing.assert_allclose(x.var(), scale / fan, rtol=0.04)
    if distribution == "uniform":
        limit = math.sqrt(3 * scale / fan)
        assert np.abs(x).max() <= limit and np.abs(x).max() > 0.99 * limit
    else:
        assert np.abs(x).max() <= 2 * math.sqrt(scale / fan) / 0.87962566 + 1e-6


@pytest.mark.parametrize("mode, fan", [("fan_in", 200), ("fan_out", 300), ("fan_avg", 250)])
def test_variance_scaling_untruncated_normal(mode, fan):
    init = initializers.VarianceScaling(scale=3.0, mode=mode,
                                        distribution="untruncated_normal", seed=4)
    np.testing.assert_allclose(_np(init((200, 300))).var(), 3.0 / fan, rtol=0.03)


def test_orthogonal_is_orthogonal_with_gain():
    tall = _np(initializers.Orthogonal(gain=2.0, seed=1)((6, 4)))
    np.testing.assert_allclose(tall.T @ tall, 4 * np.eye(4), atol=1e-5)
    wide = _np(initializers.Orthogonal(seed=1)((4, 6)))
    np.testing.assert_allclose(wide @ wide.T, np.eye(4), atol=1e-5)
    conv = _np(initializers.Orthogonal(seed=1)((3, 3, 2, 5))).reshape(18, 5)
    np.testing.assert_allclose(conv.T @ conv, np.eye(5), atol=1e-5)


def test_orthogonal_rejects_1d_shape():
    with pytest.raises(ValueError, match=r"at least two-dimensional. Received: shape=\(3,\)"):
        initializers.Orthogonal()((3,))


@pytest.mark.parametrize("cls", [initializers.RandomNormal, initializers.RandomUniform,
                                 initializers.TruncatedNormal, initializers.GlorotUniform,
                                 initializers.HeNormal, initializers.Orthogonal])
def test_seed_semantics(cls):
    # An int seed or None: the same values on every call; a SeedGenerator: new values.
    for init in (cls(seed=5), cls()):
        np.testing.assert_array_equal(_np(init((4, 4))), _np(init((4, 4))))
    np.testing.assert_array_equal(_np(cls(seed=5)((4, 4))), _np(cls(seed=5)((4, 4))))
    assert not np.array_equal(_np(cls()((4, 4))), _np(cls()((4, 4))))
    init = cls(seed=SeedGenerator(5))
    assert not np.array_equal(_np(init((4, 4))), _np(init((4, 4))))


@pytest.mark.parametrize("dtype", ["float16", "float64"])
def test_dtype_is_respected(dtype):
    for init in (initializers.GlorotUniform(seed=0), initializers.Zeros(),
                 initializers.Orthogonal(seed=0) if dtype == "float64" else None):
        if init is not None:
            assert ceras.ops.dtype(init((3, 3), dtype=dtype)) == dtype


def test_random_initializer_rejects_int_dtype():
    with pytest.raises(ValueError, match="requires a floating point `dtype`"):
        initializers.RandomNormal()((2,), dtype="int32")


# -- STFT -------------------------------------------------------------------------

def test_stft_real_rectangular_is_the_dft_matrix():
    x = _np(initializers.STFT("real", window=None)((8, 1, 5)))[:, 0, :]
    t, k = np.arange(8)[:, None], np.arange(5)[None, :]
    np.testing.assert_allclose(x, np.cos(2 * np.pi * t * k / 8), atol=1e-6)
    x = _np(initializers.STFT("imag", window=None)((8, 1, 5)))[:, 0, :]
    np.testing.assert_allclose(x, -np.sin(2 * np.pi * t * k / 8), atol=1e-6)


def test_stft_window_array_and_length_check():
    window = np.linspace(0.1, 1.0, 8)
    x = _np(initializers.STFT(window=window, scaling="spectrum")((8, 1, 5)))
    np.testing.assert_allclose(x[:, 0, 0], window / window.sum(), rtol=1e-6)
    with pytest.raises(ValueError, match=r"`window` must be \(8,\)"):
        initializers.STFT(window=np.ones(4))((8, 1, 5))


def test_stft_argument_errors():
    with pytest.raises(ValueError, match="`side` must be 'real' or 'imag'. Received: side='x'"):
        initializers.STFT(side="x")
    with pytest.raises(ValueError, match="`scaling` must be None, 'density' or 'spectrum'"):
        initializers.STFT(scaling="x")


@pytest.mark.oracle
@pytest.mark.parametrize("side", ["real", "imag"])
@pytest.mark.parametrize("window, scaling, periodic", [
    ("hann", "density", False), ("hann", "spectrum", True), ("hamming", None, False),
    ("blackman", "density", True), (None, "density", False),
])
def test_stft_matches_keras(keras_oracle, side, window, scaling, periodic):
    ours = _np(initializers.STFT(side, window, scaling, periodic)((16, 1, 9)))
    theirs = np.asarray(keras_oracle.initializers.STFT(side, window, scaling, periodic)(
        (16, 1, 9)))
    # Keras computes the angles in float32; ours are float64, then rounded.
    np.testing.assert_allclose(ours, theirs, atol=1e-5)


# -- validation -------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, message", [
    ({"scale": 0}, "Argument `scale` must be positive float. Received: scale=0"),
    ({"mode": "x"}, "Invalid `mode` argument: x"),
    ({"distribution": "x"}, "Invalid `distribution` argument: x"),
    ({"seed": "a"}, "`seed` argument should be an instance of"),
])
def test_variance_scaling_validation(kwargs, message):
    with pytest.raises(ValueError, match=message):
        initializers.VarianceScaling(**kwargs)


def test_variance_scaling_accepts_legacy_normal_name():
    init = initializers.VarianceScaling(distribution="Normal")
    assert init.distribution == "truncated_normal"
