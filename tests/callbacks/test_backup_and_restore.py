"""BackupAndRestore: a crashed fit, started again, ends with the weights of an
uninterrupted one (optimizer state, batch order and dropout masks included)."""
import os

import numpy as np
import pytest

import ceras
from ceras import callbacks, layers


class Crash(callbacks.Callback):
    def __init__(self, epoch, batch):
        super().__init__()
        self.at = (epoch, batch)
        self.epoch = None

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch = epoch

    def on_train_batch_end(self, batch, logs=None):
        if (self.epoch, batch) == self.at:
            raise RuntimeError("simulated crash")


def _data():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 5)).astype("float32")
    y = (x[:, 0] - x[:, 1] > 0).astype("float32")
    return x, y


def _model(seed):
    ceras.utils.set_random_seed(seed)
    model = ceras.Sequential([ceras.Input((5,)), layers.Dense(16, activation="relu"),
                              layers.Dropout(0.3), layers.Dense(1, activation="sigmoid")])
    model.compile(ceras.optimizers.Adam(0.01), "binary_crossentropy")
    return model


def _reference(epochs=4):
    x, y = _data()
    model = _model(seed=1)
    model.fit(x, y, epochs=epochs, batch_size=8, verbose=0)
    return model.get_weights()


@pytest.mark.parametrize("save_freq, crash_at", [("epoch", (2, 3)), (3, (2, 4))])
def test_resumed_fit_ends_with_the_uninterrupted_weights(tmp_path, save_freq, crash_at):
    expected = _reference()
    x, y = _data()
    backup_dir = str(tmp_path / "backup")
    model = _model(seed=1)
    with pytest.raises(RuntimeError, match="simulated crash"):
        model.fit(x, y, epochs=4, batch_size=8, verbose=0, callbacks=[
            callbacks.BackupAndRestore(backup_dir, save_freq=save_freq), Crash(*crash_at)])
    assert os.path.exists(os.path.join(backup_dir, "training_metadata.json"))

    resumed = _model(seed=99)  # a new process: different initial weights and seeds
    epochs_run = []
    history = resumed.fit(x, y, epochs=4, batch_size=8, verbose=0, callbacks=[
        callbacks.BackupAndRestore(backup_dir, save_freq=save_freq),
        callbacks.LambdaCallback(on_epoch_begin=lambda e, logs: epochs_run.append(e))])
    assert epochs_run == [2, 3]
    assert len(history.history["loss"]) == 2
    for actual, wanted in zip(resumed.get_weights(), expected):
        np.testing.assert_allclose(actual, wanted, rtol=1e-6, atol=1e-7)
    assert not os.path.exists(backup_dir)  # deleted once training finished


def test_backup_is_kept_when_asked_and_a_finished_run_resumes_to_the_end(tmp_path):
    x, y = _data()
    backup_dir = str(tmp_path / "backup")
    model = _model(seed=1)
    model.fit(x, y, epochs=2, batch_size=8, verbose=0, callbacks=[
        callbacks.BackupAndRestore(backup_dir, delete_checkpoint=False)])
    assert sorted(os.listdir(backup_dir)) == ["latest.weights.npz", "training_metadata.json"]
    again = _model(seed=5)
    history = again.fit(x, y, epochs=2, batch_size=8, verbose=0, callbacks=[
        callbacks.BackupAndRestore(backup_dir, delete_checkpoint=False)])
    assert history.history == {}
    for a, b in zip(again.get_weights(), model.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_invalid_arguments():
    with pytest.raises(ValueError, match="Expected either 'epoch' or a positive integer"):
        callbacks.BackupAndRestore("/tmp/x", save_freq="batch")
    with pytest.raises(ValueError, match="non-empty backup_dir"):
        callbacks.BackupAndRestore("")
