"""ceras.ops core names (associative_scan, rearrange, saturate_cast, dtype, scatter and
control flow) against real Keras on the torch backend, and the presence of every Keras
name of keras.ops' core, nn, math, linalg and image groups."""
import numpy as np
import pytest
import torch
from backend_testing import to_torch

from ceras import backend, ops


def assert_same(got, want, tol=1e-6):
    if isinstance(want, (tuple, list)):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            assert_same(g, w, tol)
        return
    want = torch.as_tensor(want)
    got = to_torch(got)
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    assert tuple(got.shape) == tuple(want.shape), (tuple(got.shape), tuple(want.shape))
    np.testing.assert_allclose(got.detach().double().numpy(), want.detach().double().numpy(),
                               rtol=tol, atol=tol)


@pytest.mark.parametrize("module", ["core", "nn", "math", "linalg", "image"])
def test_every_keras_name_is_bound(module):
    group = getattr(ops, module)
    missing = [name for name in group.NAMES if not callable(getattr(group, name, None))]
    assert not missing, f"ceras.ops.{module} lacks {missing}"
    if module in ("core", "nn", "math"):  # also exported at the top of ceras.ops
        assert not [name for name in group.NAMES if not hasattr(ops, name)]


@pytest.mark.oracle
@pytest.mark.parametrize("module", ["core", "nn", "math", "linalg", "image"])
def test_signatures_match_keras(keras_oracle, module):
    import inspect

    keras_group = keras_oracle.ops if module in ("core", "math") else getattr(
        keras_oracle.ops, module)
    for name in getattr(ops, module).NAMES:
        ours = inspect.signature(getattr(getattr(ops, module), name))
        theirs = inspect.signature(getattr(keras_group, name))
        assert list(ours.parameters) == list(theirs.parameters), name
        for param in theirs.parameters.values():
            assert ours.parameters[param.name].default == param.default, (name, param.name)


# -- associative_scan ---------------------------------------------------------------

@pytest.mark.oracle
@pytest.mark.parametrize("length", [1, 2, 5, 8, 13])
@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize("axis", [0, 1, -1])
def test_associative_scan_matches_keras(keras_oracle, length, reverse, axis):
    x = torch.from_numpy(np.random.default_rng(length).random((length, length, 3))
                         .astype("float32"))
    assert_same(ops.associative_scan(lambda a, b: a + b, x, reverse=reverse, axis=axis),
                keras_oracle.ops.associative_scan(lambda a, b: a + b, x, reverse=reverse,
                                                  axis=axis), 1e-5)


def test_associative_scan_over_a_structure_composes_affine_maps():
    # (a1, b1) then (a2, b2): x -> a2 (a1 x + b1) + b2, a non-commutative operator
    rng = np.random.default_rng(0)
    a, b = rng.random(7), rng.random(7)

    def compose(first, second):
        return {"a": second["a"] * first["a"], "b": second["a"] * first["b"] + second["b"]}

    out = ops.associative_scan(compose, {"a": a, "b": b})
    want_a, want_b, acc_a, acc_b = [], [], 1.0, 0.0
    for ai, bi in zip(a, b):
        acc_a, acc_b = ai * acc_a, ai * acc_b + bi
        want_a.append(acc_a), want_b.append(acc_b)
    np.testing.assert_allclose(out["a"].numpy(), want_a)
    np.testing.assert_allclose(out["b"].numpy(), want_b)


# -- rearrange -----------------------------------------------------------------------

@pytest.mark.oracle
@pytest.mark.parametrize("pattern,lengths", [
    ("b h w c -> b c h w", {}), ("b h w c -> b (h w) c", {}), ("b (h p) w c -> b h w (p c)",
                                                              {"p": 2}),
    ("b h w c -> (b h) w c", {}), ("b h w c -> b h (w c)", {}), ("b h (w q) c -> q b h w c",
                                                                 {"q": 3}),
])
def test_rearrange_matches_keras(keras_oracle, pattern, lengths):
    x = torch.arange(2 * 4 * 6 * 3, dtype=torch.float32).reshape(2, 4, 6, 3)
    assert_same(ops.rearrange(x, pattern, **lengths),
                keras_oracle.ops.rearrange(x, pattern, **lengths))


def test_rearrange_ellipsis_and_unit_axes():
    x = np.arange(24.0).reshape(2, 3, 4)
    np.testing.assert_array_equal(ops.rearrange(x, "b ... c -> b c ...").numpy(),
                                  np.moveaxis(x, -1, 1))
    assert tuple(ops.rearrange(x, "b h w -> b 1 h w").shape) == (2, 1, 3, 4)
    assert tuple(ops.rearrange(x[:, :1], "b 1 w -> b w").shape) == (2, 4)


@pytest.mark.parametrize("pattern,lengths,message", [
    ("b h w", {}, "one '->'"),
    ("b (h p) w -> b h w p", {}, "cannot infer the sizes"),
    ("b h w -> b h", {}, "same axes"),
    ("b h w -> b h w h", {}, "repeat on the right"),
    ("b h -> b h", {}, "expects 2 axes"),
    ("b (h p -> b h p", {"p": 3}, "unbalanced"),
    ("b (h p) w -> b h p w", {"p": 5}, "cannot be split"),
])
def test_rearrange_errors_name_the_problem(pattern, lengths, message):
    with pytest.raises(ValueError, match=message):
        ops.rearrange(np.zeros((2, 3, 4)), pattern, **lengths)


# -- casts and dtypes ----------------------------------------------------------------

@pytest.mark.oracle
@pytest.mark.parametrize("values,source,target", [
    ([300.0, -5.0, 1e10, 12.7], "float32", "uint8"),
    ([40000, -40000, 7], "int32", "int16"),
    ([1e5, -1e39, 3.0], "float64", "float16"),
    ([1e39, -2.5], "float64", "float32"),
    ([300, 2], "int64", "uint8"),
    ([0.5, 2.0], "float32", "bool"),
])
def test_saturate_cast_matches_keras(keras_oracle, values, source, target):
    x = torch.from_numpy(np.array(values, dtype=source))
    assert_same(ops.saturate_cast(x, target), keras_oracle.ops.saturate_cast(x, target))


def test_saturate_cast_does_not_overflow_when_the_bound_rounds_up():
    # int32 max is 2**31 in float32; Keras 3.15's torch backend wraps to int32 min here.
    out = ops.saturate_cast(np.array([3e9, -3e9], "float32"), "int32")
    np.testing.assert_array_equal(out.numpy(), [2147483520, -2147483648])


@pytest.mark.parametrize("x,expected", [
    (np.zeros(2, "float16"), "float16"), (torch.zeros(2, dtype=torch.int64), "int64"),
    ([1.0, 2.0], "float32"), (True, "bool"),
    (backend.KerasTensor((None, 2), "bfloat16"), "bfloat16"),
])
def test_dtype_names_the_dtype(x, expected):
    if hasattr(x, "dtype"):
        assert ops.dtype(x) == expected
    if not isinstance(x, backend.KerasTensor):
        assert backend.core.dtype(x) == expected


# -- scatter and control flow -----------------------------------------------------------

@pytest.mark.oracle
@pytest.mark.parametrize("reduction", [None, "add", "max", "min", "mul"])
@pytest.mark.parametrize("depth", [1, 2])
def test_scatter_update_reductions_match_keras(keras_oracle, reduction, depth):
    x = torch.arange(1.0, 25.0).reshape(4, 3, 2)
    if depth == 1:
        indices, updates = torch.tensor([[1], [3], [1]]), torch.full((3, 3, 2), 5.0)
    else:
        indices, updates = torch.tensor([[1, 2], [3, 0], [1, 2]]), torch.full((3, 2), 5.0)
    if reduction is None:  # duplicates are order-dependent without a reduction
        indices, updates = indices[:2], updates[:2]
    assert_same(ops.scatter_update(x, indices, updates, reduction=reduction),
                keras_oracle.ops.scatter_update(x, indices, updates, reduction=reduction))


def test_scatter_update_rejects_unknown_reduction():
    with pytest.raises(ValueError, match="`reduction` must be None, 'add'"):
        ops.scatter_update(np.zeros(3), np.array([[0]]), np.ones(1), reduction="sub")


@pytest.mark.oracle
def test_core_ops_match_keras(keras_oracle):
    x = torch.arange(24.0).reshape(4, 6)
    k = keras_oracle.ops
    assert_same(ops.scatter(torch.tensor([[0, 1], [2, 3], [0, 1]]), torch.tensor([1.0, 2, 3]),
                            (3, 4)),
                k.scatter(torch.tensor([[0, 1], [2, 3], [0, 1]]), torch.tensor([1.0, 2, 3]),
                          (3, 4)))
    assert_same(ops.slice(x, (1, 2), (2, 3)), k.slice(x, (1, 2), (2, 3)))
    assert_same(ops.slice_update(x, (1, 2), torch.ones(2, 3)),
                k.slice_update(x, (1, 2), torch.ones(2, 3)))
    assert_same(ops.unstack(x, axis=1), k.unstack(x, axis=1))
    assert_same(ops.cast(x, "int16"), k.cast(x, "int16"))
    assert_same(ops.stop_gradient(variable=x), k.stop_gradient(variable=x))
    body = (lambda i, v: v * 2)
    assert_same(ops.fori_loop(0, 3, body, x), k.fori_loop(0, 3, body, x))
    assert_same(ops.while_loop(cond=lambda v: v.sum() < 1000, body=lambda v: v + 1,
                               loop_vars=x[0]),
                k.while_loop(cond=lambda v: v.sum() < 1000, body=lambda v: v + 1,
                             loop_vars=x[0]))
    assert_same(ops.scan(lambda c, v: (c + v, c * v), torch.zeros(6), x),
                k.scan(lambda c, v: (c + v, c * v), torch.zeros(6), x))
    assert_same(ops.map(lambda v: v.sum(), x), k.map(lambda v: v.sum(), x))
    assert_same(ops.switch(1, [lambda v: v + 1, lambda v: v - 1], x),
                k.switch(1, [lambda v: v + 1, lambda v: v - 1], x))
    assert_same(ops.vectorized_map(lambda v: v * v, x), k.vectorized_map(lambda v: v * v, x))


@pytest.mark.parametrize("call,expected", [
    (lambda t: ops.associative_scan(lambda a, b: a + b, t((None, 5)), axis=1), (None, 5)),
    (lambda t: ops.rearrange(t((None, 4, 6, 3)), "b h w c -> b (h w) c"), (None, 24, 3)),
    (lambda t: ops.saturate_cast(t((None, 3)), "uint8"), (None, 3)),
    (lambda t: ops.scatter_update(t((None, 3)), t((2, 1), "int32"), t((2, 3)),
                                  reduction="add"), (None, 3)),
])
def test_symbolic_shapes_with_unknown_dims(call, expected):
    out = call(backend.KerasTensor)
    assert isinstance(out, backend.KerasTensor)
    assert out.shape == expected


def test_keras_ops_flat_namespace_matches():
    """Every name keras.ops exposes at its top level (linalg included) is in ceras.ops."""
    import json
    import pathlib

    from ceras import ops

    api = pathlib.Path(__file__).resolve().parents[3] / "shared" / "tools" / "keras_api.json"
    if not api.exists():
        pytest.skip("shared/tools/keras_api.json not present")
    names = json.loads(api.read_text())["ops"]
    skipped = {"image", "linalg", "nn", "numpy"}
    assert [n for n in names if n not in skipped and not hasattr(ops, n)] == []
