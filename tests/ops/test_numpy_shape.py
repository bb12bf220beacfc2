"""Shape, joining, splitting and indexing ops of keras.ops.numpy against real Keras."""
import numpy as np
import pytest
import torch
from backend_testing import dtype_name, to_torch

from ceras import ops


def make(dtype="float32", shape=(2, 3, 4), seed=0):
    rng = np.random.default_rng(seed)
    values = rng.uniform(-4, 4, size=shape)
    if dtype == "bool":
        return torch.from_numpy(values > 0)
    if not dtype.startswith(("float", "bfloat")):
        values = np.round(values)
    return torch.from_numpy(values).to(getattr(torch, dtype))


def assert_same(got, want):
    if isinstance(want, (tuple, list)):
        assert isinstance(got, (tuple, list)) and len(got) == len(want), (got, want)
        for g, w in zip(got, want):
            assert_same(g, w)
        return
    if not isinstance(want, torch.Tensor):
        assert got == want
        return
    got = to_torch(got)
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    assert tuple(got.shape) == tuple(want.shape), (got.shape, want.shape)
    np.testing.assert_array_equal(got.detach().to(torch.float64).numpy(),
                                  want.detach().to(torch.float64).numpy())


def oracle_check(keras, name, *args, **kwargs):
    want = getattr(keras.ops, name)(*args, **kwargs)
    assert_same(getattr(ops, name)(*args, **kwargs), want)


X = make()
CASES = [
    ("reshape", (X, (6, 4))), ("reshape", (X, (-1, 2))), ("reshape", (X, 24)),
    ("transpose", (X,)), ("transpose", (X, (1, 0, 2))),
    ("expand_dims", (X, 0)), ("expand_dims", (X, -1)), ("expand_dims", (X, (0, 2))),
    ("squeeze", (make(shape=(1, 3, 1)),)), ("squeeze", (make(shape=(1, 3, 1)), 2)),
    ("squeeze", (make(shape=(1, 3, 1)), (0, 2))),
    ("ravel", (X,)), ("flip", (X,)), ("flip", (X, 1)), ("flip", (X, (0, 2))),
    ("fliplr", (X,)), ("flipud", (X,)), ("rot90", (X,)), ("rot90", (X, 2, (1, 2))),
    ("roll", (X, 2)), ("roll", (X, -1, 1)), ("roll", (X, (1, 2), (0, 2))),
    ("tile", (X, 2)), ("tile", (X, (2, 1, 1, 2))),
    ("repeat", (X, 2)), ("repeat", (X, 2, 1)), ("repeat", (X, torch.tensor([1, 2]), 0)),
    ("moveaxis", (X, 0, -1)), ("moveaxis", (X, (0, 1), (2, 0))), ("swapaxes", (X, 0, 2)),
    ("broadcast_to", (make(shape=(3, 1)), (2, 3, 4))),
    ("diagonal", (X,)), ("diagonal", (X, 1, 1, 2)), ("diag", (make(shape=(3,)),)),
    ("diag", (make(shape=(3, 4)), 1)), ("diag", (make(shape=(3,)), -1)),
    ("diagflat", (make(shape=(2, 2)),)), ("tril", (X,)), ("tril", (X, -1)),
    ("triu", (X, 1)), ("ndim", (X,)), ("size", (X,)),
    ("take", (X, torch.tensor([0, 2, 1]))), ("take", (X, torch.tensor([[0], [1]]), 1)),
    ("take", (X, torch.tensor([2, 0]), -1)),
    ("take_along_axis", (X, torch.tensor([[[0], [1], [2]]]), 2)),
    ("take_along_axis", (X, torch.argsort(X, dim=1), 1)),
    ("take_along_axis", (X, torch.tensor([5, 0, 23]))),
    ("split", (X, 2, 2)), ("split", (X, [1, 3], 2)), ("array_split", (X, 3, 2)),
    ("hsplit", (X, 3)), ("vsplit", (X, 2)), ("dsplit", (X, 2)),
    ("pad", (X, ((0, 1), (2, 0), (1, 1)))), ("pad", (X, ((1, 1), (0, 0), (0, 2)), "constant", 5.0)),
    ("pad", (X, ((0, 0), (1, 1), (2, 2)), "reflect")),
    ("unravel_index", (torch.tensor([0, 5, 11]), (3, 4))),
    ("unravel_index", (torch.tensor([0, 5, 11], dtype=torch.uint8), (3, 4))),
    ("unravel_index", (torch.tensor([[1], [7]], dtype=torch.int16), (2, 2, 2))),
    ("view", (make("float32"), "int32")), ("copy", (X,)),
]


@pytest.mark.oracle
@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_shape_op_matches_keras(keras_oracle, case):
    name, args = case
    oracle_check(keras_oracle, name, *args)


JOINS = ("concatenate", "stack", "hstack", "vstack", "dstack")
DTYPE_PAIRS = [("float32", "float32"), ("int32", "float32"), ("int8", "uint8"),
               ("int64", "int64"), ("float16", "float64"), ("bool", "int32")]


@pytest.mark.oracle
@pytest.mark.parametrize("pair", DTYPE_PAIRS, ids="-".join)
@pytest.mark.parametrize("name", JOINS)
def test_join_matches_keras(keras_oracle, name, pair):
    xs = [make(pair[0], (2, 3)), make(pair[1], (2, 3), seed=1)]
    oracle_check(keras_oracle, name, xs)
    if name == "concatenate":
        oracle_check(keras_oracle, name, xs, axis=1)
        flat = ops.concatenate(xs, axis=None)
        assert_same(flat, torch.cat([torch.ravel(x) for x in xs]))
    if name == "stack":
        oracle_check(keras_oracle, name, xs, axis=-1)


@pytest.mark.oracle
@pytest.mark.parametrize("pair", DTYPE_PAIRS, ids="-".join)
def test_append_matches_keras(keras_oracle, pair):
    x1, x2 = make(pair[0], (2, 3)), make(pair[1], (2, 3), seed=1)
    oracle_check(keras_oracle, "append", x1, x2)
    oracle_check(keras_oracle, "append", x1, x2, axis=0)


KEYS = [
    0, -1, (slice(None), 1), (Ellipsis, 0), (slice(0, 2), None, slice(None, None, 2)),
    (0, slice(1, 3), -1), torch.tensor([1, 0]), (slice(None), [2, 0]),
    np.array([True, False]), (slice(None), torch.tensor([True, False, True])),
]


@pytest.mark.oracle
@pytest.mark.parametrize("key", KEYS, ids=[str(i) for i in range(len(KEYS))])
def test_get_item_matches_keras(keras_oracle, key):
    assert_same(ops.get_item(X, key), X[key] if not isinstance(key, np.ndarray)
                else X[torch.from_numpy(key)])
    assert_same(ops.get_item(X, key), keras_oracle.ops.get_item(X, key))


@pytest.mark.parametrize("key", [torch.tensor([0, 2, -1]), torch.tensor([[-2], [3]])])
def test_take_wraps_negative_indices_like_numpy(key):
    np.testing.assert_array_equal(ops.take(X, key).numpy(), np.take(X.numpy(), key.numpy()))
    np.testing.assert_array_equal(ops.take(X, key, axis=2).numpy(),
                                  np.take(X.numpy(), key.numpy(), axis=2))


def test_nonzero_gives_one_int32_index_tensor_per_axis():
    x = np.array([[0, 3], [4, 0]])
    got = ops.nonzero(x)
    for g, w in zip(got, np.nonzero(x)):
        assert dtype_name(g) == "int32"
        np.testing.assert_array_equal(g.numpy(), w)


def test_repeat_with_per_element_counts_matches_numpy():
    x = np.arange(6).reshape(2, 3)
    np.testing.assert_array_equal(ops.repeat(x, [1, 2], axis=0).numpy(),
                                  np.repeat(x, [1, 2], axis=0))
    np.testing.assert_array_equal(ops.repeat(x, 2).numpy(), np.repeat(x, 2))


def test_split_into_unequal_sections_raises():
    with pytest.raises(ValueError, match="cannot be divided into 3 equal sections"):
        ops.split(np.zeros((4,)), 3)


def test_squeeze_of_a_non_unit_axis_raises():
    with pytest.raises(ValueError, match="its size is 3, expected 1"):
        ops.squeeze(np.zeros((1, 3)), axis=1)


def test_pad_unknown_mode_raises():
    with pytest.raises(ValueError, match="pad: mode must be one of"):
        ops.pad(np.zeros((3,)), 1, mode="median")
    with pytest.raises(ValueError, match="only used with mode='constant'"):
        ops.pad(np.zeros((3,)), 1, mode="edge", constant_values=1)


@pytest.mark.parametrize("mode", ["constant", "reflect", "symmetric", "edge", "wrap"])
@pytest.mark.parametrize("width", [1, (1, 2), ((2, 1), (3, 2), (0, 1))], ids=repr)
def test_pad_matches_numpy(mode, width):
    x = np.arange(24.0).reshape(2, 3, 4)
    np.testing.assert_array_equal(ops.pad(x, width, mode=mode).numpy(),
                                  np.pad(x, width, mode=mode))


def test_diag_of_3d_input_raises():
    with pytest.raises(ValueError, match="diag expects a 1-D or 2-D input"):
        ops.diag(np.zeros((2, 2, 2)))
