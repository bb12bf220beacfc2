"""keras.ops.numpy as a whole: every name exists, and every op works on symbolic tensors
(the shape and dtype it infers are the ones it computes on real data)."""
import numpy as np
import pytest
import torch
from backend_testing import dtype_name

from ceras import backend, ops
from ceras.backend import KerasTensor
from ceras.ops import numpy as ops_numpy


def test_every_keras_numpy_name_is_an_op():
    missing = [n for n in ops_numpy.NAMES if not callable(getattr(ops, n, None))]
    assert not missing, f"missing ops: {missing}"
    assert len(ops_numpy.NAMES) == 220


@pytest.mark.oracle
def test_signatures_match_keras(keras_oracle):
    import inspect

    from ceras.backend import numpy as backend_numpy

    different = []
    for name in ops_numpy.NAMES:
        ours = inspect.signature(getattr(backend_numpy, name))
        theirs = inspect.signature(getattr(keras_oracle.ops, name))
        if str(ours) != str(theirs):
            different.append(f"{name}{ours} != {theirs}")
    assert not different, "\n".join(different)


X, Y, B, I = "X", "Y", "B", "I"  # placeholders: float (n, 3), float (n, 3), bool, int
SYMBOLIC = {
    # One argument.
    **{n: (X,) for n in (
        "abs", "absolute", "angle", "arccos", "arcsin", "arcsinh", "arctan", "arctanh",
        "cbrt", "ceil", "conj", "conjugate", "copy", "cos", "cosh", "deg2rad", "exp", "exp2",
        "expm1", "fabs", "floor", "i0", "imag", "isfinite", "isinf", "isnan", "isneginf",
        "isposinf", "isreal", "log", "log10", "log1p", "log2", "logical_not", "nan_to_num",
        "negative", "rad2deg", "real", "reciprocal", "round", "sign", "signbit", "sin", "sinc",
        "sinh", "sqrt", "square", "tan", "tanh", "trunc", "ravel", "flip", "fliplr", "flipud",
        "sort", "argsort", "cumsum", "cumprod", "nancumsum", "nancumprod", "sum", "mean",
        "max", "min", "prod", "std", "var", "argmax", "argmin", "all", "any", "amax", "amin",
        "median", "nanmax", "nanmin", "nanmean", "nansum", "nanprod", "nanstd", "nanvar",
        "nanmedian", "ptp", "count_nonzero", "nanargmax", "nanargmin", "average", "diff",
        "trace", "diagonal", "tril", "triu", "corrcoef", "transpose", "size", "ndim",
        "zeros_like", "ones_like", "empty_like", "array", "view", "rot90")},
    "argpartition": (X, 1),
    "arccosh": (X,),
    "bitwise_invert": (I,), "bitwise_not": (I,),
    # Two arguments, elementwise.
    **{n: (X, Y) for n in (
        "add", "subtract", "multiply", "divide", "true_divide", "divide_no_nan",
        "floor_divide", "power", "mod", "fmod", "maximum", "minimum", "fmax", "fmin",
        "arctan2", "hypot", "logaddexp", "logaddexp2", "nextafter", "heaviside", "equal",
        "not_equal", "greater", "greater_equal", "less", "less_equal", "logical_and",
        "logical_or", "logical_xor", "isclose", "allclose", "append", "isin", "inner",
        "correlate", "kron", "outer", "vdot", "cross")},
    **{n: (I, I) for n in ("gcd", "lcm", "bitwise_and", "bitwise_or", "bitwise_xor",
                           "bitwise_left_shift", "bitwise_right_shift", "left_shift",
                           "right_shift")},
    "ldexp": (X, I),
    "matmul": (X, "W"), "dot": (X, "W"), "tensordot": (X, "W", 1),
    "einsum": ("ij,jk->ik", X, "W"),
    # Shapes, joins, splits, indexing.
    "reshape": (X, (-1,)), "expand_dims": (X, 1), "squeeze": ("S",), "broadcast_to": ("R", (4, 3)),
    "concatenate": ([X, Y],), "stack": ([X, Y],), "hstack": ([X, Y],), "vstack": ([X, Y],),
    "dstack": ([X, Y],), "split": (X, 3, 1), "array_split": (X, 2, 1), "hsplit": (X, 3),
    "vsplit": ("E", 2), "dsplit": ("D", 2), "moveaxis": (X, 0, 1), "swapaxes": (X, 0, 1),
    "roll": (X, 1, 0), "tile": (X, (2, 1)), "repeat": (X, 2, 1), "pad": (X, ((1, 1), (0, 2))),
    "take": (X, np.array([0, 2]), 1), "take_along_axis": (X, "J", 1),
    "get_item": (X, (slice(None), 1)), "diag": ("V",), "diagflat": ("V",),
    "unravel_index": (I, (2, 3)), "where": (B, X, Y), "select": ([B], [X], 0.0),
    "clip": (X, 0.0, 1.0), "searchsorted": ("V", X), "digitize": (X, "V"),
    "quantile": (X, 0.5), "percentile": (X, 50.0), "nanquantile": (X, 0.5),
    "nanpercentile": (X, 50.0), "histogram": ("V",), "vander": ("V",),
    "trapezoid": (X,), "full_like": (X, 2.0), "slogdet": ("M",),
    "meshgrid": ("V", "V"),
}
# Creation ops take no tensor; their outputs are checked in test_numpy_create.py.
NO_TENSOR = {"arange", "bartlett", "blackman", "empty", "eye", "full", "geomspace", "hamming",
             "hanning", "identity", "kaiser", "linspace", "logspace", "ones", "tri", "zeros",
             "vectorize"}
# Output length depends on the values, so torch cannot trace them without data.
DATA_DEPENDENT = {"nonzero", "unique", "bincount"}


def _values(kind, n, rng):
    shapes = {X: (n, 3), Y: (n, 3), B: (n, 3), I: (n, 3), "W": (3, 4), "S": (n, 1),
              "R": (1, 3), "E": (2 * n, 3), "D": (n, 3, 2), "J": (n, 2), "V": (n,),
              "M": (n, 2, 2)}
    shape = shapes[kind]
    if kind == B:
        return rng.random(shape) > 0.5
    if kind in (I, "J"):
        return rng.integers(0, 3, shape).astype("int32")
    values = rng.uniform(0.1, 0.9, shape).astype("float32")
    return np.sort(values) if kind == "V" else values


def _fill(args, make):
    out = []
    for a in args:
        if isinstance(a, list):
            out.append([make(v) if isinstance(v, str) and len(v) == 1 else v for v in a])
        elif isinstance(a, str) and (len(a) == 1 and a in "XYBIWSREDJVM"):
            out.append(make(a))
        else:
            out.append(a)
    return out


def _flat(x):
    return list(x) if isinstance(x, (tuple, list)) else [x]


def _dtype_name(t):
    return str(t.dtype).replace("torch.", "")


def test_symbolic_table_covers_every_op():
    assert set(SYMBOLIC) | NO_TENSOR | DATA_DEPENDENT == set(ops_numpy.NAMES)


@pytest.mark.parametrize("name", sorted(SYMBOLIC))
def test_symbolic_call_matches_eager_shapes_and_dtypes(name):
    """Run on (None, ...) KerasTensors; compare to real runs at batch sizes 2 and 5:
    a dim is None exactly where the real runs differ, dtypes are equal."""
    args = SYMBOLIC[name]
    rng = np.random.default_rng(0)
    eager = []
    for n in (4, 7):
        eager.append(_flat(getattr(ops, name)(*_fill(args, lambda k: _values(k, n, rng)))))

    def symbolic(kind):
        shape = _values(kind, 2, rng).shape
        batch_dims = {X, Y, B, I, "S", "E", "D", "J", "V", "M"}
        dtype = {B: "bool", I: "int32", "J": "int32"}.get(kind, "float32")
        return KerasTensor((None,) + shape[1:] if kind in batch_dims else shape, dtype=dtype)

    out = _flat(getattr(ops, name)(*_fill(args, symbolic)))
    assert len(out) == len(eager[0])
    for got, small, large in zip(out, *eager):
        if not backend.is_tensor(small):
            assert got == small
            continue
        assert isinstance(got, KerasTensor), type(got)
        want = tuple(a if a == b else None for a, b in zip(small.shape, large.shape))
        assert got.shape == want, (got.shape, want)
        assert got.dtype == _dtype_name(small)


@pytest.mark.parametrize("name,args,kwargs,shape", [
    ("reshape", ((None, 3, 4),), {"newshape": (-1, 12)}, (None, 12)),
    ("reshape", ((None, 3, 4),), {"newshape": (-1, 2, 6)}, (None, 2, 6)),
    ("transpose", ((None, 3, 4),), {}, (4, 3, None)),
    ("expand_dims", ((None, 3),), {"axis": (0, -1)}, (1, None, 3, 1)),
    ("squeeze", ((None, 1, 3),), {"axis": 1}, (None, 3)),
    ("sum", ((None, 3, 4),), {"axis": (1, 2), "keepdims": True}, (None, 1, 1)),
    ("mean", ((None, 3, 4),), {"axis": 0}, (3, 4)),
    ("matmul", ((None, 3, 4), (4, 5)), {}, (None, 3, 5)),
    ("split", ((None, 6),), {"indices_or_sections": 3, "axis": 1}, (None, 2)),
    ("split", ((None, 6),), {"indices_or_sections": 2}, (None, 6)),
    ("tile", ((None, 3),), {"repeats": (1, 2)}, (None, 6)),
    ("pad", ((None, 3),), {"pad_width": ((0, 0), (1, 1))}, (None, 5)),
    ("take", ((None, 5),), {"indices": np.array([[0, 1]]), "axis": 1}, (None, 1, 2)),
])
def test_symbolic_shapes_keep_unknown_batch_dims(name, args, kwargs, shape):
    tensors = [KerasTensor(a) for a in args]
    out = getattr(ops, name)(*tensors, **kwargs)
    out = out[0] if isinstance(out, list) else out
    assert out.shape == shape


def test_symbolic_get_item_and_operators():
    x = KerasTensor((None, 4, 3))
    assert x[:, 0].shape == (None, 3)
    assert x[..., 1:].shape == (None, 4, 2)
    assert x[:, None].shape == (None, 1, 4, 3)
    assert (x + 1.0).shape == (None, 4, 3)
    assert (x @ KerasTensor((3, 2))).shape == (None, 4, 2)
    assert (x > 0).dtype == "bool"


def test_python_scalars_are_weak_and_lists_convert():
    assert dtype_name(ops.add(np.ones(3, "float16"), 1.5)) == "float16"
    assert dtype_name(ops.multiply(np.ones(3, "int8"), 2)) == "int8"
    assert dtype_name(ops.add(np.ones(3, "int8"), 2.0)) == "float32"
    assert dtype_name(ops.add([1, 2], [3, 4])) == "int32"
    np.testing.assert_allclose(ops.add([1.0, 2.0], 1).numpy(), [2.0, 3.0])


def test_ops_accept_variables_lists_and_numpy():
    from ceras.backend import Variable

    v = Variable(np.array([[1.0, 2.0], [3.0, 4.0]], "float32"), name="v")
    values = ops.convert_to_numpy  # results carry the variable's grad on torch
    np.testing.assert_allclose(values(ops.add(v, 1.0)), [[2.0, 3.0], [4.0, 5.0]])
    np.testing.assert_allclose(values(ops.subtract(2, v)), [[1.0, 0.0], [-1.0, -2.0]])
    np.testing.assert_allclose(values(ops.matmul(v, np.eye(2, dtype="float32"))), v.numpy())
    np.testing.assert_allclose(values(ops.mean(v, axis=0)), [2.0, 3.0])
    np.testing.assert_allclose(values(ops.maximum(v, 2.5)), [[2.5, 2.5], [3.0, 4.0]])
    assert dtype_name(ops.add(2, 3)) == "int32"
    assert dtype_name(ops.multiply(2.0, True)) == "float32"


ERRORS = [
    (lambda: ops.round(np.array([True])), TypeError, "round expects a numeric tensor"),
    (lambda: ops.searchsorted(np.ones((2, 2)), np.ones(2)), ValueError,
     "searchsorted expects a 1-D sorted_sequence, received shape"),
    (lambda: ops.quantile(np.ones(3), 0.5, method="cubic"), ValueError,
     "quantile: method must be one of"),
    (lambda: ops.histogram(np.ones((2, 2))), ValueError, "histogram expects a 1-D input"),
    (lambda: ops.histogram(np.ones(3), bins=0), ValueError,
     "bins must be a positive integer, received 0"),
    (lambda: ops.bincount(np.array([1, 2]), sparse=True), ValueError,
     "sparse=True is not supported"),
    (lambda: ops.select([], []), ValueError, "condlist must not be empty"),
    (lambda: ops.vander(np.ones((2, 2))), ValueError, "vander expects a 1-D input"),
    (lambda: ops.vectorize(np.sum, signature="(n)")(np.ones(2)), ValueError,
     "signature must look like"),
    (lambda: ops.vectorize(np.sum, signature="(n),(n)->()")(np.ones(2)), ValueError,
     "expects 2 inputs, received 1"),
]


@pytest.mark.parametrize("call,error,match", ERRORS, ids=[e[2][:30] for e in ERRORS])
def test_errors_name_the_argument_and_what_was_received(call, error, match):
    with pytest.raises(error, match=match):
        call()
