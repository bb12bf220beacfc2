"""CSVLogger, ReduceLROnPlateau, LearningRateScheduler, TerminateOnNaN, LambdaCallback,
RemoteMonitor, SwapEMAWeights, History and CallbackList."""
import csv
import http.server
import json
import threading
import urllib.parse

import numpy as np
import pytest

import ceras
from ceras import callbacks
from callback_utils import ScriptedLogs, linear_model, regression_data


def test_csv_logger_rows_and_append(tmp_path):
    path = str(tmp_path / "log.csv")
    x, y = regression_data()
    model = linear_model()
    history = model.fit(x, y, epochs=2, validation_data=(x, y), verbose=0,
                        callbacks=[callbacks.CSVLogger(path)])
    with open(path) as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["epoch", "loss", "val_loss"]
    assert [r[0] for r in rows[1:]] == ["0", "1"]
    np.testing.assert_allclose([float(r[1]) for r in rows[1:]], history.history["loss"],
                               rtol=1e-6)
    np.testing.assert_allclose([float(r[2]) for r in rows[1:]], history.history["val_loss"],
                               rtol=1e-6)
    model.fit(x, y, epochs=1, validation_data=(x, y), verbose=0,
              callbacks=[callbacks.CSVLogger(path, append=True)])
    with open(path) as f:
        rows = list(csv.reader(f))
    assert len(rows) == 4 and rows[0][0] == "epoch" and rows[3][0] == "0"


def test_csv_logger_separator_and_missing_validation_columns(tmp_path):
    path = str(tmp_path / "log.tsv")
    x, y = regression_data()
    linear_model().fit(x, y, epochs=2, validation_data=(x, y), validation_freq=2, verbose=0,
                       callbacks=[callbacks.CSVLogger(path, separator="\t")])
    with open(path) as f:
        lines = f.read().splitlines()
    assert lines[0] == "epoch\tloss\tval_loss"
    assert lines[1].endswith("\tNA")


def test_csv_logger_matches_keras_file_layout(tmp_path, keras_oracle):
    keras = keras_oracle
    x, y = regression_data()
    k_model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    k_model.compile("sgd", "mse", metrics=["mae"])
    k_model.fit(x, y, epochs=1, verbose=0,
                callbacks=[keras.callbacks.CSVLogger(str(tmp_path / "k.csv"))])
    model = linear_model()
    model.compile("sgd", "mse", metrics=["mae"])
    model.fit(x, y, epochs=1, verbose=0, callbacks=[callbacks.CSVLogger(str(tmp_path / "c.csv"))])
    header = [open(tmp_path / name).readline() for name in ("k.csv", "c.csv")]
    assert header[0] == header[1]


def test_reduce_lr_on_plateau_lowers_the_rate():
    x, y = regression_data()
    model = linear_model(learning_rate=0.1)
    rates = []
    reduce = callbacks.ReduceLROnPlateau(monitor="val_score", factor=0.5, patience=1,
                                         mode="min", min_lr=0.03, cooldown=1)
    record = callbacks.LambdaCallback(
        on_epoch_end=lambda e, logs: rates.append(logs["learning_rate"]))
    model.fit(x, y, epochs=6, verbose=0, callbacks=[
        ScriptedLogs("val_score", [1.0, 1.0, 1.0, 1.0, 1.0, 1.0]), reduce, record])
    # Logged before each epoch's decision: the plateau halves the rate after epoch 1,
    # the cooldown ends at epoch 2, which halves again (clamped at min_lr).
    np.testing.assert_allclose(rates, [0.1, 0.1, 0.05, 0.03, 0.03, 0.03], rtol=1e-6)
    np.testing.assert_allclose(float(model.optimizer.learning_rate), 0.03, rtol=1e-6)
    with pytest.raises(ValueError, match="does not support a factor >= 1.0"):
        callbacks.ReduceLROnPlateau(factor=1.5)


def test_learning_rate_scheduler_sets_the_rate_each_epoch():
    x, y = regression_data()
    model = linear_model(learning_rate=0.1)
    history = model.fit(x, y, epochs=3, verbose=0, callbacks=[
        callbacks.LearningRateScheduler(lambda epoch, lr: 0.1 / (epoch + 1))])
    np.testing.assert_allclose(history.history["learning_rate"], [0.1, 0.05, 0.1 / 3],
                               rtol=1e-6)
    model.fit(x, y, epochs=1, verbose=0,
              callbacks=[callbacks.LearningRateScheduler(lambda epoch: 0.02)])
    np.testing.assert_allclose(float(model.optimizer.learning_rate), 0.02, rtol=1e-6)
    with pytest.raises(ValueError, match="should be a float"):
        model.fit(x, y, epochs=1, verbose=0,
                  callbacks=[callbacks.LearningRateScheduler(lambda epoch: "fast")])


def test_terminate_on_nan_stops_at_the_first_bad_batch(capsys):
    x, y = regression_data()
    x[20] = np.nan
    model = linear_model()
    history = model.fit(x, y, batch_size=8, epochs=3, shuffle=False, verbose=0,
                        callbacks=[callbacks.TerminateOnNaN()])
    assert "Batch 2: Invalid loss, terminating training" in capsys.readouterr().out
    assert len(history.history["loss"]) == 1
    assert int(model.optimizer.iterations.numpy()) == 3


def test_lambda_callback_hooks_and_unknown_hook():
    events = []
    cb = callbacks.LambdaCallback(
        on_train_begin=lambda logs: events.append("train_begin"),
        on_epoch_end=lambda epoch, logs: events.append(("epoch", epoch, sorted(logs))),
        on_train_batch_begin=lambda batch, logs: events.append(("batch", batch)),
        on_test_begin=lambda logs: events.append("test_begin"))
    x, y = regression_data(n=16)
    linear_model().fit(x, y, batch_size=8, epochs=1, validation_data=(x, y), verbose=0,
                       callbacks=[cb])
    assert events == ["train_begin", ("batch", 0), ("batch", 1), "test_begin",
                      ("epoch", 0, ["loss", "val_loss"])]
    with pytest.raises(ValueError, match="unknown hook 'on_lunch'"):
        callbacks.LambdaCallback(on_lunch=print)


class _Collector(http.server.BaseHTTPRequestHandler):
    received = []

    def do_POST(self):  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        type(self).received.append((self.path, self.headers["Content-Type"], body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("send_as_json", [False, True])
def test_remote_monitor_posts_epoch_logs(send_as_json):
    _Collector.received = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Collector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        x, y = regression_data()
        monitor = callbacks.RemoteMonitor(root=f"http://127.0.0.1:{server.server_port}",
                                          send_as_json=send_as_json)
        linear_model().fit(x, y, epochs=2, verbose=0, callbacks=[monitor])
    finally:
        server.shutdown()
    assert len(_Collector.received) == 2
    path, content_type, body = _Collector.received[1]
    assert path == "/publish/epoch/end/"
    if send_as_json:
        assert content_type == "application/json"
        payload = json.loads(body)
    else:
        payload = json.loads(urllib.parse.parse_qs(body)["data"][0])
    assert payload["epoch"] == 1 and isinstance(payload["loss"], float)


def test_remote_monitor_warns_when_unreachable():
    x, y = regression_data()
    with pytest.warns(UserWarning, match="Could not reach RemoteMonitor root server"):
        linear_model().fit(x, y, epochs=1, verbose=0, callbacks=[
            callbacks.RemoteMonitor(root="http://127.0.0.1:9")])


def test_swap_ema_weights_evaluates_with_the_averages():
    x, y = regression_data()
    model = linear_model(optimizer=ceras.optimizers.SGD(0.05, use_ema=True, ema_momentum=0.9))
    seen = {}

    class Capture(callbacks.Callback):
        def on_test_begin(self, logs=None):
            seen["test"] = self.model.get_weights()

    model.fit(x, y, epochs=2, verbose=0, validation_data=(x, y),
              callbacks=[callbacks.SwapEMAWeights(), Capture()])
    averages = [v.numpy() for v in model.optimizer._model_variables_moving_average]
    # During validation the model held the moving averages; fit ends with them too
    # (the optimizer finalizes EMA weights).
    for w, avg in zip(seen["test"], averages):
        np.testing.assert_allclose(w, avg, rtol=1e-6)
    with pytest.raises(ValueError, match="use_ema=True"):
        linear_model().fit(x, y, epochs=1, verbose=0, validation_data=(x, y),
                           callbacks=[callbacks.SwapEMAWeights()])


def test_callback_list_calls_only_overridden_hooks_and_adds_defaults():
    class BatchOnly(callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            pass

    class Legacy(callbacks.Callback):
        def on_batch_end(self, batch, logs=None):
            pass

    cbs = callbacks.CallbackList([BatchOnly(), Legacy()], add_history=True, add_progbar=True,
                                 verbose=1, epochs=1, steps=3)
    assert [type(c).__name__ for c in cbs] == ["BatchOnly", "Legacy", "History",
                                               "ProgbarLogger"]
    assert cbs.has_hook("on_train_batch_end")
    assert not cbs.has_hook("on_train_batch_begin")
    assert cbs.has_hook("on_predict_batch_end")  # the progress bar's
    assert cbs.callbacks[2].params == {"verbose": 1, "epochs": 1, "steps": 3}
    with pytest.raises(TypeError, match="must be a list of ceras.callbacks.Callback"):
        callbacks.CallbackList([object()])
