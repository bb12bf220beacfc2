"""Elementwise ops of keras.ops.numpy against real Keras: values and output dtypes."""
import numpy as np
import pytest
import torch
from backend_testing import to_torch

from ceras import ops

DTYPES = ("bool", "uint8", "int8", "int16", "int32", "int64", "bfloat16", "float16",
          "float32", "float64")
FLOATS = ("bfloat16", "float16", "float32", "float64")


def make(dtype, shape=(2, 3), low=-3.0, high=3.0, seed=0):
    """A torch tensor of ``dtype`` (torch, so bfloat16 works) with values in [low, high)."""
    rng = np.random.default_rng(seed)
    if dtype == "bool":
        return torch.from_numpy(rng.random(shape) > 0.5)
    if dtype.startswith("uint"):
        low = max(low, 0)
    values = rng.uniform(low, high, size=shape)
    if not dtype.startswith(("float", "bfloat")):
        values = np.round(values)
    return torch.from_numpy(values).to(getattr(torch, dtype))


def assert_same(got, want):
    """Same dtype and (to the dtype's precision) the same values, recursing into tuples."""
    if isinstance(want, (tuple, list)):
        assert isinstance(got, (tuple, list)) and len(got) == len(want)
        for g, w in zip(got, want):
            assert_same(g, w)
        return
    want = torch.as_tensor(want)
    got = to_torch(got)
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    assert tuple(got.shape) == tuple(want.shape), (got.shape, want.shape)
    tol = {torch.float16: 2e-3, torch.bfloat16: 2e-2, torch.float32: 1e-5}.get(want.dtype, 1e-7)
    np.testing.assert_allclose(got.detach().cpu().to(torch.float64).numpy() if not
                               got.is_complex() else got.detach().cpu().numpy(),
                               want.detach().cpu().to(torch.float64).numpy() if not
                               want.is_complex() else want.detach().cpu().numpy(),
                               rtol=tol, atol=tol, equal_nan=True)


def oracle_check(keras, name, *args, **kwargs):
    """ceras.ops.<name> and keras.ops.<name> agree where Keras accepts the input
    (ceras may accept more: bool hypot, None clip bounds)."""
    try:
        want = getattr(keras.ops, name)(*args, **kwargs)
    except Exception:  # noqa: BLE001 - nothing to compare against
        return
    assert_same(getattr(ops, name)(*args, **kwargs), want)


# Ops whose inputs must stay in a domain: name -> (low, high).
UNARY = {
    "abs": None, "absolute": None, "angle": None, "arccos": (-0.9, 0.9),
    "arccosh": (1.1, 3.0), "arcsin": (-0.9, 0.9), "arcsinh": None, "arctan": None,
    "arctanh": (-0.9, 0.9), "cbrt": None, "ceil": None, "conj": None, "conjugate": None,
    "copy": None, "cos": None, "cosh": None, "deg2rad": None, "exp": None, "exp2": None,
    "expm1": None, "fabs": None, "floor": None, "i0": None, "isfinite": None, "isinf": None,
    "isnan": None, "isneginf": None, "isposinf": None, "isreal": None, "log": (0.5, 4.0),
    "log10": (0.5, 4.0), "log1p": (0.5, 4.0), "log2": (0.5, 4.0), "logical_not": None,
    "nan_to_num": None, "negative": None, "rad2deg": None, "real": None,
    "reciprocal": (1.0, 4.0), "round": None, "sign": None, "signbit": None, "sin": None,
    "sinc": None, "sinh": None, "sqrt": (0.5, 4.0), "square": None, "tan": (-1.0, 1.0),
    "tanh": None, "trunc": None, "bitwise_invert": None, "bitwise_not": None,
}


@pytest.mark.oracle
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", sorted(UNARY))
def test_unary_matches_keras(keras_oracle, name, dtype):
    low, high = UNARY[name] or (-3.0, 3.0)
    oracle_check(keras_oracle, name, make(dtype, low=low, high=high))


BINARY = {
    "add": None, "subtract": None, "multiply": None, "divide": (1.0, 4.0),
    "true_divide": (1.0, 4.0), "divide_no_nan": None, "floor_divide": (1.0, 4.0),
    "power": (0.0, 3.0), "mod": (1.0, 4.0), "fmod": (1.0, 4.0), "maximum": None,
    "minimum": None, "fmax": None, "fmin": None, "arctan2": None, "hypot": None,
    "logaddexp": None, "logaddexp2": None, "nextafter": None, "heaviside": None,
    "gcd": (0.0, 9.0), "lcm": (0.0, 9.0), "equal": None, "not_equal": None,
    "greater": None, "greater_equal": None, "less": None, "less_equal": None,
    "logical_and": None, "logical_or": None, "logical_xor": None, "isclose": None,
    "allclose": None, "bitwise_and": None, "bitwise_or": None, "bitwise_xor": None,
    "bitwise_left_shift": (0.0, 3.0), "bitwise_right_shift": (0.0, 3.0),
    "left_shift": (0.0, 3.0), "right_shift": (0.0, 3.0),
}
PAIRS = [(d, d) for d in DTYPES] + [
    ("int8", "uint8"), ("int32", "float16"), ("int64", "float32"), ("bool", "int8"),
    ("uint8", "int32"), ("bfloat16", "float16"), ("float32", "float64"), ("int16", "uint8"),
]


@pytest.mark.oracle
@pytest.mark.parametrize("pair", PAIRS, ids="-".join)
@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_matches_keras(keras_oracle, name, pair):
    low, high = BINARY[name] or (-3.0, 3.0)
    x1 = make(pair[0], (2, 3), low, high, seed=1)
    x2 = make(pair[1], (3,), low, high, seed=2)
    oracle_check(keras_oracle, name, x1, x2)


SCALARS = [2, 2.0, True]


@pytest.mark.oracle
@pytest.mark.parametrize("dtype", ("bool", "uint8", "int8", "int32", "float16", "float32"))
@pytest.mark.parametrize("scalar", SCALARS, ids=repr)
@pytest.mark.parametrize("name", ["add", "subtract", "multiply", "divide", "power",
                                  "maximum", "minimum", "floor_divide", "mod", "equal",
                                  "less", "arctan2", "where"])
def test_binary_with_python_scalar_matches_keras(keras_oracle, name, scalar, dtype):
    x = make(dtype, low=1.0, high=4.0)
    if name == "where":
        oracle_check(keras_oracle, name, x > 2 if dtype != "bool" else x, x, scalar)
        oracle_check(keras_oracle, name, make("bool"), scalar, x)
        return
    oracle_check(keras_oracle, name, x, scalar)
    oracle_check(keras_oracle, name, scalar, x)


@pytest.mark.oracle
@pytest.mark.parametrize("args", [(-1.0, 1.0), (0, 2), (0.5, 2.5)], ids=repr)
@pytest.mark.parametrize("dtype", ("bool", "int8", "int32", "int64", "float16", "float32",
                                   "float64"))
def test_clip_matches_keras(keras_oracle, args, dtype):
    oracle_check(keras_oracle, "clip", make(dtype), *args)


@pytest.mark.oracle
@pytest.mark.parametrize("pair", PAIRS, ids="-".join)
def test_where_matches_keras(keras_oracle, pair):
    oracle_check(keras_oracle, "where", make("bool", seed=3), make(pair[0], seed=1),
                 make(pair[1], (3,), seed=2))


def test_clip_with_one_bound_matches_numpy():
    x = np.array([-2.0, 0.5, 3.0], "float32")
    np.testing.assert_allclose(ops.clip(x, None, 1.0).numpy(), np.clip(x, None, 1.0))
    np.testing.assert_allclose(ops.clip(x, 0.0, None).numpy(), np.clip(x, 0.0, None))


@pytest.mark.oracle
@pytest.mark.parametrize("dtype", DTYPES)
def test_select_isin_heaviside_ldexp_match_keras(keras_oracle, dtype):
    conds = [make("bool", seed=4), make("bool", seed=5)]
    choices = [make(dtype, seed=6), make(dtype, seed=7)]
    oracle_check(keras_oracle, "select", conds, choices)
    oracle_check(keras_oracle, "select", conds[:1], choices[:1], default=1.5)
    oracle_check(keras_oracle, "isin", make(dtype), make(dtype, (3,), seed=8))
    oracle_check(keras_oracle, "heaviside", make(dtype), 0.5)
    oracle_check(keras_oracle, "ldexp", make(dtype), torch.tensor([1, 2, 0]))


def test_select_matches_numpy():
    x = np.arange(6.0)
    got = ops.select([x < 2, x > 4], [x, x ** 2], default=-1.0)
    np.testing.assert_allclose(got.numpy(), np.select([x < 2, x > 4], [x, x ** 2], -1.0))
    with pytest.raises(ValueError, match="must have the same length"):
        ops.select([x < 2], [x, x])


def test_complex_parts_match_numpy():
    z = np.array([1 + 2j, -3.5j, 4.0], "complex64")
    for name in ("real", "imag", "conj", "angle", "abs"):
        np.testing.assert_allclose(getattr(ops, name)(z).numpy(), getattr(np, name)(z),
                                   rtol=1e-6)
    np.testing.assert_array_equal(ops.isreal(z).numpy(), np.isreal(z))
    np.testing.assert_array_equal(ops.imag(np.ones(2, "float32")).numpy(), [0.0, 0.0])


def test_where_without_branches_gives_indices():
    rows, cols = ops.where(np.array([[True, False], [False, True]]))
    np.testing.assert_array_equal(rows.numpy(), [0, 1])
    np.testing.assert_array_equal(cols.numpy(), [0, 1])


def test_where_with_one_branch_raises():
    with pytest.raises(ValueError, match="pass both x1 and x2, or neither"):
        ops.where(np.array([True]), 1.0)


@pytest.mark.parametrize("decimals", [0, 1, 2, -1])
def test_round_matches_numpy(decimals):
    x = np.array([1.234, -5.678, 12.5, 151.0], dtype="float64")
    np.testing.assert_allclose(ops.round(x, decimals).numpy(), np.round(x, decimals))
    np.testing.assert_array_equal(ops.round(np.array([151, -149]), -1).numpy(), [150, -150])


def test_nan_to_num_replaces_nan_and_infinities():
    x = np.array([np.nan, np.inf, -np.inf, 1.0], dtype="float32")
    np.testing.assert_allclose(ops.nan_to_num(x, nan=0.5, posinf=9.0, neginf=-9.0).numpy(),
                               [0.5, 9.0, -9.0, 1.0])


def test_divide_no_nan_gives_zero_where_divisor_is_zero():
    out = ops.divide_no_nan(np.array([1.0, 2.0]), np.array([0.0, 4.0]))
    np.testing.assert_allclose(out.numpy(), [0.0, 0.5])


def test_ldexp_matches_numpy():
    x1, x2 = np.array([1.0, 3.0, -2.0], "float32"), np.array([2, -1, 3], "int32")
    np.testing.assert_allclose(ops.ldexp(x1, x2).numpy(), np.ldexp(x1, x2))
    with pytest.raises(TypeError, match="ldexp expects an integer exponent"):
        ops.ldexp(x1, x1)


def test_isin_matches_numpy():
    x = np.array([[1, 2], [3, 4]])
    np.testing.assert_array_equal(ops.isin(x, [2, 3]).numpy(), np.isin(x, [2, 3]))
    np.testing.assert_array_equal(ops.isin(x, [2, 3], invert=True).numpy(),
                                  np.isin(x, [2, 3], invert=True))
