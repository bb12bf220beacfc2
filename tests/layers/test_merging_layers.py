"""Merge layers (Subtract, Multiply, Average, Maximum, Minimum, Dot and the functional
forms): parity with Keras, masks as Keras merges them, and argument errors."""
import numpy as np
import pytest
from layer_parity import (
    assert_config_matches_keras, assert_config_round_trip, assert_matches_keras,
    assert_symbolic_shape_matches_keras, case_id, to_np,
)

import ceras
from ceras import layers, ops

CASES = [
    ("Add", dict(), [(2, 3, 4), (2, 4)]),
    ("Subtract", dict(), [(2, 3, 4), (2, 3, 4)]),
    ("Subtract", dict(), [(2, 3, 4), (2, 1, 4)]),
    ("Multiply", dict(), [(2, 3, 4), (2, 1, 4), (2, 3, 4)]),
    ("Average", dict(), [(2, 3, 4), (2, 3, 4)]),
    ("Average", dict(), [(2, 5), (2, 5), (2, 5)]),
    ("Maximum", dict(), [(2, 3, 4), (2, 4)]),
    ("Minimum", dict(), [(2, 5), (2, 5), (2, 5)]),
    ("Dot", dict(axes=1), [(2, 5), (2, 5)]),
    ("Dot", dict(axes=(1, 1), normalize=True), [(2, 3, 4), (2, 3, 5)]),
    ("Dot", dict(axes=-1), [(2, 3, 4), (2, 4)]),
    ("Dot", dict(axes=[2, 1]), [(2, 3, 4), (2, 4, 5)]),
    ("Dot", dict(axes=2), [(2, 3, 4), (2, 5, 4)]),
]
PARAMS = [pytest.param(*c, id=case_id(c)) for c in CASES]


@pytest.mark.oracle
@pytest.mark.parametrize("name, kwargs, shapes", PARAMS)
def test_matches_keras(keras_oracle, name, kwargs, shapes, rng):
    assert_matches_keras(keras_oracle, name, kwargs, shapes, rng)


@pytest.mark.oracle
@pytest.mark.parametrize("name, kwargs, shapes", PARAMS)
def test_config_and_symbolic_shape_match_keras(keras_oracle, name, kwargs, shapes):
    assert_config_matches_keras(keras_oracle, name, kwargs)
    assert_symbolic_shape_matches_keras(keras_oracle, name, kwargs, shapes)


@pytest.mark.parametrize("name, kwargs, shapes", PARAMS)
def test_config_round_trip(name, kwargs, shapes):
    assert_config_round_trip(name, kwargs)


def _masked(lib, x, mask):
    t = lib.ops.convert_to_tensor(x)
    if mask is not None:
        t._keras_mask = lib.ops.convert_to_tensor(mask)
    return t


@pytest.mark.oracle
@pytest.mark.parametrize("name", ["Add", "Subtract", "Multiply", "Average", "Maximum",
                                  "Minimum"])
@pytest.mark.parametrize("masks", [
    [[[True, False, True, False]], [[True, True, False, False]]],
    [[[False, True, True, False]], None],
])
def test_masked_merge_matches_keras(keras_oracle, name, masks, rng):
    keras = keras_oracle
    xs = [rng.normal(size=(1, 4, 3)).astype("float32") for _ in masks]
    outs = []
    for lib in (ceras, keras):
        y = getattr(lib.layers, name)()([_masked(lib, x, m) for x, m in zip(xs, masks)])
        mask = getattr(y, "_keras_mask", None)
        outs.append((lib.ops.convert_to_numpy(y),
                     None if mask is None else lib.ops.convert_to_numpy(mask)))
    (y_ours, m_ours), (y_theirs, m_theirs) = outs
    np.testing.assert_allclose(y_ours, y_theirs, rtol=1e-6)
    if m_theirs is None:
        assert m_ours is None
    else:
        np.testing.assert_array_equal(m_ours, m_theirs)


def test_merge_mask_keeps_a_step_any_input_keeps():
    a, b = np.ones((1, 3, 2), "float32"), np.ones((1, 3, 2), "float32")
    mask = layers.Maximum().compute_mask([a, b], [ops.convert_to_tensor([[True, False, False]]),
                                                  ops.convert_to_tensor([[False, True, False]])])
    np.testing.assert_array_equal(to_np(mask), [[True, True, False]])


def test_functional_forms(rng):
    a, b = rng.normal(size=(2, 3)).astype("float32"), rng.normal(size=(2, 3)).astype("float32")
    np.testing.assert_allclose(to_np(layers.subtract([a, b])), a - b, rtol=1e-6)
    np.testing.assert_allclose(to_np(layers.multiply([a, b])), a * b, rtol=1e-6)
    np.testing.assert_allclose(to_np(layers.average([a, b])), (a + b) / 2, rtol=1e-6)
    np.testing.assert_allclose(to_np(layers.maximum([a, b])), np.maximum(a, b))
    np.testing.assert_allclose(to_np(layers.minimum([a, b])), np.minimum(a, b))
    np.testing.assert_allclose(to_np(layers.dot([a, b], axes=1)),
                               (a * b).sum(axis=1, keepdims=True), rtol=1e-5)
    y = layers.dot([ceras.Input((3, 4)), ceras.Input((5, 4))], axes=-1)
    assert y.shape == (None, 3, 5)


@pytest.mark.parametrize("make, inputs, message", [
    (layers.Subtract, [np.ones((2, 3))] * 3,
     r'Layer "subtract" \(Subtract\) should be called on exactly 2 inputs; received 3'),
    (layers.Multiply, [np.ones((2, 3))],
     r'Layer "multiply" \(Multiply\) should be called on a list of at least 2 inputs; '
     r"received 1"),
    (layers.Maximum, [np.ones((2, 3, 4)), np.ones((2, 3))],
     r'Layer "maximum" \(Maximum\) received inputs with incompatible shapes: '
     r"\[\(2, 3, 4\), \(2, 3\)\]"),
    (lambda: layers.Dot(axes=1), [np.ones((2, 3)), np.ones((2, 4))],
     r'Layer "dot" \(Dot\) expects the contracted dims to match, received 3 \(axis 1 of '
     r"\(2, 3\)\) and 4 \(axis 1 of \(2, 4\)\)"),
    (lambda: layers.Dot(axes=0), [np.ones((2, 3)), np.ones((2, 3))],
     r'Layer "dot" \(Dot\) cannot contract axis 0 of an input of shape \(2, 3\): expected a '
     r"non-batch axis in \[1, 2\)"),
])
def test_invalid_inputs(make, inputs, message):
    with pytest.raises(ValueError, match=message):
        make()([np.asarray(x, "float32") for x in inputs])


def test_invalid_dot_axes():
    with pytest.raises(ValueError, match=r'Layer "dot" expects `axes` to be an int or a pair '
                                         r"of ints, received axes=\(1, 2, 3\)"):
        layers.Dot(axes=(1, 2, 3))
