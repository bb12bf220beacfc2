"""ceras.activations: every function against keras.activations, plus get/serialize."""
import inspect

import numpy as np
import pytest

import ceras
from ceras import activations

X = np.linspace(-5.0, 5.0, 61, dtype="float32").reshape(61, 1) * np.array(
    [1.0, 0.5, -0.3, 1.7], "float32")
FUNCTIONS = [n for n in activations.__all__ if n not in ("get", "serialize", "deserialize")]


def _np(x):
    return ceras.ops.convert_to_numpy(x)


def _keras_np(keras_oracle, fn, x, *args, **kwargs):
    out = fn(keras_oracle.ops.convert_to_tensor(x), *args, **kwargs)
    return out.detach().cpu().numpy()  # Keras's torch backend returns torch tensors


@pytest.mark.oracle
@pytest.mark.parametrize("name", [n for n in FUNCTIONS if n != "sparsemax"])
def test_matches_keras(keras_oracle, name):
    args = (0.5, -1.0) if name == "threshold" else ()
    ours = _np(getattr(activations, name)(X, *args))
    theirs = _keras_np(keras_oracle, getattr(keras_oracle.activations, name), X, *args)
    np.testing.assert_allclose(ours, theirs, atol=1e-6)


@pytest.mark.oracle
@pytest.mark.parametrize("kwargs", [
    {"negative_slope": 0.1}, {"max_value": 2.0}, {"threshold": 1.0}, {"max_value": 6},
    {"negative_slope": 0.1, "threshold": 1.0, "max_value": 2.5},
    {"threshold": 1.0, "max_value": 0.5},
])
def test_relu_arguments_match_keras(keras_oracle, kwargs):
    np.testing.assert_allclose(_np(activations.relu(X, **kwargs)),
                               _keras_np(keras_oracle, keras_oracle.activations.relu, X,
                                         **kwargs), atol=1e-6)


@pytest.mark.oracle
@pytest.mark.parametrize("name, kwargs", [
    ("gelu", {"approximate": True}), ("elu", {"alpha": 0.5}), ("celu", {"alpha": 2.0}),
    ("leaky_relu", {"negative_slope": 0.05}), ("softmax", {"axis": 0}),
    ("log_softmax", {"axis": 0}), ("glu", {"axis": 0}), ("squareplus", {"b": 1}),
    ("hard_shrink", {"threshold": 1.0}), ("soft_shrink", {"threshold": 1.0}),
])
def test_arguments_match_keras(keras_oracle, name, kwargs):
    x = X[:60] if name == "glu" else X
    np.testing.assert_allclose(_np(getattr(activations, name)(x, **kwargs)),
                               _keras_np(keras_oracle, getattr(keras_oracle.activations, name),
                                         x, **kwargs), atol=1e-6)


@pytest.mark.oracle
def test_softmax_over_several_axes_matches_keras(keras_oracle):
    x = np.random.default_rng(0).normal(size=(2, 3, 4)).astype("float32")
    np.testing.assert_allclose(_np(activations.softmax(x, axis=(1, 2))),
                               _keras_np(keras_oracle, keras_oracle.activations.softmax, x,
                                         axis=(1, 2)), atol=1e-6)


def test_softmax_and_sigmoid_keep_their_logits():
    x = ceras.ops.convert_to_tensor(X)
    assert activations.softmax(x)._keras_logits is x
    assert activations.sigmoid(x)._keras_logits is x


def test_sparsemax_matches_numpy():
    # (Keras 3.15's torch sparsemax is wrong on some rows, so NumPy is the reference.)
    x = np.array([[0.1, 2.0, -1.0], [0.5, 0.4, 0.3], [1.0, 1.0, 1.0]], "float32")
    expected = np.array([[0.0, 1.0, 0.0], [1.3 / 3, 1.0 / 3, 0.7 / 3], [1 / 3] * 3])
    np.testing.assert_allclose(_np(activations.sparsemax(x)), expected, atol=1e-6)


def test_relu_formula_matches_numpy():
    x = np.array([-2.0, 0.5, 1.0, 1.5, 3.0], "float32")
    np.testing.assert_allclose(
        _np(activations.relu(x, negative_slope=0.5, max_value=2.0, threshold=1.0)),
        [-1.5, -0.25, 0.0, 1.5, 2.0])


def test_linear_is_identity_and_mish_formula():
    assert activations.linear(X) is X
    np.testing.assert_allclose(_np(activations.mish(X)),
                               X * np.tanh(np.log1p(np.exp(X))), rtol=1e-6, atol=1e-6)


def test_aliases():
    assert activations.swish is activations.silu
    assert activations.hard_swish is activations.hard_silu


# -- get / serialize / deserialize -------------------------------------------------

@pytest.mark.parametrize("name", FUNCTIONS)
def test_get_serialize_round_trip(name):
    fn = activations.get(name)
    assert fn is getattr(activations, name)
    assert activations.get(activations.serialize(fn)) is fn


def test_serialize_gives_keras_names():
    assert activations.serialize(activations.relu) == "relu"
    assert activations.serialize(activations.swish) == "silu"
    assert activations.serialize(activations.hard_swish) == "hard_silu"
    assert activations.serialize(None) is None


def test_get_none_is_linear_and_callables_pass_through():
    assert activations.get(None) is activations.linear

    def custom(x):
        return x

    assert activations.get(custom) is custom
    assert activations.serialize(custom) == {"module": "builtins", "class_name": "function",
                                             "config": "custom", "registered_name": "function"}


def test_deserialize_function_dict_and_custom_objects():
    config = {"module": "builtins", "class_name": "function", "config": "relu",
              "registered_name": "function"}
    assert activations.deserialize(config) is activations.relu

    def custom(x):
        return x

    assert activations.deserialize("custom", custom_objects={"custom": custom}) is custom


def test_unknown_name_lists_valid_names():
    with pytest.raises(ValueError, match=r"Could not interpret activation function identifier: "
                                         r"'foo'. Expected one of: .*relu"):
        activations.get("foo")
    with pytest.raises(ValueError, match="Could not interpret activation function "
                                         "identifier: 3"):
        activations.get(3)


@pytest.mark.oracle
def test_names_and_signatures_match_keras(keras_oracle):
    theirs = {n for n in dir(keras_oracle.activations) if not n.startswith("_")}
    assert set(activations.__all__) == theirs
    for name in FUNCTIONS:
        assert inspect.signature(getattr(activations, name)) == inspect.signature(
            getattr(keras_oracle.activations, name)), name
        assert activations.serialize(getattr(activations, name)) == \
            keras_oracle.activations.serialize(getattr(keras_oracle.activations, name))
