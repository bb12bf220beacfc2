"""ceras.ops.linalg against real Keras on the torch backend and against NumPy."""
import numpy as np
import pytest
import torch
from backend_testing import to_torch

from ceras import backend, ops


def assert_same(got, want, tol=1e-4):
    if isinstance(want, (tuple, list)):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            assert_same(g, w, tol)
        return
    want = torch.as_tensor(want)
    got = to_torch(got)
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    assert tuple(got.shape) == tuple(want.shape), (tuple(got.shape), tuple(want.shape))
    if got.is_complex():
        got, want = torch.view_as_real(got), torch.view_as_real(want)
    np.testing.assert_allclose(got.detach().double().numpy(), want.detach().double().numpy(),
                               rtol=tol, atol=tol)


def randn(*shape, seed=0, dtype="float32"):
    return np.random.default_rng(seed).standard_normal(shape).astype(dtype)


def spd(*batch, n=4, seed=0):
    a = randn(*batch, n, n, seed=seed)
    return torch.from_numpy(a @ np.swapaxes(a, -1, -2) + n * np.eye(n, dtype="float32"))


def square(*batch, n=4, seed=0):
    return torch.from_numpy(randn(*batch, n, n, seed=seed) + 3 * np.eye(n, dtype="float32"))


@pytest.mark.oracle
@pytest.mark.parametrize("name,make,kwargs", [
    ("cholesky", spd, {}), ("cholesky", spd, {"upper": True}), ("det", square, {}),
    ("inv", square, {}), ("pinv", square, {}), ("pinv", square, {"rcond": 0.5}),
    ("lu_factor", square, {}), ("matrix_rank", spd, {}), ("matrix_rank", square, {"tol": 3.0}),
    ("svd", square, {"compute_uv": False}),
])
@pytest.mark.parametrize("batch", [(), (2,)])
def test_matrix_functions_match_keras(keras_oracle, name, make, kwargs, batch):
    x = make(*batch)
    assert_same(getattr(ops.linalg, name)(x, **kwargs),
                getattr(keras_oracle.ops.linalg, name)(x, **kwargs))


@pytest.mark.oracle
@pytest.mark.parametrize("upper", [False, True])
def test_cholesky_inverse_matches_keras_and_inverts(keras_oracle, upper):
    a = spd(2)
    factor = torch.linalg.cholesky(a, upper=upper)
    got = ops.linalg.cholesky_inverse(factor, upper=upper)
    assert_same(got, keras_oracle.ops.linalg.cholesky_inverse(factor, upper=upper))
    np.testing.assert_allclose(got.numpy(), np.linalg.inv(a.numpy()), atol=1e-4)


def test_decompositions_reconstruct_their_input():
    x = square(2).double()
    u, s, vh = ops.linalg.svd(x, full_matrices=False)
    np.testing.assert_allclose((u * s[..., None, :]) @ vh, x, atol=1e-10)
    for mode in ("reduced", "complete"):
        q, r = ops.linalg.qr(x, mode=mode)
        np.testing.assert_allclose(q @ r, x, atol=1e-10)
    w, v = (to_torch(t) for t in ops.linalg.eigh(spd(2).double()))
    np.testing.assert_allclose(v @ torch.diag_embed(w) @ v.transpose(-1, -2), spd(2).double(),
                               atol=1e-8)
    w, v = (to_torch(t) for t in ops.linalg.eig(x))
    np.testing.assert_allclose((v @ torch.diag_embed(w) @ torch.linalg.inv(v)).real, x,
                               atol=1e-8)
    lu, pivots = ops.linalg.lu_factor(x[0])
    p = np.eye(4)
    for i, j in enumerate(pivots.numpy()):  # 0-based LAPACK row swaps
        p[[i, j]] = p[[j, i]]
    lower, upper = np.tril(lu.numpy(), -1) + np.eye(4), np.triu(lu.numpy())
    np.testing.assert_allclose(p @ x[0].numpy(), lower @ upper, atol=1e-10)


@pytest.mark.oracle
def test_eig_and_eigh_match_keras_on_symmetric_input(keras_oracle):
    x = spd(2)
    assert_same(ops.linalg.eigh(x)[0], keras_oracle.ops.linalg.eigh(x)[0])
    assert_same(torch.sort(to_torch(ops.linalg.eig(x)[0]).real).values,
                torch.sort(keras_oracle.ops.linalg.eig(x)[0].real).values)


@pytest.mark.oracle
@pytest.mark.parametrize("name,kwargs", [
    ("solve", {}), ("solve_triangular", {}), ("solve_triangular", {"lower": True}),
    ("lstsq", {}),
])
@pytest.mark.parametrize("vector_rhs", [False, True])
def test_solvers_match_keras(keras_oracle, name, kwargs, vector_rhs):
    a = square()
    b = torch.from_numpy(randn(4, seed=1) if vector_rhs else randn(4, 3, seed=1))
    assert_same(getattr(ops.linalg, name)(a, b, **kwargs),
                getattr(keras_oracle.ops.linalg, name)(a, b, **kwargs))


def test_lstsq_overdetermined_matches_numpy():
    a, b = randn(6, 3).astype("float64"), randn(6, 2, seed=1).astype("float64")
    np.testing.assert_allclose(ops.linalg.lstsq(a, b).numpy(),
                               np.linalg.lstsq(a, b, rcond=None)[0], atol=1e-10)


@pytest.mark.oracle
@pytest.mark.parametrize("x_shape,ord_,axis,keepdims", [
    ((5,), None, None, False), ((5,), 1, None, False), ((5,), np.inf, None, True),
    ((3, 4), None, None, False), ((3, 4), "fro", None, False), ((3, 4), 2, None, False),
    ((3, 4), "nuc", None, False), ((3, 4), 1, -1, False), ((2, 3, 4), None, (1, 2), True),
    ((2, 3, 4), -np.inf, (1, 2), False), ((2, 3, 4), 0, 1, False),
])
def test_norm_matches_keras(keras_oracle, x_shape, ord_, axis, keepdims):
    x = torch.from_numpy(randn(*x_shape))
    assert_same(ops.linalg.norm(x, ord=ord_, axis=axis, keepdims=keepdims),
                keras_oracle.ops.linalg.norm(x, ord=ord_, axis=axis, keepdims=keepdims))


@pytest.mark.oracle
def test_norm_of_integers_matches_keras(keras_oracle):
    x = torch.tensor([[1, 2], [3, 4]], dtype=torch.int32)
    assert_same(ops.linalg.norm(x), keras_oracle.ops.linalg.norm(x))


def test_jvp_returns_value_and_directional_derivative():
    def fun(x, y):
        return x * x * y, x.sum()

    x, y = np.array([1.0, 2.0], "float32"), np.array([3.0, 4.0], "float32")
    (value, aux_free), tangent = ops.linalg.jvp(fun, (x, y), (np.ones(2, "float32"),
                                                              np.zeros(2, "float32")))
    np.testing.assert_allclose(value.numpy(), [3.0, 16.0])
    np.testing.assert_allclose(tangent[0].numpy(), [6.0, 16.0])  # d(x^2 y)/dx = 2xy
    out, tangent, aux = ops.linalg.jvp(lambda x: (ops.sin(x), x), (x,), (np.ones(2, "float32"),),
                                       has_aux=True)
    np.testing.assert_allclose(tangent.numpy(), np.cos(x), rtol=1e-6)
    np.testing.assert_allclose(aux.numpy(), x)


def test_qr_rejects_unknown_mode():
    with pytest.raises(ValueError, match="'reduced' or 'complete'"):
        ops.linalg.qr(np.eye(3), mode="r")


@pytest.mark.parametrize("call,expected", [
    (lambda t: ops.linalg.inv(t((None, 4, 4))), (None, 4, 4)),
    (lambda t: ops.linalg.det(t((None, 4, 4))), (None,)),
    (lambda t: ops.linalg.svd(t((None, 5, 3)), full_matrices=False)[0], (None, 5, 3)),
    (lambda t: ops.linalg.qr(t((None, 5, 3)))[1], (None, 3, 3)),
    (lambda t: ops.linalg.solve(t((None, 4, 4)), t((None, 4, 2))), (None, 4, 2)),
    (lambda t: ops.linalg.norm(t((None, 4)), axis=-1), (None,)),
    (lambda t: ops.linalg.cholesky(t((None, 3, 3))), (None, 3, 3)),
    (lambda t: ops.linalg.lu_factor(t((None, 3, 3)))[1], (None, 3)),
])
def test_symbolic_shapes_with_unknown_dims(call, expected):
    out = call(backend.KerasTensor)
    assert isinstance(out, backend.KerasTensor)
    assert out.shape == expected
