"""Progbar and ProgbarLogger: Keras's look, in place on a terminal, quiet in a log."""
import io
import re

import numpy as np
import pytest

import ceras
from ceras import layers
from ceras.utils.progbar import Progbar

_BAR = "━" * 20


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_log_file_gets_only_the_final_line():
    stream = io.StringIO()
    bar = Progbar(5, stream=stream)
    for step in range(1, 6):
        bar.update(step, [("loss", 0.25), ("accuracy", 0.91)])
    text = stream.getvalue()
    assert re.fullmatch(rf"5/5 {_BAR} 0s \d+us/step - loss: 0\.2500 - accuracy: 0\.9100\n",
                        text), text


def test_terminal_redraws_in_place_with_colors():
    stream = FakeTerminal()
    bar = Progbar(3, stream=stream, interval=0.0, stateless_metrics=())
    bar.update(1, [("loss", 1.0)])
    bar.update(2, [("loss", 0.5)])
    bar.update(3, [("loss", 0.25)])
    text = stream.getvalue()
    assert text.count("\r") == 3 and text.endswith("\n") and text.count("\n") == 1
    assert "\x1b[32m" in text and "\x1b[1m3/3\x1b[0m" in text
    assert text.rstrip().endswith("loss: 0.2500")


def test_terminal_respects_the_interval():
    stream = FakeTerminal()
    bar = Progbar(1000, stream=stream, interval=3600)
    bar.update(1)
    for step in range(2, 1000):
        assert not bar.due(step)
        bar.update(step)
    assert bar.due(1000)
    bar.update(1000)
    assert stream.getvalue().count("\r") == 2


def test_verbose_2_prints_one_line():
    stream = io.StringIO()
    bar = Progbar(4, verbose=2, stream=stream)
    for step in range(1, 5):
        bar.update(step, {"loss": 0.5})
    assert re.fullmatch(r"4/4 - 0s - \d+us/step - loss: 0\.5000\n", stream.getvalue())


def test_averaged_and_stateful_values():
    stream = io.StringIO()
    bar = Progbar(2, stream=stream, stateful_metrics=["acc"])
    bar.update(1, [("loss", 1.0), ("acc", 0.1)])
    bar.update(2, [("loss", 3.0), ("acc", 0.7)])
    assert "loss: 2.0000 - acc: 0.7000" in stream.getvalue()


def test_small_values_use_scientific_notation_and_unknown_target():
    stream = io.StringIO()
    bar = Progbar(None, stream=stream, stateless_metrics=())
    bar.update(3, [("loss", 1e-5)], finalize=True)
    assert re.fullmatch(r"3/Unknown 0s \d+us/step - loss: 1\.0000e-05\n", stream.getvalue())


def test_invalid_arguments():
    with pytest.raises(ValueError, match="verbose to be 0, 1 or 2, received 3"):
        Progbar(3, verbose=3)
    with pytest.raises(ValueError, match="only one of `stateful_metrics` and "
                                         "`stateless_metrics`"):
        Progbar(3, stateful_metrics=["a"], stateless_metrics=["b"])


def _model():
    model = ceras.Sequential([ceras.Input((2,)), layers.Dense(1)])
    model.compile("sgd", "mse", metrics=["mae"])
    return model


def test_fit_progress_in_a_log_is_two_lines_per_epoch(capsys):
    x = np.ones((40, 2), "float32")
    _model().fit(x, x[:, :1], epochs=2, batch_size=10, validation_data=(x, x[:, :1]))
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4 and lines[0] == "Epoch 1/2" and lines[2] == "Epoch 2/2"
    assert re.fullmatch(rf"4/4 {_BAR} \d+s \d+[mu]?s/step - loss: \S+ - mae: \S+ - "
                        r"val_loss: \S+ - val_mae: \S+", lines[1]), lines[1]


def test_fit_verbose_2_and_single_epoch_has_no_epoch_header(capsys):
    x = np.ones((40, 2), "float32")
    _model().fit(x, x[:, :1], epochs=1, batch_size=10, verbose=2)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    assert re.fullmatch(r"4/4 - \d+s - \d+[mu]?s/step - loss: \S+ - mae: \S+", lines[0])


def test_evaluate_and_predict_bars(capsys):
    x = np.ones((40, 2), "float32")
    model = _model()
    model.evaluate(x, x[:, :1], batch_size=10)
    model.predict(x, batch_size=10)
    model.predict(x, verbose=0)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert re.fullmatch(rf"4/4 {_BAR} \d+s \d+[mu]?s/step - loss: \S+ - mae: \S+", lines[0])
    assert re.fullmatch(rf"4/4 {_BAR} \d+s \d+[mu]?s/step", lines[1])


def test_fit_on_a_terminal_reads_logs_only_when_drawing(monkeypatch):
    stream = FakeTerminal()
    monkeypatch.setattr("sys.stdout", stream)
    reads = []
    x = np.ones((400, 2), "float32")
    model = _model()
    fill = model._metrics_result_tensors

    def counting():
        reads.append(1)
        return fill()

    monkeypatch.setattr(model, "_metrics_result_tensors", counting)
    model.fit(x, x[:, :1], epochs=1, batch_size=1, verbose=1)
    text = stream.getvalue()
    assert "\r" in text and text.endswith("\n")
    assert len(reads) < 100  # 400 steps; the bar redraws every 0.05 s at most


def test_disabled_interactive_logging_prints_plain_lines():
    stream = FakeTerminal()
    ceras.utils.disable_interactive_logging()
    try:
        bar = Progbar(3, stream=stream, interval=0.0)
        for step in range(1, 4):
            bar.update(step, [("loss", 0.5)])
    finally:
        ceras.utils.enable_interactive_logging()
    assert "\r" not in stream.getvalue() and "\x1b[" not in stream.getvalue()
    assert stream.getvalue().count("\n") == 1
