"""ceras.random: distributions (moments against their formulas), seeds, errors."""
import inspect
import math

import numpy as np
import pytest
import torch

import ceras
from ceras import random
from ceras.random.seeding import set_random_seed
from backend_testing import requires_torch

N = 200_000  # samples for moment checks: standard error of a mean ~ 0.002 * stddev


def _np(x):
    return ceras.ops.convert_to_numpy(x)


def test_normal_moments_and_dtype():
    x = _np(random.normal((N,), mean=2.0, stddev=3.0, seed=1))
    assert x.dtype == np.float32
    np.testing.assert_allclose([x.mean(), x.std()], [2.0, 3.0], atol=0.03)


def test_normal_tensor_mean_and_stddev_broadcast():
    x = _np(random.normal((N, 2), mean=np.array([0.0, 10.0]), stddev=np.array([1.0, 2.0]),
                          seed=1))
    np.testing.assert_allclose(x.mean(axis=0), [0.0, 10.0], atol=0.03)
    np.testing.assert_allclose(x.std(axis=0), [1.0, 2.0], atol=0.03)


def test_uniform_range_and_moments():
    x = _np(random.uniform((N,), minval=-1.0, maxval=3.0, seed=2))
    assert x.min() >= -1.0 and x.max() < 3.0
    np.testing.assert_allclose([x.mean(), x.var()], [1.0, 16.0 / 12.0], atol=0.02)


def test_uniform_equal_bounds_is_constant():
    np.testing.assert_array_equal(_np(random.uniform((3,), minval=1.0, maxval=1.0)), 1.0)


def test_truncated_normal_bounds_and_variance():
    x = _np(random.truncated_normal((N,), mean=1.0, stddev=2.0, seed=3))
    assert np.all(np.abs(x - 1.0) <= 4.0 + 1e-5)
    # Variance of a unit normal truncated at +-2: 1 - 2 * 2 * phi(2) / (2 * Phi(2) - 1).
    phi2 = math.exp(-2.0) / math.sqrt(2 * math.pi)
    truncated_var = 1 - 4 * phi2 / math.erf(2 / math.sqrt(2))
    np.testing.assert_allclose([x.mean(), x.var()], [1.0, 4.0 * truncated_var], atol=0.03)


@pytest.mark.parametrize("dtype", ["float16", "bfloat16", "float64"])
def test_float_dtypes(dtype):
    for fn in (random.normal, random.uniform, random.truncated_normal):
        out = fn((4, 3), dtype=dtype, seed=0)
        assert ceras.ops.dtype(out) == dtype and tuple(out.shape) == (4, 3)


def test_default_dtype_follows_floatx():
    ceras.backend.set_floatx("float64")
    try:
        assert ceras.ops.dtype(random.normal((2,), seed=0)) == "float64"
    finally:
        ceras.backend.set_floatx("float32")


@pytest.mark.parametrize("fn", ["normal", "uniform", "truncated_normal"])
def test_int_dtype_is_rejected(fn):
    with pytest.raises(ValueError, match=f"`keras.random.{fn}` requires a floating point"):
        getattr(random, fn)((2,), dtype="int32")


def test_randint_range_dtype_and_counts():
    x = _np(random.randint((N,), 3, 7, seed=4))
    assert x.dtype == np.int32 and x.min() == 3 and x.max() == 6
    np.testing.assert_allclose(np.bincount(x)[3:] / N, 0.25, atol=0.01)
    assert _np(random.randint((2,), 0, 5, dtype="int64")).dtype == np.int64


def test_randint_float_dtype_is_rejected():
    with pytest.raises(ValueError, match="requires an integer `dtype`. Received: dtype=float32"):
        random.randint((2,), 0, 3, dtype="float32")


def test_categorical_matches_softmax_probabilities():
    logits = np.log(np.array([[0.1, 0.2, 0.7], [0.5, 0.5, 1.0]], "float32"))
    logits[1, 2] = -np.inf
    x = _np(random.categorical(logits, 50_000, seed=5))
    assert x.shape == (2, 50_000) and x.dtype == np.int32
    np.testing.assert_allclose(np.bincount(x[0], minlength=3) / 50_000, [0.1, 0.2, 0.7],
                               atol=0.01)
    np.testing.assert_allclose(np.bincount(x[1], minlength=3) / 50_000, [0.5, 0.5, 0.0],
                               atol=0.01)


def test_categorical_requires_2d_logits():
    with pytest.raises(ValueError, match="`logits` should be a 2-D tensor"):
        random.categorical(np.zeros(5), 3)


def test_shuffle_permutes_along_axis():
    x = np.arange(24).reshape(4, 6)
    out = _np(random.shuffle(x, axis=1, seed=6))
    np.testing.assert_array_equal(np.sort(out, axis=1), x)
    np.testing.assert_array_equal(out - out[:1], x - x[:1])  # one permutation for all rows
    assert not np.array_equal(out, x)
    rows = _np(random.shuffle(x, seed=6))
    np.testing.assert_array_equal(np.sort(rows[:, 0]), x[:, 0])
    np.testing.assert_array_equal(rows - rows[:, :1], x - x[:, :1])  # whole rows move


def test_gamma_moments():
    x = _np(random.gamma((N,), alpha=3.0, seed=7))
    np.testing.assert_allclose([x.mean(), x.var()], [3.0, 3.0], rtol=0.03)


def test_binomial_moments_and_int_dtype():
    x = _np(random.binomial((N,), counts=10, probabilities=0.3, seed=8))
    assert x.dtype == np.float32
    np.testing.assert_allclose([x.mean(), x.var()], [3.0, 2.1], rtol=0.03)
    assert _np(random.binomial((3,), 5, 0.5, dtype="int32", seed=8)).dtype == np.int32


def test_beta_moments():
    a, b = 2.0, 3.0
    x = _np(random.beta((N,), a, b, seed=9))
    assert x.min() >= 0.0 and x.max() <= 1.0
    var = a * b / ((a + b) ** 2 * (a + b + 1))
    np.testing.assert_allclose([x.mean(), x.var()], [a / (a + b), var], rtol=0.03)


def test_int_seed_is_deterministic():
    for fn in (random.normal, random.uniform, random.truncated_normal):
        np.testing.assert_array_equal(_np(fn((5,), seed=11)), _np(fn((5,), seed=11)))
        assert not np.array_equal(_np(fn((5,), seed=11)), _np(fn((5,), seed=12)))


def test_unseeded_calls_differ():
    assert not np.array_equal(_np(random.normal((5,))), _np(random.normal((5,))))


def test_set_random_seed_makes_unseeded_calls_reproducible():
    set_random_seed(123)
    first = [_np(random.normal((4,))), _np(random.uniform((4,)))]
    set_random_seed(123)
    second = [_np(random.normal((4,))), _np(random.uniform((4,)))]
    for a, b in zip(first, second):
        np.testing.assert_array_equal(a, b)
    set_random_seed(124)
    assert not np.array_equal(_np(random.normal((4,))), first[0])


@requires_torch
def test_set_random_seed_seeds_python_numpy_and_torch():
    import random as py_random

    set_random_seed(5)
    values = (py_random.random(), np.random.rand(), torch.rand(1).item())
    set_random_seed(5)
    assert values == (py_random.random(), np.random.rand(), torch.rand(1).item())


def test_set_random_seed_is_public_in_utils():
    import ceras.utils

    assert ceras.utils.set_random_seed is set_random_seed


def test_set_random_seed_rejects_non_int():
    with pytest.raises(ValueError, match="Expected `seed` argument to be an integer. "
                                         "Received: seed=1.5"):
        set_random_seed(1.5)


def test_invalid_seed_is_rejected():
    with pytest.raises(ValueError, match="must be either an integer or an instance of "
                                         "`SeedGenerator`. Received: seed='x'"):
        random.normal((2,), seed="x")


def test_dropout_zeroes_rate_and_scales_the_rest():
    x = np.ones((N,), "float32")
    out = _np(random.dropout(x, 0.3, seed=1))
    kept = out != 0
    np.testing.assert_allclose(1 - kept.mean(), 0.3, atol=0.01)
    np.testing.assert_allclose(out[kept], 1 / 0.7, rtol=1e-6)


def test_dropout_noise_shape_broadcasts_with_none():
    x = np.ones((8, 500), "float32")
    out = _np(random.dropout(x, 0.5, noise_shape=(None, 1), seed=2))
    assert out.shape == (8, 500)
    for row in out:  # each row entirely kept or entirely dropped
        assert np.all(row == row[0])
    out = _np(random.dropout(x, 0.5, noise_shape=(1, 500), seed=2))
    np.testing.assert_array_equal(out, np.broadcast_to(out[:1], out.shape))


def test_dropout_rate_zero_and_one():
    x = np.arange(6, dtype="float32")
    np.testing.assert_array_equal(_np(random.dropout(x, 0.0)), x)
    np.testing.assert_array_equal(_np(random.dropout(x, 1.0)), 0.0)


@requires_torch
def test_dropout_gradient_is_the_mask():
    x = torch.ones(1000, requires_grad=True)
    out = random.dropout(x, 0.5, seed=3)
    out.sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), out.detach().numpy())


def test_dropout_errors():
    with pytest.raises(ValueError, match=r"expects 0 <= rate <= 1. Received: rate=1.5"):
        random.dropout(np.ones(3, "float32"), 1.5)
    with pytest.raises(ValueError, match="expects floating point `inputs`. "
                                         "Received: inputs.dtype=int32"):
        random.dropout(np.ones(3, "int32"), 0.5)


def test_dropout_in_symbolic_scope_does_not_advance_generator():
    gen = random.SeedGenerator(1)
    spec = ceras.backend.compute_output_spec(
        lambda t: random.dropout(t, 0.5, seed=gen), ceras.backend.KerasTensor((None, 4)))
    assert spec.shape == (None, 4)
    np.testing.assert_array_equal(gen.state.numpy(), [1, 0])


@pytest.mark.oracle
def test_signatures_match_keras(keras_oracle):
    names = ["beta", "binomial", "categorical", "dropout", "gamma", "normal", "randint",
             "shuffle", "truncated_normal", "uniform"]
    assert sorted(n for n in dir(keras_oracle.random) if not n.startswith("_")) == sorted(
        names + ["SeedGenerator"])
    for name in names:
        assert inspect.signature(getattr(random, name)) == inspect.signature(
            getattr(keras_oracle.random, name)), name
