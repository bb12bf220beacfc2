"""EarlyStopping: stops after `patience` epochs without improvement, restores the best."""
import numpy as np
import pytest

from ceras import callbacks
from callback_utils import ScriptedLogs, linear_model, regression_data


class RecordWeights(callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.weights = []

    def on_epoch_end(self, epoch, logs=None):
        self.weights.append(self.model.get_weights())


def _fit(values, **kwargs):
    x, y = regression_data()
    model = linear_model()
    record = RecordWeights()
    stopper = callbacks.EarlyStopping(monitor="val_score", **kwargs)
    history = model.fit(x, y, epochs=len(values), verbose=0,
                        callbacks=[ScriptedLogs("val_score", values), record, stopper])
    return model, history, record, stopper


def test_stops_after_patience_and_restores_best_weights():
    values = [5.0, 3.0, 4.0, 4.5, 3.5, 1.0, 0.5]
    model, history, record, stopper = _fit(values, patience=2, mode="min",
                                           restore_best_weights=True)
    # Best at epoch 1; epochs 2 and 3 do not improve: training stops after epoch 3.
    assert len(history.history["loss"]) == 4
    assert stopper.stopped_epoch == 3 and stopper.best_epoch == 1 and stopper.best == 3.0
    for actual, best in zip(model.get_weights(), record.weights[1]):
        np.testing.assert_array_equal(actual, best)


def test_min_delta_mode_max_and_baseline():
    _, history, _, _ = _fit([0.5, 0.52, 0.53, 0.9], patience=1, mode="max", min_delta=0.05)
    assert len(history.history["loss"]) == 2
    # Below the baseline, improvements do not restart the patience count.
    values = [0.1, 0.2, 0.2, 0.2, 0.2]
    _, history, _, _ = _fit(values, patience=2, mode="max", baseline=0.9)
    assert len(history.history["loss"]) == 3
    _, history, _, _ = _fit(values, patience=2, mode="max")
    assert len(history.history["loss"]) == 4


def test_start_from_epoch_ignores_early_epochs():
    _, history, _, _ = _fit([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], patience=1, mode="min",
                            start_from_epoch=3)
    assert len(history.history["loss"]) == 5


def test_auto_mode_from_name_and_unknown_metric_error():
    stopper = callbacks.EarlyStopping(monitor="val_accuracy")
    x, y = regression_data()
    model = linear_model()
    model.fit(x, y, epochs=2, verbose=0,
              callbacks=[ScriptedLogs("val_accuracy", [0.5, 0.6]), stopper])
    assert stopper._direction == "max"
    with pytest.raises(ValueError, match="cannot tell whether that metric should be "
                                         "maximized or minimized"):
        linear_model().fit(x, y, epochs=1, verbose=0, callbacks=[
            ScriptedLogs("val_zork", [1.0]), callbacks.EarlyStopping(monitor="val_zork")])


def test_missing_monitor_warns_and_keeps_training():
    x, y = regression_data()
    with pytest.warns(UserWarning, match="Early stopping is conditioned on metric `val_loss` "
                                         "which is not available. Available metrics are: loss"):
        history = linear_model().fit(x, y, epochs=2, verbose=0,
                                     callbacks=[callbacks.EarlyStopping()])
    assert len(history.history["loss"]) == 2


def test_real_val_loss_stops_a_diverging_fit():
    x, y = regression_data()
    model = linear_model(learning_rate=1.5)  # diverges: val_loss grows every epoch
    history = model.fit(x, y, validation_data=(x, y), epochs=20, verbose=0,
                        callbacks=[callbacks.EarlyStopping(patience=1,
                                                           restore_best_weights=True)])
    assert len(history.history["loss"]) < 20
    best = min(history.history["val_loss"])
    np.testing.assert_allclose(model.evaluate(x, y, verbose=0), best, rtol=1e-5)
