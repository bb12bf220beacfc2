"""ceras.Function: a graph over symbolic tensors, run like a function."""
import numpy as np
import pytest

import ceras
from ceras import layers, ops


def _np(x):
    return x.detach().numpy() if hasattr(x, "detach") else np.asarray(x)


def _graph(lib):
    a = lib.Input((3,), name="a")
    b = lib.Input((3,), name="b")
    h = lib.layers.Dense(4, name="d")(a)
    out = lib.layers.Add()([h, lib.ops.sum(b, axis=-1, keepdims=True)])
    return a, b, h, out


def test_function_computes_what_the_functional_model_computes():
    a, b, _, out = _graph(ceras)
    fn = ceras.Function([a, b], out, name="fn")
    model = ceras.Model([a, b], out)
    x = np.random.default_rng(0).normal(size=(2, 3)).astype("float32")
    y = np.random.default_rng(1).normal(size=(2, 3)).astype("float32")
    np.testing.assert_allclose(_np(fn([x, y])), _np(model([x, y])), rtol=1e-6)
    assert isinstance(fn, ceras.Operation) and not isinstance(fn, ceras.Layer)
    assert fn.name == "fn"
    assert [t.name for t in fn.inputs] == ["a", "b"] and len(fn.outputs) == 1


@pytest.mark.oracle
def test_function_matches_keras_function(keras_oracle):
    a, b, _, out = _graph(ceras)
    ka, kb, _, kout = _graph(keras_oracle)
    ours = ceras.Function([a, b], out)
    theirs = keras_oracle.Function([ka, kb], kout)
    dense = [op for op in ours.operations if isinstance(op, layers.Dense)][0]
    kdense = [op for op in theirs.operations if isinstance(op, keras_oracle.layers.Dense)][0]
    dense.set_weights([_np(w.numpy()) for w in kdense.weights])
    x = np.random.default_rng(2).normal(size=(5, 3)).astype("float32")
    y = np.random.default_rng(3).normal(size=(5, 3)).astype("float32")
    np.testing.assert_allclose(_np(ours([x, y])), _np(theirs([x, y])), rtol=1e-5, atol=1e-6)
    assert len(ours.operations) == len(theirs.operations)
    assert tuple(ours.compute_output_shape([(None, 3), (None, 3)])) == tuple(
        theirs.compute_output_shape([(None, 3), (None, 3)]))


def test_function_dict_io_and_symbolic_call():
    a, b, h, out = _graph(ceras)
    fn = ceras.Function({"x": a, "y": b}, {"sum": out, "hidden": h})
    x = np.ones((2, 3), "float32")
    result = fn({"x": x, "y": x})
    assert set(result) == {"sum", "hidden"}
    np.testing.assert_allclose(_np(result["sum"]), _np(result["hidden"]) + 3.0, rtol=1e-6)
    symbolic = fn({"x": ceras.Input((3,)), "y": ceras.Input((3,))})
    assert tuple(symbolic["sum"].shape) == (None, 4)


def test_function_reuses_layers_and_ops_on_new_inputs():
    x = ceras.Input((2,))
    fn = ceras.Function(x, ops.square(x) + 1.0)
    np.testing.assert_allclose(_np(fn(np.array([[1.0, 2.0]], "float32"))), [[2.0, 5.0]])
    # Used inside a model definition, it is recorded as one step.
    z = ceras.Input((2,))
    model = ceras.Model(z, fn(z) * 2.0)
    np.testing.assert_allclose(_np(model(np.array([[3.0, 0.0]], "float32"))), [[20.0, 2.0]])


def test_function_errors_name_the_problem():
    a, b, _, out = _graph(ceras)
    with pytest.raises(ValueError, match="Graph disconnected"):
        ceras.Function([a], out)
    with pytest.raises(NotImplementedError, match='Function "f" has no config'):
        ceras.Function(a, a * 2.0, name="f").get_config()
