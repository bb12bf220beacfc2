"""ModelCheckpoint: templated paths, best-only saving, batch frequency, thresholds."""
import os

import numpy as np
import pytest

import ceras
from ceras import callbacks
from callback_utils import ScriptedLogs, linear_model, regression_data


class RecordWeights(callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.weights = []

    def on_epoch_end(self, epoch, logs=None):
        self.weights.append(self.model.get_weights())


def _fit(checkpoint, values, epochs=None):
    x, y = regression_data()
    model = linear_model()
    record = RecordWeights()
    model.fit(x, y, epochs=epochs or len(values), verbose=0, batch_size=16,
              callbacks=[ScriptedLogs("val_score", values), record, checkpoint])
    return model, record


def test_save_best_only_keeps_the_best_epochs_weights(tmp_path):
    path = str(tmp_path / "best.weights.h5")
    checkpoint = callbacks.ModelCheckpoint(path, monitor="val_score", mode="min",
                                           save_best_only=True, save_weights_only=True)
    _, record = _fit(checkpoint, [3.0, 1.0, 2.0, 1.5])
    restored = linear_model()
    restored.load_weights(path)
    for actual, best in zip(restored.get_weights(), record.weights[1]):
        np.testing.assert_array_equal(actual, best)
    assert checkpoint.best == 1.0


def test_templated_paths_only_for_improving_epochs(tmp_path):
    template = str(tmp_path / "w.{epoch:02d}-{val_score:.2f}.weights.h5")
    checkpoint = callbacks.ModelCheckpoint(template, monitor="val_score", mode="max",
                                           save_best_only=True, save_weights_only=True)
    _fit(checkpoint, [0.5, 0.4, 0.75, 0.7])
    assert sorted(os.listdir(tmp_path)) == ["w.01-0.50.weights.h5", "w.03-0.75.weights.h5"]


def test_every_epoch_full_model_files_load(tmp_path):
    template = str(tmp_path / "model.{epoch}.keras")
    model, _ = _fit(callbacks.ModelCheckpoint(template), [1.0, 1.0])
    assert sorted(os.listdir(tmp_path)) == ["model.1.keras", "model.2.keras"]
    loaded = ceras.saving.load_model(str(tmp_path / "model.2.keras"))
    for a, b in zip(loaded.get_weights(), model.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_integer_save_freq_saves_every_n_batches(tmp_path):
    template = str(tmp_path / "e{epoch}-b{batch}.weights.h5")
    checkpoint = callbacks.ModelCheckpoint(template, save_weights_only=True, save_freq=3)
    _fit(checkpoint, [1.0, 1.0])  # 64 samples, batch 16: 4 batches per epoch, 8 in all
    assert sorted(os.listdir(tmp_path)) == ["e1-b3.weights.h5", "e2-b2.weights.h5"]


def test_initial_value_threshold_must_be_beaten(tmp_path):
    path = str(tmp_path / "m.weights.h5")
    checkpoint = callbacks.ModelCheckpoint(path, monitor="val_score", mode="min",
                                           save_best_only=True, save_weights_only=True,
                                           initial_value_threshold=0.5)
    _fit(checkpoint, [0.9, 0.6])
    assert not os.path.exists(path)
    _fit(checkpoint, [0.9, 0.4])
    assert os.path.exists(path)


def test_filepath_extension_and_format_errors(tmp_path):
    with pytest.raises(ValueError, match=r"must end in `\.weights\.h5`"):
        callbacks.ModelCheckpoint(str(tmp_path / "w.h5"), save_weights_only=True)
    with pytest.raises(ValueError, match=r"must end in `\.keras`"):
        callbacks.ModelCheckpoint(str(tmp_path / "model.pt"))
    with pytest.raises(ValueError, match="save_freq to be 'epoch' or a positive integer"):
        callbacks.ModelCheckpoint(str(tmp_path / "m.keras"), save_freq="batch")
    checkpoint = callbacks.ModelCheckpoint(str(tmp_path / "{nothing}.keras"))
    with pytest.raises(KeyError, match="Failed to format this callback filepath"):
        _fit(checkpoint, [1.0])
