"""Sequential models: construction styles, add/pop, deferred build, summary."""
import numpy as np
import pytest

import ceras
from ceras import layers, ops


def test_list_constructor_with_input_builds_immediately():
    model = ceras.Sequential([ceras.Input((4,)), layers.Dense(2)])
    assert model.built
    assert model.output_shape == (None, 2)
    assert len(model.layers) == 1


def test_keras2_input_shape_kwarg_on_first_layer():
    model = ceras.Sequential([layers.Dense(3, input_shape=(5,)), layers.Dense(1)])
    assert model.built and model.input_shape == (None, 5)
    model2 = ceras.Sequential([layers.Dense(3, input_dim=7)])
    assert model2.input_shape == (None, 7)


def test_deferred_build_on_first_call(rng):
    model = ceras.Sequential()
    model.add(layers.Dense(3, activation="relu"))
    model.add(layers.Dense(1))
    assert not model.built
    x = rng.normal(size=(4, 6)).astype("float32")
    y = ops.convert_to_numpy(model(x))
    w1, b1, w2, b2 = model.get_weights()
    np.testing.assert_allclose(y, np.maximum(x @ w1 + b1, 0) @ w2 + b2, rtol=1e-5, atol=1e-6)
    assert model.built


def test_pop_removes_last_layer():
    model = ceras.Sequential([ceras.Input((4,)), layers.Dense(3), layers.Dense(2)])
    popped = model.pop()
    assert popped.units == 2
    assert model.output_shape == (None, 3)


def test_add_rejects_non_layers_and_duplicate_names():
    model = ceras.Sequential()
    with pytest.raises(ValueError, match="only accepts Layer instances"):
        model.add("dense")
    model.add(layers.Dense(2, name="d"))
    with pytest.raises(ValueError, match="unique names"):
        model.add(layers.Dense(2, name="d"))


def test_wrong_last_axis_error_names_layer():
    model = ceras.Sequential([layers.Dense(2)])
    model(np.ones((1, 3), "float32"))
    with pytest.raises(ValueError, match=r"expected shape=\(None, 3\), found shape=\(1, 4\)"):
        model(np.ones((1, 4), "float32"))


def test_summary_rows_and_totals():
    model = ceras.Sequential([ceras.Input((784,)), layers.Dense(64, activation="relu"),
                              layers.Dropout(0.1), layers.Dense(10)])
    lines = []
    model.summary(print_fn=lines.append)
    text = "\n".join(lines)
    assert 'Model: "sequential"' in text
    assert "dense (Dense)" in text and "(None, 64)" in text and "50,240" in text
    assert "dropout (Dropout)" in text
    assert "Total params: 50,890 (198.79 KB)" in text
    assert "Trainable params: 50,890 (198.79 KB)" in text
    assert "Non-trainable params: 0 (0.00 B)" in text


@pytest.mark.oracle
def test_summary_matches_keras_rows(keras_oracle):
    keras = keras_oracle
    ours = ceras.Sequential([ceras.Input((784,)), layers.Dense(64, activation="relu"),
                             layers.Dense(10)])
    theirs = keras.Sequential([keras.Input((784,)), keras.layers.Dense(64, activation="relu"),
                               keras.layers.Dense(10)])
    a, b = [], []
    ours.summary(print_fn=lambda s, **k: a.append(s))
    theirs.summary(print_fn=lambda s, **k: b.append(s))
    strip = lambda lines: [l.split("\n") for l in lines]  # noqa: E731
    ours_text = "\n".join(sum(strip(a), []))
    theirs_text = "\n".join(sum(strip(b), []))
    for needle in ("(None, 64)", "50,240", "650", "Total params: 50,890 (198.79 KB)",
                   "Non-trainable params: 0 (0.00 B)"):
        assert needle in theirs_text and needle in ours_text
