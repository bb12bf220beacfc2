"""Tensor-creating ops of keras.ops.numpy (zeros, full, arange, eye, linspace, windows)."""
import numpy as np
import pytest
import torch
from backend_testing import dtype_name, to_torch

from ceras import ops


def assert_same(got, want, tol=1e-6):
    if isinstance(want, (tuple, list)):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            assert_same(g, w, tol)
        return
    want = torch.as_tensor(want)
    got = to_torch(got)
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    assert tuple(got.shape) == tuple(want.shape), (got.shape, want.shape)
    np.testing.assert_allclose(got.to(torch.float64).numpy(), want.to(torch.float64).numpy(),
                               rtol=tol, atol=tol)


CASES = [
    ("zeros", ((2, 3),), {}), ("zeros", (4,), {"dtype": "int8"}),
    ("ones", ((2, 3),), {}), ("ones", ((3,),), {"dtype": "bool"}),
    ("full", ((2, 2), 3), {}), ("full", ((2, 2), 1.5), {}),
    ("full", ((2,), 7), {"dtype": "float16"}),
    ("full", ((2, 3), np.array([1, 2, 3], "int8")), {}),
    ("zeros_like", (np.ones((2, 3), "int16"),), {}), ("ones_like", (np.ones((2,)),), {}),
    ("ones_like", (np.ones((2,), "int32"),), {"dtype": "float32"}),
    ("full_like", (np.ones((2, 2), "int32"), 2.7), {}),
    ("full_like", (np.ones((2, 2), "float32"), 2), {"dtype": "int8"}),
    ("arange", (5,), {}), ("arange", (1, 7, 2), {}), ("arange", (0.5, 3.0), {}),
    ("arange", (0, 5, 0.5), {}), ("arange", (6,), {"dtype": "float16"}),
    ("arange", (2, 10, 3), {"dtype": "int64"}),
    ("eye", (3,), {}), ("eye", (3, 4, 1), {}), ("eye", (4, 3, -2), {"dtype": "int32"}),
    ("identity", (3,), {}), ("identity", (2,), {"dtype": "bool"}),
    ("tri", (3,), {}), ("tri", (3, 5, 1), {}), ("tri", (4, 2, -1), {"dtype": "int8"}),
    ("linspace", (0, 10), {}), ("linspace", (0, 1, 5), {"endpoint": False}),
    ("linspace", (2.0, 3.0, 5), {"retstep": True}),
    ("linspace", (0, 10, 4), {"dtype": "int32"}),
    ("linspace", (np.array([0.0, 1.0]), np.array([1.0, 3.0]), 4), {}),
    ("logspace", (0, 3, 4), {}), ("logspace", (1, 2, 5), {"base": 2, "endpoint": False}),
    ("geomspace", (1, 1000, 4), {}), ("geomspace", (2.0, 32.0, 5), {"endpoint": False}),
    ("geomspace", (-1, -100, 3), {}),
    ("bartlett", (5,), {}), ("blackman", (6,), {}), ("hamming", (5,), {}),
    ("hanning", (7,), {}), ("kaiser", (6, 5.0), {}), ("hamming", (1,), {}),
    ("array", ([[1, 2], [3, 4]],), {}), ("array", ([1.5, 2.5],), {"dtype": "float16"}),
    ("meshgrid", (np.arange(3), np.arange(2)), {}),
    ("meshgrid", (np.arange(3), np.arange(2)), {"indexing": "ij"}),
]


@pytest.mark.oracle
@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_creation_matches_keras(keras_oracle, case):
    name, args, kwargs = case
    want = getattr(keras_oracle.ops, name)(*args, **kwargs)
    assert_same(getattr(ops, name)(*args, **kwargs), want, tol=1e-5)


@pytest.mark.parametrize("name", ["bartlett", "blackman", "hamming", "hanning"])
def test_windows_match_numpy(name):
    np.testing.assert_allclose(getattr(ops, name)(9).numpy(), getattr(np, name)(9), atol=1e-6)
    np.testing.assert_allclose(ops.kaiser(9, 3.0).numpy(), np.kaiser(9, 3.0), atol=1e-6)


def test_linspace_matches_numpy_for_array_endpoints():
    start, stop = np.array([0.0, 2.0]), np.array([1.0, -2.0])
    np.testing.assert_allclose(ops.linspace(start, stop, 5, axis=1).numpy(),
                               np.linspace(start, stop, 5, axis=1), rtol=1e-6)


def test_empty_has_the_requested_shape_and_dtype():
    assert ops.empty((2, 3), dtype="int32").shape == (2, 3)
    assert dtype_name(ops.empty_like(np.zeros((4,), "float16"))) == "float16"


def test_geomspace_of_zero_raises():
    with pytest.raises(ValueError, match="start and stop must be non-zero"):
        ops.geomspace(0, 10, 3)


def test_meshgrid_bad_indexing_raises():
    with pytest.raises(ValueError, match="indexing must be 'xy' or 'ij'"):
        ops.meshgrid(np.arange(2), indexing="yx")
