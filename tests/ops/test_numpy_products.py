"""Products and contractions of keras.ops.numpy (matmul, dot, einsum, ...) against Keras."""
import numpy as np
import pytest
import torch
from backend_testing import dtype_name, to_torch

from ceras import ops


def make(dtype, shape, seed=0):
    rng = np.random.default_rng(seed)
    values = rng.uniform(0 if dtype.startswith("uint") else -3, 3, size=shape)
    if dtype == "bool":
        return torch.from_numpy(values > 1)
    if not dtype.startswith(("float", "bfloat")):
        values = np.round(values)
    return torch.from_numpy(values).to(getattr(torch, dtype))


def assert_same(got, want):
    if isinstance(want, (tuple, list)):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            assert_same(g, w)
        return
    want = torch.as_tensor(want)
    got = to_torch(got)
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    assert tuple(got.shape) == tuple(want.shape), (got.shape, want.shape)
    tol = {torch.float16: 1e-2, torch.bfloat16: 5e-2, torch.float32: 1e-5}.get(want.dtype, 1e-9)
    np.testing.assert_allclose(got.to(torch.float64).numpy(), want.to(torch.float64).numpy(),
                               rtol=tol, atol=tol)


def oracle_check(keras, name, *args, **kwargs):
    try:
        want = getattr(keras.ops, name)(*args, **kwargs)
    except Exception:  # noqa: BLE001 - Keras refuses this input: nothing to compare
        return
    assert_same(getattr(ops, name)(*args, **kwargs), want)


PAIRS = [("float32", "float32"), ("int32", "int32"), ("int8", "int8"), ("int8", "uint8"),
         ("int64", "int64"), ("float64", "float64"), ("float16", "float16"),
         ("bfloat16", "float32"), ("bool", "bool"), ("int32", "float16")]
SHAPES = {
    "matmul": [((2, 3), (3, 4)), ((2, 2, 3), (3,)), ((3,), (3,)), ((5, 2, 3), (1, 3, 2))],
    "dot": [((2, 3), (3, 4)), ((2, 3, 4), (4,)), ((3,), (3,)), ((2, 3, 4), (5, 4, 2))],
    "tensordot": [((2, 3, 4), (3, 4, 5)), ((2, 3), (3, 2))],
    "inner": [((2, 3), (4, 3)), ((3,), (3,))],
    "outer": [((2,), (3,)), ((2, 2), (3,))],
    "vdot": [((2, 3), (2, 3))],
    "kron": [((2, 2), (2, 3))],
    "cross": [((4, 3), (4, 3)), ((3,), (2, 3)), ((2,), (2,))],
}


@pytest.mark.oracle
@pytest.mark.parametrize("pair", PAIRS, ids="-".join)
@pytest.mark.parametrize("name", sorted(SHAPES))
def test_product_matches_keras(keras_oracle, name, pair):
    for s1, s2 in SHAPES[name]:
        oracle_check(keras_oracle, name, make(pair[0], s1), make(pair[1], s2, seed=1))


@pytest.mark.oracle
@pytest.mark.parametrize("pair", PAIRS, ids="-".join)
def test_einsum_matches_keras(keras_oracle, pair):
    a, b = make(pair[0], (2, 3, 4)), make(pair[1], (2, 4, 5), seed=1)
    oracle_check(keras_oracle, "einsum", "bij,bjk->bik", a, b)
    oracle_check(keras_oracle, "einsum", "bij->bj", a)
    oracle_check(keras_oracle, "einsum", "ij,ij->", a[0], make(pair[1], (3, 4), seed=2))


def test_einsum_of_mixed_dtypes_promotes():
    out = ops.einsum("ij,jk->ik", np.ones((2, 3), "int32"), np.ones((3, 2), "float32"))
    assert dtype_name(out) == "float32"
    np.testing.assert_allclose(out.numpy(), np.full((2, 2), 3.0))


def test_tensordot_axes_lists_match_numpy():
    a, b = np.arange(24.0).reshape(2, 3, 4), np.arange(12.0).reshape(4, 3)
    np.testing.assert_allclose(ops.tensordot(a, b, axes=([1, 2], [1, 0])).numpy(),
                               np.tensordot(a, b, axes=([1, 2], [1, 0])))
    np.testing.assert_allclose(ops.tensordot(a, b, axes=([2], [0])).numpy(),
                               np.tensordot(a, b, axes=([2], [0])))


@pytest.mark.oracle
@pytest.mark.parametrize("dtype", ("int8", "int32", "int64", "float16", "float32", "float64"))
def test_trace_diff_vander_trapezoid_match_keras(keras_oracle, dtype):
    x = make(dtype, (3, 4, 2))
    oracle_check(keras_oracle, "trace", x)
    oracle_check(keras_oracle, "trace", x, 1, 1, 2)
    v = make(dtype, (4,))
    oracle_check(keras_oracle, "vander", v)
    oracle_check(keras_oracle, "vander", v, 3, True)
    oracle_check(keras_oracle, "trapezoid", x)
    oracle_check(keras_oracle, "trapezoid", x, dx=0.5, axis=0)


@pytest.mark.oracle
@pytest.mark.parametrize("mode", ("valid", "same", "full"))
@pytest.mark.parametrize("sizes", [(6, 3), (5, 4), (3, 6), (4, 4), (2, 5)], ids=str)
def test_correlate_matches_keras_and_numpy(keras_oracle, mode, sizes):
    a, v = make("float32", (sizes[0],)), make("float32", (sizes[1],), seed=1)
    np.testing.assert_allclose(ops.correlate(a, v, mode).numpy(),
                               np.correlate(a.numpy(), v.numpy(), mode), rtol=1e-5, atol=1e-5)
    if sizes[0] > sizes[1]:  # Keras 3.15 on torch departs from NumPy's shapes otherwise
        oracle_check(keras_oracle, "correlate", make("int32", (sizes[0],)), v, mode)


@pytest.mark.oracle
def test_slogdet_matches_keras(keras_oracle):
    x = make("float32", (2, 3, 3))
    oracle_check(keras_oracle, "slogdet", x)


def test_trapezoid_with_sample_points_matches_numpy():
    y, x = np.array([1.0, 2.0, 4.0]), np.array([0.0, 1.0, 3.0])
    np.testing.assert_allclose(ops.trapezoid(y, x).numpy(), np.trapezoid(y, x))


def test_cross_of_wrong_length_vectors_raises():
    with pytest.raises(ValueError, match="vectors must have 2 or 3 components"):
        ops.cross(np.ones(4), np.ones(4))


def test_correlate_bad_mode_raises():
    with pytest.raises(ValueError, match="mode must be 'valid', 'same' or 'full'"):
        ops.correlate(np.ones(3), np.ones(2), mode="half")


def test_vectorize_matches_numpy():
    add_mul = ops.vectorize(lambda a, b: a * 2 + b)
    a, b = np.arange(6.0).reshape(2, 3), np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(add_mul(a, b).numpy(), a * 2 + b)
    dot = ops.vectorize(lambda u, w: (u * w).sum(), signature="(n),(n)->()")
    np.testing.assert_allclose(dot(a, b).numpy(), a @ b)
    scaled = ops.vectorize(lambda u, s: u * s, excluded={1})
    np.testing.assert_allclose(scaled(a, 3.0).numpy(), a * 3.0)
