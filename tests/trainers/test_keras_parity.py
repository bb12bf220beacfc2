"""Parity with real Keras (torch backend): sample and class weights, weighted metrics,
multi-output losses and one epoch of SGD, with the same weights copied in."""
import numpy as np
import pytest

import ceras
from ceras import layers

pytestmark = pytest.mark.oracle


def _data(seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(48, 5)).astype("float32")
    labels = rng.integers(0, 3, 48)
    return x, labels


def _pair(keras, compile_kwargs):
    k_model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(8, activation="tanh"),
                                keras.layers.Dense(3, activation="softmax")])
    model = ceras.Sequential([ceras.Input((5,)), layers.Dense(8, activation="tanh"),
                              layers.Dense(3, activation="softmax")])
    model.set_weights(k_model.get_weights())
    k_model.compile(keras.optimizers.SGD(0.1), **compile_kwargs)
    model.compile(ceras.optimizers.SGD(0.1), **compile_kwargs)
    return k_model, model


def _assert_fit_matches(k_model, model, *args, **kwargs):
    kwargs.update(epochs=2, batch_size=16, shuffle=False, verbose=0)
    k_history = k_model.fit(*args, **kwargs).history
    history = model.fit(*args, **kwargs).history
    assert sorted(history) == sorted(k_history)
    for key in k_history:
        np.testing.assert_allclose(history[key], k_history[key], rtol=2e-5, atol=1e-6,
                                   err_msg=key)
    for a, b in zip(model.get_weights(), k_model.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-6)


def test_sample_weight_loss_matches_keras(keras_oracle):
    x, labels = _data()
    sample_weight = np.linspace(0.0, 2.0, 48).astype("float32")
    k_model, model = _pair(keras_oracle, {"loss": "sparse_categorical_crossentropy",
                                          "metrics": ["accuracy"],
                                          "weighted_metrics": ["accuracy"]})
    expected = k_model.evaluate(x, labels, sample_weight=sample_weight, verbose=0,
                                return_dict=True)
    actual = model.evaluate(x, labels, sample_weight=sample_weight, verbose=0,
                            return_dict=True)
    assert sorted(actual) == sorted(expected)
    for key in expected:
        np.testing.assert_allclose(actual[key], expected[key], rtol=1e-5, err_msg=key)
    _assert_fit_matches(k_model, model, x, labels, sample_weight=sample_weight)


def test_class_weight_training_matches_keras(keras_oracle):
    x, labels = _data(1)
    k_model, model = _pair(keras_oracle, {"loss": "sparse_categorical_crossentropy",
                                          "weighted_metrics": ["accuracy"]})
    _assert_fit_matches(k_model, model, x, labels, class_weight={0: 0.2, 1: 3.0, 2: 1.0})


def test_one_hot_class_weight_and_validation_matches_keras(keras_oracle):
    x, labels = _data(2)
    one_hot = np.eye(3, dtype="float32")[labels]
    k_model, model = _pair(keras_oracle, {"loss": "categorical_crossentropy",
                                          "metrics": ["accuracy", "mse"]})
    _assert_fit_matches(k_model, model, x, one_hot, class_weight={1: 2.5},
                        validation_split=0.25)


def test_binary_targets_of_rank_1_match_keras(keras_oracle):
    keras = keras_oracle
    x, labels = _data(3)
    y = (labels > 0).astype("float32")
    k_model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(1, activation="sigmoid")])
    model = ceras.Sequential([ceras.Input((5,)), layers.Dense(1, activation="sigmoid")])
    model.set_weights(k_model.get_weights())
    for m, opt in ((k_model, keras.optimizers.Adam(0.01)), (model, ceras.optimizers.Adam(0.01))):
        m.compile(opt, "binary_crossentropy", metrics=["accuracy", "mae"])
    _assert_fit_matches(k_model, model, x, y, sample_weight=np.ones(48) * 0.5)


def test_multi_output_weights_and_evaluate_order_match_keras(keras_oracle):
    keras = keras_oracle
    x, labels = _data(4)
    y_bin = (labels > 0).astype("float32")

    def build(lib, lay):
        inputs = lib.Input((5,))
        hidden = lay.Dense(6, activation="relu")(inputs)
        return lib.Model(inputs, [lay.Dense(1, activation="sigmoid", name="bin")(hidden),
                                  lay.Dense(3, activation="softmax", name="cat")(hidden)])

    k_model, model = build(keras, keras.layers), build(ceras, layers)
    model.set_weights(k_model.get_weights())
    kwargs = {"loss": ["binary_crossentropy", "sparse_categorical_crossentropy"],
              "loss_weights": [0.3, 1.2], "metrics": [["accuracy"], ["acc"]]}
    k_model.compile(keras.optimizers.SGD(0.05), **kwargs)
    model.compile(ceras.optimizers.SGD(0.05), **kwargs)
    sw = np.linspace(1.0, 2.0, 48).astype("float32")
    np.testing.assert_allclose(model.evaluate(x, [y_bin, labels], sample_weight=sw, verbose=0),
                               k_model.evaluate(x, [y_bin, labels], sample_weight=sw,
                                                verbose=0), rtol=1e-5)
    _assert_fit_matches(k_model, model, x, [y_bin, labels])
