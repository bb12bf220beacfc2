"""compile / fit / evaluate / predict: arguments, logs, shapes and results."""
import numpy as np
import pytest

import ceras
from ceras import callbacks, layers, ops
from backend_testing import requires_torch


def _data(n=64, d=4, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d)).astype("float32")
    y = (x.sum(axis=1) > 0).astype("float32")
    return x, y


def _binary_model(d=4):
    return ceras.Sequential([ceras.Input((d,)), layers.Dense(8, activation="relu"),
                             layers.Dense(1, activation="sigmoid")])


def _sgd_model(d=4, units=1):
    return ceras.Sequential([ceras.Input((d,)), layers.Dense(units, kernel_initializer="ones")])


def test_fit_returns_history_with_sorted_epoch_logs():
    x, y = _data()
    model = _binary_model()
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    history = model.fit(x, y, epochs=3, batch_size=16, validation_split=0.25, verbose=0)
    assert isinstance(history, callbacks.History)
    assert model.history is history
    assert list(history.history) == ["accuracy", "loss", "val_accuracy", "val_loss"]
    assert history.epoch == [0, 1, 2]
    assert all(isinstance(v, float) for v in history.history["loss"])
    assert history.params == {"verbose": 0, "epochs": 3, "steps": 3}


def test_loss_log_is_the_sample_weighted_mean_of_batch_losses():
    # 10 samples, batch 4: batches of 4, 4, 2; logged loss weights each by its size.
    x = np.arange(10, dtype="float32").reshape(10, 1)
    y = np.zeros(10, dtype="float32")
    model = ceras.Sequential([ceras.Input((1,)), layers.Dense(1, kernel_initializer="ones",
                                                              use_bias=False)])
    model.compile(ceras.optimizers.SGD(learning_rate=0.0), "mse")
    history = model.fit(x, y, batch_size=4, epochs=1, shuffle=False, verbose=0)
    np.testing.assert_allclose(history.history["loss"][0], np.mean(x[:, 0] ** 2), rtol=1e-6)


def test_evaluate_list_and_dict_forms():
    x, y = _data()
    model = _binary_model()
    model.compile("adam", "binary_crossentropy", metrics=["mae", "accuracy"])
    as_list = model.evaluate(x, y, verbose=0)
    as_dict = model.evaluate(x, y, verbose=0, return_dict=True)
    assert list(as_dict) == ["accuracy", "loss", "mae"]
    assert as_list == [as_dict["loss"], as_dict["mae"], as_dict["accuracy"]]
    model.compile("adam", "binary_crossentropy")
    assert isinstance(model.evaluate(x, y, verbose=0), float)


def test_metrics_names_and_metrics_before_and_after_compile():
    model = _binary_model()
    assert model.metrics == []
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    assert model.metrics_names == ["loss", "compile_metrics"]


def test_predict_keeps_last_partial_batch_and_matches_call():
    x, _ = _data(n=70)
    model = _binary_model()
    out = model.predict(x, batch_size=32, verbose=0)
    assert isinstance(out, np.ndarray) and out.shape == (70, 1)
    np.testing.assert_allclose(out, ops.convert_to_numpy(model(x)), rtol=1e-6)


def test_train_test_predict_on_batch():
    x, y = _data()
    model = _binary_model()
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    loss, acc = model.train_on_batch(x, y)
    assert isinstance(loss, float) and 0.0 <= acc <= 1.0
    logs = model.test_on_batch(x, y, return_dict=True)
    assert set(logs) == {"loss", "accuracy"}
    out = model.predict_on_batch(x[:3])
    assert out.shape == (3, 1)


def test_targets_n_against_predictions_n_1_are_not_broadcast():
    # (N,) targets with (N, 1) predictions must not broadcast to (N, N) (keras #14627).
    x = np.linspace(-1, 1, 8, dtype="float32").reshape(8, 1)
    y = np.arange(8, dtype="float32")
    model = ceras.Sequential([ceras.Input((1,)), layers.Dense(1, kernel_initializer="ones")])
    model.compile("sgd", "mse", metrics=["mae"])
    logs = model.evaluate(x, y, verbose=0, return_dict=True)
    np.testing.assert_allclose(logs["loss"], np.mean((x[:, 0] - y) ** 2), rtol=1e-6)
    np.testing.assert_allclose(logs["mae"], np.mean(np.abs(x[:, 0] - y)), rtol=1e-6)


@pytest.mark.parametrize("y_kind, expected", [
    ("binary", "BinaryAccuracy"), ("sparse", "SparseCategoricalAccuracy"),
    ("onehot", "CategoricalAccuracy")])
def test_accuracy_resolves_from_shapes(y_kind, expected):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(20, 4)).astype("float32")
    units = 1 if y_kind == "binary" else 3
    labels = rng.integers(0, units + (y_kind == "binary"), 20)
    y = {"binary": labels.astype("float32"), "sparse": labels,
         "onehot": np.eye(3, dtype="float32")[labels]}[y_kind]
    model = ceras.Sequential([ceras.Input((4,)), layers.Dense(units, activation="softmax"
                                                              if units > 1 else "sigmoid")])
    loss = "binary_crossentropy" if y_kind == "binary" else "crossentropy"
    model.compile("adam", loss, metrics=["acc"])
    logs = model.evaluate(x, y, verbose=0, return_dict=True)
    sub = model._compile_metrics.metrics[0]
    assert type(sub).__name__ == expected and sub.name == "acc"
    assert set(logs) == {"acc", "loss"}


def test_multi_output_list_losses_weights_and_metrics_names():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(32, 4)).astype("float32")
    y1 = (x[:, 0] > 0).astype("float32")
    y2 = rng.integers(0, 3, 32)
    inputs = ceras.Input((4,))
    hidden = layers.Dense(8)(inputs)
    out1 = layers.Dense(1, activation="sigmoid", name="bin")(hidden)
    out2 = layers.Dense(3, activation="softmax", name="cat")(hidden)
    model = ceras.Model(inputs, [out1, out2])
    model.compile("adam", ["binary_crossentropy", "sparse_categorical_crossentropy"],
                  loss_weights=[1.0, 0.5], metrics=["accuracy", ["acc"]])
    logs = model.evaluate(x, [y1, y2], verbose=0, return_dict=True)
    assert list(logs) == ["bin_accuracy", "bin_loss", "cat_acc", "cat_loss", "loss"]
    np.testing.assert_allclose(logs["loss"], logs["bin_loss"] + 0.5 * logs["cat_loss"],
                               rtol=1e-5)
    as_list = model.evaluate(x, [y1, y2], verbose=0)
    assert as_list == [logs[k] for k in ("loss", "bin_loss", "cat_loss", "bin_accuracy",
                                         "cat_acc")]


def test_multi_output_dict_losses_and_targets():
    x = np.random.default_rng(0).normal(size=(16, 4)).astype("float32")
    inputs = ceras.Input((4,))
    out_a = layers.Dense(1, name="a")(inputs)
    out_b = layers.Dense(2, name="b")(inputs)
    model = ceras.Model(inputs, {"a": out_a, "b": out_b})
    model.compile("sgd", {"a": "mse", "b": "mae"}, metrics={"b": ["mse"]})
    history = model.fit(x, {"a": x[:, :1], "b": x[:, :2]}, epochs=1, verbose=0)
    assert list(history.history) == ["a_loss", "b_loss", "b_mse", "loss"]


def test_unknown_output_name_in_loss_dict_is_reported():
    x = np.ones((4, 4), "float32")
    inputs = ceras.Input((4,))
    model = ceras.Model(inputs, [layers.Dense(1, name="a")(inputs),
                                 layers.Dense(1, name="b")(inputs)])
    model.compile("sgd", {"a": "mse", "c": "mse"})
    with pytest.raises(ValueError, match=r"keys \['c'\] do not match any model output; "
                                         r"the output names are \['a', 'b'\]"):
        model.fit(x, [x[:, :1], x[:, :1]], verbose=0)


def test_validation_split_takes_the_last_samples_before_shuffling():
    x = np.arange(10, dtype="float32").reshape(10, 1)
    seen = []

    class Record(callbacks.Callback):
        def on_test_batch_begin(self, batch, logs=None):
            seen.append(batch)

    model = ceras.Sequential([ceras.Input((1,)), layers.Dense(1, kernel_initializer="zeros")])
    model.compile(ceras.optimizers.SGD(0.0), "mse", metrics=["mae"])
    # A model predicting 0 has a validation mae equal to the mean held-out value.
    history = model.fit(x, x, validation_split=0.3, epochs=1, shuffle=True, verbose=0,
                        callbacks=[Record()], batch_size=100)
    assert seen == [0]
    assert history.params["steps"] == 1
    np.testing.assert_allclose(history.history["val_mae"][0], np.mean([7, 8, 9]), rtol=1e-6)


def test_validation_freq_int_and_list():
    x, y = _data(n=16)
    model = _sgd_model()
    model.compile("sgd", "mse")
    history = model.fit(x, y, epochs=4, validation_data=(x, y), validation_freq=2, verbose=0)
    assert len(history.history["val_loss"]) == 2
    history = model.fit(x, y, epochs=4, validation_data=(x, y), validation_freq=[1, 4],
                        verbose=0)
    assert len(history.history["val_loss"]) == 2


def test_validation_data_with_sample_weights_and_batch_size():
    x, y = _data(n=20)
    model = _sgd_model()
    model.compile("sgd", "mse")
    sw = np.zeros(20, "float32")
    history = model.fit(x, y, epochs=1, validation_data=(x, y, sw), validation_batch_size=7,
                        verbose=0)
    assert history.history["val_loss"] == [0.0]


def test_initial_epoch_and_steps_per_epoch():
    x, y = _data(n=40)
    model = _sgd_model()
    model.compile("sgd", "mse")
    epochs_seen = []
    cb = callbacks.LambdaCallback(on_epoch_begin=lambda e, logs: epochs_seen.append(e))
    model.fit(x, y, epochs=5, initial_epoch=3, verbose=0, callbacks=[cb])
    assert epochs_seen == [3, 4]
    iterations = int(model.optimizer.iterations.numpy())
    # 40 samples, batch 16: 3 batches per pass; 5 steps per epoch never under-runs.
    model.fit(x, y, epochs=2, batch_size=16, steps_per_epoch=5, verbose=0)
    assert int(model.optimizer.iterations.numpy()) == iterations + 10


def test_shuffle_modes_visit_every_sample_once_per_epoch():
    x = np.arange(10, dtype="float32").reshape(10, 1)
    for shuffle in (True, False, "batch"):
        seen = []

        class Record(ceras.Model):
            def __init__(self):
                super().__init__()
                self.dense = layers.Dense(1)

            def call(self, inputs, training=False):
                if training:
                    seen.extend(ops.convert_to_numpy(inputs)[:, 0].tolist())
                return self.dense(inputs)

        model = Record()
        model.compile("sgd", "mse")
        model.fit(x, x, batch_size=3, epochs=1, shuffle=shuffle, verbose=0)
        assert sorted(seen) == list(range(10)), shuffle
        if shuffle is False:
            assert seen == list(range(10))


def test_steps_per_execution_runs_every_step_and_calls_batch_hooks_per_group():
    x, y = _data(n=40)
    model = _sgd_model()
    model.compile("sgd", "mse", steps_per_execution=2)
    batches = []
    cb = callbacks.LambdaCallback(on_train_batch_end=lambda b, logs: batches.append(b))
    model.fit(x, y, batch_size=8, epochs=1, verbose=0, callbacks=[cb])
    assert int(model.optimizer.iterations.numpy()) == 5
    assert batches == [1, 3, 4]
    assert model.predict(x, batch_size=8, verbose=0).shape == (40, 1)
    assert isinstance(model.evaluate(x, y, batch_size=8, verbose=0), float)


def test_stop_training_from_a_callback_ends_fit():
    x, y = _data()
    model = _sgd_model()
    model.compile("sgd", "mse")

    class Stop(callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            if batch == 1:
                self.model.stop_training = True

    history = model.fit(x, y, batch_size=8, epochs=5, verbose=0, callbacks=[Stop()])
    assert len(history.history["loss"]) == 1
    assert int(model.optimizer.iterations.numpy()) == 2


def test_batch_logs_are_running_means_and_lazy():
    x, y = _data(n=32)
    model = _sgd_model()
    model.compile(ceras.optimizers.SGD(0.0), "mse", metrics=["mae"])
    values = []
    cb = callbacks.LambdaCallback(
        on_train_batch_end=lambda b, logs: values.append((set(logs), float(logs["loss"]))))
    history = model.fit(x, y, batch_size=8, epochs=1, verbose=0, callbacks=[cb],
                        shuffle=False)
    assert values[0][0] == {"loss", "mae"}
    np.testing.assert_allclose(values[-1][1], history.history["loss"][0], rtol=1e-6)


def test_regularization_and_add_loss_are_part_of_the_loss():
    x = np.ones((4, 2), "float32")
    y = np.zeros((4, 1), "float32")
    model = ceras.Sequential([ceras.Input((2,)), layers.Dense(
        1, kernel_initializer="ones", use_bias=False, kernel_regularizer="l2")])
    model.compile(ceras.optimizers.SGD(0.0), "mse")
    loss = model.evaluate(x, y, verbose=0)
    np.testing.assert_allclose(loss, 4.0 + 0.01 * 2, rtol=1e-6)

    class AddLoss(layers.Layer):
        def call(self, inputs):
            self.add_loss(ops.sum(inputs) * 0 + 1.5)
            return inputs

    inputs = ceras.Input((2,))
    model = ceras.Model(inputs, layers.Dense(1, kernel_initializer="ones",
                                             use_bias=False)(AddLoss()(inputs)))
    model.compile(ceras.optimizers.SGD(0.0), "mse")
    np.testing.assert_allclose(model.evaluate(x, y, verbose=0), 4.0 + 1.5, rtol=1e-6)
    history = model.fit(x, y, verbose=0, epochs=1)
    np.testing.assert_allclose(history.history["loss"][0], 4.0 + 1.5, rtol=1e-6)


def test_subclassed_model_builds_on_first_batch_and_trains():
    class Net(ceras.Model):
        def __init__(self):
            super().__init__()
            self.hidden = layers.Dense(8, activation="relu")
            self.out = layers.Dense(1)

        def call(self, inputs):
            return self.out(self.hidden(inputs))

    x, y = _data()
    model = Net()
    model.compile("adam", "mse")
    before = None
    history = model.fit(x, y, epochs=3, verbose=0)
    assert len(model.trainable_weights) == 4 and before is None
    assert history.history["loss"][-1] < history.history["loss"][0]


@requires_torch
def test_custom_train_step_in_keras_torch_style():
    class Custom(ceras.Model):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.dense = layers.Dense(1)
            self.loss_tracker = ceras.metrics.Mean(name="loss")
            self.mae_metric = ceras.metrics.MeanAbsoluteError(name="mae")

        def call(self, inputs):
            return self.dense(inputs)

        def train_step(self, data):
            x, y = data
            y_pred = self(x, training=True)
            loss = self.compute_loss(y=y, y_pred=y_pred)
            self.zero_grad()
            loss.backward()
            trainable = list(self.trainable_weights)
            self.optimizer.apply([v.value.grad for v in trainable], trainable)
            self.loss_tracker.update_state(loss)
            self.mae_metric.update_state(y, y_pred)
            return {"loss": self.loss_tracker.result(), "mae": self.mae_metric.result()}

        @property
        def metrics(self):
            return [self.loss_tracker, self.mae_metric]

    x, y = _data()
    model = Custom()
    model.compile("adam", "mse")
    history = model.fit(x, y, epochs=2, verbose=0)
    assert list(history.history) == ["loss", "mae"]
    assert history.history["loss"][1] < history.history["loss"][0]


def test_super_train_step_and_compute_loss_override():
    calls = []

    class Weighted(ceras.Model):
        def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None,
                         training=True):
            calls.append(training)
            return super().compute_loss(x, y, y_pred, sample_weight) * 2.0

        def train_step(self, data):
            return super().train_step(data)

    inputs = ceras.Input((4,))
    model = Weighted(inputs, layers.Dense(1, kernel_initializer="ones")(inputs))
    model.compile(ceras.optimizers.SGD(0.0), "mse")
    x, y = _data(n=8)
    history = model.fit(x, y, epochs=1, verbose=0, batch_size=8)
    expected = 2 * np.mean((x.sum(axis=1) - y) ** 2)
    np.testing.assert_allclose(history.history["loss"][0], expected, rtol=1e-5)
    assert calls == [True]
    np.testing.assert_allclose(model.evaluate(x, y, verbose=0), expected, rtol=1e-5)
    assert calls == [True, False]


def test_compile_config_round_trip():
    model = _binary_model()
    model.compile(ceras.optimizers.Adam(learning_rate=0.01), "binary_crossentropy",
                  metrics=["accuracy"], steps_per_execution=2)
    config = model.get_compile_config()
    assert config["loss"] == "binary_crossentropy" and config["metrics"] == ["accuracy"]
    assert config["optimizer"]["class_name"] == "Adam"
    other = _binary_model()
    other.compile_from_config(config)
    assert other.compiled and other.steps_per_execution == 2
    np.testing.assert_allclose(float(other.optimizer.learning_rate), 0.01, rtol=1e-6)


@pytest.mark.slow
def test_jit_compile_true_trains_like_eager():
    x, y = _data(n=32)
    results = []
    for jit in (False, True):
        ceras.utils.set_random_seed(3)
        model = _binary_model()
        model.compile("sgd", "binary_crossentropy", jit_compile=jit)
        results.append(model.fit(x, y, epochs=1, batch_size=32, verbose=0, shuffle=False)
                       .history["loss"][0])
    np.testing.assert_allclose(results[0], results[1], rtol=1e-5)
